// The README's own command for a third-party pack, run as written: `--policy-pack
// node_modules/@pulumi/awsguard` names the npm package, which ships no PulumiPolicy.yaml.
import * as fs from "fs";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, meshkit, ROOT } from "./meshkit";

const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

beforeAll(() => ensureBuilt());

describe("the README's third-party pack example", () => {
  it("runs @pulumi/awsguard beside meshkit's pack, as written", async () => {
    const line = README.split("\n").find((l) => l.startsWith("npx meshkit review ") && l.includes("node_modules/@pulumi/awsguard"));
    expect(line).toBeDefined();
    const r = await meshkit(line!.replace(/^npx meshkit /, "").split(/\s+/));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Review of stack staging \(project meshkit-platform\): \d+ resources, policy packs meshkit-guardrails@0\.1\.0, pulumi-awsguard@v0\.3\.1$/m);
    expect(r.stdout).toContain("s3-bucket-logging-enabled");
  }, 240_000);
});
