/**
 * Runs a CrossGuard policy's validateResource / validateStack on plain property objects, presenting
 * them the way @pulumi/policy's analyzer server does (server.js in @pulumi/policy 1.21):
 *
 * - type filter: a validation tagged with `__pulumiType` (validateResourceOfType & co.) is skipped
 *   for other types; `isType` / `asType` compare the class's `__pulumiType` with the resource type;
 * - props are a deep copy (top-level `undefined` dropped) wrapped in the library's own
 *   unknown-checking proxy, so an `unknown.*` sentinel throws UnknownValueError on access, exactly as
 *   in `pulumi preview`; the harness then records it in `unknown` as the server turns it into an
 *   advisory "can't run during preview" (violations reported before the throw are kept, as there);
 * - getConfig returns the schema defaults (as the engine applies them) overlaid with the given
 *   config, after validating it against the policy's configSchema (unknown keys are rejected, to
 *   catch typos in tests);
 * - stack resources get their parent, dependencies and property dependencies resolved by URN among
 *   the given resources, as the server links them;
 * - reportViolation is captured with its URN: a resource policy's finding always carries the
 *   resource's URN (the server ignores the one passed); a stack policy's carries what was passed.
 *
 * Any other exception propagates: a policy must never throw on a missing value.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type {
  Policy,
  PolicyProviderResource,
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { reconcilePackConfig } from "../../engine/policy/packConfig";
import { isUnknownValueError, unknownCheckingProxy, UNKNOWN_SENTINELS } from "../../policies/lib/preview";

/** Values that are unknown during preview; put them anywhere in a test resource's props. */
export const unknown = UNKNOWN_SENTINELS;

export const TEST_STACK = "test";
export const TEST_PROJECT = "meshkit-test";

/** A resource as a test describes it; everything but type and props has a sensible default. */
export interface TestResource {
  readonly type: string;
  readonly props: Record<string, unknown>;
  /** Logical name; default derived from the type. */
  readonly name?: string;
  /** Default `urn:pulumi:test::meshkit-test::<type>::<name>`. */
  readonly urn?: string;
  readonly opts?: Partial<PolicyResourceOptions>;
  readonly provider?: { type: string; name?: string; urn?: string; props: Record<string, unknown> };
  /** URN of the parent resource (stack policies resolve it among the given resources). */
  readonly parent?: string;
  /** URNs of dependencies. */
  readonly dependencies?: readonly string[];
  /** URNs each input property depends on (stack policies resolve them among the given resources). */
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
}

export interface RunOptions {
  /** Policy config as a --policy-pack-config entry would give it (without enforcementLevel). */
  readonly config?: Record<string, unknown>;
  readonly stackTags?: Record<string, string>;
}

export interface Finding {
  readonly policy: string;
  /** The message as the rule passed it (the server prefixes the description; we do not). */
  readonly message: string;
  readonly urn: string | undefined;
}

export interface RunResult {
  readonly violations: Finding[];
  /** Set when the rule touched an unknown value: the server reports "can't run … during preview". */
  readonly unknown: string | undefined;
  /** Set when the policy did not apply (type filter or args.notApplicable). */
  readonly notApplicable: string | undefined;
}

export function urnOf(type: string, name: string): string {
  return `urn:pulumi:${TEST_STACK}::${TEST_PROJECT}::${type}::${name}`;
}

/** Shorthand for a test resource. */
export function resource(
  type: string,
  name: string,
  props: Record<string, unknown>,
  extra: Omit<TestResource, "type" | "name" | "props"> = {},
): TestResource {
  return { type, name, props, ...extra };
}

export function findPolicy<P extends Policy>(policies: readonly P[], name: string): P {
  const policy = policies.find((p) => p.name === name);
  if (policy === undefined) throw new Error(`no policy named ${name}`);
  return policy;
}

export function isResourcePolicy(p: Policy): p is ResourceValidationPolicy {
  return "validateResource" in p && p.validateResource !== undefined;
}

export function isStackPolicy(p: Policy): p is StackValidationPolicy {
  return typeof (p as Partial<StackValidationPolicy>).validateStack === "function";
}

class NotApplicable extends Error {
  constructor(readonly reason: string | undefined) {
    super(reason ?? "Policy does not apply");
  }
}

function throwNotApplicable(reason?: string): never {
  throw new NotApplicable(reason);
}

function pulumiTypeOf(obj: unknown): string | undefined {
  const t = (obj as { __pulumiType?: unknown } | undefined)?.__pulumiType;
  return typeof t === "string" && t.length > 0 ? t : undefined;
}

function isTypeOf(type: string, resourceClass: unknown): boolean {
  const t = pulumiTypeOf(resourceClass);
  if (t !== undefined) return type === t;
  const isInstance = (resourceClass as { isInstance?: unknown }).isInstance;
  return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

/** Deep copy as the wire would give it: top-level undefined dropped, no shared references. */
function deserialize(props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) if (v !== undefined) out[k] = structuredClone(v);
  return out;
}

/**
 * Schema defaults overlaid with the given config, merged and validated by the engine's own code;
 * keys outside the schema are rejected too, to catch typos in tests.
 */
export function effectiveConfig(policy: Policy, config: Record<string, unknown> = {}): Record<string, unknown> {
  // Reconciling validates against the schema, which is slow; a stack's worth of resources asks it per resource.
  const key = JSON.stringify(config);
  const ofPolicy = reconciledConfigs.get(policy) ?? new Map<string, Record<string, unknown>>();
  reconciledConfigs.set(policy, ofPolicy);
  let reconciled = ofPolicy.get(key);
  if (reconciled === undefined) {
    reconciled = reconciledConfig(policy, config);
    ofPolicy.set(key, reconciled);
  }
  // A copy, so a rule mutating its config cannot change the schema's defaults.
  return structuredClone(reconciled);
}

const reconciledConfigs = new WeakMap<Policy, Map<string, Record<string, unknown>>>();

function reconciledConfig(policy: Policy, config: Record<string, unknown>): Record<string, unknown> {
  const properties = policy.configSchema?.properties ?? {};
  const unknownKeys = Object.keys(config).filter((k) => !(k in properties));
  if (unknownKeys.length > 0) {
    throw new Error(`config for ${policy.name} has keys not in its configSchema: ${unknownKeys.join(", ")}`);
  }
  const forConfig = { name: policy.name, enforcementLevel: "advisory" as const, configSchema: { properties, required: policy.configSchema?.required ?? [] } };
  const reconciled = reconcilePackConfig(policy.name, [forConfig], {}, { [policy.name]: { properties: config } });
  return reconciled[policy.name]?.properties ?? {};
}

function providerOf(r: TestResource): PolicyProviderResource | undefined {
  if (r.provider === undefined) return undefined;
  const name = r.provider.name ?? "default";
  return {
    type: r.provider.type,
    name,
    urn: r.provider.urn ?? urnOf(r.provider.type, name),
    props: unknownCheckingProxy(deserialize(r.provider.props)),
  };
}

function optionsOf(r: TestResource): PolicyResourceOptions {
  return {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
    ...(r.parent !== undefined ? { parent: r.parent } : {}),
    ...r.opts,
  };
}

function nameOf(r: TestResource): string {
  return r.name ?? r.type.split(":").pop()!.toLowerCase();
}

function urnOfResource(r: TestResource): string {
  return r.urn ?? urnOf(r.type, nameOf(r));
}

function freezeTags(tags: Record<string, string> = {}): ReadonlyMap<string, string> {
  return new Map(Object.entries(tags));
}

/** Runs the outcome of one validation call through the server's error handling. */
async function settle(run: () => Promise<void> | void): Promise<{ unknown?: string; notApplicable?: string }> {
  try {
    await run();
    return {};
  } catch (e) {
    if (isUnknownValueError(e)) return { unknown: e.message };
    if (e instanceof NotApplicable) return { notApplicable: e.reason ?? "not applicable" };
    throw e;
  }
}

/** Runs a resource policy on one resource, as `Analyze` would. */
export async function runResourcePolicy(
  policy: Policy,
  r: TestResource,
  options: RunOptions = {},
): Promise<RunResult> {
  if (!isResourcePolicy(policy)) throw new Error(`${policy.name} is not a resource policy`);
  const config = effectiveConfig(policy, options.config);
  const urn = urnOfResource(r);
  const violations: Finding[] = [];
  const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource!];
  if (!Array.isArray(policy.validateResource)) {
    const t = pulumiTypeOf(policy.validateResource);
    if (t !== undefined && t !== r.type) {
      return { violations, unknown: undefined, notApplicable: `Policy only applies to resources of type '${t}'` };
    }
  }
  let unknownMessage: string | undefined;
  let notApplicable: string | undefined;
  for (const validation of validations) {
    const props = unknownCheckingProxy(deserialize(r.props));
    const args: ResourceValidationArgs = {
      type: r.type,
      props,
      urn,
      name: nameOf(r),
      opts: optionsOf(r),
      stackTags: freezeTags(options.stackTags),
      isType: (cls) => isTypeOf(r.type, cls),
      asType: ((cls: unknown) => (isTypeOf(r.type, cls) ? props : undefined)) as ResourceValidationArgs["asType"],
      getConfig: <T extends object>() => structuredClone(config) as T,
      notApplicable: throwNotApplicable,
    };
    const provider = providerOf(r);
    if (provider !== undefined) args.provider = provider;
    const outcome = await settle(() =>
      validation(args, (message: string) => violations.push({ policy: policy.name, message, urn })),
    );
    unknownMessage ??= outcome.unknown;
    notApplicable ??= outcome.notApplicable;
  }
  return { violations, unknown: unknownMessage, notApplicable };
}

/** Resources as a stack policy receives them: parents and dependencies resolved among them by URN. */
export function policyResources(resources: readonly TestResource[]): PolicyResource[] {
  const byUrn = new Map<string, PolicyResource>();
  const built = resources.map((r) => {
    const props = unknownCheckingProxy(deserialize(r.props));
    const pr: PolicyResource = {
      type: r.type,
      props,
      urn: urnOfResource(r),
      name: nameOf(r),
      opts: optionsOf(r),
      dependencies: [],
      propertyDependencies: {},
      isType: (cls) => isTypeOf(r.type, cls),
      asType: ((cls: unknown) => (isTypeOf(r.type, cls) ? props : undefined)) as PolicyResource["asType"],
    };
    const provider = providerOf(r);
    if (provider !== undefined) pr.provider = provider;
    byUrn.set(pr.urn, pr);
    return { pr, r };
  });
  for (const { pr, r } of built) {
    if (r.parent !== undefined && byUrn.has(r.parent)) pr.parent = byUrn.get(r.parent);
    pr.dependencies = (r.dependencies ?? []).flatMap((d) => byUrn.get(d) ?? []);
    for (const [prop, urns] of Object.entries(r.propertyDependencies ?? {})) {
      pr.propertyDependencies[prop] = urns.flatMap((d) => byUrn.get(d) ?? []);
    }
  }
  return built.map((b) => b.pr);
}

/** Runs a stack policy over the given resources, as `AnalyzeStack` would. */
export async function runStackPolicy(
  policy: Policy,
  resources: readonly TestResource[],
  options: RunOptions = {},
): Promise<RunResult> {
  if (!isStackPolicy(policy)) throw new Error(`${policy.name} is not a stack policy`);
  const config = effectiveConfig(policy, options.config);
  const violations: Finding[] = [];
  const t = pulumiTypeOf(policy.validateStack);
  if (t !== undefined && !resources.some((r) => r.type === t)) {
    return { violations, unknown: undefined, notApplicable: `Policy only applies to resources of type '${t}'` };
  }
  const args: StackValidationArgs = {
    resources: policyResources(resources),
    stackTags: freezeTags(options.stackTags),
    getConfig: <T extends object>() => structuredClone(config) as T,
    notApplicable: throwNotApplicable,
  };
  const outcome = await settle(() =>
    policy.validateStack(args, (message: string, urn?: string) =>
      violations.push({ policy: policy.name, message, urn }),
    ),
  );
  return { violations, unknown: outcome.unknown, notApplicable: outcome.notApplicable };
}

/** Runs either kind of policy: a resource policy once per resource, a stack policy over all of them. */
export async function runPolicy(
  policy: Policy,
  resources: readonly TestResource[],
  options: RunOptions = {},
): Promise<RunResult> {
  if (isStackPolicy(policy)) return runStackPolicy(policy, resources, options);
  const results = await Promise.all(resources.map((r) => runResourcePolicy(policy, r, options)));
  return {
    violations: results.flatMap((x) => x.violations),
    unknown: results.find((x) => x.unknown !== undefined)?.unknown,
    notApplicable: results.find((x) => x.notApplicable !== undefined)?.notApplicable,
  };
}

/**
 * Findings of the given rules under policies/config/production.json, each with the level production
 * gives it. A rule that cannot run (an unknown value) is an error: these cases are fully known.
 */
export async function productionFindings(policies: readonly Policy[], resources: readonly TestResource[]) {
  const production = JSON.parse(fs.readFileSync(path.join(__dirname, "../../policies/config/production.json"), "utf8")) as Record<
    string,
    { enforcementLevel: string }
  >;
  const findings: { policy: string; urn: string | undefined; level: string }[] = [];
  for (const p of policies) {
    const { enforcementLevel, ...config } = production[p.name]!;
    const r = await runPolicy(p, resources, { config });
    if (r.unknown !== undefined) throw new Error(`${p.name} could not run: ${r.unknown}`);
    findings.push(...r.violations.map((v) => ({ policy: p.name, urn: v.urn, level: enforcementLevel })));
  }
  return findings;
}
