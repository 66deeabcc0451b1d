// The review as one JSON object, in the shape the design fixes. No timings or timestamps, so the same
// input gives byte-identical output.
import type { ChangeReview } from "../changes/model";
import type { Review } from "../review/model";

function changesJson(changes: ChangeReview) {
  return {
    base: changes.base,
    resources: changes.resources.map((r) => ({
      urn: r.urn,
      type: r.type,
      action: r.action,
      changedProperties: r.changedProperties,
      ...(r.previousUrn ? { previousUrn: r.previousUrn } : {}),
    })),
    contracts: changes.contracts.map((c) => ({
      domain: c.domain,
      product: c.product,
      fromVersion: c.fromVersion,
      toVersion: c.toVersion,
      compatibility: c.compatibility,
      compatible: c.compatible,
      reasons: c.reasons,
    })),
  };
}

export function jsonReport(review: Review): string {
  const doc = {
    stack: review.stack,
    project: review.project,
    resources: review.resources.map((r) => ({ urn: r.urn, type: r.type, name: r.name, parent: r.parent ?? null, protect: r.protect })),
    violations: review.findings.map((f) => ({
      policyPack: f.policyPack,
      policy: f.policy,
      severity: f.severity,
      enforcementLevel: f.enforcementLevel,
      urn: f.urn ?? null,
      message: f.message,
      frameworks: f.frameworks,
      exempted: f.exempted,
    })),
    summary: review.summary,
    ...(review.changes ? { changes: changesJson(review.changes) } : {}),
  };
  return JSON.stringify(doc, null, 2) + "\n";
}
