// Starts a policy pack the way the Pulumi engine does: `node <pack's @pulumi/pulumi/cmd/run-policy-pack>
// <engine-address> .` with the pack directory as working directory and the stack described in the
// environment (an npm package of policies through its generated entry point, see packageEntry). The first stdout line is the gRPC port; an exit before that is a load failure whose
// reason is on stderr.
import { spawn, ChildProcess } from "child_process";
import type { Duplex } from "stream";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { EngineError } from "../errors";
import { DIRECT_FD } from "./directProtocol";
import { isPolicyPackage, writePackageEntry } from "./packageEntry";
import type { StackRun } from "../types";

/** What a pack is told of the stack, through its environment, as the engine tells it. */
export type PackEnvironment = StackRun;

export interface PackProcess {
  dir: string;
  port: number;
  child: ChildProcess;
  /** The direct channel's end (see directProtocol), answered by the preloaded serveDirect. */
  channel: Duplex;
  /** Milliseconds from spawn to the port line. */
  startMs: number;
  /** Settles when the process ends, with the end of what it wrote to stderr. */
  exited: Promise<{ code: number | null; stderr: string }>;
}

// What is kept of a serving pack's stderr: enough for V8's last words.
const STDERR_TAIL = 64 * 1024;

// The engine never dials this address back for policy packs; it only has to be present.
const ENGINE_ADDRESS = "127.0.0.1:0";
const START_TIMEOUT_MS = 180_000;

function loadFailed(dir: string, why: string, stderr = ""): EngineError {
  return new EngineError("PACK_LOAD_FAILED", `policy pack ${dir} failed to load: ${why}`, stderr.trim() || undefined);
}

// The first meaningful line of a load failure's stderr (ts-node errors and throws start with a header).
function reason(stderr: string): string {
  const lines = stderr
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("at ") && !l.startsWith("meshkit: ") && !/^[~^\s]+$/.test(l));
  const tsError = lines.findIndex((l) => l.includes("Unable to compile TypeScript"));
  if (tsError >= 0 && lines[tsError + 1]) return `TypeScript error: ${lines[tsError + 1]}`;
  const thrown = lines.find((l) => /^(\w*Error|Invalid|Already serving|We failed)/.test(l));
  return thrown ?? lines[0] ?? "no output";
}

function checkPackDir(dir: string): string {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw loadFailed(dir, "the directory does not exist");
  const manifest = path.join(dir, "PulumiPolicy.yaml");
  if (isPolicyPackage(dir)) return runnerFor(dir);
  if (!fs.existsSync(manifest)) throw loadFailed(dir, "neither a PulumiPolicy.yaml nor a package.json in it");
  const doc = (YAML.parse(fs.readFileSync(manifest, "utf8")) ?? {}) as { runtime?: string | { name?: string } };
  const runtime = typeof doc.runtime === "string" ? doc.runtime : doc.runtime?.name;
  if (runtime !== "nodejs") throw loadFailed(dir, `runtime '${runtime ?? "(none)"}' is not supported; only nodejs packs run offline`);
  return runnerFor(dir);
}

function runnerFor(dir: string): string {
  try {
    return require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [dir] });
  } catch {
    throw loadFailed(dir, "@pulumi/pulumi is not installed for it; run npm install in the pack's directory");
  }
}

/**
 * Node options that preload the offline-only speed-ups into the pack's process: the SDK's unused
 * modules deferred (see lazySdk; first, before anything loads the SDK), then shared decoding (see
 * policyLibrary), then no TypeScript for a JavaScript pack (see skipTypeScript), then the direct
 * channel's server (see directServer).
 */
function preloadArgs(): string[] {
  if (path.extname(__filename) === ".ts") return ["-r", path.join(__dirname, "preload", "fromSource.js")];
  return ["deferSdkModules", "shareDecoding", "skipTypeScript", "serveDirect"].flatMap((name) => ["-r", path.join(__dirname, "preload", `${name}.js`)]);
}

export function startPack(packDir: string, env: PackEnvironment): Promise<PackProcess> {
  const dir = path.resolve(packDir);
  let runner: string;
  try {
    runner = checkPackDir(dir);
  } catch (e) {
    return Promise.reject(e);
  }
  // A package is loaded by a generated entry point, told the package's directory.
  const entry = isPolicyPackage(dir) ? writePackageEntry() : undefined;
  const program = entry ? [entry, dir] : ["."];
  const started = Date.now();
  const child = spawn(process.execPath, [...preloadArgs(), runner, ENGINE_ADDRESS, ...program], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe", "pipe"],
    env: {
      ...process.env,
      PULUMI_CONFIG: JSON.stringify(env.config),
      PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(env.secretKeys),
      PULUMI_NODEJS_PROJECT: env.project,
      PULUMI_NODEJS_STACK: env.stack,
      PULUMI_NODEJS_ORGANIZATION: env.organization,
      PULUMI_NODEJS_DRY_RUN: String(env.dryRun),
    },
  });
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    let port: number | undefined;
    const timer = setTimeout(() => {
      child.kill();
      reject(loadFailed(dir, `no port after ${START_TIMEOUT_MS / 1000} s`, stderr));
    }, START_TIMEOUT_MS);
    child.stdout!.on("data", (chunk: Buffer) => {
      // After the port, stdout is whatever the policies print; the engine does not show it either.
      if (port !== undefined) return;
      stdout += chunk.toString();
      const nl = stdout.indexOf("\n");
      if (nl < 0) return;
      const first = stdout.slice(0, nl).trim();
      clearTimeout(timer);
      if (!/^\d+$/.test(first)) {
        child.kill();
        reject(loadFailed(dir, `expected a port on the first output line, got '${first.slice(0, 200)}'`, stderr));
        return;
      }
      port = Number(first);
      resolve({ dir, port, child, channel: child.stdio[DIRECT_FD] as Duplex, startMs: Date.now() - started, exited });
    });
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (port !== undefined && stderr.length > STDERR_TAIL) stderr = stderr.slice(-STDERR_TAIL);
    });
    const exited = new Promise<{ code: number | null; stderr: string }>((settle) => child.on("close", (code) => settle({ code, stderr })));
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (entry) fs.rmSync(path.dirname(entry), { recursive: true, force: true });
      if (port !== undefined) return;
      const why = entry && stderr.trim() === "" ? "its main module neither constructs a PolicyPack nor exports a PolicyPack class" : reason(stderr);
      reject(loadFailed(dir, `${why} (exit code ${code})`, stderr));
    });
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(loadFailed(dir, e.message));
    });
  });
}
