// Data-loss findings of a resource diff: a stateful resource deleted or replaced, named with the change
// that causes it.
import type { LoadedManifest } from "../../components/manifest";
import { urnName } from "../../engine";
import { CHANGE_RULES } from "../../conventions";
import type { Finding } from "../review/model";
import type { ManifestPlaces } from "./manifestPlaces";
import { headManifest } from "./pairs";
import type { ResourceChange } from "./resourceDiff";
import { changeFinding } from "./rules";

function cause(change: ResourceChange, head: readonly LoadedManifest[]): string {
  if (change.action === "replace") return `replaced because ${change.replaceReasons.join("; ")}`;
  const manifest = change.domain ? headManifest(head, change.domain) : undefined;
  if (change.domain && !manifest) return `deleted because the stack no longer deploys domain ${change.domain}`;
  if (manifest && change.product && !manifest.spec.spec.products.some((p) => p.name === change.product)) {
    return `deleted because product ${change.domain}/${change.product} is no longer in the ${change.domain} manifest (removed or renamed)`;
  }
  return "deleted: no resource of the head has its URN or an alias naming it (a refactor that renames resources adds `aliases`)";
}

export function dataLossFindings(changes: readonly ResourceChange[], head: readonly LoadedManifest[], places: ManifestPlaces, production: boolean): Finding[] {
  return changes
    .filter((c) => c.stateful && (c.action === "delete" || c.action === "replace"))
    .map((c) => {
      const manifest = c.domain ? headManifest(head, c.domain) : undefined;
      const index = manifest && c.product ? manifest.spec.spec.products.findIndex((p) => p.name === c.product) : -1;
      const location = manifest ? places.at(manifest.file, index >= 0 ? ["spec", "products", index] : ["metadata", "name"]) : undefined;
      return changeFinding(
        {
          rule: CHANGE_RULES.dataLoss,
          message: `data loss: ${c.type} ${urnName(c.urn)} is ${cause(c, head)}`,
          urn: c.urn,
          ...(c.domain ? { domain: c.domain } : {}),
          ...(location ? { location } : {}),
        },
        production,
      );
    });
}
