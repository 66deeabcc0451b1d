/** Kafka ACLs as the streaming rules read them: fields normalised, matching case-insensitive. */
import { lower, text } from "./values";

export interface AclView {
  readonly principal: string;
  /** Lower-case: `topic`, `group`, `cluster`, … */
  readonly resourceType: string;
  readonly resourceName: string;
  /** Lower-case pattern type; Kafka's default is `literal`. */
  readonly pattern: string;
  /** Lower-case operation: `read`, `write`, `all`, … */
  readonly operation: string;
  readonly allow: boolean;
}

/** Operations that only read a topic; every other operation changes it or its data. */
const READ_OPERATIONS = new Set(["read", "describe", "describeconfigs"]);

/** An ACL's fields, missing ones empty (never throws on a missing value). */
export function readAcl(props: Record<string, unknown>): AclView {
  return {
    principal: text(props.aclPrincipal) ?? "",
    resourceType: lower(props.aclResourceType) ?? "",
    resourceName: text(props.aclResourceName) ?? "",
    pattern: lower(props.resourcePatternTypeFilter) ?? "literal",
    operation: lower(props.aclOperation) ?? "",
    allow: lower(props.aclPermissionType) === "allow",
  };
}

/** Whether the ACL grants a (lower-case) operation: All grants every one. */
export function grants(acl: AclView, operation: string): boolean {
  return acl.operation === "all" || acl.operation === operation;
}

export function isReadOnly(acl: AclView): boolean {
  return READ_OPERATIONS.has(acl.operation);
}

/** Whether the ACL stays inside a name prefix: a Literal name in it, or a Prefixed pattern at least as narrow. */
export function within(acl: AclView, prefix: string): boolean {
  return (acl.pattern === "literal" || acl.pattern === "prefixed") && acl.resourceName.startsWith(prefix);
}
