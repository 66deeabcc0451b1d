/** Glue schema-registry compatibility modes for the manifest's contract compatibility. */
import type { CompatibilityMode } from "../manifest";

const GLUE_COMPATIBILITY: Record<CompatibilityMode, string> = {
  none: "NONE",
  backward: "BACKWARD",
  forward: "FORWARD",
  full: "FULL",
  "backward-transitive": "BACKWARD_ALL",
  "forward-transitive": "FORWARD_ALL",
  "full-transitive": "FULL_ALL",
};

export function glueCompatibility(mode: CompatibilityMode): string {
  return GLUE_COMPATIBILITY[mode];
}
