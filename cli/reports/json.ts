// The review as one JSON object: the design's shape (stack, project, resources, violations, summary)
// plus what a report built later from the JSON alone needs to equal one built from the run (`meshkit
// report merge`): each resource's domain and product, each exempted violation's exemption, the
// program, the packs, their policies with metadata, where each domain's manifest declares it, and the
// declared access; with --base, the change review (`changes`). No timings or timestamps, so the same input gives byte-identical output.
import { z } from "zod";
import { DOMAIN_ROLES } from "../../conventions";
import type { ChangeReview } from "../changes/model";
import { RESOURCE_ACTIONS } from "../changes/resourceDiff";
import { summarize, type Finding, type ReportResource, type Review } from "../review/model";

const SEVERITY = z.enum(["critical", "high", "medium", "low", "unspecified"]);
const ENFORCEMENT = z.enum(["advisory", "mandatory", "remediate", "disabled"]);

/** The review JSON's shape; `parseReviewJson` reads it back. */
export const REVIEW_JSON = z.object({
  stack: z.string(),
  project: z.string(),
  resources: z.array(
    z.object({
      urn: z.string(),
      type: z.string(),
      name: z.string(),
      parent: z.string().nullable(),
      protect: z.boolean(),
      domain: z.string().nullable(),
      product: z.string().nullable(),
    }),
  ),
  violations: z.array(
    z.object({
      policyPack: z.string(),
      policy: z.string(),
      severity: SEVERITY,
      enforcementLevel: ENFORCEMENT,
      urn: z.string().nullable(),
      message: z.string(),
      frameworks: z.array(z.string()),
      exempted: z.boolean(),
      exemption: z.object({ reason: z.string(), owner: z.string().nullable(), expires: z.string().nullable() }).nullable(),
    }),
  ),
  program: z.string(),
  packs: z.array(z.object({ name: z.string(), version: z.string() })),
  policies: z.array(
    z.object({
      policyPack: z.string(),
      name: z.string(),
      description: z.string(),
      type: z.enum(["resource", "stack"]),
      severity: SEVERITY,
      enforcementLevel: ENFORCEMENT,
      frameworks: z.array(z.string()),
      area: z.string().nullable(),
      remediation: z.string().nullable(),
      url: z.string().nullable(),
    }),
  ),
  manifests: z.array(z.object({ domain: z.string(), file: z.string(), line: z.number().int(), productLines: z.record(z.string(), z.number().int()) })),
  grants: z.array(
    z.object({
      principalDomain: z.string(),
      role: z.enum(DOMAIN_ROLES),
      productDomain: z.string(),
      product: z.string(),
      access: z.array(z.enum(["read", "write"])),
      reason: z.string(),
    }),
  ),
  summary: z.object({ resources: z.number().int(), mandatory: z.number().int(), advisory: z.number().int(), exempted: z.number().int() }),
  // Read back whole, so that a merged report shows each review's changes as the review's own report does.
  changes: z
    .object({
      base: z.object({ revision: z.string(), commit: z.string() }),
      pack: z.object({ name: z.string(), version: z.string() }),
      resources: z.array(
        z.object({
          urn: z.string(),
          type: z.string(),
          action: z.enum(RESOURCE_ACTIONS),
          changedProperties: z.array(z.string()),
          previousUrn: z.string().optional(),
          replaceReasons: z.array(z.string()),
          stateful: z.boolean(),
          domain: z.string().optional(),
          product: z.string().optional(),
        }),
      ),
      contracts: z.array(
        z.object({ domain: z.string(), product: z.string(), fromVersion: z.string(), toVersion: z.string(), compatibility: z.string(), compatible: z.boolean(), reasons: z.array(z.string()) }),
      ),
    })
    .optional(),
});

export type ReviewJson = z.infer<typeof REVIEW_JSON>;

// An optional field of the model: absent rather than undefined, as the model builds it.
const present = <K extends string, T>(key: K, value: T | null | undefined) => (value === null || value === undefined ? {} : ({ [key]: value } as Record<K, T>));

/** The review as its JSON document. */
export function reviewJson(review: Review): ReviewJson {
  return {
    stack: review.stack,
    project: review.project,
    resources: review.resources.map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      parent: r.parent ?? null,
      protect: r.protect,
      domain: r.domain ?? null,
      product: r.product ?? null,
    })),
    violations: review.findings.map((f) => ({
      policyPack: f.policyPack,
      policy: f.policy,
      severity: f.severity,
      enforcementLevel: f.enforcementLevel,
      urn: f.urn ?? null,
      message: f.message,
      frameworks: f.frameworks,
      exempted: f.exempted,
      exemption: f.exemption ? { reason: f.exemption.reason, owner: f.exemption.owner ?? null, expires: f.exemption.expires ?? null } : null,
    })),
    program: review.program,
    packs: review.packs,
    policies: review.policies.map((p) => ({
      policyPack: p.policyPack,
      name: p.name,
      description: p.description,
      type: p.type,
      severity: p.severity,
      enforcementLevel: p.enforcementLevel,
      frameworks: p.frameworks,
      area: p.area ?? null,
      remediation: p.remediation ?? null,
      url: p.url ?? null,
    })),
    manifests: review.manifests.map((m) => ({ domain: m.domain, file: m.file, line: m.line, productLines: m.productLines })),
    grants: review.grants.map((g) => ({
      principalDomain: g.principalDomain,
      role: g.role,
      productDomain: g.productDomain,
      product: g.product,
      access: [...g.access],
      reason: g.reason,
    })),
    summary: review.summary,
    ...(review.changes ? { changes: changesJson(review.changes) } : {}),
  };
}

function changesJson(changes: ChangeReview): NonNullable<ReviewJson["changes"]> {
  return {
    base: changes.base,
    pack: changes.pack,
    resources: changes.resources.map((r) => ({
      urn: r.urn,
      type: r.type,
      action: r.action,
      changedProperties: r.changedProperties,
      ...present("previousUrn", r.previousUrn),
      replaceReasons: r.replaceReasons,
      stateful: r.stateful,
      ...present("domain", r.domain),
      ...present("product", r.product),
    })),
    contracts: changes.contracts.map((c) => ({
      domain: c.domain,
      product: c.product,
      fromVersion: c.fromVersion,
      toVersion: c.toVersion,
      compatibility: c.compatibility,
      compatible: c.compatible,
      reasons: [...c.reasons],
    })),
  };
}

export function jsonReport(review: Review): string {
  return JSON.stringify(reviewJson(review), null, 2) + "\n";
}

/** The Review a review JSON was written from; findings get their domain from their resource's. */
export function reviewFromJson(doc: ReviewJson): Review {
  const resources = doc.resources.map((r): ReportResource => ({
    urn: r.urn,
    type: r.type,
    name: r.name,
    ...present("parent", r.parent),
    protect: r.protect,
    ...present("domain", r.domain),
    ...present("product", r.product),
  }));
  // A change finding may be on a resource the change deletes: its domain is the change's.
  const domainOf = new Map(
    [...(doc.changes?.resources ?? []), ...resources].flatMap((r) => (r.domain === undefined || r.domain === null ? [] : [[r.urn, r.domain] as const])),
  );
  const findings = doc.violations.map((v): Finding => ({
    policyPack: v.policyPack,
    policy: v.policy,
    severity: v.severity,
    enforcementLevel: v.enforcementLevel,
    ...present("urn", v.urn),
    message: v.message,
    frameworks: v.frameworks,
    exempted: v.exempted,
    ...(v.exemption ? { exemption: { reason: v.exemption.reason, ...present("owner", v.exemption.owner), ...present("expires", v.exemption.expires) } } : {}),
    ...present("domain", v.urn === null ? undefined : domainOf.get(v.urn)),
  }));
  const policies = doc.policies.map((p) => ({
    policyPack: p.policyPack,
    name: p.name,
    description: p.description,
    type: p.type,
    severity: p.severity,
    enforcementLevel: p.enforcementLevel,
    frameworks: p.frameworks,
    ...present("area", p.area),
    ...present("remediation", p.remediation),
    ...present("url", p.url),
  }));
  return {
    stack: doc.stack,
    project: doc.project,
    program: doc.program,
    packs: doc.packs,
    resources,
    policies,
    findings,
    manifests: doc.manifests,
    grants: doc.grants,
    summary: summarize(resources, findings),
    ...(doc.changes ? { changes: changesFromJson(doc.changes, policies, findings) } : {}),
  };
}

// The change review's policies and findings are the review's of its pack.
function changesFromJson(changes: NonNullable<ReviewJson["changes"]>, policies: Review["policies"], findings: Finding[]): ChangeReview {
  const ofPack = <T extends { policyPack: string }>(items: T[]) => items.filter((i) => i.policyPack === changes.pack.name);
  return {
    base: changes.base,
    pack: changes.pack,
    policies: ofPack(policies),
    findings: ofPack(findings),
    resources: changes.resources.map((r) => ({ ...r })),
    contracts: changes.contracts,
  };
}
