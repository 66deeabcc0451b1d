/**
 * Storage guardrails: S3 buckets encrypted with a customer-managed key, never public, TLS only,
 * versioned, expiring, logged; audit buckets locked in production; PII buckets that really erase.
 */
import type { Policies, PolicyResource } from "@pulumi/policy";
import { BUCKET_PURPOSE_TAG_KEY, ENVIRONMENT_MINIMUMS, MIN_DAYS_IN_STORAGE_CLASS, PII_NONCURRENT_EXPIRY_MAX_DAYS, STORAGE_CLASS_RANK, type BucketPurpose } from "../../conventions";
import { compiledPattern, invalidPattern } from "../lib/configuredPattern";
import { encryptionProblems, usesKms } from "../lib/bucketEncryption";
import { appliesToWholeBucket, hasExpiration, lifecycleRules, noncurrentDays, ruleEnabled } from "../lib/bucketLifecycle";
import { bucketViews, encryptionRules, type BucketPart, type BucketView } from "../lib/buckets";
import { forEachDeferringUnknown } from "../lib/deferral";
import { hasInlineSetting } from "../lib/inlineBucketSettings";
import { readPolicyDocument, reportPublicStatements } from "../lib/policyDocument";
import { resourceRule, stackRule } from "../lib/rule";
import { deniesInsecureTransport } from "../lib/secureTransport";
import { holdsPii, ownTags } from "../lib/tags";
import {
  BUCKET,
  BUCKET_ACL,
  BUCKET_ENCRYPTION,
  BUCKET_LIFECYCLE,
  BUCKET_OWNERSHIP_CONTROLS,
  BUCKET_POLICY,
  BUCKET_PUBLIC_ACCESS_BLOCK,
  BUCKET_VERSIONING,
} from "../lib/types";
import { isUnknown, some } from "../lib/unknowns";
import { bool, num, record, records, text, type Props } from "../lib/values";

const PUBLIC_CANNED_ACLS = new Set(["public-read", "public-read-write", "authenticated-read"]);
const PUBLIC_GRANTEES = ["http://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"];
const PUBLIC_ACCESS_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

/** The bucket (or bucket part) a finding should point at: the bucket itself. */
function urnOf(view: BucketView): string {
  return view.bucket.urn;
}

function bucketLabel(view: BucketView): string {
  const props = view.bucket.props;
  const name = "bucket" in props ? text(props.bucket) : undefined;
  return name === undefined ? view.bucket.name : `${view.bucket.name} (${name})`;
}

type Meta = Parameters<typeof stackRule>[0]["meta"];

/** A stack rule requiring every bucket to have a configuration part (or its inline equivalent). */
function requirePart(name: string, part: BucketPart, what: string, resourceName: string, meta: Meta) {
  return stackRule({
    name,
    description: `Every S3 bucket has ${what}.`,
    meta,
    validate: (args, _config, report) => {
      forEachDeferringUnknown(bucketViews(args.resources), (view) => {
        if (view.parts[part].length > 0 || hasInlineSetting(part, view.bucket.props)) return;
        report(`bucket ${bucketLabel(view)} has no ${resourceName}`, urnOf(view));
      });
    },
  });
}

export const storagePolicies: Policies = [
  stackRule({
    name: "storage-bucket-encryption-kms",
    description:
      "S3 default encryption uses SSE-KMS with a customer-managed key; buckets receiving server access logs use SSE-S3 or SSE-KMS.",
    meta: {
      area: "storage",
      severity: "high",
      frameworks: ["cis-aws", "soc2", "pci-dss", "hipaa", "gdpr"],
      remediation:
        "Set `sseAlgorithm: aws:kms` and `kmsMasterKeyId` to the domain's customer-managed key (not alias/aws/s3) on every rule of the bucket's BucketServerSideEncryptionConfiguration (S3 delivers server access logs only to SSE-S3 buckets, so their target may use AES256).",
    },
    validate: (args, _config, report) => {
      // Each encryption configuration is judged with its bucket: log targets may use SSE-S3. A
      // bucket's inline block counts only without a configuration resource (outputs always carry one).
      const subjects: { r: PolicyResource; receivesLogs: boolean }[] = [];
      const attached = new Set<string>();
      for (const view of bucketViews(args.resources)) {
        const receivesLogs = view.logSources.length > 0;
        for (const part of view.parts.encryption) {
          attached.add(part.urn);
          subjects.push({ r: part, receivesLogs });
        }
        if (view.parts.encryption.length === 0 && "serverSideEncryptionConfiguration" in view.bucket.props) {
          subjects.push({ r: view.bucket, receivesLogs });
        }
      }
      for (const r of args.resources) {
        if ((BUCKET_ENCRYPTION as readonly string[]).includes(r.type) && !attached.has(r.urn)) subjects.push({ r, receivesLogs: false });
      }
      forEachDeferringUnknown(subjects, ({ r, receivesLogs }) => {
        for (const problem of encryptionProblems(r, receivesLogs)) report(problem, r.urn);
      });
    },
  }),

  resourceRule({
    name: "storage-bucket-encryption-bucket-key",
    description: "SSE-KMS default encryption enables the S3 bucket key.",
    meta: {
      area: "storage",
      severity: "low",
      frameworks: [],
      remediation: "Set `bucketKeyEnabled: true` on the encryption rule; it cuts KMS requests (and cost) by orders of magnitude.",
    },
    types: BUCKET_ENCRYPTION,
    validate: (args, _config, report) => {
      for (const rule of encryptionRules(args.type, args.props)) {
        if (usesKms(rule) && bool(rule.bucketKeyEnabled) !== true) {
          report("the SSE-KMS rule does not enable the bucket key");
        }
      }
    },
  }),

  resourceRule({
    name: "storage-bucket-public-access-block-complete",
    description: "An S3 public-access block turns on all four of its settings.",
    meta: {
      area: "storage",
      severity: "critical",
      frameworks: ["cis-aws", "soc2", "pci-dss", "hipaa", "gdpr"],
      remediation: "Set blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets to true.",
    },
    types: BUCKET_PUBLIC_ACCESS_BLOCK,
    validate: (args, _config, report) => {
      const off = PUBLIC_ACCESS_FLAGS.filter((flag) => bool(args.props[flag]) !== true);
      if (off.length > 0) report(`public-access block leaves ${off.join(", ")} off`);
    },
  }),

  resourceRule({
    name: "storage-bucket-acl-private",
    description: "No S3 bucket ACL grants access to everyone or to all authenticated AWS users.",
    meta: {
      area: "storage",
      severity: "critical",
      frameworks: ["cis-aws", "soc2", "pci-dss", "hipaa", "gdpr"],
      remediation: "Use the `private` canned ACL (or none: object ownership BucketOwnerEnforced) and grant access through IAM.",
    },
    types: [...BUCKET, ...BUCKET_ACL],
    validate: (args, _config, report) => {
      const acl = "acl" in args.props ? text(args.props.acl) : undefined;
      if (acl !== undefined && PUBLIC_CANNED_ACLS.has(acl)) report(`canned ACL ${acl} makes the bucket public`);
      const grants = [...records(args.props.grants), ...records(record(args.props.accessControlPolicy)?.grants)];
      for (const grant of grants) {
        const uri = text(grant.uri) ?? text(record(grant.grantee)?.uri);
        if (uri !== undefined && PUBLIC_GRANTEES.includes(uri)) report(`ACL grant to ${uri}`);
      }
    },
  }),

  resourceRule({
    name: "storage-bucket-policy-no-public-access",
    description: "No S3 bucket policy allows access to any principal without a condition confining it.",
    meta: {
      area: "storage",
      severity: "critical",
      frameworks: ["cis-aws", "soc2", "pci-dss", "hipaa", "gdpr"],
      remediation:
        "Name the principals (roles, accounts) in Allow statements, or confine `*` with aws:PrincipalOrgID / aws:SourceAccount / aws:SourceVpce conditions.",
    },
    types: [...BUCKET_POLICY, ...BUCKET],
    validate: (args, _config, report) => {
      if (!("policy" in args.props)) return;
      const statements = readPolicyDocument(() => args.props.policy);
      if (statements === undefined) return;
      if (statements === "invalid") {
        report("the bucket policy is not a readable policy document");
        return;
      }
      reportPublicStatements(statements, report);
    },
  }),

  resourceRule({
    name: "storage-bucket-policy-tls-only",
    description: "Every S3 bucket policy denies requests not made over TLS.",
    meta: {
      area: "storage",
      severity: "high",
      frameworks: ["cis-aws", "soc2", "pci-dss", "hipaa"],
      remediation:
        'Add a statement `{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":[bucket, bucket/*],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}`.',
    },
    types: BUCKET_POLICY,
    validate: (args, _config, report) => {
      const statements = readPolicyDocument(() => args.props.policy);
      // One statement certainly denying is enough; otherwise an unknown part might be that statement.
      const denies = statements === undefined || statements === "invalid" ? false : some(statements, deniesInsecureTransport);
      if (isUnknown(denies)) throw denies.error;
      if (!denies) report("the bucket policy does not deny aws:SecureTransport = false");
    },
  }),

  resourceRule({
    name: "storage-bucket-versioning-enabled",
    description: "S3 bucket versioning is enabled, never suspended.",
    meta: {
      area: "storage",
      severity: "high",
      frameworks: ["soc2", "cis-aws", "hipaa"],
      remediation: "Set `versioningConfiguration.status: Enabled` on the bucket's BucketVersioning.",
    },
    types: [...BUCKET_VERSIONING, ...BUCKET],
    validate: (args, _config, report) => {
      if ((BUCKET as readonly string[]).includes(args.type)) {
        if (!("versioning" in args.props)) return;
        const inline = record(args.props.versioning);
        if (inline !== undefined && bool(inline.enabled) !== true) report("inline versioning is not enabled");
        return;
      }
      const status = text(record(args.props.versioningConfiguration)?.status);
      if (status !== "Enabled") report(`versioning status is ${status ?? "unset"}, not Enabled`);
    },
  }),

  resourceRule({
    name: "storage-bucket-lifecycle-expiration",
    description: "An S3 lifecycle configuration expires current objects.",
    meta: {
      area: "storage",
      severity: "medium",
      frameworks: ["gdpr", "ccpa", "soc2"],
      remediation: "Add an enabled lifecycle rule with `expiration.days` equal to the product's retention.",
    },
    types: BUCKET_LIFECYCLE,
    validate: (args, _config, report) => {
      if (!lifecycleRules(args.type, args.props).some((r) => ruleEnabled(r) && hasExpiration(r))) {
        report("no enabled lifecycle rule expires objects");
      }
    },
  }),

  resourceRule({
    name: "storage-bucket-lifecycle-transitions-ordered",
    description: "S3 lifecycle transitions move objects to colder classes in increasing order of days, within S3's minimums and before expiration.",
    meta: {
      area: "storage",
      severity: "low",
      frameworks: [],
      remediation:
        "Order transitions warm → cold → archive with increasing days (STANDARD_IA and ONEZONE_IA after at least 30 days) and expire after the last transition.",
    },
    types: BUCKET_LIFECYCLE,
    validate: (args, _config, report) => {
      for (const rule of lifecycleRules(args.type, args.props).filter(ruleEnabled)) {
        const id = text(rule.id) ?? "(no id)";
        const transitions = records(rule.transitions).map((t) => ({ days: num(t.days), storageClass: text(t.storageClass) ?? "" }));
        let previous: { days: number; rank: number } | undefined;
        for (const t of transitions) {
          if (t.days === undefined) continue;
          const rank = STORAGE_CLASS_RANK[t.storageClass] ?? 0;
          const minimumDays = MIN_DAYS_IN_STORAGE_CLASS[t.storageClass];
          if (minimumDays !== undefined && t.days < minimumDays) {
            report(`rule ${id}: S3 needs at least ${minimumDays} days before ${t.storageClass}, not ${t.days}`);
          }
          if (previous !== undefined && (t.days <= previous.days || rank <= previous.rank)) {
            report(`rule ${id}: transition to ${t.storageClass} after ${t.days} days does not follow a warmer class earlier`);
          }
          previous = { days: t.days, rank };
        }
        const expires = num(record(rule.expiration)?.days);
        if (expires !== undefined && previous !== undefined && expires <= previous.days) {
          report(`rule ${id}: expiration after ${expires} days comes before the last transition (${previous.days} days)`);
        }
      }
    },
  }),

  resourceRule({
    name: "storage-bucket-ownership-enforced",
    description: "S3 object ownership is BucketOwnerEnforced, so ACLs are disabled and access is governed by policies alone.",
    meta: {
      area: "storage",
      severity: "medium",
      frameworks: ["cis-aws", "soc2"],
      remediation: "Set `rule.objectOwnership: BucketOwnerEnforced` on the aws.s3.BucketOwnershipControls (the default for new buckets).",
    },
    types: [BUCKET_OWNERSHIP_CONTROLS],
    validate: (args, _config, report) => {
      const ownership = text(record(args.props.rule)?.objectOwnership);
      if (ownership !== "BucketOwnerEnforced") report(`object ownership is ${ownership ?? "unset"}; ACLs stay enabled`);
    },
  }),

  requirePart("storage-bucket-has-public-access-block", "publicAccessBlock", "a public-access block", "BucketPublicAccessBlock", {
    area: "storage",
    severity: "critical",
    frameworks: ["cis-aws", "soc2", "pci-dss", "hipaa", "gdpr"],
    remediation: "Add an aws.s3.BucketPublicAccessBlock for the bucket with all four settings on.",
  }),

  requirePart("storage-bucket-has-encryption", "encryption", "a default-encryption configuration", "BucketServerSideEncryptionConfiguration", {
    area: "storage",
    severity: "high",
    frameworks: ["cis-aws", "soc2", "pci-dss", "hipaa", "gdpr"],
    remediation: "Add an aws.s3.BucketServerSideEncryptionConfiguration using SSE-KMS with the domain's key.",
  }),

  requirePart("storage-bucket-has-versioning", "versioning", "a versioning configuration", "BucketVersioning", {
    area: "storage",
    severity: "high",
    frameworks: ["soc2", "cis-aws", "hipaa"],
    remediation: "Add an aws.s3.BucketVersioning with status Enabled.",
  }),

  requirePart("storage-bucket-has-lifecycle", "lifecycle", "a lifecycle configuration", "BucketLifecycleConfiguration", {
    area: "storage",
    severity: "medium",
    frameworks: ["gdpr", "ccpa", "soc2"],
    remediation: "Add an aws.s3.BucketLifecycleConfiguration that tiers and expires objects at the product's retention.",
  }),

  requirePart("storage-bucket-has-policy", "policy", "a bucket policy (which must deny non-TLS access)", "BucketPolicy", {
    area: "storage",
    severity: "high",
    frameworks: ["cis-aws", "soc2", "pci-dss", "hipaa"],
    remediation: "Add an aws.s3.BucketPolicy that denies requests with aws:SecureTransport = false.",
  }),

  stackRule({
    name: "storage-bucket-has-access-logging",
    description: "Every S3 bucket that does not itself receive access logs delivers its access logs to a log bucket.",
    meta: {
      area: "storage",
      severity: "medium",
      frameworks: ["soc2", "cis-aws", "pci-dss", "hipaa"],
      remediation: "Add an aws.s3.BucketLogging that targets the domain's audit bucket.",
    },
    validate: (args, _config, report) => {
      forEachDeferringUnknown(bucketViews(args.resources), (view) => {
        if (view.parts.logging.length > 0 || view.logSources.length > 0) return;
        if (hasInlineSetting("logging", view.bucket.props)) return;
        report(`bucket ${bucketLabel(view)} has no access logging`, urnOf(view));
      });
    },
  }),

  stackRule<{ auditObjectLockYears: number; auditBucketPatterns: string[] }>({
    name: "storage-audit-bucket-object-lock",
    description: `Audit buckets (tagged ${BUCKET_PURPOSE_TAG_KEY}=audit, or named like the configured patterns) keep objects under compliance-mode object lock for the environment's years.`,
    meta: {
      area: "storage",
      severity: "high",
      frameworks: ["soc2", "pci-dss", "hipaa"],
      remediation: `Create the audit bucket with \`objectLockEnabled: true\` and add an aws.s3.BucketObjectLockConfiguration with mode COMPLIANCE and the required years. meshkit tags its audit buckets \`${BUCKET_PURPOSE_TAG_KEY}: audit\`; for programs that do not, list regular expressions matching their audit buckets' names in the config \`auditBucketPatterns\`.`,
    },
    config: {
      auditObjectLockYears: {
        type: "integer",
        minimum: 0,
        default: ENVIRONMENT_MINIMUMS.production.auditObjectLockYears,
        description: "Years of compliance-mode retention; 0 turns the rule off.",
      },
      auditBucketPatterns: {
        type: "array",
        items: { type: "string" },
        default: [],
        description: `Regular expressions matching bucket names (logical or physical) of audit buckets that carry no ${BUCKET_PURPOSE_TAG_KEY} tag, for programs other than meshkit's; none by default, since a name chosen by a domain or product (orders-audit-trail) says nothing about the bucket's role.`,
      },
    },
    validate: (args, config, report) => {
      if (config.auditObjectLockYears <= 0) return;
      const requiredDays = config.auditObjectLockYears * 365;
      const patterns: RegExp[] = [];
      for (const source of config.auditBucketPatterns) {
        const re = compiledPattern(source);
        if (re === undefined) report(invalidPattern("auditBucketPatterns", source));
        else patterns.push(re);
      }
      forEachDeferringUnknown(bucketViews(args.resources), (view) => {
        const props = view.bucket.props;
        const names = [view.bucket.name, "bucket" in props ? text(props.bucket) : undefined];
        const isAudit =
          ownTags(view.bucket.type, props)[BUCKET_PURPOSE_TAG_KEY] === ("audit" satisfies BucketPurpose) ||
          patterns.some((re) => names.some((n) => n !== undefined && re.test(n)));
        // Not log targets: S3 server access logging refuses targets with default object-lock retention.
        if (!isAudit) return;
        if (bool(props.objectLockEnabled) !== true) {
          report(`audit bucket ${bucketLabel(view)} is created without objectLockEnabled`, urnOf(view));
          return;
        }
        const retentions = [
          ...view.parts.objectLock.map((r) => record(record(r.props.rule)?.defaultRetention)),
          record(record(record(props.objectLockConfiguration)?.rule)?.defaultRetention),
        ].filter((r): r is Props => r !== undefined);
        if (retentions.length === 0) {
          report(`audit bucket ${bucketLabel(view)} has no default object-lock retention`, urnOf(view));
          return;
        }
        for (const retention of retentions) {
          const mode = text(retention.mode);
          const days = (num(retention.years) ?? 0) * 365 + (num(retention.days) ?? 0);
          if (mode !== "COMPLIANCE") report(`audit bucket ${bucketLabel(view)} locks objects in ${mode ?? "no"} mode, not COMPLIANCE`, urnOf(view));
          if (days < requiredDays) report(`audit bucket ${bucketLabel(view)} retains objects ${days} days, less than ${config.auditObjectLockYears} years`, urnOf(view));
        }
      });
    },
  }),

  stackRule<{ piiNoncurrentExpiryMaxDays: number }>({
    name: "storage-pii-bucket-noncurrent-expiry",
    description: "Buckets holding personal data expire noncurrent object versions within the erasure window, so an erasure really erases.",
    meta: {
      area: "storage",
      severity: "high",
      frameworks: ["gdpr", "ccpa"],
      remediation:
        "Add an enabled lifecycle rule for the whole bucket with `noncurrentVersionExpiration.noncurrentDays` at most the erasure window (30 days).",
    },
    config: {
      piiNoncurrentExpiryMaxDays: {
        type: "integer",
        minimum: 1,
        default: PII_NONCURRENT_EXPIRY_MAX_DAYS,
        description: "Longest a noncurrent version of a PII object may live, in days.",
      },
    },
    validate: (args, config, report) => {
      forEachDeferringUnknown(bucketViews(args.resources), (view) => {
        if (!holdsPii(ownTags(view.bucket.type, view.bucket.props))) return;
        const rules = [
          ...view.parts.lifecycle.flatMap((r) => lifecycleRules(r.type, r.props)),
          ...lifecycleRules(view.bucket.type, view.bucket.props),
        ].filter((r) => ruleEnabled(r) && appliesToWholeBucket(r));
        const days = rules.map(noncurrentDays).filter((d): d is number => d !== undefined);
        const best = days.length === 0 ? undefined : Math.min(...days);
        if (best === undefined) {
          report(`bucket ${bucketLabel(view)} holds personal data but never expires noncurrent versions`, urnOf(view));
        } else if (best > config.piiNoncurrentExpiryMaxDays) {
          report(
            `bucket ${bucketLabel(view)} holds personal data and keeps noncurrent versions ${best} days (at most ${config.piiNoncurrentExpiryMaxDays})`,
            urnOf(view),
          );
        }
      });
    },
  }),
];
