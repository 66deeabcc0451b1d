// Which stacks a change affects, from the files it changed. A stack is affected when a manifest it
// deploys changes (or a schema one of them names), when a manifest that grants one of its domains
// access changes (at the base or now), when its own stack config changes, or when anything shared
// changes: program code, policies, project or package files. Documentation, tests and benchmarks
// affect no stack.
import picomatch from "picomatch";

export interface StackDomains {
  readonly name: string;
  /** The stack's config file, relative to the project. */
  readonly configFile: string;
  /** `meshkit:domains` patterns; empty for a stack that deploys no meshkit domain. */
  readonly domainPatterns: readonly string[];
  /** The domain names this stack deploys, now (and at the base, for deleted manifests). */
  readonly domains: readonly string[];
}

/** A manifest as the change sees it: its domain and the domains it grants, now and at the base. */
export interface ChangedManifest {
  readonly file: string;
  readonly domains: readonly string[];
  readonly grantees: readonly string[];
}

export interface ChangeFacts {
  readonly changedFiles: readonly string[];
  /** Changed files that are manifests (matched by any stack's patterns), read at head and base. */
  readonly manifests: readonly ChangedManifest[];
  /** Changed schema files, with the domains whose manifests name them. */
  readonly schemas: ReadonlyMap<string, readonly string[]>;
  /** Every stack's config file, so a change to one affects that stack only. */
  readonly stackConfigFiles: ReadonlySet<string>;
}

export interface AffectedStack {
  readonly name: string;
  readonly reasons: string[];
}

/** Files that change no stack's resources or review. */
const NOT_DEPLOYED = ["**/*.md", "docs/**", "tests/**", "bench/**", "e2e/**", ".github/**", ".ci/**", "LICENSE"];
const notDeployed = picomatch(NOT_DEPLOYED, { dot: true });

export function affectedStacks(stacks: readonly StackDomains[], facts: ChangeFacts): AffectedStack[] {
  const classified = new Set([...facts.manifests.map((m) => m.file), ...facts.schemas.keys(), ...facts.stackConfigFiles]);
  const shared = facts.changedFiles.filter((f) => !classified.has(f) && !notDeployed(f));
  return stacks
    .map((stack) => {
      const reasons: string[] = [];
      const deploys = stack.domainPatterns.length > 0 ? picomatch([...stack.domainPatterns]) : () => false;
      if (facts.changedFiles.includes(stack.configFile)) reasons.push(`its stack config ${stack.configFile} changed`);
      for (const m of facts.manifests) {
        if (deploys(m.file) || m.domains.some((d) => stack.domains.includes(d))) {
          reasons.push(`manifest ${m.file} changed`);
          continue;
        }
        const granted = m.grantees.filter((d) => stack.domains.includes(d));
        if (granted.length > 0) reasons.push(`manifest ${m.file}, which grants ${granted.join(", ")}, changed`);
      }
      for (const [schema, domains] of facts.schemas) {
        const own = domains.filter((d) => stack.domains.includes(d));
        if (own.length > 0) reasons.push(`schema ${schema} of ${own.join(", ")} changed`);
      }
      for (const file of shared) reasons.push(`shared file ${file} changed`);
      return { name: stack.name, reasons: [...new Set(reasons)] };
    })
    .filter((s) => s.reasons.length > 0)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
