// Turns the `config:` of a Pulumi.<stack>.yaml (and the project's declared defaults) into the map the
// engine hands a program: `namespace:key` → string. Scalars keep their YAML source text, objects and
// arrays become JSON with sorted keys (the engine marshals Go maps), and `secure:` values — which only
// the real engine can decrypt — become a placeholder, their keys listed as secret.
import * as YAML from "yaml";
import { EngineError } from "./errors";

/** The value a `secure:` config entry takes offline. */
export const SECRET_PLACEHOLDER = "[secret]";

export interface EngineConfig {
  config: Record<string, string>;
  secretKeys: string[];
}

/** `key` → `project:key`; keys that already name a namespace stay as they are. */
export function qualifyKey(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

function isSecure(node: unknown): node is YAML.YAMLMap {
  return YAML.isMap(node) && node.items.length === 1 && YAML.isScalar(node.items[0].key) && node.items[0].key.value === "secure";
}

// Plain JS value of a node, `secure:` leaves replaced by the placeholder; `secret.found` records one.
function plain(node: unknown, secret: { found: boolean }): unknown {
  if (isSecure(node)) {
    secret.found = true;
    return SECRET_PLACEHOLDER;
  }
  if (YAML.isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const item of node.items) {
      const key = YAML.isScalar(item.key) ? String(item.key.value) : String(item.key);
      out[key] = plain(item.value, secret);
    }
    return out;
  }
  if (YAML.isSeq(node)) return node.items.map((i) => plain(i, secret));
  if (YAML.isScalar(node)) return node.value ?? null;
  return null;
}

/** JSON with object keys sorted at every level, as Go's encoding/json writes maps. */
export function sortedJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      return Object.fromEntries(Object.keys(o).sort().map((k) => [k, sort(o[k])]));
    }
    return v;
  };
  return JSON.stringify(sort(value));
}

/** One config value in the engine's string form. */
function engineValue(node: unknown, secret: { found: boolean }): string {
  if (isSecure(node)) {
    secret.found = true;
    return SECRET_PLACEHOLDER;
  }
  if (YAML.isMap(node) || YAML.isSeq(node)) return sortedJson(plain(node, secret));
  if (YAML.isScalar(node)) return node.value === null ? "" : (node.source ?? String(node.value));
  return "";
}

/** Parses the text of a stack config file. `file` only names it in errors. */
export function parseStackConfig(text: string, file: string, project: string): EngineConfig {
  const doc = YAML.parseDocument(text);
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const where = e.linePos ? `:${e.linePos[0].line}:${e.linePos[0].col}` : "";
    throw new EngineError("STACK_CONFIG_INVALID", `${file}${where}: invalid YAML: ${e.message.split("\n")[0]}`);
  }
  const root = doc.contents;
  if (root !== null && !YAML.isMap(root)) {
    throw new EngineError("STACK_CONFIG_INVALID", `${file}: expected a mapping at the top level`);
  }
  const configNode = root ? root.get("config", true) : undefined;
  const result: EngineConfig = { config: {}, secretKeys: [] };
  if (configNode === undefined || configNode === null || (YAML.isScalar(configNode) && configNode.value === null)) {
    return result;
  }
  if (!YAML.isMap(configNode)) {
    throw new EngineError("STACK_CONFIG_INVALID", `${file}: 'config' must be a mapping of keys to values`);
  }
  for (const item of configNode.items) {
    const rawKey = YAML.isScalar(item.key) ? String(item.key.value) : String(item.key);
    const key = qualifyKey(project, rawKey);
    const secret = { found: false };
    result.config[key] = engineValue(item.value, secret);
    if (secret.found) result.secretKeys.push(key);
  }
  result.secretKeys.sort();
  return result;
}

/** A key the project declares in Pulumi.yaml's `config:` block. */
export interface DeclaredConfig {
  key: string;
  hasDefault: boolean;
  default?: unknown;
  secret: boolean;
}

/**
 * Applies the project's declared defaults and refuses a declared key that has neither a value nor a
 * default, as `pulumi up` does.
 */
export function applyProjectConfig(cfg: EngineConfig, declared: DeclaredConfig[], stack: string, file: string): EngineConfig {
  const config = { ...cfg.config };
  const secretKeys = new Set(cfg.secretKeys);
  const missing: string[] = [];
  for (const d of declared) {
    if (d.key in config) continue;
    if (!d.hasDefault) {
      missing.push(d.key);
      continue;
    }
    const v = d.default;
    config[d.key] = v !== null && typeof v === "object" ? sortedJson(v) : v === null || v === undefined ? "" : String(v);
    if (d.secret) secretKeys.add(d.key);
  }
  if (missing.length > 0) {
    throw new EngineError(
      "STACK_CONFIG_INVALID",
      `stack '${stack}' is missing configuration value${missing.length > 1 ? "s" : ""} ${missing.map((m) => `'${m}'`).join(", ")} (declared in Pulumi.yaml without a default; set ${missing.length > 1 ? "them" : "it"} in ${file})`,
    );
  }
  return { config, secretKeys: [...secretKeys].sort() };
}
