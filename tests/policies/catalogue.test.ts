import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AREAS, areaFromTags } from "../../policies/lib/metadata";
import { catalogueIn, renderCatalogue, withCatalogue } from "../../policies/lib/catalogue";
import { meshkitPolicies } from "../../policies/pack";

const { policies } = meshkitPolicies();

describe("policy catalogue", () => {
  it("in README.md is what `npm run catalogue` writes", () => {
    const readme = readFileSync(join(__dirname, "../../README.md"), "utf8");
    expect(catalogueIn(readme)).toBe(renderCatalogue(policies));
  });

  it("replaces only what is between its markers, and adds the section when missing", () => {
    const readme = "# meshkit\n\nintro\n\n<!-- policy-catalogue:start -->\nold\n<!-- policy-catalogue:end -->\n\n## After\n";
    expect(withCatalogue(readme, "new")).toBe(readme.replace("old", "new"));
    expect(withCatalogue("# meshkit\n", "x")).toBe("# meshkit\n\n## Policy catalogue\n\n<!-- policy-catalogue:start -->\nx\n<!-- policy-catalogue:end -->\n");
  });
});

describe("the pack", () => {
  it("has at least 40 rules, each named <area>-<resource>-<check> with a description and remediation", () => {
    expect(policies.length).toBeGreaterThanOrEqual(40);
    for (const p of policies) {
      const area = areaFromTags(p.tags);
      expect(AREAS, p.name).toContain(area);
      expect(p.name, p.name).toMatch(new RegExp(`^${area}-[a-z0-9]+(-[a-z0-9]+)+$`));
      expect(p.description, p.name).toMatch(/^[A-Z].*\.$/);
      expect(p.remediationSteps?.length ?? 0, p.name).toBeGreaterThan(10);
    }
    expect(new Set(policies.map((p) => p.name)).size).toBe(policies.length);
  });

  it("covers every area of the design", () => {
    expect(new Set(policies.map((p) => areaFromTags(p.tags)))).toEqual(new Set(AREAS));
  });
});
