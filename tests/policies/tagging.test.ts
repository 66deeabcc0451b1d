import { describe, expect, it } from "vitest";
import { taggingPolicies } from "../../policies/rules/tagging";
import { T, TAGS, kmsKey } from "./awsFixtures";
import { findPolicy, resource, runPolicy, unknown, urnOf } from "./harness";
import { describeRules } from "./ruleCases";

const ns = (name: string, labels: Record<string, unknown> | undefined) =>
  resource(T.namespace, name, { metadata: { name, ...(labels === undefined ? {} : { labels }) } });
const role = (name: string, tags: Record<string, unknown> | undefined) =>
  resource(T.role, name, { name, assumeRolePolicy: "{}", ...(tags === undefined ? {} : { tags }) });
const { owner: _owner, ...withoutOwner } = TAGS;

describeRules("tagging", taggingPolicies, {
  "tagging-aws-required-tags": {
    compliant: [
      role("r", { ...TAGS }),
      // Not taggable: a bucket policy has no tags.
      resource("aws:s3/bucketPolicy:BucketPolicy", "p", { bucket: "b", policy: "{}" }),
      // Provider default tags count.
      resource(T.role, "defaults", { name: "d", tags: { owner: "orders-team" } }, {
        provider: { type: T.awsProvider, props: { region: "eu-central-1", defaultTags: JSON.stringify({ tags: withoutOwner }) } },
      }),
    ],
    violating: [role("untagged", undefined), role("blank-owner", { ...TAGS, owner: " " }), kmsKey("k", { tags: withoutOwner })],
    violatingUrns: [urnOf(T.role, "untagged"), urnOf(T.role, "blank-owner"), urnOf(T.key, "k")],
    message: /missing tags: .*owner/,
    // With owner missing from `tags`, the computed `tagsAll` decides: unknown in preview.
    unknown: [role("r", undefined), resource(T.role, "all", { name: "a", tags: withoutOwner, tagsAll: unknown.object })],
  },

  "tagging-aws-tag-values": {
    compliant: [
      role("r", { ...TAGS, pii: "email.phone", compliance: "gdpr.soc2" }),
      role("none", { ...TAGS, pii: "none" }),
      resource(T.bucket, "audit", { tags: { ...TAGS, "bucket-purpose": "audit" } }),
    ],
    violating: [
      role("bad-env", { ...TAGS, environment: "prod" }),
      role("bad-cc", { ...TAGS, "cost-center": "1042" }),
      role("bad-class", { ...TAGS, "data-classification": "secret" }),
      role("bad-compliance", { ...TAGS, compliance: "gdpr.iso27001" }),
      role("bad-owner", { ...TAGS, owner: "Orders Team" }),
      resource(T.bucket, "bad-purpose", { tags: { ...TAGS, "bucket-purpose": "audit-trail" } }),
    ],
    violatingUrns: [...["bad-env", "bad-cc", "bad-class", "bad-compliance", "bad-owner"].map((n) => urnOf(T.role, n)), urnOf(T.bucket, "bad-purpose")],
    unknown: [role("r", { ...TAGS, environment: unknown.string }), role("all", unknown.object as unknown as Record<string, unknown>)],
    config: [{ config: { managedBy: ["meshkit", "terraform"] }, resources: [role("tf", { ...TAGS, "managed-by": "terraform" })], violates: false }],
  },

  "tagging-kubernetes-required-labels": {
    compliant: [ns("orders-production", { ...TAGS }), resource("kubernetes:helm.sh/v3:Release", "chart", { chart: "x" })],
    violating: [ns("bare", undefined), ns("partial", withoutOwner)],
    violatingUrns: [urnOf(T.namespace, "bare"), urnOf(T.namespace, "partial")],
    unknown: [ns("n", { ...TAGS, owner: unknown.string })],
  },

  "tagging-kubernetes-label-values": {
    compliant: [ns("orders-production", { ...TAGS, pii: "email" })],
    violating: [ns("spaces", { ...TAGS, owner: "orders team" }), ns("plus", { ...TAGS, pii: "email+phone" })],
    violatingUrns: [urnOf(T.namespace, "spaces"), urnOf(T.namespace, "spaces"), urnOf(T.namespace, "plus"), urnOf(T.namespace, "plus")],
    unknown: [ns("n", { ...TAGS, domain: unknown.string })],
    config: [{ config: { managedBy: ["meshkit", "argo"] }, resources: [ns("argo", { ...TAGS, "managed-by": "argo" })], violates: false }],
  },

  "tagging-resource-environment-matches": {
    compliant: [role("r", { ...TAGS }), ns("n", { ...TAGS })],
    violating: [role("staging-role", { ...TAGS, environment: "staging" }), ns("staging-ns", { ...TAGS, environment: "staging" })],
    violatingUrns: [urnOf(T.role, "staging-role"), urnOf(T.namespace, "staging-ns")],
    unknown: [role("r", { ...TAGS, environment: unknown.string })],
    config: [{ config: { environment: "staging" }, resources: [role("r", { ...TAGS })], violates: true }],
  },

  "tagging-domain-owner-consistent": {
    compliant: [role("a", { ...TAGS }), ns("n", { ...TAGS }), role("other-domain", { ...TAGS, domain: "payments", owner: "payments-team" })],
    violating: [role("a", { ...TAGS }), role("b", { ...TAGS }), role("c", { ...TAGS, owner: "someone-else", "cost-center": "CC-9999" })],
    violatingUrns: [urnOf(T.role, "c"), urnOf(T.role, "c")],
    unknown: [role("a", { ...TAGS }), role("b", unknown.object as unknown as Record<string, unknown>)],
  },
});

describe("tagging rules in detail", () => {
  it("treat a resource that takes tags but is not in the generated list as taggable", async () => {
    const policy = findPolicy(taggingPolicies, "tagging-aws-required-tags");
    const r = await runPolicy(policy, [resource("aws:newservice/thing:Thing", "t", { tags: { domain: "orders" } })]);
    expect(r.violations).toHaveLength(1);
  });
});
