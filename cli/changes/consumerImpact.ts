// What a change does to the consumers of the stack's products: a product removed or renamed (mandatory
// when other domains consume it, naming them), its classification lowered (mandatory unless an
// exemption in policies/exemptions.yaml covers `<domain>.<product>`), its retention shortened, a
// consumer's grant removed.
import type { LoadedManifest } from "../../components/manifest";
import { classificationOf } from "../../components/manifest";
import { CHANGE_RULES, CLASSIFICATIONS } from "../../conventions";
import type { Exemption } from "../../policies/lib/exemptions";
import { globMatcher } from "../../policies/lib/globs";
import type { Finding } from "../review/model";
import type { ManifestPlaces } from "./manifestPlaces";
import { headManifest, productPairs } from "./pairs";
import { changeFinding } from "./rules";

export interface ConsumerImpactInput {
  readonly base: readonly LoadedManifest[];
  readonly head: readonly LoadedManifest[];
  readonly stack: string;
  readonly production: boolean;
  readonly places: ManifestPlaces;
  /** Live exemptions of policies/exemptions.yaml. */
  readonly exemptions: readonly Exemption[];
}

function exemptionFor(input: ConsumerImpactInput, rule: string, resource: string): Exemption | undefined {
  return input.exemptions.find((e) => e.policy === rule && globMatcher([e.stack])(input.stack) && globMatcher([e.resource])(resource));
}

export function reviewConsumerImpact(input: ConsumerImpactInput): Finding[] {
  const findings: Finding[] = [];
  const pairs = productPairs(input.base, input.head);
  for (const pair of pairs) {
    const label = `${pair.domain}/${pair.name}`;
    if (pair.base && !pair.head) {
      const consumers = pair.base.product.consumers;
      const manifest = headManifest(input.head, pair.domain);
      const newcomers = pairs.filter((p) => p.domain === pair.domain && p.head && !p.base && p.head.product.kind === pair.base!.product.kind).map((p) => p.name);
      const renamed = newcomers.length > 0 ? ` (renamed to ${newcomers.join(" or ")}?)` : "";
      const gone = manifest ? `is removed${renamed}` : `is removed with its domain, which the stack no longer deploys`;
      const lost = consumers.length > 0 ? `; its consumers lose it: ${consumers.map((c) => `${c.domain} (${c.purpose})`).join(", ")}` : "";
      findings.push(
        changeFinding(
          {
            rule: CHANGE_RULES.productRemoved,
            message: `${label} (${pair.base.product.kind}) ${gone}${lost}`,
            domain: pair.domain,
            enforcementLevel: consumers.length > 0 ? "mandatory" : "advisory",
            ...(manifest ? { location: input.places.at(manifest.file, ["spec", "products"]) } : {}),
          },
          input.production,
        ),
      );
      continue;
    }
    if (!pair.base || !pair.head) continue;
    const { product: before, manifest: baseManifest } = pair.base;
    const { product: after, manifest, index } = pair.head;
    const at = (...field: (string | number)[]) => input.places.at(manifest.file, ["spec", "products", index, ...field]);

    const [was, now] = [classificationOf(baseManifest.spec, before), classificationOf(manifest.spec, after)];
    if (CLASSIFICATIONS.indexOf(now) < CLASSIFICATIONS.indexOf(was)) {
      const field = after.classification !== undefined ? at("classification") : input.places.at(manifest.file, ["spec", "classification"]);
      const finding = changeFinding(
        { rule: CHANGE_RULES.declassified, message: `${label} is declassified from ${was} to ${now}`, domain: pair.domain, location: field },
        input.production,
      );
      const exemption = exemptionFor(input, CHANGE_RULES.declassified, `${pair.domain}.${pair.name}`);
      findings.push(exemption ? { ...finding, exempted: true, exemption: { reason: exemption.reason, owner: exemption.owner, expires: exemption.expires } } : finding);
    }
    if (after.retentionDays < before.retentionDays) {
      const who = after.consumers.length > 0 ? `; consumers: ${after.consumers.map((c) => c.domain).join(", ")}` : "";
      findings.push(
        changeFinding(
          { rule: CHANGE_RULES.retentionShortened, message: `${label} keeps data ${after.retentionDays} days instead of ${before.retentionDays}${who}`, domain: pair.domain, location: at("retentionDays") },
          input.production,
        ),
      );
    }
    for (const c of before.consumers.filter((c) => !after.consumers.some((x) => x.domain === c.domain))) {
      findings.push(
        changeFinding(
          { rule: CHANGE_RULES.grantRemoved, message: `${c.domain} loses read access to ${label} (it read it to ${c.purpose})`, domain: pair.domain, location: at("consumers") },
          input.production,
        ),
      );
    }
  }
  return findings;
}
