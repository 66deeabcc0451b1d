/**
 * AWS policy documents (key policies, bucket policies) read into a normalised shape. Accepts the
 * JSON string the providers take and the object form `aws.s3.BucketPolicy` also accepts.
 */
import { list, record, text } from "./values";

export interface Statement {
  readonly sid: string | undefined;
  readonly effect: "Allow" | "Deny";
  /** Principal values by type (`AWS`, `Service`, …); `*` as `{ "*": ["*"] }`. Empty when absent. */
  readonly principals: Readonly<Record<string, readonly string[]>>;
  readonly hasNotPrincipal: boolean;
  readonly actions: readonly string[];
  readonly hasNotAction: boolean;
  readonly resources: readonly string[];
  /** Condition operator → key (lower-cased) → values. */
  readonly conditions: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return list(value).flatMap((v) => (typeof v === "string" ? [v] : typeof v === "boolean" || typeof v === "number" ? [String(v)] : []));
}

function principalsOf(value: unknown): Record<string, string[]> {
  if (value === "*") return { "*": ["*"] };
  const r = record(value);
  if (r === undefined) return {};
  const out: Record<string, string[]> = {};
  for (const key of Object.keys(r)) out[key] = strings(r[key]);
  return out;
}

function conditionsOf(value: unknown): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  const r = record(value);
  if (r === undefined) return out;
  for (const op of Object.keys(r)) {
    const keys = record(r[op]);
    if (keys === undefined) continue;
    const byKey: Record<string, string[]> = {};
    for (const key of Object.keys(keys)) byKey[key.toLowerCase()] = strings(keys[key]);
    out[op] = byKey;
  }
  return out;
}

/** Statements of a policy document, or undefined when it is not a readable document. */
export function parsePolicyDocument(value: unknown): Statement[] | undefined {
  let doc: unknown = value;
  if (typeof value === "string") {
    try {
      doc = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const r = record(doc);
  if (r === undefined) return undefined;
  const raw = r.Statement ?? r.statements;
  const statements = Array.isArray(raw) ? raw : record(raw) !== undefined ? [raw] : [];
  return statements.flatMap((s) => {
    const st = record(s);
    if (st === undefined) return [];
    const effect = text(st.Effect ?? st.effect) === "Deny" ? "Deny" : "Allow";
    return [
      {
        sid: text(st.Sid ?? st.sid),
        effect,
        principals: principalsOf(st.Principal ?? st.principals),
        hasNotPrincipal: st.NotPrincipal !== undefined,
        actions: strings(st.Action ?? st.actions),
        hasNotAction: st.NotAction !== undefined,
        resources: strings(st.Resource ?? st.resources),
        conditions: conditionsOf(st.Condition ?? st.conditions),
      } satisfies Statement,
    ];
  });
}

/** Every principal value of a statement, whatever its type. */
export function principalValues(s: Statement): string[] {
  return Object.values(s.principals).flat();
}

/** Principal `*` (directly or as `AWS: "*"`): anyone, in any account. */
export function isOpenToEveryone(s: Statement): boolean {
  return s.hasNotPrincipal || principalValues(s).includes("*");
}

/** Condition keys that confine a statement to an account, organisation, network or caller. */
const CONFINING_KEYS = new Set([
  "aws:sourceaccount",
  "aws:sourcearn",
  "aws:sourceowner",
  "aws:principalaccount",
  "aws:principalarn",
  "aws:principalorgid",
  "aws:principalorgpaths",
  "aws:sourcevpc",
  "aws:sourcevpce",
  "aws:sourceip",
  "kms:calleraccount",
]);

export function hasConfiningCondition(s: Statement): boolean {
  return Object.values(s.conditions).some((byKey) => Object.keys(byKey).some((k) => CONFINING_KEYS.has(k)));
}

/** Does an action pattern (`kms:*`, `*`, `s3:Get*`) cover the given action? Case-insensitive, as IAM. */
export function actionCovers(pattern: string, action: string): boolean {
  const re = new RegExp("^" + pattern.toLowerCase().replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".") + "$");
  return re.test(action.toLowerCase());
}
