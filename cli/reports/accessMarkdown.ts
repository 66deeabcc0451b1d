// Declared access as Markdown: the Mermaid diagram, then IAM and Kafka tables by principal.
import type { AccessReport } from "../access/model";
import { majorsOf } from "./accessText";
import { accessDiagram } from "./mermaid";

function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

export function accessMarkdownReport(report: AccessReport): string {
  const lines = [
    `## Declared access: \`${report.stack}\` (${report.environment})`,
    "",
    "```mermaid",
    accessDiagram(report.grants),
    "```",
    "",
    "### IAM roles",
    "",
    "| principal | product | access | why |",
    "|---|---|---|---|",
    ...report.iam.map((r) => `| \`${r.principal}\` | ${r.productDomain}/${r.product}${majorsOf(r)} | ${r.access.join(", ")} | ${cell(r.reason)} |`),
    "",
    "### Kafka principals",
    "",
    "| principal | operation | resource | product |",
    "|---|---|---|---|",
    ...report.kafka.map(
      (r) => `| \`${r.principal}\` | ${r.operation} | ${r.resourceType} \`${r.resource}\`${r.patternType === "Prefixed" ? " (prefix)" : ""} | ${r.product ? `${r.productDomain}/${r.product}` : "—"} |`,
    ),
  ];
  return lines.join("\n") + "\n";
}
