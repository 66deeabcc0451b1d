/**
 * The proof for one environment: the example domains' generated policies, simulated principal ×
 * product × read/write, equal the declared matrix in every layer and in effect.
 */
import { describe, expect, it } from "vitest";
import type { Environment } from "../../conventions";
import { installMocks } from "../support/mocks";
import { compareWithDeclared, LAYERS, principalsOf, targetsOf } from "./accessMatrix";
import { alertServices, compareAlertTopicAccess, compareMetricAccess } from "./alertAccess";
import { deployExamples } from "./deployExamples";

export function effectiveAccessSuite(environment: Environment): void {
  const mocks = installMocks();

  describe(`${environment}: effective access equals declared access`, async () => {
    const platform = await deployExamples(mocks.resources, environment);
    const principals = principalsOf(platform);
    const requests = targetsOf(platform).flatMap((t) => [...t.requests.read, ...t.requests.write]);
    const dataRequests = requests.filter((r) => r.kind !== "glue").length;

    it("covers 12 domain roles and 2 outsiders against 6 products (3 tables: object, key, catalog; 3 streams: key, schema)", () => {
      expect(principals).toHaveLength(14);
      expect(dataRequests).toBe(3 * 4 + 3 * 2);
      expect(requests.length - dataRequests).toBe(3 * 2 + 3 * 1);
    });

    for (const layer of LAYERS) {
      it(`${layer} layer`, async () => {
        const result = await compareWithDeclared(platform, layer, principals);
        expect(result.mismatches).toEqual([]);
        // Metadata (catalog, schemas) has no resource policy: judged for the domain roles' own layers.
        const expectedCells = layer === "identity" || layer === "boundary" ? 12 * requests.length : 14 * dataRequests;
        expect(result.cells).toBe(expectedCells);
        // Not vacuous: some cells allowed, some denied.
        expect(result.allowed).toBeGreaterThan(0);
        expect(result.allowed).toBeLessThan(result.cells);
      });
    }

    it("alert topics: only the domain's alarms and the account's rules publish, only the platform role subscribes", async () => {
      const result = await compareAlertTopicAccess(platform, principals);
      expect(result.mismatches).toEqual([]);
      // 3 topics × publish and subscribe × (14 principals + 5 services).
      expect(result.cells).toBe(3 * 2 * (14 + alertServices(environment, "orders").length));
      // Per topic: two services publish, the platform role subscribes.
      expect(result.allowed).toBe(3 * 3);
    });

    it("the freshness namespace: only pipeline roles put metrics, and only there", async () => {
      const result = await compareMetricAccess(principals);
      expect(result.mismatches).toEqual([]);
      expect(result.cells).toBe(12 * 2);
      expect(result.allowed).toBe(3);
    });
  });
}
