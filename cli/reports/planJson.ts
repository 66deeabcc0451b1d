// The plan as data (`meshkit plan --format json`): every resource with its inputs, so a reviewer or a
// script can check what the program asks for (an alarm's threshold, a topic's key). Secret values are
// masked, values the cloud computes are marked, object keys and resources are sorted: the same program
// gives byte-identical output.
import { isResourceReference, isSecret, isUnknown, SIG_KEY, type RunResult } from "../../engine";

/** What a secret value prints as. */
export const MASKED_SECRET = "[secret]";
/** What a value unknown until deployment prints as. */
export const UNKNOWN_VALUE = "[unknown]";

/** A wire-form value as plain, masked JSON with sorted keys. */
function shown(value: unknown): unknown {
  if (isSecret(value)) return MASKED_SECRET;
  if (isUnknown(value)) return UNKNOWN_VALUE;
  if (isResourceReference(value)) return value.urn;
  if (Array.isArray(value)) return value.map(shown);
  if (value === null || typeof value !== "object") return value;
  // Assets and archives keep their fields without the signature, as plainValue gives them.
  const object = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object).sort()) if (key !== SIG_KEY) out[key] = shown(object[key]);
  return out;
}

export function planJson(run: RunResult): string {
  const resources = [...run.resources]
    .sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0))
    .map((r) => ({ urn: r.urn, type: r.type, name: r.name, parent: r.parent ?? null, protect: r.options.protect, inputs: shown(r.inputs) }));
  return JSON.stringify({ stack: run.stack, project: run.project, resources }, null, 2) + "\n";
}
