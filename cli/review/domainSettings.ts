// What a stack's config says to meshkit (`meshkit:environment`, `meshkit:domains`,
// `meshkit:platformDomains`), read without parsing a manifest: the review lists the stack's files before
// it starts the program.
import type { StackContext } from "../../engine";
import { expandManifestPatterns } from "../../components/manifest/manifestPatterns";
import { DEFAULT_DOMAIN_PATTERNS } from "../../conventions";
import { CliError, EXIT_FINDINGS } from "../errors";

/** A config key that holds a JSON list of manifest paths or globs; undefined when the stack does not set it. */
export function listConfig(ctx: StackContext, key: string): string[] | undefined {
  const raw = ctx.config[key];
  if (raw === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = undefined;
  }
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw new CliError(EXIT_FINDINGS, `${ctx.configFile}: ${key} must be a list of manifest paths or globs`);
  }
  return value;
}

/** The manifest files the stack deploys, in its program's order, unread; undefined as for stackManifests. */
export function stackManifestFiles(ctx: StackContext): string[] | undefined {
  const domains = listConfig(ctx, "meshkit:domains");
  if (domains === undefined) return undefined;
  try {
    return expandManifestPatterns(domains);
  } catch (e) {
    throw new CliError(EXIT_FINDINGS, `stack '${ctx.stack}': ${(e as Error).message}`);
  }
}

/** The stack's `meshkit:platformDomains`, the manifests its consumers resolve against. */
export function platformPatterns(ctx: StackContext): readonly string[] {
  return listConfig(ctx, "meshkit:platformDomains") ?? DEFAULT_DOMAIN_PATTERNS;
}

/** The stack's environment: `meshkit:environment`, else the stack's name. */
export function environmentOf(ctx: StackContext): string {
  return ctx.config["meshkit:environment"] || ctx.stack;
}
