/**
 * Policy documents that mention a value not known until deployment (a KMS key ARN) are built with a
 * placeholder, which is then swapped for that value in place. The document stays a structure with
 * one unknown leaf rather than one unknown string, so in preview guardrails can still read every
 * statement that does not depend on the value (TLS-only, public access, perimeter).
 */
import type * as aws from "../aws";
import type * as pulumi from "@pulumi/pulumi";
import type { PolicyDocument } from "../policy/policyDocument";

/** Stands for the value in a document under construction; never reaches AWS. */
export const PENDING_VALUE = "meshkit:pending-value";

export function fillPending(doc: PolicyDocument, value: pulumi.Input<string>): aws.iam.PolicyDocument {
  const fill = (node: unknown): unknown => {
    if (node === PENDING_VALUE) return value;
    if (Array.isArray(node)) return node.map(fill);
    if (node !== null && typeof node === "object") {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v)]));
    }
    return node;
  };
  return fill(doc) as aws.iam.PolicyDocument;
}
