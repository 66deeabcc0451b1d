// JUnit XML for CI test tabs: a test suite per policy and in it a test case per domain (resources outside
// every domain make one more, "(outside any domain)"), failed when the policy reported a violation on any
// of the domain's resources, with every failing resource in the failure text, and skipped when
// exemptions cover all of them. One case per policy and domain keeps the report a size CI can show (a
// case per resource grew with the platform: 12,628 cases, 3.1 MB, for the production example stack).
// Disabled policies run nothing and are left out.
import type { Finding, Review } from "../review/model";
import { domainsInOrder, levelWord, NO_DOMAIN, resourceLabel } from "./grouping";
import { xml } from "./xml";

function testCase(review: Review, classname: string, domain: string, findings: readonly Finding[], remediation: string | undefined): { xml: string; failed: boolean; skipped: boolean } {
  const head = `    <testcase classname="${xml(classname)}" name="${xml(domain)}"`;
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

export function junitReport(review: Review): string {
  const domains = domainsInOrder([...review.resources.map((r) => r.domain), ...review.findings.map((f) => f.domain)]);
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const p of review.policies.filter((x) => x.enforcementLevel !== "disabled")) {
    const reported = review.findings.filter((f) => f.policyPack === p.policyPack && f.policy === p.name);
    const cases = domains.map((d) => testCase(review, `${p.policyPack}.${p.name}`, d, reported.filter((f) => (f.domain ?? NO_DOMAIN) === d), p.remediation));
    const suiteFailures = cases.filter((c) => c.failed).length;
    const suiteSkipped = cases.filter((c) => c.skipped).length;
    tests += cases.length;
    failures += suiteFailures;
    skipped += suiteSkipped;
    suites.push(
      `  <testsuite name="${xml(`${p.policyPack}/${p.name}`)}" tests="${cases.length}" failures="${suiteFailures}" errors="0" skipped="${suiteSkipped}">\n${cases.map((c) => c.xml).join("\n")}\n  </testsuite>`,
    );
  }
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${xml(`meshkit review ${review.stack}`)}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">`,
    ...suites,
    `</testsuites>`,
    "",
  ].join("\n");
}
