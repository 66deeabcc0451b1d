// In a checkout, a review judges with the policy pack's sources as they are: a rule edited after the
// build reaches the report (the sources run, with a note on stderr), never the stale compiled pack.
// Tried on a copy of the checkout, never by editing the real sources.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, FIXTURES, json, meshkit, ROOT } from "./meshkit";

const RULE = "tagging-aws-required-tags";
const DESCRIPTION = "Every taggable AWS resource carries the required tags with non-empty values.";
const EDITED = "Every taggable AWS resource carries the required tags, edited after the build.";

/** The built package and the pack's sources, copied; the sources dated before the build. */
function checkoutCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-checkout-"));
  for (const entry of ["dist", "policies", "conventions", "package.json"]) fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  const hourAgo = new Date(Date.now() - 3_600_000);
  const backdate = (p: string): void => {
    if (fs.statSync(p).isDirectory()) for (const e of fs.readdirSync(p)) backdate(path.join(p, e));
    fs.utimesSync(p, hourAgo, hourAgo);
  };
  for (const sources of ["policies", "conventions"]) backdate(path.join(dir, sources));
  return dir;
}

/** The copy's review of a small program, as SARIF: the description its pack gives the rule. */
async function reviewWith(copy: string): Promise<{ description: string; stderr: string }> {
  const args = ["review", "--cwd", path.join(FIXTURES, "raw-program"), "--stack", "clean", "--policy-pack-config", path.join(ROOT, "policies", "config", "staging.json"), "--format", "sarif"];
  const r = await meshkit(args, undefined, { cli: path.join(copy, "dist", "cli", "main.js") });
  const rules = json(r).runs[0].tool.driver.rules as { id: string; shortDescription: { text: string } }[];
  return { description: rules.find((x) => x.id === RULE)!.shortDescription.text, stderr: r.stderr };
}

beforeAll(() => ensureBuilt());

describe("meshkit review in a checkout whose pack sources changed after the build", () => {
  it("judges with the compiled pack while it is current, with the sources once a rule changes", async () => {
    const copy = checkoutCopy();
    const current = await reviewWith(copy);
    expect(current.description).toBe(DESCRIPTION);
    expect(current.stderr).not.toContain("sources changed");

    const rules = path.join(copy, "policies", "rules", "tagging.ts");
    fs.writeFileSync(rules, fs.readFileSync(rules, "utf8").replace(DESCRIPTION, EDITED));
    const edited = await reviewWith(copy);
    expect(edited.description).toBe(EDITED);
    expect(edited.stderr.split("\n")[0]).toBe(`meshkit: the policy pack's sources changed since the build; judging with ${path.join(copy, "policies")} (npm run build makes it start faster)`);
  }, 240_000);
});
