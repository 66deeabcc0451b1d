// JUnit XML for CI test tabs: a test suite per policy, a test case per policy × analyzed resource (plus
// one for the stack as a whole on stack policies), failed when the policy reported a violation there and
// skipped when an exemption covers it. Disabled policies run nothing and are left out.
import { ROOT_STACK_TYPE } from "../../engine";
import type { Finding, Review } from "../review/model";
import { levelWord, resourceLabel } from "./grouping";

// XML 1.0 forbids most control characters even escaped; they are dropped.
function xml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}


export function junitReport(review: Review): string {
  const byKey = new Map<string, Finding[]>();
  for (const f of review.findings) {
    const key = `${f.policyPack}\0${f.policy}\0${f.urn ?? ""}`;
    byKey.set(key, [...(byKey.get(key) ?? []), f]);
  }
  const resources = review.resources.filter((r) => r.type !== ROOT_STACK_TYPE);
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const p of review.policies.filter((x) => x.enforcementLevel !== "disabled")) {
    // Every resource, any other URN the policy reported (the root stack, say), and the stack itself.
    const reported = review.findings.filter((f) => f.policyPack === p.policyPack && f.policy === p.name).map((f) => f.urn);
    const targets = [...new Set<string | undefined>([...resources.map((r) => r.urn), ...reported.filter((u) => u !== undefined).sort()])];
    if (p.type === "stack" || reported.includes(undefined)) targets.push(undefined);
    const cases: string[] = [];
    let suiteFailures = 0;
    let suiteSkipped = 0;
    for (const urn of targets) {
      const found = byKey.get(`${p.policyPack}\0${p.name}\0${urn ?? ""}`) ?? [];
      const open = found.filter((f) => !f.exempted);
      const name = urn ?? `stack ${review.stack}`;
      const head = `    <testcase classname="${xml(`${p.policyPack}.${p.name}`)}" name="${xml(name)}"`;
      if (open.length > 0) {
        suiteFailures++;
        const body = open.map((f) => `${levelWord(f)} (${f.severity}): ${f.message}`).join("\n");
        const summary = `${resourceLabel(review, urn)}: ${open[0].message}`;
        cases.push(`${head}>\n      <failure message="${xml(summary)}" type="${xml(open[0].enforcementLevel)}">${xml(body)}${p.remediation ? xml(`\nRemediation: ${p.remediation}`) : ""}</failure>\n    </testcase>`);
      } else if (found.length > 0) {
        suiteSkipped++;
        cases.push(`${head}>\n      <skipped message="${xml(`exempted: ${found[0].exemption?.reason ?? ""}`)}"/>\n    </testcase>`);
      } else {
        cases.push(`${head}/>`);
      }
    }
    tests += cases.length;
    failures += suiteFailures;
    skipped += suiteSkipped;
    suites.push(
      `  <testsuite name="${xml(`${p.policyPack}/${p.name}`)}" tests="${cases.length}" failures="${suiteFailures}" errors="0" skipped="${suiteSkipped}">\n${cases.join("\n")}\n  </testsuite>`,
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
