// Runs the real Pulumi CLI on the e2e fixture project, with a local file backend, and reads its engine
// event log (one JSON event per line) for steps and policy findings.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export const repoRoot = path.resolve(__dirname, "../..");
export const fixtureDir = path.join(repoRoot, "e2e/fixture");
/** Git-ignored scratch space: stack configs (the fixture's stackConfigDir), manifest copies, backend, logs. */
export const stateDir = path.join(repoRoot, "e2e/.state");

export interface CliResult {
  code: number;
  output: string;
  events: EngineEvent[];
}

export interface PolicyEvent {
  resourceUrn?: string;
  message: string;
  policyName: string;
  policyPackName: string;
  enforcementLevel: string;
}

export interface EngineEvent {
  policyEvent?: PolicyEvent;
  resourcePreEvent?: { metadata: { op: string; urn: string; type: string } };
  diagnosticEvent?: { message: string; severity: string; urn?: string };
}

export class PulumiCli {
  readonly env: NodeJS.ProcessEnv;

  constructor(backendDir: string) {
    fs.mkdirSync(backendDir, { recursive: true });
    this.env = {
      ...process.env,
      PULUMI_CONFIG_PASSPHRASE: "meshkit-e2e-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      CI: "true",
      NO_COLOR: "1",
    };
    this.must(["login", `file://${backendDir}`]);
  }

  /**
   * Runs `pulumi ARGS` in the fixture directory. With `events`, the command streams the engine's events as
   * JSON lines (`--json`; previews need PULUMI_ENABLE_STREAMING_JSON_PREVIEW), collected in `events`.
   */
  run(args: string[], opts: { events?: boolean } = {}): CliResult {
    const full = [...args, "--non-interactive", ...(opts.events ? ["--json"] : [])];
    const res = spawnSync("pulumi", full, {
      cwd: fixtureDir,
      env: { ...this.env, ...(opts.events ? { PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "true" } : {}) },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 540_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (res.error) throw res.error;
    const events = opts.events ? jsonLines(res.stdout) : [];
    const diagnostics = events.flatMap((e) => (e.diagnosticEvent && e.diagnosticEvent.severity !== "debug" ? [e.diagnosticEvent.message] : []));
    const policies = events.flatMap((e) => (e.policyEvent ? [`[${e.policyEvent.enforcementLevel}] ${e.policyEvent.policyName}: ${e.policyEvent.message}`] : []));
    const output = opts.events ? [...diagnostics, ...policies, res.stderr].join("\n") : `${res.stdout}${res.stderr}`;
    return { code: res.status ?? 1, output, events };
  }

  must(args: string[], opts: { events?: boolean } = {}): CliResult {
    const res = this.run(args, opts);
    if (res.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${res.code}:\n${res.output}`);
    return res;
  }
}

function jsonLines(stdout: string): EngineEvent[] {
  return stdout
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as EngineEvent);
}

export function policyEvents(res: CliResult): PolicyEvent[] {
  return res.events.flatMap((e) => (e.policyEvent ? [e.policyEvent] : []));
}

/** Operations the engine planned or performed, by resource URN (the step's op, e.g. same, create, update, replace). */
export function stepOps(res: CliResult): Map<string, string> {
  const ops = new Map<string, string>();
  for (const e of res.events) if (e.resourcePreEvent) ops.set(e.resourcePreEvent.metadata.urn, e.resourcePreEvent.metadata.op);
  return ops;
}
