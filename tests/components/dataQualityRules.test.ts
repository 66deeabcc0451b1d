import { beforeEach, describe, expect, it } from "vitest";
import { installMocks } from "../support/mocks";
import { settle } from "../support/settle";
import { contextFor, exampleManifest } from "../support/exampleDomains";
import { expectedRequiredTags } from "../support/requiredTags";
import { DataQualityRules } from "../../components/observability/dataQualityRules";

const mocks = installMocks();
beforeEach(() => {
  mocks.resources.length = 0;
});

const TOPIC = "arn:aws:sns:eu-west-1:444455556666:meshkit-production-orders-alerts";

async function deploy(domain: string) {
  const manifest = exampleManifest(domain);
  new DataQualityRules(`${domain}-quality`, {
    context: contextFor(manifest, "production"),
    schemas: manifest.schemas,
    databaseName: `meshkit_production_${domain.replace(/-/g, "_")}`,
    alertTopicArn: TOPIC,
  });
  await settle();
  return manifest;
}

const rulesets = () => mocks.ofType("aws:glue/dataQualityRuleset:DataQualityRuleset");
const eventRules = () => mocks.ofType("aws:cloudwatch/eventRule:EventRule");
const targets = () => mocks.ofType("aws:cloudwatch/eventTarget:EventTarget");

describe("DataQualityRules", () => {
  it("creates one ruleset per table product with a schema, none for streams, targeting the product's catalog table", async () => {
    const manifest = await deploy("orders");
    expect(rulesets().map((r) => r.name)).toEqual(["orders-quality-order-facts-ruleset"]);
    const ruleset = rulesets()[0].inputs;
    expect(ruleset.name).toBe("orders-order-facts-prd-quality");
    expect(ruleset.targetTable).toEqual({ databaseName: "meshkit_production_orders", tableName: "order_facts" });
    expect(ruleset.tags).toMatchObject({ ...expectedRequiredTags(manifest.spec, "production", "internal"), "data-product": "order-facts" });
  });

  it("writes DQDL from the schema: every column exists, required fields are complete, enums take only their symbols", async () => {
    await deploy("orders");
    expect(rulesets()[0].inputs.ruleset).toBe(
      [
        "Rules = [",
        '    ColumnExists "order_id",',
        '    ColumnExists "status",',
        '    ColumnExists "item_count",',
        '    ColumnExists "amount",',
        '    ColumnExists "discount_cents",',
        '    ColumnExists "lines",',
        '    ColumnExists "attributes",',
        '    ColumnExists "updated_at",',
        '    ColumnExists "order_date",',
        '    ColumnExists "region",',
        '    IsComplete "order_date",',
        '    IsComplete "region",',
        '    IsComplete "order_id",',
        '    IsComplete "status",',
        '    IsComplete "item_count",',
        '    IsComplete "amount",',
        '    IsComplete "lines",',
        '    IsComplete "attributes",',
        '    IsComplete "updated_at",',
        '    ColumnValues "status" in ["OPEN", "PAID", "SHIPPED", "CANCELLED"]',
        "]",
      ].join("\n"),
    );
  });

  it("lets a nullable enum be null, and reads JSON Schema's required list", async () => {
    await deploy("customer-profile");
    const dqdl = String(rulesets()[0].inputs.ruleset);
    expect(dqdl).toContain('IsComplete "customer_id"');
    expect(dqdl).not.toContain('IsComplete "propensity"');
    expect(dqdl).toContain('ColumnValues "segment" in ["new", "loyal", "at-risk", "dormant"]');
  });

  it("routes evaluations scoring below the contract's threshold (a 0–1 score, matched numerically) to the alert topic", async () => {
    await deploy("payments");
    expect(eventRules()).toHaveLength(1);
    const rule = eventRules()[0].inputs;
    expect(rule.name).toBe("payments-settlement-ledger-prd-quality");
    expect(JSON.parse(rule.eventPattern)).toEqual({
      source: ["aws.glue-dataquality"],
      "detail-type": ["Data Quality Evaluation Results Available"],
      detail: {
        context: { databaseName: ["meshkit_production_payments"], tableName: ["settlement_ledger"] },
        rulesetNames: ["payments-settlement-ledger-prd-quality"],
        score: [{ numeric: ["<", 0.995] }],
      },
    });
    expect(targets().map((t) => t.inputs)).toEqual([expect.objectContaining({ rule: "payments-settlement-ledger-prd-quality", arn: TOPIC })]);
  });
});
