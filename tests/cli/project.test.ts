// meshkit's own program in a project of the test's making (--cwd): the stacks, components and packages
// linked in, the domains copied. A bad manifest stops review before anything runs, by file and line;
// a domain written by `meshkit new` deploys as it is, with no mandatory violation.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, FIXTURES, json, meshkit, ROOT } from "./meshkit";

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-project-"));
  for (const linked of ["stacks", "components", "conventions", "node_modules", "package.json", "tsconfig.json"]) {
    fs.symlinkSync(path.join(ROOT, linked), path.join(dir, linked));
  }
  fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  fs.cpSync(path.join(ROOT, "domains"), path.join(dir, "domains"), { recursive: true });
  return dir;
}

interface JsonReview {
  resources: { urn: string; type: string; name: string; parent: string | null }[];
  violations: { urn: string | null; policy: string; enforcementLevel: string; exempted: boolean }[];
}

beforeAll(() => ensureBuilt());

describe("meshkit review of a project's own domains", () => {
  it("stops on a bad manifest with file:line:col before running anything", async () => {
    const dir = project();
    fs.copyFileSync(path.join(FIXTURES, "manifests", "bad.yaml"), path.join(dir, "domains", "inventory.yaml"));
    const r = await meshkit(["review", "--cwd", dir, "--stack", "staging"]);
    expect(r.code).toBe(1);
    // The problems are the report, where findings would be; stderr keeps the one-line reason.
    expect(r.stdout).toBe(
      "domains/inventory.yaml:7:13 metadata.stewards: a domain needs at least 2 stewards\n" +
        "domains/inventory.yaml:20:24 spec.products[0].storage.warmAfterDays: warmAfterDays (90) must be below retentionDays (60)\n",
    );
    expect(r.stderr).toBe("meshkit: 2 problems in 1 manifest\n");
  });

  it("deploys a domain written by meshkit new without a mandatory violation", async () => {
    const dir = project();
    expect((await meshkit(["new", "inventory", "--cwd", dir])).code).toBe(0);
    const r = await meshkit(["review", "--cwd", dir, "--stack", "production", "--format", "json"]);
    const doc = json<JsonReview>(r);
    const byUrn = new Map(doc.resources.map((x) => [x.urn, x]));
    const inInventory = (urn: string | null): boolean => {
      for (let x = urn ? byUrn.get(urn) : undefined; x; x = x.parent ? byUrn.get(x.parent) : undefined) {
        if (x.type === "meshkit:data:DataDomain") return x.name === "inventory";
      }
      return false;
    };
    const created = doc.resources.filter((x) => inInventory(x.urn));
    expect(created.map((x) => x.type)).toEqual(expect.arrayContaining(["aws:kms/key:Key", "aws:s3/bucket:Bucket", "kafka:index/topic:Topic"]));
    const mandatory = doc.violations.filter((v) => inInventory(v.urn) && v.enforcementLevel === "mandatory" && !v.exempted);
    expect(mandatory).toEqual([]);
  });
});
