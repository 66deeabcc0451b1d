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
import { Deferral } from "../lib/deferral";
import {
  allowsPublicAccess,
  coversAction,
  describeValues,
  glob,
  hasConfiningCondition,
  isAllow,
  keyIn,
  reachesService,
  readPolicyDocument,
  RESTRICTING_CONDITION_KEYS,
  serviceOf,
  type Principal,
  type Statement,
  type Statements,
} from "../lib/policyDocument";
import { resourceRule, type ConfigProperties } from "../lib/rule";
import { and, guard, isUnknown, knownItems, not, some, type Verdict } from "../lib/unknowns";
import { ATTACHMENT_TYPES, EXCLUSIVE_ATTACHMENTS, IAM_ROLE, IDENTITY_POLICY_TYPES, KMS_POLICY_TYPES, RESOURCE_POLICY_TYPES } from "../lib/types";
import { text } from "../lib/values";

/** Services that hold or guard a data product's data, plus IAM itself. */
const DATA_SERVICES = ["s3", "kms", "glue", "kafka", "kafka-cluster", "iam"];
/** Actions that AWS only authorises on `*` (listing), harmless to grant on every resource. */
const LIST_ONLY_ACTIONS = ["s3:ListAllMyBuckets", "kms:ListKeys", "kms:ListAliases", "kafka:ListClusters", "kafka:ListClustersV2", "glue:GetDatabases"];

// ---------------------------------------------------------------------------------------------
// Documents.

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

interface Document {
  readonly label: string;
  /** Absent documents read as no statements. */
  readonly statements: Statements | "invalid";
}

function documentAt(label: string, read: () => unknown): Document {
  return { label, statements: readPolicyDocument(read) ?? [] };
}

/** The identity-policy documents a resource carries; a Role's inline policies may be unknown in preview. */
function identityDocuments(args: ResourceValidationArgs): Document[] {
  if (IDENTITY_POLICY_TYPES.has(args.type)) return [documentAt("policy", () => args.props.policy)];
  if (args.type !== IAM_ROLE) return [];
  const inline = guard(() => args.props.inlinePolicies);
  if (isUnknown(inline)) return [{ label: "inline policies", statements: inline }];
  if (!Array.isArray(inline)) return [];
  const docs: Document[] = [];
  for (let i = 0; i < inline.length; i++) {
    const p = guard((): unknown => inline[i]);
    if (isUnknown(p)) docs.push({ label: "inline policy", statements: p });
    else if (typeof p === "object" && p !== null) {
      const entry = p as Record<string, unknown>;
      const name = guard(() => entry.name);
      const label = `inline policy '${typeof name === "string" ? name : ""}'`;
      docs.push(documentAt(label, () => entry.policy));
    }
  }
  return docs;
}

function resourceDocuments(args: ResourceValidationArgs): Document[] {
  if (!RESOURCE_POLICY_TYPES.has(args.type)) return [];
  return [documentAt("resource policy", () => args.props.policy)];
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

/** An OpenID Connect provider (IRSA) as a Federated principal. */
function isOidcProvider(p: Principal): Verdict {
  if (p.type !== "Federated") return false;
  return isUnknown(p.id) ? p.id : p.id.includes(":oidc-provider/");
}

/** ABAC: a condition on the resource's tags (or a KMS key's aliases) confines a `*` resource. */
const resourceTagKey = (key: string) => key.startsWith("aws:resourcetag/") || key === "kms:resourcealiases";

/**
 * Runs `judge` on every known statement of every readable document, reporting invalid ones when
 * asked; unknown statements, and verdicts `judge` finds depending on unknown parts, are rethrown
 * after every definite finding is reported.
 */
function forEachStatement(
  docs: readonly Document[],
  onInvalid: ((doc: Document) => void) | undefined,
  judge: (s: Statement, doc: Document, deferral: Deferral) => void,
): void {
  const deferral = new Deferral();
  for (const doc of docs) {
    if (doc.statements === "invalid") onInvalid?.(doc);
    else for (const s of deferral.known(doc.statements)) judge(s, doc, deferral);
  }
  deferral.rethrow();
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
    default: [...RESTRICTING_CONDITION_KEYS],
    description: "Condition keys that, matched positively, confine a `*` principal.",
  },
};

/**
 * Whether a boundary is set. A boundary whose ARN is still unknown in preview (the ARN of a policy
 * created in the same run) is set all the same: the rule asks whether there is one, not which.
 */
function boundaryAttached(props: Record<string, unknown>): boolean {
  const boundary = guard(() => text(props.permissionsBoundary));
  return isUnknown(boundary) || (boundary !== undefined && boundary !== "");
}

export const iamPolicies: Policies = [
  resourceRule<{ dataServices: string[] }>({
    name: "iam-policy-no-wildcard-action",
    description: "IAM and resource policies never allow every action (`*`, NotAction) nor every action of a data service (`s3:*`, `kms:*`, `glue:*`, `kafka:*`, `iam:*`).",
    meta: {
      area: "iam",
      severity: "critical",
      frameworks: ["cis-aws", "soc2", "pci-dss", "hipaa", "gdpr"],
      remediation: "List the actions the principal needs (for example s3:GetObject, kms:Decrypt) instead of a wildcard, and replace Allow+NotAction with explicit actions.",
    },
    config: dataServicesConfig,
    types: [...IDENTITY_POLICY_TYPES, IAM_ROLE, ...RESOURCE_POLICY_TYPES],
    validate: (args, { dataServices }, report) => {
      // A key policy's kms:* for its administrators is the keys area's rule, not this one.
      const services = KMS_POLICY_TYPES.has(args.type) ? dataServices.filter((s) => s !== "kms") : dataServices;
      const serviceWildcards = new Set(services.map((s) => `${s.toLowerCase()}:*`));
      const isWild = (a: string) => serviceOf(a) === "*" || serviceWildcards.has(a.toLowerCase());
      const docs = [...identityDocuments(args), ...resourceDocuments(args)];
      forEachStatement(docs, (doc) => report(invalidDocument(doc)), (s, doc, deferral) => {
        // Allow+NotAction allows every unlisted action, whatever the list holds.
        if (s.notAction) {
          if (deferral.holds(isAllow(s))) report(`${doc.label} allows every action except ${describeValues(s.actions)} (NotAction).`);
        } else if (deferral.holds(and(isAllow(s), some(s.actions, isWild)))) {
          report(`${doc.label} allows ${knownItems(s.actions).filter(isWild).join(", ")}.`);
        }
      });
    },
  }),

  resourceRule<{ dataServices: string[]; allowedActions: string[] }>({
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
    types: [...IDENTITY_POLICY_TYPES, IAM_ROLE],
    validate: (args, { dataServices, allowedActions }, report) => {
      const allowed = new Set(allowedActions.map((a) => a.toLowerCase()));
      const isDataAction = (a: string) => !allowed.has(a.toLowerCase()) && reachesService(a, dataServices);
      forEachStatement(identityDocuments(args), undefined, (s, doc, deferral) => {
        const onEveryResource = s.notResource || some(s.resources, isWildcardResource);
        const onData = s.notAction || some(s.actions, isDataAction);
        if (!deferral.holds(and(isAllow(s), onEveryResource, onData, not(hasConfiningCondition(s, resourceTagKey))))) return;
        const wildResources = s.notResource ? ["NotResource"] : knownItems(s.resources).filter(isWildcardResource);
        const dataActions = s.notAction ? ["NotAction"] : knownItems(s.actions).filter(isDataAction);
        report(`${doc.label} allows ${dataActions.join(", ")} on ${wildResources.join(", ")} with no resource-tag condition.`);
      });
    },
  }),

  resourceRule<{ allowWithPassedToService: boolean }>({
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
    types: [...IDENTITY_POLICY_TYPES, IAM_ROLE],
    validate: (args, { allowWithPassedToService }, report) => {
      const passedToService = keyIn(["iam:PassedToService"]);
      forEachStatement(identityDocuments(args), undefined, (s, doc, deferral) => {
        const onEveryRole = s.notResource || some(s.resources, isWildcardResource);
        const excused = allowWithPassedToService && hasConfiningCondition(s, passedToService);
        if (deferral.holds(and(isAllow(s), coversAction(s, "iam:PassRole"), onEveryRole, not(excused)))) {
          report(`${doc.label} allows iam:PassRole on every role.`);
        }
      });
    },
  }),

  resourceRule<{ restrictingConditionKeys: string[] }>({
    name: "iam-role-trust-not-public",
    description: "Role trust policies never let anyone assume the role: no `*` principal without an account or organisation condition, and no web-identity trust without a subject condition.",
    meta: {
      area: "iam",
      severity: "critical",
      frameworks: ["cis-aws", "soc2", "gdpr", "pci-dss", "hipaa"],
      remediation: "Name the trusted accounts, roles or services as principals; for a `*` principal add an aws:PrincipalOrgID or aws:PrincipalAccount condition; for OIDC (IRSA) add a StringEquals condition on `<provider>:sub`.",
    },
    config: restrictingKeysConfig,
    types: [IAM_ROLE],
    validate: (args, { restrictingConditionKeys }, report) => {
      const trust = documentAt("assumeRolePolicy", () => args.props.assumeRolePolicy);
      const invalid = () => report("assumeRolePolicy is not valid JSON, so who may assume the role cannot be checked.");
      forEachStatement([trust], invalid, (s, _doc, deferral) => {
        if (deferral.holds(allowsPublicAccess(s, restrictingConditionKeys))) {
          report(s.notPrincipal ? "the trust policy allows everyone but the NotPrincipal list." : "the trust policy lets any AWS principal assume the role.");
        }
        const unscopedWebIdentity = and(
          isAllow(s),
          some(s.principals, isOidcProvider),
          coversAction(s, "sts:AssumeRoleWithWebIdentity"),
          not(hasConfiningCondition(s, (key) => key.endsWith(":sub"))),
        );
        if (deferral.holds(unscopedWebIdentity)) {
          const providers = knownItems(s.principals).filter((p) => isOidcProvider(p) === true).map((p) => p.id);
          report(`the trust policy lets every identity of ${providers.join(", ")} assume the role; add a condition on '<provider>:sub'.`);
        }
      });
    },
  }),

  resourceRule<{ restrictingConditionKeys: string[] }>({
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
      forEachStatement(resourceDocuments(args), undefined, (s, doc, deferral) => {
        if (deferral.holds(allowsPublicAccess(s, restrictingConditionKeys))) {
          report(`${doc.label} allows ${describeValues(s.actions) || "its actions"} to any principal.`);
        }
      });
    },
  }),

  resourceRule<{ pathPrefixes: string[] }>({
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
    types: [IAM_ROLE],
    validate: (args, { pathPrefixes }, report) => {
      const path = text(args.props.path) ?? "/";
      if (!pathPrefixes.some((p) => path.startsWith(p))) return;
      if (!boundaryAttached(args.props)) report(`role (path '${path}') has no permissions boundary.`);
    },
  }),

  resourceRule<{ deniedPolicyNames: string[] }>({
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
    types: [...ATTACHMENT_TYPES, EXCLUSIVE_ATTACHMENTS, IAM_ROLE],
    validate: (args, { deniedPolicyNames }, report) => {
      const arns = ATTACHMENT_TYPES.has(args.type)
        ? strings(args.props.policyArn)
        : strings(args.type === IAM_ROLE ? args.props.managedPolicyArns : args.props.policyArns);
      for (const arn of arns) {
        const name = arn.slice(arn.lastIndexOf("/") + 1);
        if (deniedPolicyNames.some((d) => glob(d).test(name))) report(`managed policy '${arn}' grants far more than a data domain needs.`);
      }
    },
  }),
];
