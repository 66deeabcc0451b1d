// Messages between runProgram (parent) and the program worker (child), over the IPC channel.
import type { CapturedResource, InvokeCall, PropertyMap, StackRun } from "../types";

export interface WorkerJob extends StackRun {
  projectDir: string;
  main: string;
  typescript: boolean;
  /** Error.stackTraceLimit in the program's process: the SDK captures a stack per promise. */
  stackTraceLimit: number;
  /** Let the SDK compute each resource's source position (it walks the call stack). */
  sourcePositions: boolean;
  /** How many captured resources travel in one message. */
  batchSize: number;
}

/** The child's file descriptor for the "resources" and "outputs" messages (length-prefixed V8 serialization). */
export const RESOURCE_FD = 4;

/** A resource as captured in the child, before default providers and ordering are applied. */
export type RawResource = Omit<CapturedResource, "provider"> & { provider?: string };

export type WorkerMessage =
  | { kind: "resources"; items: RawResource[] }
  | { kind: "outputs"; urn: string; outputs: PropertyMap }
  | { kind: "done"; invokes: InvokeCall[]; programMs: number; programCpuMs: number; peakRssMb: number }
  | { kind: "failed"; message: string; detail: string[]; frames: string[] };
