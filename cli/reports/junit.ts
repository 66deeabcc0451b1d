// JUnit XML for CI test tabs: a test suite per policy and in it a test case per domain (resources outside
// every domain make one more, "(outside any domain)"), failed when the policy reported a violation on any
// of the domain's resources, with every failing resource in the failure text, and skipped when
// exemptions cover all of them. One case per policy and domain keeps the report a size CI can show (a
// case per resource grew with the platform: 12,628 cases, 3.1 MB, for the production example stack).
// Disabled policies run nothing and are left out.
import type { MergedReview } from "../merge/mergedReview";
import type { Finding, ReportPolicy, Review } from "../review/model";
import { domainsInOrder, levelWord, NO_DOMAIN, resourceLabel } from "./grouping";
import { manifestTestCases } from "./manifestProblems";
import { xml } from "./xml";

interface TestCase {
  xml: string;
  failed: boolean;
  skipped: boolean;
}

function testCase(review: Review, classname: string, name: string, findings: readonly Finding[], remediation: string | undefined): TestCase {
  const head = `    <testcase classname="${xml(classname)}" name="${xml(name)}"`;
  const open = findings.filter((f) => !f.exempted);
  if (open.length > 0) {
    const more = open.length > 1 ? ` (and ${open.length - 1} more)` : "";
    const summary = `${resourceLabel(review, open[0].urn)}: ${open[0].message}${more}`;
    // Open findings first, then the exempted ones, each naming its resource.
    const lines = [...open, ...findings.filter((f) => f.exempted)].map((f) => `${levelWord(f)} (${f.severity}) ${resourceLabel(review, f.urn)}: ${f.message}`);
    const body = lines.join("\n") + (remediation ? `\nRemediation: ${remediation}` : "");
    return { xml: `${head}>\n      <failure message="${xml(summary)}" type="${xml(open[0].enforcementLevel)}">${xml(body)}</failure>\n    </testcase>`, failed: true, skipped: false };
  }
  if (findings.length > 0) {
    return { xml: `${head}>\n      <skipped message="${xml(`exempted: ${findings[0].exemption?.reason ?? ""}`)}"/>\n    </testcase>`, failed: false, skipped: true };
  }
  return { xml: `${head}/>`, failed: false, skipped: false };
}

function domainsOf(review: Review): string[] {
  return domainsInOrder([...review.resources.map((r) => r.domain), ...review.findings.map((f) => f.domain)]);
}

/** The cases of one policy in one review: one per domain, named by `caseName`. */
function policyCases(review: Review, p: ReportPolicy, caseName: (domain: string) => string): TestCase[] {
  const reported = review.findings.filter((f) => f.policyPack === p.policyPack && f.policy === p.name);
  return domainsOf(review).map((d) => testCase(review, `${p.policyPack}.${p.name}`, caseName(d), reported.filter((f) => (f.domain ?? NO_DOMAIN) === d), p.remediation));
}

function suite(name: string, cases: readonly TestCase[]): string {
  const failed = cases.filter((c) => c.failed).length;
  const skipped = cases.filter((c) => c.skipped).length;
  return `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${failed}" errors="0" skipped="${skipped}">\n${cases.map((c) => c.xml).join("\n")}\n  </testsuite>`;
}

function document(name: string, suites: readonly { name: string; cases: readonly TestCase[] }[]): string {
  const all = suites.flatMap((s) => s.cases);
  const failures = all.filter((c) => c.failed).length;
  const skipped = all.filter((c) => c.skipped).length;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${xml(name)}" tests="${all.length}" failures="${failures}" errors="0" skipped="${skipped}">`,
    ...suites.map((s) => suite(s.name, s.cases)),
    `</testsuites>`,
    "",
  ].join("\n");
}

export function junitReport(review: Review): string {
  const suites = review.policies
    .filter((p) => p.enforcementLevel !== "disabled")
    .map((p) => ({ name: `${p.policyPack}/${p.name}`, cases: policyCases(review, p, (d) => d) }));
  return document(`meshkit review ${review.stack}`, suites);
}

/**
 * Many reviews in one file: still a suite per policy, in it a case per stack and domain
 * (`<stack>/<domain>`) of every review that ran the policy, and a `manifests` suite with a case per
 * manifest of each review its manifests stopped.
 */
export function mergedJunitReport(merged: MergedReview): string {
  const policies = new Map<string, ReportPolicy>();
  for (const r of merged.reviews) for (const p of r.policies) policies.set(`${p.policyPack}/${p.name}`, p);
  const suites = [...policies.keys()].sort().flatMap((key) => {
    const cases = merged.reviews.flatMap((r) => {
      const own = r.policies.find((p) => `${p.policyPack}/${p.name}` === key);
      return own && own.enforcementLevel !== "disabled" ? policyCases(r, own, (d) => `${r.stack}/${d}`) : [];
    });
    return cases.length > 0 ? [{ name: key, cases }] : [];
  });
  const manifests = merged.stopped.flatMap((c) => manifestTestCases(c, (file) => `${c.stack ?? c.title}/${file}`));
  return document(`meshkit review of ${merged.summary.stacks} stacks`, [...suites, ...(manifests.length > 0 ? [{ name: "manifests", cases: manifests }] : [])]);
}
