/**
 * Resources the engine captured, presented as the pack's analyzer would receive them, so the
 * pack's own policy functions can judge them in-process (tests/policies/harness.ts).
 */
import { parseProviderRef, plainValue, type CapturedResource } from "../../engine";
import { toAnalyzerProperties } from "../../engine/policy/marshal";
import type { TestResource } from "../policies/harness";

/** Properties as an analyzer receives them: references downgraded, secrets unwrapped. */
const analyzerProps = (props: Record<string, unknown>) => plainValue(toAnalyzerProperties(props)) as Record<string, unknown>;

/** One captured resource with the given properties (its inputs or its outputs), its provider resolved. */
export function testResource(r: CapturedResource, byUrn: Map<string, CapturedResource>, props: Record<string, unknown>): TestResource {
  const provider = r.provider ? byUrn.get(parseProviderRef(r.provider).urn) : undefined;
  return {
    type: r.type,
    name: r.name,
    urn: r.urn,
    props: analyzerProps(props),
    opts: { protect: r.options.protect, ignoreChanges: r.options.ignoreChanges, aliases: r.options.aliases, additionalSecretOutputs: r.options.additionalSecretOutputs },
    ...(provider ? { provider: { type: provider.type, name: provider.name, urn: provider.urn, props: analyzerProps(provider.inputs) } } : {}),
    ...(r.parent ? { parent: r.parent } : {}),
    dependencies: r.dependencies,
    propertyDependencies: r.propertyDependencies,
  };
}
