/**
 * The proof for one environment: the example domains' generated policies, simulated principal ×
 * product × read/write, equal the declared matrix in every layer and in effect.
 */
import { describe, expect, it } from "vitest";
import type { Environment } from "../../conventions";
import { installMocks } from "../support/mocks";
import { compareWithDeclared, LAYERS, principalsOf, targetsOf } from "./accessMatrix";
import { deployExamples } from "./deployExamples";

export function effectiveAccessSuite(environment: Environment): void {
  const mocks = installMocks();

  describe(`${environment}: effective access equals declared access`, async () => {
    const platform = await deployExamples(mocks.resources, environment);
    const principals = principalsOf(platform);
    const requestsPerPrincipal = targetsOf(platform).reduce((n, t) => n + t.requests.read.length + t.requests.write.length, 0);

    it("covers 12 domain roles and 2 outsiders against 6 products (3 tables: object + key, 3 streams: key)", () => {
      expect(principals).toHaveLength(14);
      expect(requestsPerPrincipal).toBe(3 * 4 + 3 * 2);
    });

    for (const layer of LAYERS) {
      it(`${layer} layer`, async () => {
        const result = await compareWithDeclared(platform, layer, principals);
        expect(result.mismatches).toEqual([]);
        const judged = layer === "identity" || layer === "boundary" ? 12 : 14;
        expect(result.cells).toBe(judged * requestsPerPrincipal);
        // Not vacuous: some cells allowed, some denied.
        expect(result.allowed).toBeGreaterThan(0);
        expect(result.allowed).toBeLessThan(result.cells);
      });
    }
  });
}
