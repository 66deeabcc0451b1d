/**
 * AWS policy documents (identity, trust, bucket, key policies) read into statements whose parts
 * unknown in preview are explicit markers, with three-valued predicates over them. A document may
 * be JSON text or an object (as `aws.s3.BucketPolicy` accepts); in preview an object may hold one
 * unknown leaf (a key ARN in a Deny condition) while the rest stays known, and a rule must defer
 * only when its verdict depends on that leaf.
 */
import { and, guard, isUnknown, not, or, shown, some, type Maybe, type Verdict } from "./unknowns";
import { Deferral } from "./deferral";

/** String values of a field (`"a"` or `["a", …]`); a list or any element may be unknown. */
export type Values = Maybe<readonly Maybe<string>[]>;

export interface Principal {
  /** `AWS`, `Service`, `Federated`, …; `*` for `Principal: "*"`. */
  readonly type: string;
  readonly id: Maybe<string>;
}

export interface Condition {
  /** Lower-cased, as IAM compares them. */
  readonly operator: string;
  readonly key: string;
  readonly values: Values;
}

export interface Statement {
  /** For messages only (an unknown Sid reads as none). */
  readonly sid: string | undefined;
  readonly effect: Maybe<string | undefined>;
  /** Patterns of Action, or of NotAction when `notAction`. */
  readonly actions: Values;
  readonly notAction: boolean;
  readonly resources: Values;
  readonly notResource: boolean;
  /** Principals of Principal, or of NotPrincipal when `notPrincipal`; empty when absent. */
  readonly principals: Maybe<readonly Principal[]>;
  readonly notPrincipal: boolean;
  readonly conditions: Maybe<readonly Maybe<Condition>[]>;
}

export type Statements = Maybe<readonly Maybe<Statement>[]>;

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function scalar(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  return typeof value === "boolean" || typeof value === "number" ? String(value) : undefined;
}

/** Each element read on its own, so one unknown element leaves the others known. */
function elements(list: readonly unknown[]): Maybe<unknown>[] {
  const out: Maybe<unknown>[] = [];
  for (let i = 0; i < list.length; i++) out.push(guard(() => list[i]));
  return out;
}

function valuesOf(read: () => unknown): Values {
  const value = guard(read);
  if (isUnknown(value)) return value;
  if (!Array.isArray(value)) {
    const s = scalar(value);
    return s === undefined ? [] : [s];
  }
  const out: Maybe<string>[] = [];
  for (const e of elements(value)) {
    const s = isUnknown(e) ? e : scalar(e);
    if (s !== undefined) out.push(s);
  }
  return out;
}

function principalsOf(read: () => unknown): Maybe<Principal[]> {
  const value = guard(read);
  if (isUnknown(value)) return value;
  if (value === "*") return [{ type: "*", id: "*" }];
  if (!isObject(value)) return [];
  const out: Principal[] = [];
  for (const type of Object.keys(value)) {
    const ids = valuesOf(() => value[type]);
    if (isUnknown(ids)) out.push({ type, id: ids });
    else for (const id of ids) out.push({ type, id });
  }
  return out;
}

function conditionsOf(read: () => unknown): Maybe<Maybe<Condition>[]> {
  const value = guard(read);
  if (isUnknown(value)) return value;
  if (!isObject(value)) return [];
  const out: Maybe<Condition>[] = [];
  for (const operator of Object.keys(value)) {
    const byKey = guard(() => value[operator]);
    if (isUnknown(byKey)) out.push(byKey);
    else if (isObject(byKey)) {
      for (const key of Object.keys(byKey)) {
        out.push({ operator: operator.toLowerCase(), key: key.toLowerCase(), values: valuesOf(() => byKey[key]) });
      }
    }
  }
  return out;
}

function statementOf(raw: Obj): Statement {
  // Which of Action/NotAction a statement uses is a key, always known; only values can be unknown.
  const notAction = "NotAction" in raw;
  const notResource = "NotResource" in raw;
  const notPrincipal = "NotPrincipal" in raw;
  const sid = guard(() => raw.Sid);
  return {
    sid: typeof sid === "string" ? sid : undefined,
    effect: guard(() => scalar(raw.Effect)),
    actions: valuesOf(() => (notAction ? raw.NotAction : raw.Action)),
    notAction,
    resources: valuesOf(() => (notResource ? raw.NotResource : raw.Resource)),
    notResource,
    principals: principalsOf(() => (notPrincipal ? raw.NotPrincipal : raw.Principal)),
    notPrincipal,
    conditions: conditionsOf(() => raw.Condition),
  };
}

function statementsOf(doc: Obj): Statements {
  const raw = guard(() => doc.Statement);
  if (isUnknown(raw)) return raw;
  const list = Array.isArray(raw) ? elements(raw) : [raw];
  const out: Maybe<Statement>[] = [];
  for (const s of list) {
    if (isUnknown(s)) out.push(s);
    else if (isObject(s)) out.push(statementOf(s));
  }
  return out;
}

/** The last JSON text parsed: several rules read the same document of the same resource in turn. */
let lastText: string | undefined;
let lastParsed: Statements | "invalid" = [];

function parseText(text: string): Statements | "invalid" {
  if (text === lastText) return lastParsed;
  let parsed: Statements | "invalid";
  try {
    const doc: unknown = JSON.parse(text);
    parsed = isObject(doc) ? statementsOf(doc) : "invalid";
  } catch {
    parsed = "invalid";
  }
  lastText = text;
  lastParsed = parsed;
  return parsed;
}

/**
 * The statements of the document a read yields (JSON text or object): undefined when there is no
 * document (absent, null or empty), "invalid" when it is not one, unknown when the whole document is.
 */
export function readPolicyDocument(read: () => unknown): Statements | "invalid" | undefined {
  const value = guard(read);
  if (isUnknown(value)) return value;
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "string") return parseText(value);
  return isObject(value) ? statementsOf(value) : "invalid";
}

/** Values for a message, unknown ones shown as such. */
export function describeValues(values: Values): string {
  return isUnknown(values) ? shown(values) : values.map(shown).join(", ");
}

// ---------------------------------------------------------------------------------------------
// Predicates: true, false, or unknown when the answer depends on a part unknown in preview.

export function isAllow(s: Statement): Verdict {
  return isUnknown(s.effect) ? s.effect : s.effect === "Allow";
}

export function isDeny(s: Statement): Verdict {
  return isUnknown(s.effect) ? s.effect : s.effect === "Deny";
}

const globCache = new Map<string, RegExp>();
/** IAM wildcards: `*` any run, `?` one character; case-insensitive as IAM actions are. */
export function glob(pattern: string): RegExp {
  let re = globCache.get(pattern);
  if (re === undefined) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    re = new RegExp(`^${body}$`, "i");
    globCache.set(pattern, re);
  }
  return re;
}

/** Whether the statement applies to `action` (NotAction applies to every action it does not list). */
export function coversAction(s: Statement, action: string): Verdict {
  const listed = some(s.actions, (a) => glob(a).test(action));
  return s.notAction ? not(listed) : listed;
}

export function serviceOf(action: string): string {
  const i = action.indexOf(":");
  return i < 0 ? action : action.slice(0, i);
}

/** Whether an action pattern reaches any of the services (`*`, `s3:*`, `s*:get*` all reach s3). */
export function reachesService(action: string, services: readonly string[]): boolean {
  const service = glob(serviceOf(action));
  return services.some((svc) => service.test(svc));
}

/** `Principal: "*"` or `{"AWS": "*"}`: anyone, in any account (AWS takes no wildcard for other types). */
export function namesEveryone(s: Statement): Verdict {
  const isEveryone = (p: Principal): Verdict => (p.type !== "*" && p.type !== "AWS" ? false : isUnknown(p.id) ? p.id : p.id === "*");
  return and(!s.notPrincipal, some(s.principals, isEveryone));
}

/** Whom an Allow statement opens to everyone: a `*` principal, or every principal but a NotPrincipal list. */
export function allowsEveryone(s: Statement): Verdict {
  return or(s.notPrincipal, namesEveryone(s));
}

/** Operators whose match confines a request to the listed values (negations, IfExists and ForAllValues do not). */
const CONFINING_OPERATORS = new Set([
  "stringequals",
  "stringequalsignorecase",
  "stringlike",
  "arnequals",
  "arnlike",
  "ipaddress",
  "foranyvalue:stringequals",
  "foranyvalue:stringequalsignorecase",
  "foranyvalue:stringlike",
]);
/** Values that match every request: they confine nothing. */
const MATCH_ALL = new Set(["*", "0.0.0.0/0", "::/0"]);

/** Whether a condition confines requests to its values: a positive operator naming specific values. */
export function confines(c: Condition): Verdict {
  if (!CONFINING_OPERATORS.has(c.operator)) return false;
  if (!isUnknown(c.values) && c.values.length === 0) return false;
  return not(some(c.values, (v) => MATCH_ALL.has(v)));
}

/** Condition keys that confine a `*` principal to known accounts, organisations, sources or networks. */
export const RESTRICTING_CONDITION_KEYS: readonly string[] = [
  "aws:PrincipalOrgID",
  "aws:PrincipalOrgPaths",
  "aws:PrincipalAccount",
  "aws:PrincipalArn",
  "aws:SourceAccount",
  "aws:SourceArn",
  "aws:SourceOrgID",
  "aws:SourceOwner",
  "aws:SourceVpce",
  "aws:SourceVpc",
  "aws:SourceIp",
  "kms:CallerAccount",
];

/** A matcher for condition keys among `keys`, compared case-insensitively as IAM does. */
export function keyIn(keys: readonly string[]): (key: string) => boolean {
  const lowered = new Set(keys.map((k) => k.toLowerCase()));
  return (key) => lowered.has(key);
}

/** Whether some condition on a matching key confines the statement (conditions on other keys never matter). */
export function hasConfiningCondition(s: Statement, keyMatches: (lowerCasedKey: string) => boolean): Verdict {
  return some(s.conditions, (c) => and(keyMatches(c.key), confines(c)));
}

/** An Allow statement that lets anyone in: a `*` principal with no condition confining it. */
export function allowsPublicAccess(s: Statement, restrictingKeys: readonly string[] = RESTRICTING_CONDITION_KEYS): Verdict {
  return and(isAllow(s), allowsEveryone(s), not(hasConfiningCondition(s, keyIn(restrictingKeys))));
}

/**
 * Reports each Allow statement that lets anyone in, then rethrows an unknown that could have made
 * another statement public (the bucket- and key-policy rules share this check).
 */
export function reportPublicStatements(statements: Statements, report: (message: string) => void): void {
  const deferral = new Deferral();
  for (const s of deferral.known(statements)) {
    if (deferral.holds(allowsPublicAccess(s))) {
      report(`statement ${s.sid ?? "(no Sid)"} allows ${describeValues(s.actions) || "actions"} to everyone`);
    }
  }
  deferral.rethrow();
}
