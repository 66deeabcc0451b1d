// Gathers what `affectedStacks` decides on: the project's stacks with the domains they deploy, and
// the changed files read at the base revision and now. Manifests are read leniently (a changed
// manifest may be invalid; validate and review report that), only for names and grants.
import * as fs from "fs";
import * as path from "path";
import { globSync } from "tinyglobby";
import picomatch from "picomatch";
import * as YAML from "yaml";
import { loadProject, loadStack } from "../../engine";
import { DEFAULT_DOMAIN_PATTERNS } from "../../conventions";
import { changedFiles, fileAtRevision } from "../git";
import type { ChangeFacts, ChangedManifest, StackDomains } from "./affected";

interface ManifestFacts {
  readonly domain?: string;
  readonly grantees: string[];
  /** Schema paths as written, relative to the manifest. */
  readonly schemas: string[];
}

function manifestFacts(text: string | undefined): ManifestFacts {
  let doc: unknown;
  try {
    doc = text === undefined ? undefined : YAML.parse(text);
  } catch {
    doc = undefined;
  }
  const d = (doc ?? {}) as { metadata?: { name?: unknown }; spec?: { products?: unknown } };
  const products = Array.isArray(d.spec?.products)
    ? (d.spec.products as { schema?: unknown; consumers?: unknown; contract?: { previousMajors?: unknown } }[])
    : [];
  // A previous major's schema is registered as well, so a change to it affects the stack too.
  const previousMajors = products.flatMap((p) => (Array.isArray(p?.contract?.previousMajors) ? (p.contract.previousMajors as { schema?: unknown }[]) : []));
  const strings = (xs: unknown[]) => xs.filter((x): x is string => typeof x === "string");
  return {
    domain: typeof d.metadata?.name === "string" ? d.metadata.name : undefined,
    grantees: strings(products.flatMap((p) => (Array.isArray(p?.consumers) ? (p.consumers as { domain?: unknown }[]).map((c) => c?.domain) : []))),
    schemas: strings([...products.map((p) => p?.schema), ...previousMajors.map((p) => p?.schema)]),
  };
}

function listConfig(value: string | undefined): string[] {
  if (value === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === "string") : [];
  } catch {
    return [];
  }
}

interface ProjectStacks {
  readonly stacks: StackDomains[];
  readonly manifestPatterns: string[];
  readonly stackConfigFiles: Set<string>;
}

/** Every stack of the project in `dir` (the working directory), with what it deploys now. */
export function projectStacks(dir: string): ProjectStacks {
  const project = loadProject(dir);
  const names = fs.existsSync(project.stackConfigDir)
    ? fs.readdirSync(project.stackConfigDir).flatMap((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1] ?? []).sort()
    : [];
  const manifestPatterns = new Set<string>(DEFAULT_DOMAIN_PATTERNS);
  const stacks = names.map((name): StackDomains => {
    const ctx = loadStack(dir, name);
    const domainPatterns = listConfig(ctx.config["meshkit:domains"]);
    for (const p of [...domainPatterns, ...listConfig(ctx.config["meshkit:platformDomains"])]) manifestPatterns.add(p);
    const files = domainPatterns.length === 0 ? [] : globSync(domainPatterns, { cwd: dir, onlyFiles: true });
    const domains = files.flatMap((f) => manifestFacts(fs.readFileSync(path.join(dir, f), "utf8")).domain ?? []);
    return { name, configFile: path.relative(dir, ctx.configFile), domainPatterns, domains: [...new Set(domains)].sort() };
  });
  return { stacks, manifestPatterns: [...manifestPatterns], stackConfigFiles: new Set(stacks.map((s) => s.configFile)) };
}

/** The facts of the change from `base` to the working tree of the project in `dir`. */
export function changeFacts(base: string, dir: string, project: ProjectStacks): ChangeFacts {
  const changed = changedFiles(base, dir);
  const isManifest = picomatch(project.manifestPatterns);
  const read = (file: string) => (fs.existsSync(path.join(dir, file)) ? fs.readFileSync(path.join(dir, file), "utf8") : undefined);

  const manifests: ChangedManifest[] = changed.filter((f) => isManifest(f)).map((file) => {
    const [now, before] = [manifestFacts(read(file)), manifestFacts(fileAtRevision(base, dir, file))];
    return {
      file,
      domains: [...new Set([now.domain, before.domain].filter((d): d is string => d !== undefined))].sort(),
      grantees: [...new Set([...now.grantees, ...before.grantees])].sort(),
    };
  });

  // Which domains name each changed schema file, from every manifest now and the changed ones before.
  const schemas = new Map<string, string[]>();
  const claim = (manifestFile: string, facts: ManifestFacts) => {
    for (const schema of facts.schemas) {
      const file = path.relative(dir, path.resolve(dir, path.dirname(manifestFile), schema));
      if (!changed.includes(file) || facts.domain === undefined) continue;
      schemas.set(file, [...new Set([...(schemas.get(file) ?? []), facts.domain])].sort());
    }
  };
  for (const file of globSync(project.manifestPatterns, { cwd: dir, onlyFiles: true })) claim(file, manifestFacts(read(file)));
  for (const m of manifests) claim(m.file, manifestFacts(fileAtRevision(base, dir, m.file)));

  return { changedFiles: changed, manifests, schemas, stackConfigFiles: project.stackConfigFiles };
}
