/**
 * The policy catalogue in README.md, generated from the pack's own metadata (`npm run catalogue`)
 * and held true by a test.
 */
import type { Policy } from "@pulumi/policy";
import { areaFromTags, frameworksFromTags } from "./metadata";
import { enforcementFor } from "./environmentConfig";

export const CATALOGUE_START = "<!-- policy-catalogue:start -->";
export const CATALOGUE_END = "<!-- policy-catalogue:end -->";

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function renderCatalogue(policies: readonly Policy[]): string {
  const stack = policies.filter((p) => "validateStack" in p).length;
  const lines = [
    `${policies.length} policies (${policies.length - stack} resource-level, ${stack} stack-level). ` +
      "Enforcement comes from `policies/config/<environment>.json`.",
    "",
    "| Policy | Area | Level | Severity | Frameworks | Staging / production | What it checks |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const p of policies) {
    const frameworks = frameworksFromTags(p.tags);
    lines.push(
      "| " +
        [
          `\`${p.name}\``,
          areaFromTags(p.tags) ?? "",
          "validateStack" in p ? "stack" : "resource",
          p.severity ?? "",
          frameworks.length === 0 ? "—" : frameworks.join(", "),
          `${enforcementFor(p, "staging")} / ${enforcementFor(p, "production")}`,
          cell(p.description),
        ].join(" | ") +
        " |",
    );
  }
  return lines.join("\n");
}

/** README text with the catalogue between its markers (a catalogue section is added if missing). */
export function withCatalogue(readme: string, catalogue: string): string {
  const block = `${CATALOGUE_START}\n${catalogue}\n${CATALOGUE_END}`;
  const start = readme.indexOf(CATALOGUE_START);
  const end = readme.indexOf(CATALOGUE_END);
  if (start < 0 || end < start) {
    const base = readme.trimEnd();
    return `${base === "" ? "" : base + "\n\n"}## Policy catalogue\n\n${block}\n`;
  }
  return readme.slice(0, start) + block + readme.slice(end + CATALOGUE_END.length);
}

/** The catalogue currently between the markers, if any. */
export function catalogueIn(readme: string): string | undefined {
  const start = readme.indexOf(CATALOGUE_START);
  const end = readme.indexOf(CATALOGUE_END);
  if (start < 0 || end < start) return undefined;
  return readme.slice(start + CATALOGUE_START.length, end).replace(/^\n/, "").replace(/\n$/, "");
}
