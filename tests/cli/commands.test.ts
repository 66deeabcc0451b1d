// The built `meshkit` command's usage, validate, schema and new: exit statuses, one-line reasons,
// file:line:col problems, and a `new` manifest that validates.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { manifestJsonSchema } from "../../components/manifest";
import { ensureBuilt, FIXTURES, json, meshkit, ROOT } from "./meshkit";

const BAD = path.join(FIXTURES, "manifests", "bad.yaml");

function tempProject(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-cli-"));
}

beforeAll(() => ensureBuilt());

describe("usage", () => {
  it("--help and --version exit 0", async () => {
    const help = await meshkit(["--help"]);
    expect(help.code).toBe(0);
    for (const cmd of ["validate", "plan", "review", "report", "access", "stacks", "schema", "new", "compat", "contracts"]) expect(help.stdout).toMatch(new RegExp(`^  ${cmd}\\b`, "m"));
    const version = await meshkit(["--version"]);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version);
  });

  it.each([
    [["review", "--stack", "staging", "--bogus"], "error: unknown option '--bogus'"],
    [["review"], "error: required option '-s, --stack <name>' not specified"],
    [["review", "--stack", "staging", "--format", "pdf"], "error: option '-f, --format <format>' argument 'pdf' is invalid. Allowed choices are text, markdown, json, sarif, junit."],
    [["frobnicate"], "error: unknown command 'frobnicate'"],
    [["new"], "error: missing required argument 'domain'"],
  ])("%j is a usage error: exit 2", async (args, message) => {
    const r = await meshkit(args);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe(message);
  });

  it("--cwd at a missing directory is a usage error", async () => {
    const r = await meshkit(["validate", "--cwd", "/nonexistent/meshkit"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("meshkit: --cwd /nonexistent/meshkit: no such directory\n");
  });
});

describe("meshkit validate", () => {
  it("accepts the example domains by default", async () => {
    const r = await meshkit(["validate"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("ok domains/customer-profile.yaml\nok domains/orders.yaml\nok domains/payments.yaml\n");
  });

  it("takes a folder as the manifests directly in it, not its schemas", async () => {
    const r = await meshkit(["validate", "domains/"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("ok domains/customer-profile.yaml\nok domains/orders.yaml\nok domains/payments.yaml\n");
  });

  it("prints file:line:col path: message per problem and exits 1", async () => {
    const rel = path.relative(ROOT, BAD);
    const r = await meshkit(["validate", rel]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      `${rel}:7:13 metadata.stewards: a domain needs at least 2 stewards\n` +
        `${rel}:20:24 spec.products[0].storage.warmAfterDays: warmAfterDays (90) must be below retentionDays (60)\n`,
    );
    expect(r.stderr).toBe("meshkit: 2 problems in 1 manifest\n");
  });

  it("checks a manifest against the platform: a consumer must be a known domain", async () => {
    const dir = tempProject();
    fs.mkdirSync(path.join(dir, "domains"));
    const orders = fs.readFileSync(path.join(ROOT, "domains", "orders.yaml"), "utf8").replace(/^ *schema: .*\n/gm, "");
    fs.writeFileSync(path.join(dir, "domains", "orders.yaml"), orders);
    const r = await meshkit(["validate", "--cwd", dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^domains\/orders\.yaml:\d+:\d+ spec\.products\[0\]\.consumers\[0\]\.domain: consumer domain \S+ does not exist on this platform$/m);
  });

  it("a pattern matching nothing is invalid input", async () => {
    const r = await meshkit(["validate", "nothing/*.yaml"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`meshkit: no manifest matches nothing/*.yaml in ${ROOT}\n`);
  });
});

describe("meshkit schema", () => {
  it("prints the manifest's JSON Schema", async () => {
    const r = await meshkit(["schema"]);
    expect(r.code).toBe(0);
    expect(json(r)).toEqual(manifestJsonSchema());
  });
});

describe("meshkit new", () => {
  it("writes a manifest that validates, and never overwrites it", async () => {
    const dir = tempProject();
    const created = await meshkit(["new", "inventory", "--cwd", dir]);
    expect(created.code).toBe(0);
    expect(created.stdout).toBe("wrote domains/inventory.yaml\n");
    const validated = await meshkit(["validate", "--cwd", dir]);
    expect(validated.code).toBe(0);
    expect(validated.stdout).toBe("ok domains/inventory.yaml\n");

    const before = fs.readFileSync(path.join(dir, "domains", "inventory.yaml"), "utf8");
    const again = await meshkit(["new", "inventory", "--cwd", dir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe("meshkit: domains/inventory.yaml already exists; meshkit new never overwrites a manifest\n");
    expect(fs.readFileSync(path.join(dir, "domains", "inventory.yaml"), "utf8")).toBe(before);
  });

  it("takes the longest name the schema allows", async () => {
    const dir = tempProject();
    const name = "a".repeat(20) + "-" + "b".repeat(11);
    expect((await meshkit(["new", name, "--cwd", dir])).code).toBe(0);
    expect((await meshkit(["validate", "--cwd", dir])).code).toBe(0);
  });

  it.each(["Orders", "or", "orders_team", "x".repeat(33)])("refuses the name %s with the schema's reason", async (name) => {
    const dir = tempProject();
    const r = await meshkit(["new", name, "--cwd", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toMatch(new RegExp(`^meshkit: cannot create domain '${name}': domain name must be`));
    expect(fs.existsSync(path.join(dir, "domains"))).toBe(false);
  });

  it("refuses a name another manifest already declares", async () => {
    const dir = tempProject();
    fs.mkdirSync(path.join(dir, "domains"));
    const payments = fs.readFileSync(path.join(ROOT, "domains", "payments.yaml"), "utf8").replace(/^ *schema: .*\n/gm, "");
    fs.writeFileSync(path.join(dir, "domains", "billing.yaml"), payments);
    const r = await meshkit(["new", "payments", "--cwd", dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("meshkit: domain payments is already declared in domains/billing.yaml\n");
  });
});
