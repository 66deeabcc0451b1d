/**
 * Runs the example stacks through the offline engine (the same runner `meshkit review` uses) and
 * offers plain views of what they registered, for stack-level tests.
 */
import * as path from "node:path";
import { plainValue, runProgram, type CapturedResource, type RunResult } from "../../engine";
import type { DomainSpec } from "../../components/manifest";
import { exampleManifests } from "./exampleDomains";

export const PROJECT_DIR = path.resolve(__dirname, "../..");

const runs = new Map<string, Promise<RunResult>>();

/** One run per stack and mode per test file; the engine runs each program in its own process. */
export function runStack(stack: string, dryRun: boolean): Promise<RunResult> {
  const key = `${stack}:${dryRun}`;
  if (!runs.has(key)) runs.set(key, runProgram({ projectDir: PROJECT_DIR, stack, dryRun }));
  return runs.get(key)!;
}

export function exampleSpecs(): DomainSpec[] {
  return exampleManifests().map((m) => m.spec);
}

/** A resource's inputs as plain data (secrets unwrapped, references as URNs). */
export function inputsOf(resource: CapturedResource): Record<string, any> {
  return plainValue(resource.inputs) as Record<string, any>;
}

/** The DataDomain component a resource belongs to, by walking up its parents. */
export function domainOf(run: RunResult, resource: CapturedResource): string | undefined {
  const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
  for (let at: CapturedResource | undefined = resource; at !== undefined; at = at.parent ? byUrn.get(at.parent) : undefined) {
    if (at.type === "meshkit:data:DataDomain") return at.name;
  }
  return undefined;
}

export function ofType(run: RunResult, type: string): CapturedResource[] {
  return run.resources.filter((r) => r.type === type);
}
