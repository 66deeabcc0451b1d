// Declared access for a terminal: every principal, then what it may do on which product.
import type { AccessReport, IamAccess } from "../access/model";

/** ` v2+v1`: the stream majors a grant reaches, current first. */
export function majorsOf(row: IamAccess): string {
  return row.majors === undefined ? "" : ` ${row.majors.map((m) => `v${m}`).join("+")}`;
}

function byPrincipal<T extends { principal: string }>(rows: readonly T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const r of rows) groups.set(r.principal, [...(groups.get(r.principal) ?? []), r]);
  return [...groups.entries()];
}

export function accessTextReport(report: AccessReport): string {
  const lines = [`Declared access in stack ${report.stack} (${report.environment})`, "", "IAM roles"];
  for (const [principal, rows] of byPrincipal(report.iam)) {
    lines.push(`  ${principal}`);
    for (const r of rows) lines.push(`    ${r.access.join("+").padEnd(10)} ${r.productDomain}/${r.product}${majorsOf(r)}  (${r.reason})`);
  }
  lines.push("", "Kafka principals");
  for (const [principal, rows] of byPrincipal(report.kafka)) {
    lines.push(`  ${principal}`);
    for (const r of rows) {
      const what = r.product ? `  (${r.productDomain}/${r.product})` : "";
      lines.push(`    ${r.operation.padEnd(10)} ${r.resourceType} ${r.resource}${r.patternType === "Prefixed" ? "*" : ""}${what}`);
    }
  }
  return lines.join("\n") + "\n";
}
