/**
 * The design brief's invariant, "validator and guardrails agree": whatever `meshkit validate`
 * accepts deploys, through meshkit's components, with no mandatory finding from meshkit's own
 * pack in either environment, and with no URN or physical name used twice.
 *
 * Platforms are drawn at random (platformArbitrary.ts), written to a temporary directory and
 * validated by the real validator (loadPlatform); the ones it refuses are skipped. A failure
 * prints fast-check's seed and path; replay it with MESHKIT_PROPERTY_SEED=<seed>
 * MESHKIT_PROPERTY_PATH=<path>. MESHKIT_PROPERTY_RUNS changes the number of platforms.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { stringify } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { loadPlatform, type LoadedManifest } from "../../components/manifest";
import { ENVIRONMENTS } from "../../conventions";
import type { ManifestData } from "../manifest/arbitraries";
import { platformManifests } from "./platformArbitrary";
import { deployPlatform } from "./deployPlatform";
import { judgePlatform } from "./judgePlatform";

// A platform takes 5–10 s to deploy and judge in both environments here (the mock runtime's
// registrations dominate), so CI runs what fits in about three minutes; raise it locally.
const RUNS = Number(process.env.MESHKIT_PROPERTY_RUNS ?? 20);
const SEED = process.env.MESHKIT_PROPERTY_SEED === undefined ? undefined : Number(process.env.MESHKIT_PROPERTY_SEED);
const PATH = process.env.MESHKIT_PROPERTY_PATH;
const SCHEMA_DIR = path.join(__dirname, "../fixtures/manifests/schemas");
/** The schema files the generator points products at. */
const SCHEMAS = ["shipment-events.avsc", "shipment-notes.avsc"];

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-property-"));
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

/** Writes the platform as manifest files (schemas where the generator's relative path points) and validates it. */
function validate(platform: ManifestData[], run: number): LoadedManifest[] | undefined {
  const dir = path.join(workDir, String(run), "domains");
  fs.mkdirSync(dir, { recursive: true });
  // A project of its own, so the generator's ../schemas paths stay inside it (schema paths may not leave the project).
  fs.writeFileSync(path.join(dir, "../Pulumi.yaml"), "name: property-platform\nruntime: nodejs\n");
  fs.mkdirSync(path.join(dir, "../schemas"));
  for (const schema of SCHEMAS) fs.copyFileSync(path.join(SCHEMA_DIR, schema), path.join(dir, "../schemas", schema));
  const files = platform.map((manifest, i) => {
    const file = path.join(dir, `domain-${i}.yaml`);
    fs.writeFileSync(file, stringify(manifest));
    return file;
  });
  const result = loadPlatform(files);
  return result.ok ? result.manifests : undefined;
}

describe("validator and guardrails agree (property)", () => {
  it(`deploys every platform the validator accepts with no mandatory finding, duplicate URN or physical name (${RUNS} platforms)`, async () => {
    const started = Date.now();
    let run = 0;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(platformManifests, async (platform) => {
        const manifests = validate(platform, run++);
        fc.pre(manifests !== undefined);
        accepted++;
        for (const environment of ENVIRONMENTS) {
          const verdict = await judgePlatform(await deployPlatform(manifests!, environment), environment);
          expect({ environment, ...verdict }).toEqual({
            environment,
            mandatoryFindings: [],
            duplicateUrns: [],
            duplicatePhysicalNames: [],
            failedRegistrations: [],
          });
        }
      }),
      { numRuns: RUNS, seed: SEED, path: PATH, endOnFailure: true, maxSkipsPerRun: 10 },
    );
    console.log(`property: ${accepted} valid platforms of ${run} drawn, deployed to ${ENVIRONMENTS.join(" and ")} in ${Math.round((Date.now() - started) / 1000)} s`);
    // Most drawn platforms must be valid, or the property says little.
    expect(accepted / run).toBeGreaterThan(0.5);
  }, 120_000 + RUNS * 30_000);
});
