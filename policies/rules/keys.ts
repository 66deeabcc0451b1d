/**
 * Key guardrails: customer-managed KMS keys rotate, wait long enough before deletion, and have key
 * policies that keep `kms:*` with administrators and never open to everyone; restricted products
 * get keys of their own.
 */
import type { Policies, PolicyResource } from "@pulumi/policy";
import { CLASSIFICATION_TAG_KEY, ENVIRONMENT_MINIMUMS, needsDedicatedKey, type Classification } from "../../conventions";
import { bucketViews, encryptionRules } from "../lib/buckets";
import { Deferral, forEachDeferringUnknown } from "../lib/deferral";
import { globMatcher } from "../lib/globs";
import { isAllow, reachesService, readPolicyDocument, reportPublicStatements, type Statement } from "../lib/policyDocument";
import { resourceRule, stackRule } from "../lib/rule";
import { ownTags } from "../lib/tags";
import { KMS_ALIAS, KMS_KEY } from "../lib/types";
import { and, isUnknown, knownItems, not, some, type Verdict } from "../lib/unknowns";
import { bool, num, record, text } from "../lib/values";

/** AWS's own default when a key is created without a deletion window. */
const AWS_DEFAULT_DELETION_WINDOW_DAYS = 30;

/** Only symmetric encryption keys in AWS-managed key material can rotate automatically. */
function canRotate(props: Record<string, unknown>): boolean {
  const usage = "keyUsage" in props ? text(props.keyUsage) : undefined;
  const spec = "customerMasterKeySpec" in props ? text(props.customerMasterKeySpec) : undefined;
  const external = "customKeyStoreId" in props ? text(props.customKeyStoreId) : undefined;
  return (usage ?? "ENCRYPT_DECRYPT") === "ENCRYPT_DECRYPT" && (spec ?? "SYMMETRIC_DEFAULT") === "SYMMETRIC_DEFAULT" && !external;
}

function keyPolicy(props: Record<string, unknown>) {
  return "policy" in props ? readPolicyDocument(() => props.policy) : undefined;
}

/** Whether a statement grants every KMS action: `*`, `kms:*`, or a NotAction list that spares KMS. */
function grantsAllKmsActions(s: Statement): Verdict {
  if (s.notAction) return not(some(s.actions, (a) => reachesService(a, ["kms"])));
  return some(s.actions, (a) => a === "*" || a.toLowerCase() === "kms:*");
}

/** Identity of the KMS key an encryption configuration uses: the key resource it depends on, else the id it names. */
function keyIdentity(config: PolicyResource): string | undefined {
  const key = (config.propertyDependencies.rules ?? []).find((d) => d.type === KMS_KEY || d.type === KMS_ALIAS);
  if (key !== undefined) return key.urn;
  const ids = encryptionRules(config.type, config.props).map((r) => text(record(r.applyServerSideEncryptionByDefault)?.kmsMasterKeyId));
  return ids.find((id) => id !== undefined);
}

export const keysPolicies: Policies = [
  resourceRule({
    name: "keys-kms-rotation-enabled",
    description: "Symmetric customer-managed KMS keys rotate their key material automatically.",
    meta: {
      area: "keys",
      severity: "high",
      frameworks: ["cis-aws", "soc2", "pci-dss", "hipaa"],
      remediation: "Set `enableKeyRotation: true` on the aws.kms.Key.",
    },
    types: [KMS_KEY],
    validate: (args, _config, report) => {
      if (!canRotate(args.props)) return;
      if (bool(args.props.enableKeyRotation) !== true) report("key rotation is off");
    },
  }),

  resourceRule<{ kmsDeletionWindowDays: number }>({
    name: "keys-kms-deletion-window",
    description: "A KMS key's deletion window is at least the environment's minimum, so a mistaken deletion can be cancelled.",
    meta: {
      area: "keys",
      severity: "medium",
      frameworks: ["soc2"],
      remediation: "Set `deletionWindowInDays` to at least the environment's minimum (30 days in production).",
    },
    types: [KMS_KEY],
    config: {
      kmsDeletionWindowDays: {
        type: "integer",
        minimum: 7,
        maximum: 30,
        default: ENVIRONMENT_MINIMUMS.production.kmsDeletionWindowDays,
        description: "Shortest deletion window allowed, in days.",
      },
    },
    validate: (args, config, report) => {
      const days = "deletionWindowInDays" in args.props ? num(args.props.deletionWindowInDays) : undefined;
      const effective = days ?? AWS_DEFAULT_DELETION_WINDOW_DAYS;
      if (effective < config.kmsDeletionWindowDays) {
        report(`deletion window is ${effective} days, below the minimum of ${config.kmsDeletionWindowDays}`);
      }
    },
  }),

  resourceRule<{ adminPrincipals: string[] }>({
    name: "keys-kms-policy-no-wildcard-grant",
    description: "A KMS key policy grants `kms:*` only to the key administrators.",
    meta: {
      area: "keys",
      severity: "critical",
      frameworks: ["cis-aws", "soc2", "pci-dss", "hipaa"],
      remediation:
        "Give `kms:*` (or `*`) only to the platform administrators; grant data users the specific actions they need (kms:Decrypt, kms:GenerateDataKey*).",
    },
    types: [KMS_KEY],
    config: {
      adminPrincipals: {
        type: "array",
        items: { type: "string" },
        default: ["arn:*:iam::*:root", "arn:*:iam::*:role/*platform-admin*"],
        description: "Globs of principal ARNs that administer keys (`*` crosses `/`).",
      },
    },
    validate: (args, config, report) => {
      const statements = keyPolicy(args.props);
      if (statements === undefined) return;
      if (statements === "invalid") {
        report("the key policy is not a readable policy document");
        return;
      }
      const isAdmin = globMatcher(config.adminPrincipals);
      const deferral = new Deferral();
      for (const s of deferral.known(statements)) {
        const toOthers = s.notPrincipal || some(s.principals, (p) => (isUnknown(p.id) ? p.id : !isAdmin(p.id)));
        if (!deferral.holds(and(isAllow(s), grantsAllKmsActions(s), toOthers))) continue;
        const others = s.notPrincipal ? ["NotPrincipal"] : knownItems(s.principals).flatMap((p) => (isUnknown(p.id) || isAdmin(p.id) ? [] : [p.id]));
        report(`statement ${s.sid ?? "(no Sid)"} grants kms:* to ${others.join(", ")}`);
      }
      deferral.rethrow();
    },
  }),

  resourceRule({
    name: "keys-kms-policy-no-public-principal",
    description: "A KMS key policy never allows any principal without a condition confining it.",
    meta: {
      area: "keys",
      severity: "critical",
      frameworks: ["cis-aws", "soc2", "pci-dss", "hipaa", "gdpr"],
      remediation: "Name the principals, or confine `*` with kms:CallerAccount / aws:PrincipalOrgID conditions.",
    },
    types: [KMS_KEY],
    validate: (args, _config, report) => {
      const statements = keyPolicy(args.props);
      // An unreadable policy is keys-kms-policy-no-wildcard-grant's finding.
      if (statements === undefined || statements === "invalid") return;
      reportPublicStatements(statements, report);
    },
  }),

  resourceRule({
    name: "keys-kms-no-lockout-bypass",
    description: "A KMS key never bypasses the policy lockout safety check.",
    meta: {
      area: "keys",
      severity: "high",
      frameworks: ["soc2"],
      remediation: "Remove `bypassPolicyLockoutSafetyCheck`; a key policy that locks out its administrators makes the key unmanageable.",
    },
    types: [KMS_KEY],
    validate: (args, _config, report) => {
      if ("bypassPolicyLockoutSafetyCheck" in args.props && bool(args.props.bypassPolicyLockoutSafetyCheck) === true) {
        report("bypassPolicyLockoutSafetyCheck is true");
      }
    },
  }),

  resourceRule({
    name: "keys-kms-key-enabled",
    description: "A KMS key is created enabled.",
    meta: {
      area: "keys",
      severity: "medium",
      frameworks: ["soc2"],
      remediation: "Remove `isEnabled: false`; data encrypted under a disabled key cannot be read. Schedule deletion instead of disabling unused keys.",
    },
    types: [KMS_KEY],
    validate: (args, _config, report) => {
      if ("isEnabled" in args.props && bool(args.props.isEnabled) === false) report("the key is disabled");
    },
  }),

  stackRule({
    name: "keys-kms-key-has-alias",
    description: "Every customer-managed KMS key has an alias, so grants and humans can name it.",
    meta: {
      area: "keys",
      severity: "low",
      frameworks: [],
      remediation: "Add an aws.kms.Alias (`alias/meshkit/<environment>/<domain>[/<product>]`) targeting the key.",
    },
    validate: (args, _config, report) => {
      const aliased = new Set<string>();
      const aliasTargets: string[] = [];
      for (const r of args.resources) {
        if (r.type !== KMS_ALIAS) continue;
        const deps = r.propertyDependencies.targetKeyId ?? [];
        if (deps.length > 0) deps.forEach((d) => aliased.add(d.urn));
        else aliasTargets.push(r.urn);
      }
      forEachDeferringUnknown(
        args.resources.filter((r) => r.type === KMS_KEY && !aliased.has(r.urn)),
        (key) => {
          // Aliases without a dependency name the key by id or ARN; compare with the key's.
          if (aliasTargets.length > 0) {
            const ids = new Set([key.props.keyId, key.props.arn, key.props.id].map(text));
            ids.delete(undefined);
            const byValue = args.resources.some((a) => aliasTargets.includes(a.urn) && ids.has(text(a.props.targetKeyId)));
            if (byValue) return;
          }
          report(`KMS key ${key.name} has no alias`, key.urn);
        },
      );
    },
  }),

  stackRule({
    name: "keys-kms-restricted-dedicated-key",
    description: "A bucket holding restricted data is encrypted with a KMS key that no other bucket uses.",
    meta: {
      area: "keys",
      severity: "medium",
      frameworks: ["gdpr", "hipaa", "pci-dss"],
      remediation: "Create a key for the restricted product alone, so its access can be revoked without touching other data.",
    },
    validate: (args, _config, report) => {
      const views = bucketViews(args.resources);
      const users = new Map<string, number>();
      const restricted: { config: PolicyResource; key: string; bucket: string }[] = [];
      // Sharing found with partial knowledge is still sharing: report it, then surface any unknown.
      const deferral = new Deferral();
      for (const view of views) {
        deferral.read(() => {
          const classification = ownTags(view.bucket.type, view.bucket.props)[CLASSIFICATION_TAG_KEY];
          for (const config of view.parts.encryption) {
            const key = keyIdentity(config);
            if (key === undefined) continue;
            users.set(key, (users.get(key) ?? 0) + 1);
            if (classification !== undefined && needsDedicatedKey(classification as Classification)) {
              restricted.push({ config, key, bucket: view.bucket.name });
            }
          }
        });
      }
      for (const { config, key, bucket } of restricted) {
        const shared = (users.get(key) ?? 0) - 1;
        if (shared > 0) report(`restricted bucket ${bucket} shares its KMS key with ${shared} other bucket(s)`, config.urn);
      }
      deferral.rethrow();
    },
  }),
];
