// The change review of `meshkit review --base REF`: the base side read from its checkout (its manifests
// and its program's registrations under the offline engine), compared with the head's run and manifests.
import * as fs from "fs";
import * as path from "path";
import { globSync } from "tinyglobby";
import { loadManifestFile, type LoadedManifest } from "../../components/manifest";
import { CHANGE_REVIEW_PACK, CHANGE_RULES, today } from "../../conventions";
import { isEngineError, loadStack, runProgram, type CapturedResource } from "../../engine";
import { parseExemptions, type Exemption } from "../../policies/lib/exemptions";
import { CliError, EXIT_USAGE } from "../errors";
import { fileHistory, isShallowClone } from "../git";
import { packageVersion } from "../version";
import type { BaseCheckout } from "./baseCheckout";
import { reviewConsumerImpact } from "./consumerImpact";
import { reviewContracts } from "./contracts";
import { dataLossFindings } from "./dataLoss";
import { ManifestPlaces } from "./manifestPlaces";
import type { ChangeReview } from "./model";
import { diffResources } from "./resourceDiff";
import { changePolicies } from "./rules";

/** Today for sunsets and exemptions (conventions' today(), MESHKIT_TODAY pins it); a bad pin is a usage error. */
export function reviewDay(): string {
  try {
    return today();
  } catch (e) {
    throw new CliError(EXIT_USAGE, (e as Error).message);
  }
}

export interface BaseSide {
  readonly resources: CapturedResource[];
  readonly manifests: LoadedManifest[];
}

// The base's manifests as its stack config lists them. One the head's validator refuses (rules grow
// stricter) has nothing to compare and is left out; the resource diff still covers its domain.
function baseManifests(projectDir: string, config: Record<string, string>): LoadedManifest[] {
  let patterns: unknown;
  try {
    patterns = JSON.parse(config["meshkit:domains"] ?? "[]");
  } catch {
    return [];
  }
  if (!Array.isArray(patterns)) return [];
  const files = globSync(patterns.filter((p): p is string => typeof p === "string"), { cwd: projectDir, onlyFiles: true }).sort();
  return files.flatMap((f) => {
    const loaded = loadManifestFile(path.join(projectDir, f));
    return loaded.ok ? [loaded.manifest] : [];
  });
}

/** The base side: nothing when the stack did not exist at the base, else its manifests and registrations. */
export async function readBase(base: BaseCheckout, stack: string): Promise<BaseSide> {
  let config: Record<string, string>;
  try {
    config = loadStack(base.projectDir, stack).config;
  } catch (e) {
    if (isEngineError(e) && (e.code === "STACK_CONFIG_MISSING" || e.code === "PROJECT_INVALID")) return { resources: [], manifests: [] };
    throw e;
  }
  const manifests = baseManifests(base.projectDir, config);
  try {
    const run = await runProgram({ projectDir: base.projectDir, stack });
    return { resources: run.resources, manifests };
  } catch (e) {
    if (!isEngineError(e)) throw e;
    throw new CliError(EXIT_USAGE, `at the base ${base.revision} (${base.commit.slice(0, 12)}): ${e.message}`, e.details);
  }
}

function liveExemptions(projectDir: string, today: string): Exemption[] {
  const file = path.join(projectDir, "policies", "exemptions.yaml");
  if (!fs.existsSync(file)) return [];
  const parsed = parseExemptions(fs.readFileSync(file, "utf8"), {
    knownPolicies: new Set(Object.values(CHANGE_RULES)),
    unexemptable: new Set(),
    today: new Date(`${today}T00:00:00Z`),
  });
  return [...parsed.live];
}

export interface ChangeReviewInput {
  readonly base: BaseCheckout;
  readonly baseSide: BaseSide;
  readonly projectDir: string;
  readonly stack: string;
  readonly environment: string;
  readonly headResources: readonly CapturedResource[];
  readonly headManifests: readonly LoadedManifest[];
  readonly today: string;
}

export function reviewChanges(input: ChangeReviewInput): ChangeReview {
  const production = input.environment === "production";
  const places = new ManifestPlaces(input.projectDir);
  const resources = diffResources(input.baseSide.resources, input.headResources);
  const { contracts, findings: contractFindings } = reviewContracts({
    base: input.baseSide.manifests,
    head: input.headManifests,
    baseProjectDir: input.base.projectDir,
    production,
    today: input.today,
    places,
    history: (file) => ({ versions: fileHistory(input.base.commit, input.projectDir, file), shallow: isShallowClone(input.projectDir) }),
  });
  const consumerFindings = reviewConsumerImpact({
    base: input.baseSide.manifests,
    head: input.headManifests,
    stack: input.stack,
    production,
    places,
    exemptions: liveExemptions(input.projectDir, input.today),
  });
  return {
    base: { revision: input.base.revision, commit: input.base.commit },
    pack: { name: CHANGE_REVIEW_PACK, version: packageVersion() },
    policies: changePolicies(production),
    findings: [...dataLossFindings(resources, input.headManifests, places, production), ...contractFindings, ...consumerFindings],
    resources,
    contracts,
  };
}
