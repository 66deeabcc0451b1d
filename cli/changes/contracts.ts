// Contract discipline of a change: for each product whose schema or contract changed, the new schema
// checked against the base under the declared compatibility (every committed version for -transitive
// modes), the version bump it needs, and the previous majors a major bump must keep until their sunset.
import * as path from "path";
import type { DataProduct, LoadedManifest, ProductSchema } from "../../components/manifest";
import { majorVersion } from "../../components/manifest";
import { checkSchemaCompatibility, UnusableSchemaError, type CompatibilityVerdict } from "../../components/schemas/compatibility";
import { CHANGE_RULES } from "../../conventions";
import type { Finding } from "../review/model";
import type { ManifestPlaces } from "./manifestPlaces";
import type { ContractChange } from "./model";
import { productPairs, type ProductPair } from "./pairs";
import { changeFinding } from "./rules";
import { versionBump } from "./versionBump";

export interface SchemaHistory {
  /** Texts of every committed version reachable from the base, newest first. */
  readonly versions: string[];
  readonly shallow: boolean;
}

export interface ContractReviewInput {
  readonly base: readonly LoadedManifest[];
  readonly head: readonly LoadedManifest[];
  /** The project directory of the base checkout, which base manifest paths are under. */
  readonly baseProjectDir: string;
  readonly production: boolean;
  /** YYYY-MM-DD. */
  readonly today: string;
  readonly places: ManifestPlaces;
  /** The committed versions of a schema file (relative to the project) reachable from the base. */
  readonly history: (schemaFile: string) => SchemaHistory;
}

interface PreviousMajor {
  readonly major: number;
  readonly sunset: string;
}

// `contract.previousMajors` and `consumers[].major` arrive with another branch's schema; read defensively.
function previousMajors(product: DataProduct): PreviousMajor[] {
  const list = (product.contract as { previousMajors?: unknown }).previousMajors;
  if (!Array.isArray(list)) return [];
  return list.flatMap((e: { major?: unknown; sunset?: unknown }) =>
    typeof e?.major === "number" && typeof e.sunset === "string" ? [{ major: e.major, sunset: e.sunset }] : [],
  );
}

function consumersOf(product: DataProduct, major: number): string[] {
  const current = majorVersion(product);
  return product.consumers.filter((c) => ((c as { major?: unknown }).major ?? current) === major).map((c) => c.domain);
}

function canonical(schema: ProductSchema): string {
  try {
    return `${schema.format}:${JSON.stringify(JSON.parse(schema.definition))}`;
  } catch {
    return `${schema.format}:${schema.definition}`;
  }
}

export function reviewContracts(input: ContractReviewInput): { contracts: ContractChange[]; findings: Finding[] } {
  const contracts: ContractChange[] = [];
  const findings: Finding[] = [];
  for (const pair of productPairs(input.base, input.head)) {
    if (!pair.base || !pair.head) continue;
    const { product: before, manifest: baseManifest } = pair.base;
    const { product: after, manifest: headManifest, index } = pair.head;
    const at = (...field: (string | number)[]) => input.places.at(headManifest.file, ["spec", "products", index, ...field]);
    const add = (rule: Parameters<typeof changeFinding>[0]["rule"], message: string, field: (string | number)[] = ["contract", "version"]) =>
      findings.push(changeFinding({ rule, message, domain: pair.domain, location: at(...field) }, input.production));
    const label = `${pair.domain}/${pair.name}`;
    findings.push(...reviewMajors(pair, input, at));

    const [oldSchema, newSchema] = [baseManifest.schemas[pair.name], headManifest.schemas[pair.name]];
    const schemaChanged = oldSchema !== undefined && newSchema !== undefined && canonical(oldSchema) !== canonical(newSchema);
    if (!schemaChanged && JSON.stringify(before.contract) === JSON.stringify(after.contract)) continue;

    // A contract change alone (a stricter mode, say) is checked too: -transitive may see older versions.
    const mode = after.contract.compatibility;
    let verdict: CompatibilityVerdict = { compatible: true, reasons: [], versionsChecked: 0 };
    if (oldSchema !== undefined && newSchema !== undefined) {
      let previous: ProductSchema[] = [oldSchema];
      if (mode.endsWith("-transitive")) {
        const file = path.relative(input.baseProjectDir, path.resolve(path.dirname(baseManifest.file), oldSchema.path));
        const history = input.history(file);
        if (history.versions.length > 0) previous = history.versions.map((definition) => ({ ...oldSchema, definition }));
        if (history.shallow) {
          add(CHANGE_RULES.shallowHistory, `${label}: ${mode} compared ${newSchema.path} with ${previous.length} committed version${previous.length === 1 ? "" : "s"}; the clone is shallow, so older versions were not seen`, ["schema"]);
        }
      }
      try {
        verdict = checkSchemaCompatibility(mode, newSchema, previous);
      } catch (e) {
        if (!(e instanceof UnusableSchemaError)) throw e;
        verdict = { compatible: false, reasons: [e.message], versionsChecked: 0 };
        add(CHANGE_RULES.unusableSchema, `${label}: ${e.message}`, ["schema"]);
      }
    }
    contracts.push({
      domain: pair.domain,
      product: pair.name,
      fromVersion: before.contract.version,
      toVersion: after.contract.version,
      compatibility: mode,
      compatible: verdict.compatible,
      reasons: verdict.reasons,
    });
    if (!schemaChanged) continue;
    const bump = versionBump(before.contract.version, after.contract.version);
    const versions = `contract.version ${before.contract.version} → ${after.contract.version}`;
    if (!verdict.compatible && bump !== "major") {
      add(CHANGE_RULES.breakingWithoutMajor, `${label}: the schema change breaks ${mode} compatibility (${verdict.reasons.join("; ")}) but ${versions} is not a major bump`);
    } else if (verdict.compatible && (bump === "none" || bump === "lower")) {
      add(CHANGE_RULES.schemaWithoutVersion, `${label}: ${newSchema.path} changed but ${versions} does not go up; a compatible change needs at least a minor bump`);
    } else if (verdict.compatible && bump === "patch") {
      add(CHANGE_RULES.compatibleWithoutMinor, `${label}: a compatible schema change needs at least a minor bump, not ${versions}`);
    }
  }
  return { contracts, findings };
}

// A major bump keeps the old major deployed (contract.previousMajors) until its sunset and while consumers
// read it; past the sunset, the review advises removing it.
function reviewMajors(pair: ProductPair, input: ContractReviewInput, at: (...field: (string | number)[]) => { file: string; line: number }): Finding[] {
  const { product: before } = pair.base!;
  const { product: after } = pair.head!;
  const label = `${pair.domain}/${pair.name}`;
  const findings: Finding[] = [];
  const headMajor = majorVersion(after);
  const kept = new Set([headMajor, ...previousMajors(after).map((p) => p.major)]);
  const sunsetAtBase = new Map(previousMajors(before).map((p) => [p.major, p.sunset]));
  for (const major of [majorVersion(before), ...sunsetAtBase.keys()]) {
    if (kept.has(major) || major > headMajor) continue;
    const sunset = sunsetAtBase.get(major);
    const readers = after.consumers.filter((c) => (c as { major?: unknown }).major === major).map((c) => c.domain);
    const why =
      sunset === undefined
        ? `without a sunset date (list it in contract.previousMajors with one)`
        : sunset >= input.today
          ? `before its sunset on ${sunset}`
          : readers.length > 0
            ? `while ${readers.join(", ")} still read${readers.length === 1 ? "s" : ""} it`
            : undefined;
    if (why === undefined) continue;
    findings.push(changeFinding({ rule: CHANGE_RULES.majorRemovedEarly, message: `${label}: v${major} is removed ${why}`, domain: pair.domain, location: at("contract") }, input.production));
  }
  for (const p of previousMajors(after)) {
    if (p.sunset >= input.today) continue;
    const readers = consumersOf(after, p.major);
    const still = readers.length > 0 ? `; ${readers.join(", ")} still read${readers.length === 1 ? "s" : ""} it` : "";
    findings.push(changeFinding({ rule: CHANGE_RULES.majorPastSunset, message: `${label}: v${p.major} passed its sunset on ${p.sunset}; remove it${still}`, domain: pair.domain, location: at("contract") }, input.production));
  }
  return findings;
}
