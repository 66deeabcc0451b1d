/**
 * The effective-access proof on a platform where a stream migrates between majors: shipping's
 * shipment-events is at 2.0.0 with v1 kept until its sunset, orders pinned to v1 and payments on
 * v2. Each major is a target of its own (its topic's payload key context and its schema), so a
 * consumer reaching the other major, or missing its own, is a mismatch in some layer.
 */
import { describe, expect, it } from "vitest";
import { installMocks } from "../support/mocks";
import { MIGRATING_MANIFEST } from "../support/exampleDomains";
import { compareWithDeclared, LAYERS, principalsOf, targetsOf } from "./accessMatrix";
import { deployExamples } from "./deployExamples";

const mocks = installMocks();

describe("production, a stream migrating from v1 to v2: effective access equals declared access", async () => {
  const platform = await deployExamples(mocks.resources, "production", [MIGRATING_MANIFEST]);
  const principals = principalsOf(platform);
  const shipping = targetsOf(platform).filter((t) => t.domain === "shipping");

  it("judges both majors of the migrating stream, and its table", () => {
    expect(shipping.map((t) => `${t.product}${t.major === undefined ? "" : ` v${t.major}`}`)).toEqual(["shipment-events v2", "shipment-events v1", "shipment-facts"]);
    expect(principals).toHaveLength(4 * 4 + 2);
  });

  for (const layer of LAYERS) {
    it(`${layer} layer`, async () => {
      const result = await compareWithDeclared(platform, layer, principals);
      expect(result.mismatches).toEqual([]);
      expect(result.allowed).toBeGreaterThan(0);
      expect(result.allowed).toBeLessThan(result.cells);
    });
  }

  it("is not vacuous: with the pins swapped, each consumer decrypts the major it is not declared to read", async () => {
    const only = principals.filter((p) => p.label === "orders/consumer" || p.label === "payments/consumer");
    // Swapping the pins must break the proof in both directions.
    const swapped = platform.specs.map((spec) =>
      spec.metadata.name !== "shipping"
        ? spec
        : {
            ...spec,
            spec: {
              ...spec.spec,
              products: spec.spec.products.map((p) => ({ ...p, consumers: p.consumers.map((c) => ({ ...c, major: c.domain === "orders" ? 2 : 1 })) })),
            },
          },
    );
    const wrong = await compareWithDeclared({ ...platform, specs: swapped }, "effective", only);
    expect(wrong.mismatches).toEqual(
      expect.arrayContaining([
        "orders/consumer kms:Decrypt shipping/shipment-events v1: simulated allow, declared deny",
        "orders/consumer kms:Decrypt shipping/shipment-events v2: simulated deny, declared allow",
        "payments/consumer kms:Decrypt shipping/shipment-events v2: simulated allow, declared deny",
        "payments/consumer kms:Decrypt shipping/shipment-events v1: simulated deny, declared allow",
      ]),
    );
  });
});
