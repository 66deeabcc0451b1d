/**
 * IAM guardrails: least privilege in identity policies (no wildcard actions, no wildcard resources
 * on data actions, no PassRole on every role), trust and resource policies never open to everyone,
 * permissions boundaries on roles, and no broad managed policies.
 *
 * Policy documents are read wherever they live (JSON strings or objects): identity policies on
 * Policy, RolePolicy, UserPolicy, GroupPolicy and a Role's inline policies; trust policies on Role;
 * resource policies on S3 buckets, KMS keys, the Glue catalog and MSK clusters.
 */
import type { Policies, ResourceValidationArgs } from "@pulumi/policy";
import { ROLE_PATH } from "../../conventions";
import { isUnknownValueError } from "../lib/preview";
import { resourceRule, type ConfigProperties } from "../lib/rule";
import { text } from "../lib/values";

const ROLE = "aws:iam/role:Role";
const IDENTITY_POLICY_TYPES = new Set([
  "aws:iam/policy:Policy",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/userPolicy:UserPolicy",
  "aws:iam/groupPolicy:GroupPolicy",
]);
const KMS_POLICY_TYPES = new Set(["aws:kms/key:Key", "aws:kms/keyPolicy:KeyPolicy"]);
const RESOURCE_POLICY_TYPES = new Set([
  "aws:s3/bucketPolicy:BucketPolicy",
  "aws:glue/resourcePolicy:ResourcePolicy",
  "aws:msk/clusterPolicy:ClusterPolicy",
  ...KMS_POLICY_TYPES,
]);
const ATTACHMENT_TYPES = new Set([
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:iam/userPolicyAttachment:UserPolicyAttachment",
  "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
  "aws:iam/policyAttachment:PolicyAttachment",
]);
const EXCLUSIVE_ATTACHMENTS = "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive";

/** Services that hold or guard a data product's data, plus IAM itself. */
const DATA_SERVICES = ["s3", "kms", "glue", "kafka", "kafka-cluster", "iam"];
/** Actions that AWS only authorises on `*` (listing), harmless to grant on every resource. */
const LIST_ONLY_ACTIONS = ["s3:ListAllMyBuckets", "kms:ListKeys", "kms:ListAliases", "kafka:ListClusters", "kafka:ListClustersV2", "glue:GetDatabases"];
/** Condition keys that confine a `*` principal to known accounts, organisations, sources or networks. */
const RESTRICTING_CONDITION_KEYS = [
  "aws:PrincipalOrgID",
  "aws:PrincipalOrgPaths",
  "aws:PrincipalAccount",
  "aws:PrincipalArn",
  "aws:SourceAccount",
  "aws:SourceArn",
  "aws:SourceOrgID",
  "aws:SourceVpce",
  "aws:SourceVpc",
  "kms:CallerAccount",
];
/** Operators whose match confines a request to the listed values (negations and IfExists do not). */
const CONFINING_OPERATORS = new Set([
  "stringequals",
  "stringequalsignorecase",
  "stringlike",
  "arnequals",
  "arnlike",
  "foranyvalue:stringequals",
  "foranyvalue:stringlike",
]);

// ---------------------------------------------------------------------------------------------
// Policy documents.

interface Condition {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

interface Principal {
  readonly type: string;
  readonly id: string;
}

interface Statement {
  readonly allow: boolean;
  /** Action patterns, from Action or NotAction, as written (IAM compares them case-insensitively). */
  readonly actions: readonly string[];
  readonly notAction: boolean;
  readonly resources: readonly string[];
  readonly notResource: boolean;
  readonly principals: readonly Principal[];
  readonly notPrincipal: boolean;
  readonly conditions: readonly Condition[];
}

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  const out: string[] = [];
  if (Array.isArray(value)) for (const v of value) if (typeof v === "string") out.push(v);
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function principalsOf(value: unknown): Principal[] {
  if (value === "*") return [{ type: "*", id: "*" }];
  const out: Principal[] = [];
  if (isObject(value)) {
    for (const [type, ids] of Object.entries(value)) for (const id of strings(ids)) out.push({ type, id });
  }
  return out;
}

function conditionsOf(value: unknown): Condition[] {
  const out: Condition[] = [];
  if (!isObject(value)) return out;
  for (const [operator, entries] of Object.entries(value)) {
    if (!isObject(entries)) continue;
    for (const [key, values] of Object.entries(entries)) {
      out.push({ operator: operator.toLowerCase(), key: key.toLowerCase(), values: strings(values).concat(typeof values === "boolean" ? [String(values)] : []) });
    }
  }
  return out;
}

function statementOf(raw: Record<string, unknown>): Statement {
  const notAction = raw.NotAction !== undefined;
  const notResource = raw.NotResource !== undefined;
  const notPrincipal = raw.NotPrincipal !== undefined;
  return {
    allow: raw.Effect === "Allow",
    actions: strings(notAction ? raw.NotAction : raw.Action),
    notAction,
    resources: strings(notResource ? raw.NotResource : raw.Resource),
    notResource,
    principals: principalsOf(notPrincipal ? raw.NotPrincipal : raw.Principal),
    notPrincipal,
    conditions: conditionsOf(raw.Condition),
  };
}

function statementsOf(document: unknown): Statement[] {
  if (!isObject(document)) return [];
  const raw = document.Statement;
  const list = Array.isArray(raw) ? raw : [raw];
  const out: Statement[] = [];
  for (const s of list) if (isObject(s)) out.push(statementOf(s));
  return out;
}

/** The last JSON text parsed: every IAM rule reads the same document of the same resource in turn. */
let lastText: string | undefined;
let lastParsed: Statement[] | "invalid" = [];

/**
 * The statements of a policy document, or "invalid" when it is a string that is not JSON.
 * Values unknown in preview throw from the library's proxy; they are never caught here.
 */
function parseDocument(document: unknown): Statement[] | "invalid" {
  if (typeof document !== "string") return statementsOf(document);
  if (document === lastText) return lastParsed;
  let parsed: Statement[] | "invalid";
  try {
    parsed = statementsOf(JSON.parse(document));
  } catch {
    parsed = "invalid";
  }
  lastText = document;
  lastParsed = parsed;
  return parsed;
}

interface Document {
  readonly label: string;
  readonly statements: Statement[] | "invalid";
}

/** The identity-policy documents a resource carries. */
function identityDocuments(args: ResourceValidationArgs): Document[] {
  if (IDENTITY_POLICY_TYPES.has(args.type)) return [{ label: "policy", statements: parseDocument(args.props.policy) }];
  if (args.type !== ROLE) return [];
  const inline: unknown = args.props.inlinePolicies;
  const docs: Document[] = [];
  if (Array.isArray(inline)) {
    for (const p of inline) {
      if (isObject(p)) docs.push({ label: `inline policy '${String(p.name ?? "")}'`, statements: parseDocument(p.policy) });
    }
  }
  return docs;
}

function resourceDocuments(args: ResourceValidationArgs): Document[] {
  if (!RESOURCE_POLICY_TYPES.has(args.type)) return [];
  return [{ label: "resource policy", statements: parseDocument(args.props.policy) }];
}

// ---------------------------------------------------------------------------------------------
// Matching.

const globCache = new Map<string, RegExp>();
/** IAM wildcards: `*` any run, `?` one character; case-insensitive as IAM actions are. */
function glob(pattern: string): RegExp {
  let re = globCache.get(pattern);
  if (re === undefined) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    re = new RegExp(`^${body}$`, "i");
    globCache.set(pattern, re);
  }
  return re;
}

/** Whether the statement allows `action` (respecting NotAction, which allows everything unlisted). */
function allowsAction(s: Statement, action: string): boolean {
  const listed = s.actions.some((a) => glob(a).test(action));
  return s.notAction ? !listed : listed;
}

function serviceOf(action: string): string {
  const i = action.indexOf(":");
  return i < 0 ? action : action.slice(0, i);
}

/** Whether an action pattern reaches any of the services (`*`, `s3:*`, `s*:get*` all reach s3). */
function reachesService(action: string, services: readonly string[]): boolean {
  const service = glob(serviceOf(action));
  return services.some((svc) => service.test(svc));
}

/**
 * `*`, or an ARN naming every resource of its kind: S3's bucket segment a wildcard (`arn:aws:s3:::*`,
 * `…:::*` + `/*`), elsewhere a resource part of only wildcards, optionally under a type (`key/*`,
 * `role/*`, `table/*`). A bucket's own objects (`arn:aws:s3:::orders/*`) are one resource's.
 */
function isWildcardResource(resource: string): boolean {
  if (resource === "*") return true;
  const parts = resource.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return false;
  const resourcePart = parts.slice(5).join(":");
  if (parts[2] === "s3") return /^\*+$/.test(resourcePart.split("/")[0]!);
  return /^([A-Za-z-]+\/)?\*(\/\*)*$/.test(resourcePart);
}

function confines(c: Condition): boolean {
  return CONFINING_OPERATORS.has(c.operator) && c.values.length > 0 && !c.values.includes("*");
}

function hasConfiningCondition(s: Statement, keys: readonly string[]): boolean {
  const lowered = keys.map((k) => k.toLowerCase());
  return s.conditions.some((c) => confines(c) && lowered.includes(c.key));
}

/** ABAC: a condition on the resource's tags (or a KMS key's aliases) confines a `*` resource. */
function scopedByResourceTags(s: Statement): boolean {
  return s.conditions.some((c) => confines(c) && (c.key.startsWith("aws:resourcetag/") || c.key === "kms:resourcealiases"));
}

function isPublic(s: Statement): boolean {
  return s.notPrincipal || s.principals.some((p) => p.id === "*");
}

// ---------------------------------------------------------------------------------------------
// Rules.

const invalidDocument = (doc: Document) => `${doc.label} is not valid JSON, so its grants cannot be checked.`;

const dataServicesConfig: ConfigProperties = {
  dataServices: { type: "array", items: { type: "string" }, default: DATA_SERVICES, description: "Services that hold or guard data." },
};

const restrictingKeysConfig: ConfigProperties = {
  restrictingConditionKeys: {
    type: "array",
    items: { type: "string" },
    default: RESTRICTING_CONDITION_KEYS,
    description: "Condition keys that, matched positively, confine a `*` principal.",
  },
};

const noWildcardAction = resourceRule<{ dataServices: string[] }>({
  name: "iam-policy-no-wildcard-action",
  description: "IAM and resource policies never allow every action (`*`, NotAction) nor every action of a data service (`s3:*`, `kms:*`, `glue:*`, `kafka:*`, `iam:*`).",
  meta: {
    area: "iam",
    severity: "critical",
    frameworks: ["cis-aws", "soc2", "pci-dss", "hipaa", "gdpr"],
    remediation: "List the actions the principal needs (for example s3:GetObject, kms:Decrypt) instead of a wildcard, and replace Allow+NotAction with explicit actions.",
  },
  config: dataServicesConfig,
  types: [...IDENTITY_POLICY_TYPES, ROLE, ...RESOURCE_POLICY_TYPES],
  validate: (args, { dataServices }, report) => {
    // A key policy's kms:* for its administrators is the keys area's rule, not this one.
    const services = KMS_POLICY_TYPES.has(args.type) ? dataServices.filter((s) => s !== "kms") : dataServices;
    const serviceWildcards = new Set(services.map((s) => `${s.toLowerCase()}:*`));
    for (const doc of [...identityDocuments(args), ...resourceDocuments(args)]) {
      if (doc.statements === "invalid") {
        report(invalidDocument(doc));
        continue;
      }
      for (const s of doc.statements) {
        if (!s.allow) continue;
        if (s.notAction) {
          report(`${doc.label} allows every action except ${s.actions.join(", ")} (NotAction).`);
          continue;
        }
        const wild = s.actions.filter((a) => serviceOf(a) === "*" || serviceWildcards.has(a.toLowerCase()));
        if (wild.length > 0) report(`${doc.label} allows ${wild.join(", ")}.`);
      }
    }
  },
});

const noWildcardResource = resourceRule<{ dataServices: string[]; allowedActions: string[] }>({
  name: "iam-policy-no-wildcard-resource",
  description: "Identity policies never allow data actions (S3, KMS, Glue, Kafka) on every resource unless a resource-tag condition scopes them.",
  meta: {
    area: "iam",
    severity: "high",
    frameworks: ["cis-aws", "soc2", "gdpr", "hipaa", "pci-dss"],
    remediation: "Name the bucket, key, table or topic ARNs the principal needs, or scope the statement with an aws:ResourceTag/domain condition (ABAC).",
  },
  config: {
    ...dataServicesConfig,
    allowedActions: {
      type: "array",
      items: { type: "string" },
      default: LIST_ONLY_ACTIONS,
      description: "Actions allowed on `*` because AWS authorises them on no narrower resource.",
    },
  },
  types: [...IDENTITY_POLICY_TYPES, ROLE],
  validate: (args, { dataServices, allowedActions }, report) => {
    const allowed = new Set(allowedActions.map((a) => a.toLowerCase()));
    for (const doc of identityDocuments(args)) {
      if (doc.statements === "invalid") continue;
      for (const s of doc.statements) {
        if (!s.allow) continue;
        const wildResources = s.notResource ? ["NotResource"] : s.resources.filter(isWildcardResource);
        if (wildResources.length === 0 || scopedByResourceTags(s)) continue;
        const dataActions = s.notAction ? ["NotAction"] : s.actions.filter((a) => !allowed.has(a.toLowerCase()) && reachesService(a, dataServices));
        if (dataActions.length > 0) {
          report(`${doc.label} allows ${dataActions.join(", ")} on ${wildResources.join(", ")} with no resource-tag condition.`);
        }
      }
    }
  },
});

const noPassRoleWildcard = resourceRule<{ allowWithPassedToService: boolean }>({
  name: "iam-policy-no-passrole-wildcard",
  description: "Identity policies never allow iam:PassRole on every role, which lets the holder hand any role, however powerful, to a service.",
  meta: {
    area: "iam",
    severity: "critical",
    frameworks: ["cis-aws", "soc2"],
    remediation: "Allow iam:PassRole only on the ARNs of the roles the principal must pass, and add an iam:PassedToService condition.",
  },
  config: {
    allowWithPassedToService: {
      type: "boolean",
      default: false,
      description: "Accept PassRole on every role when an iam:PassedToService condition confines the receiving service.",
    },
  },
  types: [...IDENTITY_POLICY_TYPES, ROLE],
  validate: (args, { allowWithPassedToService }, report) => {
    for (const doc of identityDocuments(args)) {
      if (doc.statements === "invalid") continue;
      for (const s of doc.statements) {
        if (!s.allow || !allowsAction(s, "iam:PassRole")) continue;
        if (!s.notResource && !s.resources.some(isWildcardResource)) continue;
        if (allowWithPassedToService && hasConfiningCondition(s, ["iam:PassedToService"])) continue;
        report(`${doc.label} allows iam:PassRole on every role.`);
      }
    }
  },
});

const trustNotPublic = resourceRule<{ restrictingConditionKeys: string[] }>({
  name: "iam-role-trust-not-public",
  description: "Role trust policies never let anyone assume the role: no `*` principal without an account or organisation condition, and no web-identity trust without a subject condition.",
  meta: {
    area: "iam",
    severity: "critical",
    frameworks: ["cis-aws", "soc2", "gdpr", "pci-dss", "hipaa"],
    remediation: "Name the trusted accounts, roles or services as principals; for a `*` principal add an aws:PrincipalOrgID or aws:PrincipalAccount condition; for OIDC (IRSA) add a StringEquals condition on `<provider>:sub`.",
  },
  config: restrictingKeysConfig,
  types: [ROLE],
  validate: (args, { restrictingConditionKeys }, report) => {
    const statements = parseDocument(args.props.assumeRolePolicy);
    if (statements === "invalid") {
      report("assumeRolePolicy is not valid JSON, so who may assume the role cannot be checked.");
      return;
    }
    for (const s of statements) {
      if (!s.allow) continue;
      if (isPublic(s) && !hasConfiningCondition(s, restrictingConditionKeys)) {
        report(s.notPrincipal ? "the trust policy allows everyone but the NotPrincipal list." : "the trust policy lets any AWS principal assume the role.");
      }
      const oidc = s.principals.filter((p) => p.type === "Federated" && p.id.includes(":oidc-provider/"));
      if (oidc.length > 0 && allowsAction(s, "sts:AssumeRoleWithWebIdentity") && !s.conditions.some((c) => confines(c) && c.key.endsWith(":sub"))) {
        report(`the trust policy lets every identity of ${oidc.map((p) => p.id).join(", ")} assume the role; add a condition on '<provider>:sub'.`);
      }
    }
  },
});

const resourcePolicyNotPublic = resourceRule<{ restrictingConditionKeys: string[] }>({
  name: "iam-resource-policy-not-public",
  description: "Bucket, KMS key, Glue catalog and MSK cluster policies never allow a `*` principal without an account, organisation or network condition.",
  meta: {
    area: "iam",
    severity: "critical",
    frameworks: ["cis-aws", "soc2", "gdpr", "ccpa", "pci-dss", "hipaa"],
    remediation: "Name the principals (domain roles, granted consumer roles), or confine the `*` principal with aws:PrincipalOrgID, aws:PrincipalAccount, kms:CallerAccount or aws:SourceVpce.",
  },
  config: restrictingKeysConfig,
  types: [...RESOURCE_POLICY_TYPES],
  validate: (args, { restrictingConditionKeys }, report) => {
    for (const doc of resourceDocuments(args)) {
      if (doc.statements === "invalid") continue;
      for (const s of doc.statements) {
        if (s.allow && isPublic(s) && !hasConfiningCondition(s, restrictingConditionKeys)) {
          report(`${doc.label} allows ${s.actions.join(", ") || "its actions"} to any principal.`);
        }
      }
    }
  },
});

/**
 * Whether a boundary is set. A boundary whose ARN is still unknown in preview (the ARN of a policy
 * created in the same run) is set all the same: the rule asks whether there is one, not which.
 */
function boundaryAttached(props: Record<string, unknown>): boolean {
  try {
    const boundary = text(props.permissionsBoundary);
    return boundary !== undefined && boundary !== "";
  } catch (e) {
    if (isUnknownValueError(e)) return true;
    throw e;
  }
}

const permissionsBoundary = resourceRule<{ pathPrefixes: string[] }>({
  name: "iam-role-permissions-boundary",
  description: "IAM roles carry a permissions boundary, so no policy attached later can grant more than the platform allows.",
  meta: {
    area: "iam",
    severity: "high",
    frameworks: ["soc2", "cis-aws"],
    remediation: "Set permissionsBoundary to the domain's boundary policy (meshkit: `meshkit-<environment>-<domain>-boundary`).",
  },
  config: {
    pathPrefixes: {
      type: "array",
      items: { type: "string" },
      default: ["/"],
      description: `Role paths that need a boundary; ["/"] is every role, ["${ROLE_PATH}"] meshkit's roles only.`,
    },
  },
  types: [ROLE],
  validate: (args, { pathPrefixes }, report) => {
    const path = text(args.props.path) ?? "/";
    if (!pathPrefixes.some((p) => path.startsWith(p))) return;
    if (!boundaryAttached(args.props)) report(`role (path '${path}') has no permissions boundary.`);
  },
});

const noBroadManagedPolicy = resourceRule<{ deniedPolicyNames: string[] }>({
  name: "iam-role-no-broad-managed-policy",
  description: "No role, user or group gets an administrator, power-user or full-access managed policy.",
  meta: {
    area: "iam",
    severity: "critical",
    frameworks: ["cis-aws", "soc2", "pci-dss", "hipaa"],
    remediation: "Detach the managed policy and attach a policy listing the needed actions on the domain's ARNs.",
  },
  config: {
    deniedPolicyNames: {
      type: "array",
      items: { type: "string" },
      default: ["AdministratorAccess", "PowerUserAccess", "*FullAccess"],
      description: "Managed policy names (the ARN's last segment; `*` wildcards) that may not be attached.",
    },
  },
  types: [...ATTACHMENT_TYPES, EXCLUSIVE_ATTACHMENTS, ROLE],
  validate: (args, { deniedPolicyNames }, report) => {
    const arns = ATTACHMENT_TYPES.has(args.type)
      ? strings(args.props.policyArn)
      : strings(args.type === ROLE ? args.props.managedPolicyArns : args.props.policyArns);
    for (const arn of arns) {
      const name = arn.slice(arn.lastIndexOf("/") + 1);
      if (deniedPolicyNames.some((d) => glob(d).test(name))) report(`managed policy '${arn}' grants far more than a data domain needs.`);
    }
  },
});

export const iamPolicies: Policies = [
  noWildcardAction,
  noWildcardResource,
  noPassRoleWildcard,
  trustNotPublic,
  resourcePolicyNotPublic,
  permissionsBoundary,
  noBroadManagedPolicy,
];
