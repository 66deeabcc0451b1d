/**
 * Exemptions inside the running pack. Every policy is wrapped so that a finding covered by a live
 * exemption is not reported by its own policy but recorded; `governance-exemption-applied` reports
 * the records (advisory, machine-readable) and `governance-exemption-valid` reports expired or
 * malformed exemptions. The file is read once per path, on first need, never per resource.
 *
 * Which file: the `exemptionsFile` config property, which every wrapped policy accepts (the engine
 * configures policies one by one, and a resource policy sees only its own config). A relative path
 * is resolved against the pack directory: the nearest directory above this module holding
 * PulumiPolicy.yaml, so `policies/` when run from source and `dist/policies/` from the compiled pack.
 * The compiled pack's package.json names its source directory (`meshkit.sourceDir`); when that
 * still exists (a checkout, not an installed package) the default file is read from there, so an
 * edit to policies/exemptions.yaml counts without a rebuild.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { getStack } from "@pulumi/pulumi";
import type { Policy, ReportViolation, ResourceValidation, StackValidationPolicy } from "@pulumi/policy";
import { today } from "../../conventions";
import { ExemptionIndex, parseExemptions, type ExemptionProblem } from "./exemptions";
import type { AppliedExemption } from "./exemptionMessage";

export const DEFAULT_EXEMPTIONS_FILE = "exemptions.yaml";

export const EXEMPTIONS_FILE_PROPERTY = {
  exemptionsFile: {
    type: "string",
    default: DEFAULT_EXEMPTIONS_FILE,
    description: "Exemptions file; relative paths are resolved against the policy pack's directory.",
  },
} as const;

interface ExemptionsConfig {
  exemptionsFile?: string;
}

export interface LoadedExemptions {
  readonly path: string;
  readonly index: ExemptionIndex;
  readonly problems: readonly ExemptionProblem[];
}

export interface ExemptionRuntimeOptions {
  /** Today, for expiry; the conventions' today (`MESHKIT_TODAY`, else the clock) unless a test injects one. */
  readonly now?: () => Date;
  /** The stack being checked; `pulumi.getStack()` unless a test injects one. */
  readonly stack?: () => string;
  /** Directory relative exemption paths resolve against; found from this module unless given. */
  readonly packDir?: string;
}

/** The nearest directory at or above `start` that holds PulumiPolicy.yaml. */
export function findPackDir(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "PulumiPolicy.yaml"))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

export class ExemptionRuntime {
  private readonly loaded = new Map<string, LoadedExemptions>();
  private readonly applied = new Map<string, AppliedExemption>();
  private readonly now: () => Date;
  private readonly stack: () => string;
  private readonly packDir: string;
  private stackName: string | undefined;

  constructor(
    private readonly knownPolicies: ReadonlySet<string>,
    private readonly unexemptable: ReadonlySet<string>,
    options: ExemptionRuntimeOptions = {},
  ) {
    this.now = options.now ?? (() => new Date(`${today()}T00:00:00Z`));
    this.stack = options.stack ?? getStack;
    this.packDir = options.packDir ?? findPackDir(__dirname) ?? process.cwd();
  }

  /** Where a relative default path resolves: the compiled pack's source directory if present, else the pack. */
  private baseDir(configured: string): string {
    if (configured !== DEFAULT_EXEMPTIONS_FILE) return this.packDir;
    try {
      const pkg = JSON.parse(readFileSync(join(this.packDir, "package.json"), "utf8")) as { meshkit?: { sourceDir?: unknown } };
      const source = pkg.meshkit?.sourceDir;
      if (typeof source === "string" && existsSync(join(this.packDir, source, DEFAULT_EXEMPTIONS_FILE))) return resolve(this.packDir, source);
    } catch {
      // No readable package.json: the pack directory it is.
    }
    return this.packDir;
  }

  /** The exemptions of the configured file (read and checked once per configured value). */
  load(config: ExemptionsConfig): LoadedExemptions {
    const configured = config.exemptionsFile ?? DEFAULT_EXEMPTIONS_FILE;
    let result = this.loaded.get(configured);
    if (result === undefined) {
      const path = isAbsolute(configured) ? configured : resolve(this.baseDir(configured), configured);
      result = this.read(path, configured !== DEFAULT_EXEMPTIONS_FILE);
      this.loaded.set(configured, result);
    }
    return result;
  }

  private read(path: string, explicit: boolean): LoadedExemptions {
    let source: string;
    try {
      source = readFileSync(path, "utf8");
    } catch (e) {
      const missing = (e as NodeJS.ErrnoException).code === "ENOENT";
      // No file beside the pack simply means no exemptions; a configured file must exist.
      const problems = missing && !explicit ? [] : [{ line: undefined, message: `cannot read ${path}: ${(e as Error).message}` }];
      return { path, index: new ExemptionIndex([]), problems };
    }
    const parsed = parseExemptions(source, {
      knownPolicies: this.knownPolicies,
      unexemptable: this.unexemptable,
      today: this.now(),
    });
    return { path, index: new ExemptionIndex(parsed.live), problems: parsed.problems };
  }

  private currentStack(): string {
    this.stackName ??= this.stack();
    return this.stackName;
  }

  /** True (and recorded) when a live exemption covers the finding. */
  private exempts(policy: string, urn: string | undefined, message: string, config: ExemptionsConfig): boolean {
    if (urn === undefined || urn === "") return false;
    const exemption = this.load(config).index.find(policy, urn, this.currentStack());
    if (exemption === undefined) return false;
    this.applied.set(`${policy}\u0000${urn}\u0000${message}`, { policy, urn, message, exemption });
    return true;
  }

  /** Exemptions applied so far (resource findings arrive before the stack is analysed). */
  appliedExemptions(): AppliedExemption[] {
    return [...this.applied.values()];
  }

  /** The policy with its findings filtered through the exemptions, and `exemptionsFile` in its config. */
  wrap<P extends Policy>(policy: P): P {
    const configSchema = {
      ...policy.configSchema,
      properties: { ...policy.configSchema?.properties, ...EXEMPTIONS_FILE_PROPERTY },
    };
    const filtered = (report: ReportViolation, config: () => ExemptionsConfig, fallbackUrn?: string): ReportViolation =>
      (message, urn) => {
        if (!this.exempts(policy.name, urn ?? fallbackUrn, message, config())) report(message, urn);
      };
    const wrapOne = (validate: ResourceValidation): ResourceValidation => {
      const wrapped: ResourceValidation = (args, report) =>
        validate(args, filtered(report, () => args.getConfig<ExemptionsConfig>(), args.urn));
      // Keep the server's type filter working.
      const pulumiType = (validate as { __pulumiType?: string }).__pulumiType;
      if (pulumiType !== undefined) Object.assign(wrapped, { __pulumiType: pulumiType });
      return wrapped;
    };
    const out: Record<string, unknown> = { ...(policy as object), configSchema };
    if ("validateResource" in policy && policy.validateResource !== undefined) {
      const v = policy.validateResource as ResourceValidation | ResourceValidation[];
      out.validateResource = Array.isArray(v) ? v.map(wrapOne) : wrapOne(v);
    }
    if ("validateStack" in policy && typeof policy.validateStack === "function") {
      const v = (policy as unknown as StackValidationPolicy).validateStack;
      out.validateStack = (args: Parameters<typeof v>[0], report: ReportViolation) =>
        v(args, filtered(report, () => args.getConfig<ExemptionsConfig>()));
    }
    return out as unknown as P;
  }
}
