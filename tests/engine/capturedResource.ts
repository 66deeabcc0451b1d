// A captured resource for tests: a registered custom resource with no options set, unless `extra` says.
import type { CapturedResource } from "../../engine";

export function capturedResource(urn: string, type: string, extra: Partial<CapturedResource> = {}): CapturedResource {
  return {
    urn,
    type,
    name: urn.split("::").pop()!,
    custom: true,
    read: false,
    dependencies: [],
    propertyDependencies: {},
    inputs: {},
    outputs: {},
    options: { protect: false, retainOnDelete: false, ignoreChanges: [], replaceOnChanges: [], hideDiffs: [], additionalSecretOutputs: [], aliases: [] },
    ...extra,
  };
}
