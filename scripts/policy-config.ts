// Writes policies/config/<environment>.json, the --policy-pack-config files: `npm run policy-config`.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ENVIRONMENTS } from "../conventions";
import { policyPackConfig } from "../policies/lib/environmentConfig";
import { meshkitPolicies } from "../policies/pack";

const dir = join(__dirname, "..", "policies", "config");
mkdirSync(dir, { recursive: true });
const { policies } = meshkitPolicies();
for (const env of ENVIRONMENTS) {
  writeFileSync(join(dir, `${env}.json`), JSON.stringify(policyPackConfig(policies, env), null, 2) + "\n");
  console.log(`policies/config/${env}.json: ${policies.length} policies`);
}
