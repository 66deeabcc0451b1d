/**
 * `meshkit stacks --base REF` on a throwaway git repository: a project with a platform-wide stack and
 * one stack per domain, the example manifests committed as the base, then one kind of change at a
 * time in the working tree.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ensureBuilt, meshkit, ROOT } from "./meshkit";

const DOMAIN_STACKS = ["orders", "payments", "customer-profile"];
let repo: string;
let base: string;

const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" }).trim();
const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  fs.writeFileSync(path.join(repo, file), text);
};
const edit = (file: string, from: string, to: string) => {
  const text = fs.readFileSync(path.join(repo, file), "utf8");
  expect(text).toContain(from);
  write(file, text.replace(from, to));
};

async function affected(...extra: string[]): Promise<Record<string, string[]>> {
  const result = await meshkit(["stacks", "--format", "json", ...extra], repo);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  const report = JSON.parse(result.stdout) as { stacks: { name: string; reasons: string[] }[] };
  return Object.fromEntries(report.stacks.map((s) => [s.name, s.reasons]));
}

beforeAll(() => {
  ensureBuilt();
  repo = fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-stacks-"));
  write("Pulumi.yaml", "name: platform\nruntime: nodejs\nstackConfigDir: stacks\n");
  write("index.ts", "export {};\n");
  write("README.md", "# platform\n");
  fs.cpSync(path.join(ROOT, "domains"), path.join(repo, "domains"), { recursive: true });
  write("stacks/Pulumi.production.yaml", "config:\n  meshkit:environment: production\n  meshkit:domains:\n    - domains/*.yaml\n");
  for (const d of DOMAIN_STACKS) {
    write(`stacks/Pulumi.${d}-production.yaml`, `config:\n  meshkit:environment: production\n  meshkit:domains:\n    - domains/${d}.yaml\n`);
  }
  git("init", "-q");
  git("add", ".");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "base");
  base = git("rev-parse", "HEAD");
});

beforeEach(() => {
  git("reset", "-q", "--hard", base);
  git("clean", "-qfd");
});

afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

describe("meshkit stacks", () => {
  it("lists every stack without --base", async () => {
    expect(Object.keys(await affected())).toEqual(["customer-profile-production", "orders-production", "payments-production", "production"]);
  });

  it("lists no stack when nothing changed, or only documentation", async () => {
    expect(await affected("--base", base)).toEqual({});
    write("README.md", "# platform, explained\n");
    expect(await affected("--base", base)).toEqual({});
  });

  it("affects the stacks deploying a changed manifest and those it grants access", async () => {
    edit("domains/payments.yaml", "retentionDays: 3650", "retentionDays: 3600");
    expect(await affected("--base", base)).toEqual({
      "orders-production": ["manifest domains/payments.yaml, which grants orders, changed"],
      "payments-production": ["manifest domains/payments.yaml changed"],
      production: ["manifest domains/payments.yaml changed"],
    });
  });

  it("affects a domain whose grant the change removes", async () => {
    edit("domains/customer-profile.yaml", "        - domain: payments\n", "");
    const stacks = await affected("--base", base);
    expect(stacks["payments-production"]).toEqual(["manifest domains/customer-profile.yaml, which grants payments, changed"]);
  });

  it("affects the stacks of the domain whose schema changed", async () => {
    edit("domains/schemas/payment-events.avsc", '"name"', '"doc": "changed", "name"');
    expect(await affected("--base", base)).toEqual({
      "payments-production": ["schema domains/schemas/payment-events.avsc of payments changed"],
      production: ["schema domains/schemas/payment-events.avsc of payments changed"],
    });
  });

  it("affects the stacks of the domain whose previous major's schema changed", async () => {
    fs.copyFileSync(path.join(repo, "domains/schemas/order-events.avsc"), path.join(repo, "domains/schemas/order-events-v0.avsc"));
    edit("domains/orders.yaml", "freshnessMinutes: 5\n", "freshnessMinutes: 5\n        previousMajors: [{ major: 0, sunset: 2027-06-30, schema: schemas/order-events-v0.avsc }]\n");
    git("add", ".");
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "orders keeps v0 beside v1");
    const migrating = git("rev-parse", "HEAD");
    edit("domains/schemas/order-events-v0.avsc", '"name"', '"doc": "changed", "name"');
    expect(await affected("--base", migrating)).toEqual({
      "orders-production": ["schema domains/schemas/order-events-v0.avsc of orders changed"],
      production: ["schema domains/schemas/order-events-v0.avsc of orders changed"],
    });
  });

  it("affects only the stack whose own config changed", async () => {
    edit("stacks/Pulumi.orders-production.yaml", "production\n", "production\n  aws:region: eu-central-1\n");
    expect(await affected("--base", base)).toEqual({ "orders-production": ["its stack config stacks/Pulumi.orders-production.yaml changed"] });
  });

  it("affects every stack when shared code changes", async () => {
    write("index.ts", "export const changed = true;\n");
    const stacks = await affected("--base", base);
    expect(Object.keys(stacks)).toHaveLength(4);
    for (const reasons of Object.values(stacks)) expect(reasons).toEqual(["shared file index.ts changed"]);
  });

  it("affects the stack of a deleted manifest", async () => {
    fs.rmSync(path.join(repo, "domains", "customer-profile.yaml"));
    const stacks = await affected("--base", base);
    expect(stacks["customer-profile-production"]).toEqual(["manifest domains/customer-profile.yaml changed"]);
    expect(stacks["production"]).toEqual(["manifest domains/customer-profile.yaml changed"]);
  });

  it("refuses a base the repository does not have, as a usage error", async () => {
    const result = await meshkit(["stacks", "--base", "no-such-ref"], repo);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--base no-such-ref: no such commit");
  });
});
