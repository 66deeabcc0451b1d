/**
 * The repository's own Pulumi project and stack configs, as the real CLI reads them: `pulumi up -s
 * production` must get past project and config loading (the engine refuses, for example, typed config
 * keys namespaced outside the project), and see the environment and domains the program reads.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./support/pulumi";

// `pulumi stack init` writes an encryption salt into the stack's config file: work on a copy of the
// project file and stack configs, never on the checkout.
const project = fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-e2e-project-"));
fs.copyFileSync(path.join(repoRoot, "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
fs.mkdirSync(path.join(project, "stacks"));
for (const f of fs.readdirSync(path.join(repoRoot, "stacks")).filter((f) => /^Pulumi\..+\.yaml$/.test(f))) {
  fs.copyFileSync(path.join(repoRoot, "stacks", f), path.join(project, "stacks", f));
}
const backend = path.join(project, ".backend");
fs.mkdirSync(backend);
const env = { ...process.env, PULUMI_BACKEND_URL: `file://${backend}`, PULUMI_CONFIG_PASSPHRASE: "meshkit-e2e-passphrase", CI: "true" };
const pulumi = (args: string[]) =>
  spawnSync("pulumi", [...args, "--non-interactive"], { cwd: project, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

describe.each([
  ["staging", "staging", '["domains/*.yaml"]'],
  ["production", "production", '["domains/*.yaml"]'],
  ["orders-production", "production", '["domains/orders.yaml"]'],
])("the repository's %s stack", (stack, environment, domains) => {
  it("loads in the Pulumi CLI with the config the program reads", () => {
    const init = pulumi(["stack", "init", stack]);
    expect(init.status, init.stderr).toBe(0);
    const config = pulumi(["config", "--json", "-s", stack]);
    expect(config.status, config.stderr).toBe(0);
    const values = JSON.parse(config.stdout) as Record<string, { value: string }>;
    expect(values["meshkit:environment"].value).toBe(environment);
    expect(values["meshkit:domains"].value).toBe(domains);
    expect(values["aws:region"].value).toBe("eu-west-1");
  });
});
