/**
 * `meshkit review --base REF` on throwaway git repositories: meshkit's project committed as the base,
 * one kind of change committed on top as the head, reviewed as the orders team's production stack.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, json, meshkit, type Result } from "../cli/meshkit";
import { sarifErrors } from "../cli/sarifSchema";
import { ThrowawayRepo } from "./throwawayRepo";

interface ChangeJson {
  violations: { policyPack: string; policy: string; enforcementLevel: string; urn: string | null; message: string }[];
  summary: { mandatory: number };
  changes: {
    resources: { urn: string; type: string; action: string; changedProperties: string[]; previousUrn?: string }[];
    contracts: { domain: string; product: string; fromVersion: string; toVersion: string; compatibility: string; compatible: boolean; reasons: string[] }[];
  };
}

const SCHEMA = "domains/schemas/order-events.avsc";
const LAST_FIELD = `{ "name": "occurred_at", "type": { "type": "long", "logicalType": "timestamp-millis" } }`;
let repo: ThrowawayRepo;
let tmp: string;

/** A review of the head against the base, with a temporary directory of its own to check for leftovers. */
function review(format = "json", stack = "orders-production", base = repo.base): Promise<Result> {
  return meshkit(["review", "--stack", stack, "--base", base, "--format", format], repo.dir, { env: { TMPDIR: tmp, MESHKIT_TODAY: "2026-11-30" } });
}

const changeFindings = (doc: ChangeJson) => doc.violations.filter((v) => v.policyPack === "meshkit-change-review");

beforeAll(() => {
  ensureBuilt();
  repo = new ThrowawayRepo();
});

afterAll(() => repo.remove());

describe("meshkit review --base", () => {
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-tmp-"));
  });

  it("fails production on a breaking schema change without a major bump, the same JSON every run, SARIF at the manifest line", async () => {
    repo.reset("breaking");
    repo.edit(SCHEMA, LAST_FIELD, `${LAST_FIELD},\n    { "name": "channel", "type": "string" }`);
    repo.edit("domains/orders.yaml", "version: 1.4.0", "version: 1.5.0");
    repo.commit("add a required field");
    const [first, second, sarif] = await Promise.all([review(), review(), review("sarif")]);
    expect(first.code, first.stderr).toBe(1);
    expect(second.stdout).toBe(first.stdout);
    const doc = json<ChangeJson>(first);
    expect(doc.changes.contracts).toEqual([
      expect.objectContaining({ domain: "orders", product: "order-events", fromVersion: "1.4.0", toVersion: "1.5.0", compatibility: "backward", compatible: false }),
    ]);
    expect(doc.changes.contracts[0].reasons.join("\n")).toMatch(/channel/);
    const [finding] = changeFindings(doc).filter((v) => v.policy === "change-contract-breaking-without-major");
    expect(finding).toMatchObject({ enforcementLevel: "mandatory" });
    expect(finding.message).toMatch(/orders\/order-events.*1\.4\.0 → 1\.5\.0 is not a major bump/);
    // The registered schema is updated in place.
    const schema = doc.changes.resources.find((c) => c.type === "aws:glue/schema:Schema");
    expect(schema).toMatchObject({ action: "update", urn: expect.stringMatching(/orders\.order-events\.v1$/) });
    expect(schema!.changedProperties).toContain("schemaDefinition");

    const sarifDoc = json(sarif);
    expect(sarifErrors(sarifDoc)).toEqual([]);
    const run = sarifDoc.runs.find((r: { tool: { driver: { name: string } } }) => r.tool.driver.name === "meshkit-change-review");
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === "change-contract-breaking-without-major");
    const { artifactLocation, region } = result.locations[0].physicalLocation;
    expect(artifactLocation.uri).toBe("domains/orders.yaml");
    expect(repo.read("domains/orders.yaml").split("\n")[region.startLine - 1]).toMatch(/^\s*version: 1\.5\.0$/);
  });

  it("passes a compatible schema change with a minor bump, leaving the working tree, index and branches as they were", async () => {
    repo.reset("compatible");
    repo.edit(SCHEMA, LAST_FIELD, `${LAST_FIELD},\n    { "name": "channel", "type": ["null", "string"], "default": null }`);
    repo.edit("domains/orders.yaml", "version: 1.4.0", "version: 1.5.0");
    repo.commit("add an optional field");
    // Uncommitted work of the user's, staged and not, which the review must not disturb.
    repo.write("domains/notes.txt", "work in progress\n");
    repo.git("add", "domains/notes.txt");
    repo.write("README.md", "# draft\n");
    const state = () => ({
      status: repo.git("status", "--porcelain=v1", "-uall"),
      head: repo.git("rev-parse", "HEAD"),
      branches: repo.git("branch", "-a", "-v"),
      index: fs.readFileSync(path.join(repo.dir, ".git", "index")).toString("base64"),
      stashes: repo.git("stash", "list"),
    });
    const before = state();

    const r = await review();
    expect(r.code, r.stderr).toBe(0);
    const doc = json<ChangeJson>(r);
    expect(doc.changes.contracts).toEqual([
      { domain: "orders", product: "order-events", fromVersion: "1.4.0", toVersion: "1.5.0", compatibility: "backward", compatible: true, reasons: [] },
    ]);
    expect(changeFindings(doc).filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
    expect(state()).toEqual(before);
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it("plans a major bump's new topic next to the old one", async () => {
    repo.reset("major");
    // The previous major keeps its own registered schema: the one the base deployed.
    repo.write("domains/schemas/order-events-v1.avsc", repo.read(SCHEMA));
    repo.edit(SCHEMA, LAST_FIELD, `${LAST_FIELD},\n    { "name": "channel", "type": "string" }`);
    repo.edit("domains/orders.yaml", "version: 1.4.0", "version: 2.0.0\n        previousMajors: [{ major: 1, sunset: 2027-03-31, schema: schemas/order-events-v1.avsc }]");
    repo.commit("order-events v2");
    const r = await review();
    expect(r.code, r.stderr).toBe(0);
    const doc = json<ChangeJson>(r);
    const topics = doc.changes.resources.filter((c) => c.type === "kafka:index/topic:Topic");
    expect(topics.filter((c) => c.action === "add").map((c) => c.urn)).toContainEqual(expect.stringMatching(/orders\.order-events\.v2$/));
    expect(topics.filter((c) => c.action === "delete" || c.action === "replace")).toEqual([]);
  });

  it("finds data loss when a consumed table product is renamed, and lists its consumers", async () => {
    repo.reset("rename-table");
    repo.edit("domains/orders.yaml", "name: order-facts", "name: order-stats");
    repo.commit("rename order-facts");
    const [r, md, junit] = await Promise.all([review(), review("markdown"), review("junit")]);
    expect(r.code, r.stderr).toBe(1);
    const findings = changeFindings(json<ChangeJson>(r));
    const dataLoss = findings.filter((v) => v.policy === "change-resource-data-loss");
    const bucket = dataLoss.find((v) => v.message.includes("aws:s3/bucket:Bucket"));
    expect(bucket).toMatchObject({ enforcementLevel: "mandatory" });
    expect(bucket!.message).toMatch(/order-facts.*deleted because product orders\/order-facts is no longer in the orders manifest/);
    expect(dataLoss.map((v) => v.message)).toContainEqual(expect.stringMatching(/aws:glue\/catalogTable:CatalogTable .*order_facts is deleted because product orders\/order-facts/));
    const removed = findings.find((v) => v.policy === "change-product-removed");
    expect(removed).toMatchObject({ enforcementLevel: "mandatory" });
    expect(removed!.message).toMatch(/orders\/order-facts \(table\) is removed \(renamed to order-stats\?\); its consumers lose it: payments \(reconcile daily revenue\)/);
    // JUnit fails the change rules' test cases of the domain.
    expect(junit.stdout).toMatch(/<testsuite name="meshkit-change-review\/change-resource-data-loss" tests="\d+" failures="1"/);
    expect(junit.stdout).toMatch(/<testsuite name="meshkit-change-review\/change-product-removed" tests="\d+" failures="1"/);
    // The PR comment puts data loss first in its change section.
    const section = md.stdout.slice(md.stdout.indexOf("### Change against"));
    expect(section.indexOf("**Data loss**")).toBeGreaterThan(0);
    expect(section.indexOf("**Data loss**")).toBeLessThan(section.indexOf("| domain | add |"));
  });

  it("fails a component refactor that changes URNs without aliases, and passes it with them", async () => {
    const CATALOG = "components/catalog/domainCatalog.ts";
    const OLD = `super("meshkit:catalog:DomainCatalog", name, {}, opts);`;
    repo.reset("refactor-without-aliases");
    repo.edit(CATALOG, OLD, `super("meshkit:catalog:Catalog", name, {}, opts);`);
    repo.commit("rename the catalog component");
    const without = await review();
    expect(without.code, without.stderr).toBe(1);
    const lost = changeFindings(json<ChangeJson>(without)).filter((v) => v.policy === "change-resource-data-loss");
    expect(lost.map((v) => v.message)).toContainEqual(expect.stringMatching(/aws:glue\/catalogDatabase:CatalogDatabase .* no resource of the head has its URN or an alias/));

    repo.reset("refactor-with-aliases");
    repo.edit(CATALOG, OLD, `super("meshkit:catalog:Catalog", name, {}, { ...opts, aliases: [{ type: "meshkit:catalog:DomainCatalog" }] });`);
    repo.commit("rename the catalog component, with an alias");
    const withAliases = await review();
    expect(withAliases.code, withAliases.stderr).toBe(0);
    const doc = json<ChangeJson>(withAliases);
    const renamed = doc.changes.resources.filter((c) => c.action === "rename");
    expect(renamed.map((c) => c.type)).toContain("aws:glue/catalogDatabase:CatalogDatabase");
    for (const c of renamed) expect(c.previousUrn).toContain("meshkit:catalog:DomainCatalog$");
    expect(doc.changes.resources.filter((c) => c.action === "delete" || c.action === "add")).toEqual([]);
  });

  it("removes its temporary checkout when the base cannot be reviewed", async () => {
    repo.reset("broken-base");
    repo.write("stacks/index.ts", `throw new Error("broken at the base");\n`);
    const broken = repo.commit("a broken program");
    repo.git("-c", "user.name=t", "-c", "user.email=t@example.com", "revert", "--no-edit", broken);
    const r = await review("json", "orders-production", broken);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/at the base [0-9a-f]+ .*broken at the base/s);
    expect(fs.readdirSync(tmp)).toEqual([]);
  });
});
