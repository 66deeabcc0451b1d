// Policy pack configuration as the engine prepares it before `Configure`: read the
// `--policy-pack-config` JSON file, then reconcile per policy — schema defaults and the policy's own
// enforcement level first, the pack's initial config next, the file last ("all" sets every level) —
// and validate each policy's properties against its config schema.
import * as fs from "fs";
import type AjvClass from "ajv";
import { EngineError } from "../errors";
import type { EnforcementLevel } from "../types";

export interface PolicyConfigEntry {
  enforcementLevel?: EnforcementLevel;
  properties?: Record<string, unknown>;
}

export type PackConfig = Record<string, PolicyConfigEntry>;

const LEVELS = new Set(["advisory", "mandatory", "remediate", "disabled"]);

function level(file: string, policy: string, v: unknown): EnforcementLevel {
  if (typeof v !== "string" || !LEVELS.has(v)) {
    throw new EngineError("PACK_CONFIG_INVALID", `${file}: '${policy}': ${JSON.stringify(v)} is not a valid enforcement level (advisory, mandatory, remediate, disabled)`);
  }
  return v as EnforcementLevel;
}

export function readPackConfigFile(file: string): PackConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new EngineError("PACK_CONFIG_INVALID", `policy pack config file ${file} cannot be read`);
  }
  if (text.trim() === "") return {};
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new EngineError("PACK_CONFIG_INVALID", `${file}: invalid JSON: ${(e as Error).message}`);
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) {
    throw new EngineError("PACK_CONFIG_INVALID", `${file}: expected an object of policy names to levels or settings`);
  }
  const result: PackConfig = {};
  for (const [policy, v] of Object.entries(doc as Record<string, unknown>)) {
    if (typeof v === "string") {
      result[policy] = { enforcementLevel: level(file, policy, v) };
    } else if (v && typeof v === "object" && !Array.isArray(v)) {
      const { enforcementLevel, ...properties } = v as Record<string, unknown>;
      const entry: PolicyConfigEntry = {};
      if (enforcementLevel !== undefined) entry.enforcementLevel = level(file, policy, enforcementLevel);
      if (Object.keys(properties).length > 0) entry.properties = properties;
      if (entry.enforcementLevel || entry.properties) result[policy] = entry;
    } else {
      throw new EngineError("PACK_CONFIG_INVALID", `${file}: '${policy}': must be an enforcement level or an object`);
    }
  }
  return result;
}

export interface PolicyForConfig {
  name: string;
  enforcementLevel: EnforcementLevel;
  configSchema?: { properties: Record<string, unknown>; required: string[] };
}

function apply(result: PackConfig, given: PackConfig): PackConfig {
  const out: PackConfig = { ...result };
  const all = given.all?.enforcementLevel;
  if (all) for (const k of Object.keys(out)) out[k] = { ...out[k], enforcementLevel: all };
  for (const [policy, g] of Object.entries(given)) {
    const current = out[policy] ?? {};
    const properties = g.properties ? { ...(current.properties ?? {}), ...g.properties } : current.properties;
    out[policy] = {
      ...(g.enforcementLevel ?? current.enforcementLevel ? { enforcementLevel: g.enforcementLevel ?? current.enforcementLevel } : {}),
      ...(properties ? { properties } : {}),
    };
  }
  return out;
}

export function reconcilePackConfig(pack: string, policies: PolicyForConfig[], initial: PackConfig, fromFile: PackConfig): PackConfig {
  let result: PackConfig = {};
  for (const p of policies) {
    const defaults: Record<string, unknown> = {};
    for (const [k, schema] of Object.entries(p.configSchema?.properties ?? {})) {
      if (schema && typeof schema === "object" && "default" in schema) defaults[k] = (schema as { default: unknown }).default;
    }
    result[p.name] = { enforcementLevel: p.enforcementLevel, ...(Object.keys(defaults).length ? { properties: defaults } : {}) };
  }
  result = apply(apply(result, initial), fromFile);

  // Loaded here, once a pack has answered: a review starts its processes before it loads anything it
  // does not need to start them.
  const Ajv = (require("ajv") as { default: typeof AjvClass }).default;
  const ajv = new Ajv({ strict: false, allErrors: true });
  // Packs often give many policies the same schema; compiling is most of the cost, so once per schema.
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  const errors: string[] = [];
  for (const p of policies) {
    if (!p.configSchema) continue;
    const schema = { type: "object", properties: p.configSchema.properties, ...(p.configSchema.required.length ? { required: p.configSchema.required } : {}) };
    const key = JSON.stringify(schema);
    const validate = compiled.get(key) ?? ajv.compile(schema);
    compiled.set(key, validate);
    if (!validate(result[p.name]?.properties ?? {})) {
      for (const e of validate.errors ?? []) errors.push(`${p.name}: ${e.instancePath ? `${e.instancePath.slice(1).replace(/\//g, ".")} ` : ""}${e.message}`);
    }
  }
  if (errors.length > 0) {
    throw new EngineError("PACK_CONFIG_INVALID", `policy pack '${pack}' configuration is invalid: ${errors.join("; ")}`);
  }
  return result;
}
