// The direct channel between the engine and a pack process it started (fd 3, frames as in ../frames):
// the analyzer's Analyze and AnalyzeStack calls with the resources as the engine captured them, instead
// of one gRPC call per resource with protobuf-encoded properties. Info and configuration stay on gRPC.
import type { CapturedResource, Diagnostic } from "../types";

/** The pack process's file descriptor for the channel. */
export const DIRECT_FD = 3;

export type DirectRequest =
  | { id: number; kind: "hello" }
  /** Analyze each resource named in `urns`; `resources` are those the pack has not been sent yet. */
  | { id: number; kind: "analyze"; resources: CapturedResource[]; urns: string[] }
  /** AnalyzeStack over `order` (the complete run); `resources` are those not sent yet or changed since. */
  | { id: number; kind: "analyzeStack"; resources: CapturedResource[]; order: string[] };

export interface DirectFailure {
  message: string;
  /** What a gRPC error would carry as its details (the first line is what the engine reports). */
  details?: string;
  /** The resource whose Analyze call failed. */
  urn?: string;
}

export type DirectResponse =
  | { id: number; ok: true }
  | { id: number; diagnostics: Diagnostic[][] }
  | { id: number; error: DirectFailure };
