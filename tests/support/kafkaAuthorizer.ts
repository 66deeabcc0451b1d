/**
 * Kafka's ACL authorization semantics (AclAuthorizer / StandardAuthorizer), for checking generated
 * `kafka.Acl` resources without a broker:
 *
 * - an ACL applies when its resource type matches and its pattern matches the resource name
 *   (LITERAL: equal, or the literal wildcard name `*`; PREFIXED: the name starts with it), its
 *   principal is the caller or the wildcard `User:*`, and its host is the caller's or `*`;
 * - DENY wins over ALLOW; a DENY applies to its own operation or ALL;
 * - an ALLOW applies to its own operation or ALL, and READ, WRITE, DELETE and ALTER imply
 *   DESCRIBE, ALTER_CONFIGS implies DESCRIBE_CONFIGS;
 * - anything not allowed is denied (allow.everyone.if.no.acl.found=false, no super users).
 */

/** An ACL as the `kafka.Acl` resource takes it (the provider's spelling, any case). */
export interface KafkaAcl {
  readonly aclPrincipal: string;
  readonly aclHost: string;
  readonly aclOperation: string;
  readonly aclPermissionType: string;
  readonly aclResourceType: string;
  readonly aclResourceName: string;
  /** Literal when omitted, as in the provider. */
  readonly resourcePatternTypeFilter?: string;
}

export interface KafkaRequest {
  readonly principal: string;
  readonly host: string;
  readonly operation: string;
  readonly resourceType: string;
  readonly resourceName: string;
}

const WILDCARD_PRINCIPAL = "User:*";
const WILDCARD_RESOURCE = "*";
const WILDCARD_HOST = "*";

/** Operations an ALLOW on the key also allows. */
const IMPLIED_BY: Record<string, readonly string[]> = {
  DESCRIBE: ["READ", "WRITE", "DELETE", "ALTER"],
  DESCRIBE_CONFIGS: ["ALTER_CONFIGS"],
};

/** `DescribeConfigs`, `DESCRIBE_CONFIGS` and `describe-configs` name one thing. */
const canonical = (value: string) => value.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase().replace(/-/g, "_");

function patternMatches(acl: KafkaAcl, resourceName: string): boolean {
  const pattern = canonical(acl.resourcePatternTypeFilter ?? "Literal");
  if (pattern === "LITERAL") return acl.aclResourceName === resourceName || acl.aclResourceName === WILDCARD_RESOURCE;
  if (pattern === "PREFIXED") return resourceName.startsWith(acl.aclResourceName);
  throw new Error(`kafka ACL pattern ${acl.resourcePatternTypeFilter} cannot be stored on a broker (only LITERAL and PREFIXED)`);
}

function applies(acl: KafkaAcl, request: KafkaRequest): boolean {
  return (
    canonical(acl.aclResourceType) === canonical(request.resourceType) &&
    patternMatches(acl, request.resourceName) &&
    (acl.aclPrincipal === request.principal || acl.aclPrincipal === WILDCARD_PRINCIPAL) &&
    (acl.aclHost === request.host || acl.aclHost === WILDCARD_HOST)
  );
}

export function isAuthorized(acls: readonly KafkaAcl[], request: KafkaRequest): boolean {
  const operation = canonical(request.operation);
  const matching = acls.filter((acl) => applies(acl, request));
  const denied = matching.some((acl) => canonical(acl.aclPermissionType) === "DENY" && [operation, "ALL"].includes(canonical(acl.aclOperation)));
  if (denied) return false;
  const allowing = [operation, "ALL", ...(IMPLIED_BY[operation] ?? [])];
  return matching.some((acl) => canonical(acl.aclPermissionType) === "ALLOW" && allowing.includes(canonical(acl.aclOperation)));
}
