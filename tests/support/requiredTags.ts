/** The six required tags a resource of a domain must carry, with the manifest's values. */
import { MANAGED_BY } from "../../conventions";
import type { DomainSpec } from "../../components/manifest";

export function expectedRequiredTags(spec: DomainSpec, environment: string, classification = spec.spec.classification): Record<string, string> {
  return {
    domain: spec.metadata.name,
    environment,
    owner: spec.metadata.owner,
    "cost-center": spec.metadata.costCenter,
    "data-classification": classification,
    "managed-by": MANAGED_BY,
  };
}
