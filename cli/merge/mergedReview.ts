// Many reviews as one: the JSON results of a CI matrix (one review per stack) read back into reviews,
// plus the reviews their stacks' manifests stopped, in one order whatever order the files came in.
// A merged result's own JSON is accepted again, so merges can be merged.
import * as fs from "fs";
import { z } from "zod";
import { CliError, EXIT_FINDINGS, EXIT_USAGE } from "../errors";
import { REVIEW_JSON, reviewFromJson, reviewJson } from "../reports/json";
import { checkFromJson, checkJson, MANIFEST_CHECK_JSON, type ManifestCheck } from "../reports/manifestProblems";
import { isMandatory, type Review } from "../review/model";

export interface MergedReview {
  /** By stack, then project. */
  reviews: Review[];
  /** Reviews stopped by their stack's manifests, by stack. */
  stopped: ManifestCheck[];
  summary: { stacks: number; resources: number; mandatory: number; advisory: number; exempted: number; problems: number };
}

const MERGED_JSON = z.object({ reviews: z.array(REVIEW_JSON), stopped: z.array(MANIFEST_CHECK_JSON) });

/** Which kind of document a JSON file holds, by the key only that kind has. */
function kindOf(doc: unknown): "merged" | "stopped" | "review" {
  const keys = doc !== null && typeof doc === "object" ? Object.keys(doc) : [];
  return keys.includes("reviews") ? "merged" : keys.includes("problems") ? "stopped" : "review";
}

function parsed<T extends z.ZodType>(file: string, schema: T, doc: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(doc);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const at = issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
  throw new CliError(EXIT_USAGE, `${file}: not ${what}${at}: ${issue.message} (write it with this version's \`meshkit review --format json\`)`);
}

function read(file: string): { reviews: Review[]; stopped: ManifestCheck[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new CliError(EXIT_USAGE, `${file}: ${e instanceof SyntaxError ? `not JSON (${e.message})` : (e as Error).message}`);
  }
  switch (kindOf(doc)) {
    case "merged": {
      const merged = parsed(file, MERGED_JSON, doc, "a merged meshkit review");
      return { reviews: merged.reviews.map(reviewFromJson), stopped: merged.stopped.map(checkFromJson) };
    }
    case "stopped":
      return { reviews: [], stopped: [checkFromJson(parsed(file, MANIFEST_CHECK_JSON, doc, "a meshkit review's manifest problems"))] };
    default:
      return { reviews: [reviewFromJson(parsed(file, REVIEW_JSON, doc, "a meshkit review JSON"))], stopped: [] };
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function mergeReviews(files: readonly string[]): MergedReview {
  const seen = new Map<string, string>();
  const reviews: Review[] = [];
  const stopped: ManifestCheck[] = [];
  for (const file of files) {
    const part = read(file);
    // One stack twice is two runs of one cell; their findings would count twice.
    for (const key of [...part.reviews.map((r) => `${r.project}/${r.stack}`), ...part.stopped.map((c) => `stopped/${c.stack ?? c.title}`)]) {
      if (seen.has(key)) throw new CliError(EXIT_USAGE, `${file}: ${key.replace(/^stopped\//, "")} is in ${seen.get(key)} too`);
      seen.set(key, file);
    }
    reviews.push(...part.reviews);
    stopped.push(...part.stopped);
  }
  reviews.sort((a, b) => compare(a.stack, b.stack) || compare(a.project, b.project));
  stopped.sort((a, b) => compare(a.stack ?? a.title, b.stack ?? b.title));
  const findings = reviews.flatMap((r) => r.findings);
  return {
    reviews,
    stopped,
    summary: {
      stacks: reviews.length + stopped.length,
      resources: reviews.reduce((n, r) => n + r.summary.resources, 0),
      mandatory: findings.filter(isMandatory).length,
      advisory: reviews.reduce((n, r) => n + r.summary.advisory, 0),
      exempted: reviews.reduce((n, r) => n + r.summary.exempted, 0),
      problems: stopped.reduce((n, c) => n + c.issues.length, 0),
    },
  };
}

/** The merged result as JSON: every review's and stopped review's own JSON, and the totals. */
export function mergedJsonReport(merged: MergedReview): string {
  const doc = {
    reviews: merged.reviews.map(reviewJson),
    stopped: merged.stopped.map(checkJson),
    summary: merged.summary,
  };
  return JSON.stringify(doc, null, 2) + "\n";
}

/** Why a merged result fails the build, or undefined when it does not. */
export function mergedFailure(merged: MergedReview): CliError | undefined {
  const { mandatory, problems } = merged.summary;
  const reasons = [
    mandatory > 0 ? `${mandatory} mandatory policy violation${mandatory === 1 ? "" : "s"}` : "",
    problems > 0 ? `${problems} manifest problem${problems === 1 ? "" : "s"}` : "",
  ].filter(Boolean);
  const stacks = merged.reviews.filter((r) => r.summary.mandatory > 0).length + merged.stopped.length;
  return reasons.length > 0 ? new CliError(EXIT_FINDINGS, `${reasons.join(" and ")} in ${stacks} of ${merged.summary.stacks} stacks`) : undefined;
}
