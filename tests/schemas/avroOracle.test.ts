/**
 * meshkit's Avro verdicts equal Apache Avro's own. Java's `SchemaCompatibility` (org.apache.avro:avro
 * from Maven Central, resolved by avro-oracle/pom.xml into the cache, as e2e/kafka/pom.xml is for the
 * Kafka probe) judges every pair of tests/fixtures/avro-compatibility/corpus.json in one JVM, in both
 * directions, and meshkit must agree on each. The corpus also records Java's verdicts, so meshkit is
 * held to them even where Java is missing; in CI (CI=true) a missing Java or Maven fails the test.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { checkSchemaCompatibility } from "../../components/schemas/compatibility";
import type { ProductSchema } from "../../components/manifest";

interface CorpusPair {
  readonly name: string;
  readonly rule: string;
  readonly backward: boolean;
  readonly forward: boolean;
  readonly old: unknown;
  readonly new: unknown;
}
type Verdicts = Record<string, { backward: boolean; forward: boolean } | { error: string }>;

const ORACLE = path.join(__dirname, "avro-oracle");
const CORPUS = path.join(__dirname, "../fixtures/avro-compatibility/corpus.json");
const pairs: readonly CorpusPair[] = JSON.parse(fs.readFileSync(CORPUS, "utf8")).pairs;

/** Every resolution rule of the Avro specification, by the corpus names that exercise it. */
const RULES: Record<string, RegExp> = {
  "int, long, float promotions": /^promote-(int|long|float)-to-/,
  "illegal reverse promotions and mismatches": /^mismatch-/,
  "string and bytes": /^promote-string-to-bytes$|string-bytes|uuid-to-bytes/,
  "enum symbols without default": /^enum-symbol-(added|removed)$/,
  "enum symbols with default": /^enum-symbol-.*default/,
  "writer union": /^union-branch-added$|^union-to-non-union/,
  "reader union": /^union-reader-/,
  "union to union": /^union-(branches-reordered|branch-promoted|two-records)$/,
  "field added with and without default": /^field-added-(with|without)-default$/,
  "field removed with and without default": /^field-removed-(old|no)-default$/,
  "field aliases": /^field-renamed-with-alias$/,
  "record aliases": /^record-renamed-with-alias$/,
  "named-type name mismatch": /^record-renamed$|^enum-renamed$|^fixed-renamed$/,
  "nested records": /^nested-/,
  arrays: /^array-/,
  maps: /^map-/,
  "fixed sizes": /^fixed-size-changed$/,
  "decimal, date, timestamp-millis, uuid": /^(decimal|date|timestamp|uuid)-/,
};

function schemaOf(document: unknown, name: string): ProductSchema {
  return { path: `${name}.avsc`, format: "AVRO", definition: JSON.stringify(document) };
}

function meshkitVerdicts(pair: CorpusPair): { backward: boolean; forward: boolean } {
  const older = schemaOf(pair.old, `${pair.name}-old`);
  const newer = schemaOf(pair.new, `${pair.name}-new`);
  return {
    backward: checkSchemaCompatibility("backward", newer, [older]).compatible,
    forward: checkSchemaCompatibility("forward", newer, [older]).compatible,
  };
}

function has(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: "ignore" }).status === 0;
}

/** Apache Avro's jars, copied once from Maven Central (through ~/.m2) into the cache. */
function avroLibraries(): string {
  const pom = path.join(ORACLE, "pom.xml");
  const version = /<avro\.version>(.+)<\/avro\.version>/.exec(fs.readFileSync(pom, "utf8"))![1];
  const cache = process.env.MESHKIT_CACHE ?? path.join(os.homedir(), ".cache", "meshkit");
  const libs = path.join(cache, `avro-${version}`, "libs");
  if (!fs.existsSync(path.join(libs, ".complete"))) {
    fs.rmSync(libs, { recursive: true, force: true });
    execFileSync("mvn", ["-B", "-q", "-f", pom, "dependency:copy-dependencies", "-DincludeScope=runtime", `-DoutputDirectory=${libs}`], {
      stdio: "pipe",
      timeout: 600_000,
    });
    fs.writeFileSync(path.join(libs, ".complete"), "");
  }
  return libs;
}

function javaVerdicts(): Verdicts {
  const out = execFileSync("java", ["-cp", `${avroLibraries()}/*`, path.join(ORACLE, "AvroCompatibilityOracle.java"), CORPUS], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 300_000,
  });
  return JSON.parse(out) as Verdicts;
}

describe("Avro compatibility corpus", () => {
  it("has at least 60 pairs, uniquely named, covering every resolution rule", () => {
    expect(pairs.length).toBeGreaterThanOrEqual(60);
    expect(new Set(pairs.map((p) => p.name)).size).toBe(pairs.length);
    const uncovered = Object.entries(RULES).filter(([, names]) => !pairs.some((p) => names.test(p.name)));
    expect(uncovered.map(([rule]) => rule)).toEqual([]);
  });

  it("meshkit reaches Java's recorded verdict on every pair, in both directions", () => {
    const disagreements = pairs
      .map((pair) => ({ name: pair.name, recorded: { backward: pair.backward, forward: pair.forward }, meshkit: meshkitVerdicts(pair) }))
      .filter((d) => d.recorded.backward !== d.meshkit.backward || d.recorded.forward !== d.meshkit.forward);
    expect(disagreements).toEqual([]);
  });
});

const javaAvailable = has("java", ["-version"]) && has("mvn", ["-v"]);
const requiredHere = process.env.CI === "true";

describe.skipIf(!javaAvailable && !requiredHere)("Apache Avro's Java SchemaCompatibility as the oracle", () => {
  it("agrees with meshkit on every pair of the corpus, in both directions", { timeout: 900_000 }, () => {
    expect(javaAvailable, "CI needs Java 17 and Maven on the PATH for the Avro oracle").toBe(true);
    const java = javaVerdicts();
    expect(Object.keys(java).sort()).toEqual(pairs.map((p) => p.name).sort());
    const disagreements = pairs
      .map((pair) => ({ name: pair.name, java: java[pair.name], meshkit: meshkitVerdicts(pair) }))
      .filter((d) => JSON.stringify(d.java) !== JSON.stringify(d.meshkit));
    expect(disagreements).toEqual([]);
  });
});
