/**
 * The contract's resources as the engine plans them (through `plan()`, what `meshkit plan` runs):
 * columns on every Glue table of the example production stack, and, where the domains are given
 * an alert topic (tests/fixtures/quality-stack), one Glue Data Quality ruleset per table product
 * with a schema, with its DQDL, and the rule routing its low scores.
 */
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Progress } from "../../cli/progress";
import { plan } from "../../cli/review/run";
import { isTable } from "../../components/manifest";
import type { RunResult } from "../../engine";
import { exampleManifests } from "../support/exampleDomains";
import { inputsOf, ofType, PROJECT_DIR } from "../support/stackRuns";

const QUALITY_STACK = path.join(PROJECT_DIR, "tests", "fixtures", "quality-stack");
const quiet: Progress = { step: () => undefined, done: () => undefined };

/** `plan()` reads the project in the working directory. */
async function planIn(dir: string, stack: string): Promise<RunResult> {
  const before = process.cwd();
  process.chdir(dir);
  try {
    return await plan(stack, quiet);
  } finally {
    process.chdir(before);
  }
}

const tableProducts = exampleManifests().flatMap((m) =>
  m.spec.spec.products.filter((p) => isTable(p) && m.schemas[p.name] !== undefined).map((p) => ({ domain: m.spec.metadata.name, product: p })),
);

describe("the example production stack's catalog", () => {
  let run: RunResult;
  beforeAll(async () => {
    run = await planIn(PROJECT_DIR, "production");
  }, 300_000);

  it("gives every Glue table its columns, each with a type", () => {
    const tables = ofType(run, "aws:glue/catalogTable:CatalogTable");
    expect(tables).toHaveLength(6);
    for (const table of tables) {
      const columns = inputsOf(table).storageDescriptor.columns as { name: string; type: string }[];
      expect(columns.length, table.name).toBeGreaterThan(0);
      for (const c of columns) expect(c.type, `${table.name}.${c.name}`).toMatch(/^[a-z]/);
    }
  });

  it("records the PII categories on the columns, matching each product's pii list", () => {
    for (const m of exampleManifests()) {
      for (const product of m.spec.spec.products) {
        const table = ofType(run, "aws:glue/catalogTable:CatalogTable").find((t) => inputsOf(t).parameters["data-product"] === product.name)!;
        const categories = (inputsOf(table).storageDescriptor.columns as { parameters?: { pii?: string } }[]).flatMap((c) => c.parameters?.pii ?? []);
        expect([...new Set(categories)].sort(), product.name).toEqual([...product.pii].sort());
      }
    }
  });

  it("has no ruleset while the domains have no alert topic", () => {
    expect(ofType(run, "aws:glue/dataQualityRuleset:DataQualityRuleset")).toEqual([]);
  });
});

describe("the example domains with an alert topic", () => {
  let run: RunResult;
  beforeAll(async () => {
    run = await planIn(QUALITY_STACK, "production");
  }, 300_000);

  it("have one ruleset per table product with a schema, targeting its table, with the DQDL from its schema", () => {
    const rulesets = ofType(run, "aws:glue/dataQualityRuleset:DataQualityRuleset").map(inputsOf);
    expect(rulesets.map((r) => r.name).sort()).toEqual(tableProducts.map(({ domain, product }) => `${domain}-${product.name}-prd-quality`).sort());
    const segments = rulesets.find((r) => r.name === "customer-profile-customer-segments-prd-quality")!;
    expect(segments.targetTable).toEqual({ databaseName: "meshkit_production_customer_profile", tableName: "customer_segments" });
    expect(segments.ruleset).toBe(
      [
        "Rules = [",
        '    ColumnExists "customer_id",',
        '    ColumnExists "propensity",',
        '    ColumnExists "computed_on",',
        '    ColumnExists "model",',
        '    ColumnExists "segment",',
        '    IsComplete "customer_id",',
        '    IsComplete "segment",',
        '    IsComplete "computed_on",',
        '    ColumnValues "segment" in ["new", "loyal", "at-risk", "dormant"]',
        "]",
      ].join("\n"),
    );
  });

  it("route each ruleset's scores below the contract's threshold to the domain's alert topic", () => {
    const rules = ofType(run, "aws:cloudwatch/eventRule:EventRule").map(inputsOf);
    for (const { domain, product } of tableProducts) {
      const rule = rules.find((r) => r.name === `${domain}-${product.name}-prd-quality`)!;
      expect(JSON.parse(rule.eventPattern).detail.score).toEqual([{ numeric: ["<", product.contract.qualityThreshold / 100] }]);
    }
    const targets = ofType(run, "aws:cloudwatch/eventTarget:EventTarget").map(inputsOf);
    expect(targets.map((t) => t.arn).sort()).toEqual(tableProducts.map(({ domain }) => `arn:aws:sns:eu-west-1:444455556666:meshkit-production-${domain}-alerts`).sort());
  });
});
