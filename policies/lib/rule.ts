/**
 * Builders for meshkit rules. A rule is a plain CrossGuard policy; the builders add the metadata
 * fields, a cheap type filter, and config with the schema defaults applied (the engine applies
 * them, but a pack driven directly over the analyzer protocol receives only what is configured).
 */
import type {
  EnforcementLevel,
  PolicyConfigSchema,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { metadataFields, type RuleMetadata } from "./metadata";

export type ConfigProperties = PolicyConfigSchema["properties"];

interface RuleSpec {
  /** `<area>-<resource>-<check>`. */
  readonly name: string;
  /** One sentence. */
  readonly description: string;
  readonly meta: RuleMetadata;
  /** Config properties; each carries its production default. */
  readonly config?: ConfigProperties;
  /** Default: mandatory for high and critical rules, advisory otherwise (config files override). */
  readonly enforcementLevel?: EnforcementLevel;
}

export interface ResourceRuleSpec<C> extends RuleSpec {
  /** Type tokens the rule applies to; every type when absent. */
  readonly types?: readonly string[];
  validate(args: ResourceValidationArgs, config: C, report: (message: string) => void): void;
}

export interface StackRuleSpec<C> extends RuleSpec {
  validate(args: StackValidationArgs, config: C, report: ReportViolation): void;
}

function defaultsOf(properties: ConfigProperties | undefined): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(properties ?? {})) {
    if (typeof schema === "object" && schema.default !== undefined) defaults[key] = schema.default;
  }
  return defaults;
}

function defaultEnforcement(meta: RuleMetadata): EnforcementLevel {
  return meta.severity === "high" || meta.severity === "critical" ? "mandatory" : "advisory";
}

function common(spec: RuleSpec) {
  return {
    name: spec.name,
    description: spec.description,
    ...metadataFields(spec.meta),
    enforcementLevel: spec.enforcementLevel ?? defaultEnforcement(spec.meta),
    ...(spec.config !== undefined ? { configSchema: { properties: spec.config } } : {}),
  };
}

function configReader<C>(spec: RuleSpec): (args: { getConfig<T extends object>(): T }) => C {
  // Rules without config skip the per-call merge: they run for every resource.
  if (spec.config === undefined) {
    const none = Object.freeze({}) as C;
    return () => none;
  }
  const defaults = defaultsOf(spec.config);
  return (args) => ({ ...defaults, ...args.getConfig<object>() }) as C;
}

export function resourceRule<C = Record<string, never>>(spec: ResourceRuleSpec<C>): ResourceValidationPolicy {
  const readConfig = configReader<C>(spec);
  const types = spec.types === undefined ? undefined : new Set(spec.types);
  const validateResource = (args: ResourceValidationArgs, report: ReportViolation) => {
    if (types !== undefined && !types.has(args.type)) return;
    spec.validate(args, readConfig(args), (message) => report(message));
  };
  // A single type lets the server skip other resources without calling us.
  if (spec.types?.length === 1) Object.assign(validateResource, { __pulumiType: spec.types[0] });
  return { ...common(spec), validateResource };
}

export function stackRule<C = Record<string, never>>(spec: StackRuleSpec<C>): StackValidationPolicy {
  const readConfig = configReader<C>(spec);
  return {
    ...common(spec),
    validateStack: (args, report) => spec.validate(args, readConfig(args), report),
  };
}
