// Report edge cases that the example stacks do not reach: a PR comment that would exceed GitHub's limit,
// Mermaid labels with quotes, JUnit with characters XML forbids, and progress only on a terminal.
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import type { Grant } from "../../components/grants/accessModel";
import { junitReport } from "../../cli/reports/junit";
import { markdownReport } from "../../cli/reports/markdown";
import { accessDiagram } from "../../cli/reports/mermaid";
import { progress } from "../../cli/progress";
import type { Finding, Review } from "../../cli/review/model";

function review(findings: Finding[]): Review {
  const urns = [...new Set(findings.map((f) => f.urn).filter((u): u is string => u !== undefined))];
  return {
    stack: "production",
    project: "p",
    program: "index.ts",
    packs: [{ name: "pack", version: "1.0.0" }],
    resources: urns.map((urn) => ({ urn, type: "aws:s3/bucket:Bucket", name: urn.split("::").pop()!, protect: false, domain: "orders" })),
    policies: [{ policyPack: "pack", name: "rule", description: "A rule.", type: "resource", severity: "high", enforcementLevel: "mandatory", frameworks: [], remediation: "Fix it." }],
    findings,
    manifests: [],
    grants: [],
    summary: { resources: urns.length, mandatory: findings.length, advisory: 0, exempted: 0 },
  };
}

const finding = (i: number, message = "x".repeat(200)): Finding => ({
  policyPack: "pack",
  policy: "rule",
  severity: "high",
  enforcementLevel: "mandatory",
  urn: `urn:pulumi:production::p::aws:s3/bucket:Bucket::bucket-${String(i).padStart(4, "0")}`,
  message,
  frameworks: [],
  exempted: false,
  domain: "orders",
});

describe("Markdown report", () => {
  it("stays within GitHub's comment limit and says how many findings it left out", () => {
    const md = markdownReport(review(Array.from({ length: 2000 }, (_, i) => finding(i))));
    expect(md.length).toBeLessThan(65_536);
    const shown = md.split("\n").filter((l) => l.startsWith("- **`rule`**")).length;
    expect(shown).toBeGreaterThan(50);
    expect(md).toContain(`- … and ${2000 - shown} more; see the JSON or SARIF report.`);
  });

  it("shows every finding when they fit", () => {
    const md = markdownReport(review([finding(1), finding(2)]));
    expect(md.split("\n").filter((l) => l.startsWith("- **`rule`**"))).toHaveLength(2);
    expect(md).not.toContain("more; see");
  });
});

describe("Mermaid access diagram", () => {
  it("quotes labels and keeps identifiers to safe characters", () => {
    const grants: Grant[] = [
      { principalDomain: "orders", role: "producer", productDomain: "orders", product: "order-events", access: ["read", "write"], reason: "owner" },
      { principalDomain: "pay-ments", role: "consumer", productDomain: "orders", product: "order-events", access: ["read"], reason: 'settle "captured"\npayments' },
      { principalDomain: "pay-ments", role: "pipeline", productDomain: "orders", product: "order-events", access: ["read"], reason: 'settle "captured"\npayments' },
    ];
    expect(accessDiagram(grants)).toBe(
      [
        "flowchart LR",
        '  subgraph d__orders["orders"]',
        '    p__orders__order_events["order-events"]',
        "  end",
        '  d__pay_ments["pay-ments"]',
        '  p__orders__order_events -->|"settle #quot;captured#quot; payments"| d__pay_ments',
      ].join("\n"),
    );
  });
});

describe("JUnit report", () => {
  it("has one test case per policy and domain, however many resources fail, naming each in the failure", () => {
    const xml = junitReport(review(Array.from({ length: 500 }, (_, i) => finding(i, `finding ${i}`))));
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml);
    expect(doc.testsuites.tests).toBe("1");
    const { name, failure } = doc.testsuites.testsuite.testcase;
    expect(name).toBe("orders");
    expect(failure.message).toBe("aws:s3/bucket:Bucket bucket-0000: finding 0 (and 499 more)");
    const lines = (failure["#text"] as string).split("\n");
    expect(lines).toHaveLength(501);
    expect(lines[499]).toBe("mandatory (high) aws:s3/bucket:Bucket bucket-0499: finding 499");
  });

  it("escapes markup and drops characters XML 1.0 forbids", () => {
    const xml = junitReport(review([finding(1, 'a <b> & "c" \u0001 \'d\'')]));
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml);
    expect(doc.testsuites.testsuite.testcase.failure.message).toBe(`aws:s3/bucket:Bucket bucket-0001: a <b> & "c"  'd'`);
  });
});

describe("progress", () => {
  const stream = (isTTY: boolean) => {
    const written: string[] = [];
    return { written, stream: { isTTY, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream };
  };

  it("writes to a terminal and clears its line when done", () => {
    const t = stream(true);
    const p = progress(t.stream);
    p.step("reviewing");
    p.done();
    expect(t.written[0]).toMatch(/^\r\x1b\[2Kreviewing \(\d+ s\)$/);
    expect(t.written.at(-1)).toBe("\r\x1b[2K");
  });

  it("writes nothing when stderr is not a terminal", () => {
    const t = stream(false);
    const p = progress(t.stream);
    p.step("reviewing");
    p.done();
    expect(t.written).toEqual([]);
  });
});
