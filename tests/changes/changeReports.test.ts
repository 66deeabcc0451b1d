// The change review in every report format, from a hand-made review: per domain data loss first, the
// resource counts and contract verdicts in text and Markdown, `changes` in JSON, SARIF results at the
// manifest line with fingerprints that tell contract findings apart, and nothing of it without --base.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { mergeReviews } from "../../cli/merge/mergedReview";
import type { ChangeReview } from "../../cli/changes/model";
import { jsonReport, reviewFromJson } from "../../cli/reports/json";
import { markdownReport, mergedMarkdownReport } from "../../cli/reports/markdown";
import { sarifReport } from "../../cli/reports/sarif";
import { textReport } from "../../cli/reports/text";
import { changeFinding, changePolicies } from "../../cli/changes/rules";
import type { Review } from "../../cli/review/model";

const BUCKET = "urn:pulumi:production::p::aws:s3/bucket:Bucket::orders-order-facts";
const findings = [
  changeFinding({ rule: "change-resource-data-loss", message: "data loss: bucket orders-order-facts is deleted", urn: BUCKET, domain: "orders", location: { file: "domains/orders.yaml", line: 40 } }, true),
  changeFinding({ rule: "change-contract-breaking-without-major", message: "orders/a breaks", domain: "orders", location: { file: "domains/orders.yaml", line: 25 } }, true),
  changeFinding({ rule: "change-contract-breaking-without-major", message: "orders/b breaks", domain: "orders", location: { file: "domains/orders.yaml", line: 60 } }, true),
];
const changes: ChangeReview = {
  base: { revision: "main", commit: "0123456789abcdef0123456789abcdef01234567" },
  pack: { name: "meshkit-change-review", version: "0.1.0" },
  policies: changePolicies(true),
  findings,
  resources: [
    { urn: BUCKET, type: "aws:s3/bucket:Bucket", action: "delete", changedProperties: [], replaceReasons: [], stateful: true, domain: "orders" },
    { urn: "urn:pulumi:production::p::aws:iam/role:Role::orders-producer", type: "aws:iam/role:Role", action: "update", changedProperties: ["tags.owner"], replaceReasons: [], stateful: false, domain: "orders" },
  ],
  contracts: [{ domain: "orders", product: "a", fromVersion: "1.0.0", toVersion: "1.1.0", compatibility: "backward", compatible: false, reasons: ["x: added without a default"] }],
};

function review(withChanges: boolean, stack = "production"): Review {
  return {
    stack,
    project: "p",
    program: "index.ts",
    packs: [{ name: "meshkit-guardrails", version: "0.1.0" }, ...(withChanges ? [changes.pack] : [])],
    resources: [],
    policies: withChanges ? changes.policies : [],
    findings: withChanges ? findings : [],
    manifests: [{ domain: "orders", file: "domains/orders.yaml", line: 5, productLines: {} }],
    grants: [],
    summary: { resources: 0, mandatory: withChanges ? findings.length : 0, advisory: 0, exempted: 0 },
    ...(withChanges ? { changes } : {}),
  };
}

describe("change review reports", () => {
  it("text: per domain, data loss first, then the counts and the contract verdicts", () => {
    const text = textReport(review(true));
    const section = text.slice(text.indexOf("Change against main (0123456789ab):"));
    const lines = section.split("\n").slice(1, 5);
    expect(lines).toEqual([
      "  orders",
      "    ✖ mandatory  data loss: bucket orders-order-facts is deleted",
      "    resources: 0 add, 1 update, 0 replace, 1 delete, 0 rename",
      "    contract a 1.0.0 → 1.1.0 backward: breaks (x: added without a default)",
    ]);
  });

  it("Markdown: data loss before the table of changes by domain and the contract verdicts", () => {
    const md = markdownReport(review(true));
    const at = (s: string) => md.indexOf(s);
    expect(at("### Change against `main` (`0123456789ab`)")).toBeGreaterThan(0);
    expect(at("**Data loss**")).toBeLessThan(at("| domain | add | update | replace | delete | rename |"));
    expect(md).toContain("| orders | 0 | 1 | 0 | 1 | 0 |");
    expect(md).toContain("| orders | a | 1.0.0 → 1.1.0 | backward | ❌ x: added without a default |");
  });

  it("JSON: a changes object with its base, its pack, resources and contracts", () => {
    const doc = JSON.parse(jsonReport(review(true)));
    expect(doc.changes.base).toEqual(changes.base);
    expect(doc.changes.pack).toEqual(changes.pack);
    expect(doc.changes.resources).toEqual([
      { urn: BUCKET, type: "aws:s3/bucket:Bucket", action: "delete", changedProperties: [], replaceReasons: [], stateful: true, domain: "orders" },
      {
        urn: "urn:pulumi:production::p::aws:iam/role:Role::orders-producer",
        type: "aws:iam/role:Role",
        action: "update",
        changedProperties: ["tags.owner"],
        replaceReasons: [],
        stateful: false,
        domain: "orders",
      },
    ]);
    expect(doc.changes.contracts).toEqual([{ domain: "orders", product: "a", fromVersion: "1.0.0", toVersion: "1.1.0", compatibility: "backward", compatible: false, reasons: ["x: added without a default"] }]);
  });

  it("JSON read back: the same changes, and the data loss on a deleted resource keeps its domain", () => {
    const back = reviewFromJson(JSON.parse(jsonReport(review(true))));
    const { findings: _findings, ...rest } = back.changes!;
    const { findings: _expected, ...expected } = changes;
    expect(rest).toEqual(expected);
    expect(back.changes!.findings.map((f) => [f.policy, f.message])).toEqual(findings.map((f) => [f.policy, f.message]));
    expect(back.findings.find((f) => f.urn === BUCKET)?.domain).toBe("orders");
    expect(reviewFromJson(JSON.parse(jsonReport(review(false))))).not.toHaveProperty("changes");
  });

  it("SARIF: results at the manifest line of the change, each with its own fingerprint", () => {
    const run = JSON.parse(sarifReport(review(true))).runs.find((r: { tool: { driver: { name: string } } }) => r.tool.driver.name === "meshkit-change-review");
    const results = run.results as { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[]; partialFingerprints: Record<string, string> }[];
    expect(results.map((r) => r.locations[0].physicalLocation.region.startLine)).toEqual([40, 25, 60]);
    expect(new Set(results.map((r) => r.partialFingerprints["meshkitFinding/v1"])).size).toBe(3);
  });

  it("adds nothing to any report without --base", () => {
    expect(textReport(review(false))).not.toContain("Change against");
    expect(markdownReport(review(false))).not.toContain("### Change against");
    expect(JSON.parse(jsonReport(review(false)))).not.toHaveProperty("changes");
  });
});

describe("merged change review", () => {
  const merged = (...reviews: Review[]) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-merge-changes-"));
    try {
      return mergedMarkdownReport(
        mergeReviews(
          reviews.map((r) => {
            const file = path.join(dir, `${r.stack}.json`);
            fs.writeFileSync(file, jsonReport(r));
            return file;
          }),
        ),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  it("shows each stack's data loss, resource changes by domain and contract verdicts, as one review's comment does", () => {
    const md = merged(review(true, "orders-production"), review(true, "payments-production"), review(false, "quiet-production"));
    const at = (s: string) => md.indexOf(s);
    expect(at("### Change against `main` (`0123456789ab`)")).toBeGreaterThan(0);
    expect(md).toContain("- ❌ `orders-production`: data loss: bucket orders-order-facts is deleted (mandatory)");
    expect(md).toContain("- ❌ `payments-production`: data loss: bucket orders-order-facts is deleted (mandatory)");
    expect(at("**Data loss**")).toBeLessThan(at("| stack | domain | add | update | replace | delete | rename |"));
    expect(md).toContain("| `orders-production` | orders | 0 | 1 | 0 | 1 | 0 |");
    expect(md).toContain("| `payments-production` | orders | 0 | 1 | 0 | 1 | 0 |");
    expect(md).toContain("| `orders-production` | orders | a | 1.0.0 → 1.1.0 | backward | ❌ x: added without a default |");
    expect(md).not.toContain("`quiet-production` | orders");
    expect(at("### Change against")).toBeLessThan(at("### Mandatory violations"));
  });

  it("adds no change section when no review was run with --base", () => {
    expect(merged(review(false, "a-production"), review(false, "b-production"))).not.toContain("### Change against");
  });

  it("keeps within its budget on a thousand changed stacks, and says what it left out", () => {
    const md = merged(...Array.from({ length: 1000 }, (_, i) => review(true, `d${String(i).padStart(4, "0")}-production`)));
    expect(md.length).toBeLessThan(65_536);
    expect(md).toMatch(/\| … \| … and \d+ more; see the JSON or SARIF report\. \|/);
  });
});
