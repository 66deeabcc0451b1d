/**
 * The exemptions file (`policies/exemptions.yaml`), owned by the platform team: which finding of
 * which policy is accepted, on which resources (logical name or URN glob) and stacks, why, by whom,
 * and until when (at most 90 days ahead). Parsing never throws: every defect becomes a problem with
 * its line, which the pack reports as a violation of its own.
 */
import { LineCounter, isMap, isSeq, parseDocument, type Node } from "yaml";
import { isCalendarDate, KEBAB_CASE, utcDay } from "../../conventions";
import { globMatcher } from "./globs";
import { nameFromUrn } from "./values";

export const MAX_EXEMPTION_DAYS_AHEAD = 90;

export interface Exemption {
  readonly policy: string;
  /** Glob on the logical name, or on the URN when it starts with `urn:`. */
  readonly resource: string;
  /** Glob on the stack name. */
  readonly stack: string;
  readonly reason: string;
  readonly owner: string;
  /** Last day the exemption applies, `YYYY-MM-DD` (UTC). */
  readonly expires: string;
}

export interface ExemptionProblem {
  /** 1-based line in the file, when the problem has one. */
  readonly line: number | undefined;
  readonly message: string;
}

export interface ParsedExemptions {
  /** Well-formed and live exemptions: the only ones that suppress findings. */
  readonly live: readonly Exemption[];
  readonly problems: readonly ExemptionProblem[];
}

export interface ParseOptions {
  /** Policy names an exemption may name. */
  readonly knownPolicies: ReadonlySet<string>;
  /** Policies that can never be exempted (the exemption checks themselves). */
  readonly unexemptable: ReadonlySet<string>;
  readonly today: Date;
}

const FIELDS = ["policy", "resource", "stack", "reason", "owner", "expires"] as const;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return utcDay(d);
}

export function parseExemptions(source: string, options: ParseOptions): ParsedExemptions {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  const lineOf = (node: Node | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : undefined);
  const problems: ExemptionProblem[] = [];
  if (doc.errors.length > 0) {
    for (const e of doc.errors) problems.push({ line: e.linePos?.[0]?.line, message: `not valid YAML: ${e.message.split("\n")[0]}` });
    return { live: [], problems };
  }
  if (doc.contents === null) return { live: [], problems };
  if (!isMap(doc.contents)) {
    return { live: [], problems: [{ line: lineOf(doc.contents), message: "the file must be a map with an `exemptions` list" }] };
  }
  for (const pair of doc.contents.items) {
    const key = String((pair.key as { value?: unknown } | null)?.value ?? pair.key);
    if (key !== "exemptions") problems.push({ line: lineOf(pair.key as Node), message: `unknown top-level key ${key}` });
  }
  const list = doc.contents.get("exemptions", true);
  if (list === undefined || list === null || (list as { value?: unknown }).value === null) return { live: [], problems };
  if (!isSeq(list)) return { live: [], problems: [...problems, { line: lineOf(list as Node), message: "`exemptions` must be a list" }] };

  const today = utcDay(options.today);
  const latest = addDays(today, MAX_EXEMPTION_DAYS_AHEAD);
  const live: Exemption[] = [];
  const seen = new Set<string>();
  list.items.forEach((item, index) => {
    const line = lineOf(item as Node);
    const at = (message: string) => problems.push({ line, message: `exemption #${index + 1}: ${message}` });
    if (!isMap(item)) {
      at("must be a map of policy, resource, stack, reason, owner, expires");
      return;
    }
    const entry = item.toJSON() as Record<string, unknown>;
    const errors: string[] = [];
    for (const key of Object.keys(entry)) if (!(FIELDS as readonly string[]).includes(key)) errors.push(`unknown field ${key}`);
    const field = (name: (typeof FIELDS)[number]) => {
      const v = entry[name];
      if (typeof v !== "string" || v.trim() === "") {
        errors.push(`${name} is required (a non-empty string)`);
        return "";
      }
      return v.trim();
    };
    const e: Exemption = {
      policy: field("policy"),
      resource: field("resource"),
      stack: field("stack"),
      reason: field("reason"),
      owner: field("owner"),
      expires: field("expires"),
    };
    if (e.policy !== "" && !options.knownPolicies.has(e.policy)) errors.push(`policy ${e.policy} is not a policy of this pack`);
    if (options.unexemptable.has(e.policy)) errors.push(`policy ${e.policy} cannot be exempted`);
    if (e.owner !== "" && !KEBAB_CASE.test(e.owner) && !EMAIL.test(e.owner)) errors.push(`owner ${e.owner} is neither a team (kebab-case) nor an e-mail address`);
    if (e.expires !== "" && !isCalendarDate(e.expires)) errors.push(`expires ${e.expires} is not a date (YYYY-MM-DD)`);
    const id = `${e.policy}\u0000${e.resource}\u0000${e.stack}`;
    if (errors.length === 0 && seen.has(id)) errors.push("duplicates an earlier exemption");
    if (errors.length > 0) {
      at(errors.join("; "));
      return;
    }
    seen.add(id);
    if (e.expires < today) at(`${e.policy} on ${e.resource} expired on ${e.expires}`);
    else if (e.expires > latest) at(`${e.policy} on ${e.resource} expires ${e.expires}, more than ${MAX_EXEMPTION_DAYS_AHEAD} days ahead (latest ${latest})`);
    else live.push(e);
  });
  return { live, problems };
}

/** Finds the live exemption covering a finding; indexed by policy, since most policies have none. */
export class ExemptionIndex {
  private readonly byPolicy = new Map<string, Exemption[]>();

  constructor(exemptions: readonly Exemption[]) {
    for (const e of exemptions) this.byPolicy.set(e.policy, [...(this.byPolicy.get(e.policy) ?? []), e]);
  }

  find(policy: string, urn: string, stack: string): Exemption | undefined {
    const candidates = this.byPolicy.get(policy);
    if (candidates === undefined) return undefined;
    const name = nameFromUrn(urn);
    return candidates.find(
      (e) => globMatcher([e.stack])(stack) && globMatcher([e.resource])(e.resource.startsWith("urn:") ? urn : name),
    );
  }
}
