// Public data shapes of the offline engine. Property values are kept in Pulumi's wire form (the JSON the
// SDK sends to the engine): unknowns are the unknown sentinel string, secrets are `{<sig>: <secretSig>,
// value}` objects, resource references `{<sig>: <resourceSig>, urn, id?}`, assets and archives their sig
// objects. `engine/values.ts` turns them into plain data.

export type PropertyMap = Record<string, unknown>;

/** The options a resource was registered with, as the engine would record them. */
export interface CapturedOptions {
  protect: boolean;
  retainOnDelete: boolean;
  /** Only present when the program set it explicitly. */
  deleteBeforeReplace?: boolean;
  ignoreChanges: string[];
  replaceOnChanges: string[];
  hideDiffs: string[];
  additionalSecretOutputs: string[];
  /** Every alias resolved to the URN it stands for (alias specs are resolved the way the engine does). */
  aliases: string[];
  customTimeouts?: { create?: string; update?: string; delete?: string };
  deletedWith?: string;
  importId?: string;
  /** Provider plugin version the resource's package asked for. */
  version?: string;
  pluginDownloadURL?: string;
}

export interface CapturedResource {
  urn: string;
  type: string;
  name: string;
  /** false for component resources (and the root stack). */
  custom: boolean;
  /** Registered with `get`/`read` instead of being managed. */
  read: boolean;
  parent?: string;
  /** Provider reference `<provider urn>::<provider id>`; default providers are filled in like the engine does. */
  provider?: string;
  /** Undefined for components and, in preview, for resources the engine would create (their ID is unknown). */
  id?: string;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  inputs: PropertyMap;
  /** What the resource resolved to: mock state for custom resources, registered outputs for components. */
  outputs: PropertyMap;
  options: CapturedOptions;
  /** Where the program constructed it (only with `sourcePositions: true`). */
  sourcePosition?: { file: string; line: number; column: number };
}

export interface InvokeCall {
  token: string;
  args: PropertyMap;
}

/** A project and stack as the engine sees them before the program runs. */
export interface StackContext {
  projectDir: string;
  project: string;
  /** Absolute path of the program's entry point (file or directory). */
  main: string;
  typescript: boolean;
  stack: string;
  organization: string;
  /** The stack config file that was read. */
  configFile: string;
  /** Config as the engine passes it to the program: `namespace:key` → string (objects JSON-encoded). */
  config: Record<string, string>;
  /** Keys of `config` whose values were `secure:` (their value here is a placeholder). */
  secretKeys: string[];
}

/** Progress of a long run, for a CLI's status line. */
export type Progress =
  | { phase: "program"; resources: number }
  | { phase: "analyze"; pack: string; analyzed: number; total: number };

export interface RunOptions {
  projectDir: string;
  stack: string;
  /** Preview (default) or update. In preview, values the cloud would compute stay unknown. */
  dryRun?: boolean;
  organization?: string;
  /**
   * Record where each resource was constructed. Off by default: the SDK walks the whole call stack per
   * resource to find it, about a fifth of a run's CPU.
   */
  sourcePositions?: boolean;
  /** Called as registrations arrive (every batch). */
  progress?: (p: Progress) => void;
  /**
   * Run the program as several processes at once, one per entry, each with these keys set on top of
   * the stack's config, and merge what they register into one run (see shards.ts). For a program whose
   * config says which part of the stack it builds, so that the parts together are the whole stack.
   */
  shards?: Record<string, string>[];
}

/** The stack a program run or a policy pack serves, and the config the engine passes to both. */
export interface StackRun {
  project: string;
  stack: string;
  organization: string;
  dryRun: boolean;
  config: Record<string, string>;
  secretKeys: string[];
}

export interface RunResult extends StackRun {
  /** Parent before child; siblings by URN; the root stack first. */
  resources: CapturedResource[];
  invokes: InvokeCall[];
  /** The stack's exports (the root stack resource's outputs). */
  exports: PropertyMap;
  /** What the program and the SDK wrote to stdout/stderr and pulumi.log. */
  log: string[];
  /** Wall time of the whole run and of the program alone, the program's CPU time, its process's peak RSS. */
  timings: { totalMs: number; programMs: number; programCpuMs: number; peakRssMb: number };
}

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
export type Severity = "low" | "medium" | "high" | "critical";

export interface PolicyInfo {
  name: string;
  displayName?: string;
  description: string;
  type: "resource" | "stack";
  /** Effective level after the pack's defaults and the config file. */
  enforcementLevel: EnforcementLevel;
  severity?: Severity;
  message?: string;
  remediationSteps?: string;
  url?: string;
  tags: string[];
  framework?: { name?: string; version?: string; reference?: string; specification?: string };
  configSchema?: { properties: Record<string, unknown>; required: string[] };
  /** Effective config properties (schema defaults, the pack's initial config, then the config file). */
  config?: Record<string, unknown>;
}

export interface PackInfo {
  name: string;
  version: string;
  displayName?: string;
  description?: string;
  dir: string;
  configFile?: string;
  policies: PolicyInfo[];
}

export interface Diagnostic {
  policyPack: string;
  policyPackVersion: string;
  policy: string;
  description: string;
  message: string;
  enforcementLevel: EnforcementLevel;
  severity?: Severity;
  /** The resource at fault; undefined for a stack finding that names none. */
  urn?: string;
  /** Which analyzer call produced it. */
  source: "resource" | "stack";
}

export interface PackSpec {
  dir: string;
  /** A `--policy-pack-config` JSON file. */
  configFile?: string;
}

export interface AnalyzeOptions {
  packs: PackSpec[];
  resources: CapturedResource[];
  project: string;
  stack: string;
  organization?: string;
  dryRun?: boolean;
  /** Stack config passed to the packs (PULUMI_CONFIG), as the engine does. */
  config?: Record<string, string>;
  secretKeys?: string[];
  /** Called as each pack works through the resources (every 100 and at the end). */
  progress?: (p: Progress) => void;
}

export interface AnalyzeResult {
  packs: PackInfo[];
  /** Sorted by pack, URN (stack-wide last), policy, message. */
  diagnostics: Diagnostic[];
  timings: { startMs: number[]; analyzeMs: number };
}
