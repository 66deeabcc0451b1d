/**
 * The contract's resources in the example production stack, read through `meshkit plan --format json`
 * (planJson) of an update-mode run, where the mocks resolve the ARNs a preview leaves unknown: columns
 * on every Glue table, one Glue Data Quality ruleset per table product with a schema, with its DQDL,
 * and the rule routing its low scores to the domain's alert topic.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { planJson } from "../../cli/reports/planJson";
import { isTable } from "../../components/manifest";
import type { RunResult } from "../../engine";
import { exampleManifests } from "../support/exampleDomains";
import { runStack } from "../support/stackRuns";

interface PlanResource {
  name: string;
  type: string;
  inputs: Record<string, any>;
}

const tableProducts = exampleManifests().flatMap((m) =>
  m.spec.spec.products.filter((p) => isTable(p) && m.schemas[p.name] !== undefined).map((p) => ({ domain: m.spec.metadata.name, product: p })),
);

let run: RunResult;
let resources: PlanResource[];
const ofType = (type: string) => resources.filter((r) => r.type === type);
beforeAll(async () => {
  run = await runStack("production", false);
  resources = (JSON.parse(planJson(run)) as { resources: PlanResource[] }).resources;
}, 300_000);

describe("the example production stack's catalog", () => {
  it("gives every Glue table its columns, each with a type", () => {
    const tables = ofType("aws:glue/catalogTable:CatalogTable");
    expect(tables).toHaveLength(6);
    for (const table of tables) {
      const columns = table.inputs.storageDescriptor.columns as { name: string; type: string }[];
      expect(columns.length, table.name).toBeGreaterThan(0);
      for (const c of columns) expect(c.type, `${table.name}.${c.name}`).toMatch(/^[a-z]/);
    }
  });

  it("records the PII categories on the columns, matching each product's pii list", () => {
    for (const m of exampleManifests()) {
      for (const product of m.spec.spec.products) {
        const table = ofType("aws:glue/catalogTable:CatalogTable").find((t) => t.inputs.parameters["data-product"] === product.name)!;
        const categories = (table.inputs.storageDescriptor.columns as { parameters?: { pii?: string } }[]).flatMap((c) => c.parameters?.pii ?? []);
        expect([...new Set(categories)].sort(), product.name).toEqual([...product.pii].sort());
      }
    }
  });

});

describe("the example production stack's data quality", () => {
  it("have one ruleset per table product with a schema, targeting its table, with the DQDL from its schema", () => {
    const rulesets = ofType("aws:glue/dataQualityRuleset:DataQualityRuleset").map((r) => r.inputs);
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
    const rules = ofType("aws:cloudwatch/eventRule:EventRule").map((r) => r.inputs);
    for (const { domain, product } of tableProducts) {
      const rule = rules.find((r) => r.name === `${domain}-${product.name}-prd-quality`)!;
      expect(JSON.parse(rule.eventPattern).detail.score).toEqual([{ numeric: ["<", product.contract.qualityThreshold / 100] }]);
    }
    const targets = ofType("aws:cloudwatch/eventTarget:EventTarget").map((r) => r.inputs);
    const alertTopicArn = (domain: string) => run.resources.find((r) => r.name === `${domain}-alerts-topic`)!.outputs.arn as string;
    expect(targets.map((t) => t.arn).sort()).toEqual(tableProducts.map(({ domain }) => alertTopicArn(domain)).sort());
  });
});
