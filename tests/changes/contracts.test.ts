// Contract discipline and consumer impact on manifests edited in memory: the version bump a schema change
// needs, -transitive history, previous majors and their sunsets, and what consumers lose.
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { parseManifest, type LoadedManifest } from "../../components/manifest";
import { ManifestPlaces } from "../../cli/changes/manifestPlaces";
import { reviewContracts, type SchemaHistory } from "../../cli/changes/contracts";
import { reviewConsumerImpact } from "../../cli/changes/consumerImpact";
import type { Exemption } from "../../policies/lib/exemptions";
import { ROOT } from "../cli/meshkit";

const FILE = path.join(ROOT, "domains", "orders.yaml");
const TEXT = fs.readFileSync(FILE, "utf8");
const places = new ManifestPlaces(ROOT);

const avro = (fields: object[]) => JSON.stringify({ type: "record", name: "OrderEvent", fields });
const ORDER_ID = { name: "order_id", type: "string" };
const REQUIRED_CHANNEL = { name: "channel", type: "string" };
const OPTIONAL_NOTE = { name: "note", type: ["null", "string"], default: null };

/** orders.yaml with `edits` applied, order-events' schema replaced when given. */
function orders(edits: [string, string][] = [], schema?: string): LoadedManifest {
  const text = edits.reduce((t, [from, to]) => {
    expect(t).toContain(from);
    return t.replace(from, to);
  }, TEXT);
  const loaded = parseManifest(text, FILE);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const m = loaded.manifest;
  return schema === undefined ? m : { ...m, schemas: { ...m.schemas, "order-events": { ...m.schemas["order-events"], definition: schema } } };
}

/** Sets fields of branch issue-10-migration's schema (contract.previousMajors) on order-events. */
function withPreviousMajors(m: LoadedManifest, previousMajors: { major: number; sunset: string }[]): LoadedManifest {
  const spec = structuredClone(m.spec);
  Object.assign(spec.spec.products[0].contract, { previousMajors });
  return { ...m, spec };
}

const noHistory = (_file: string): SchemaHistory => ({ versions: [], shallow: false });

function contracts(base: LoadedManifest, head: LoadedManifest, { production = true, today = "2026-11-30", history = noHistory } = {}) {
  return reviewContracts({ base: [base], head: [head], baseProjectDir: ROOT, production, today, places, history });
}

const rules = (findings: { policy: string; enforcementLevel: string }[]) => findings.map((f) => `${f.policy}:${f.enforcementLevel}`);

describe("contract discipline", () => {
  const v1 = avro([ORDER_ID]);

  it("asks a compatible change for at least a minor bump: mandatory in production, advisory in staging", () => {
    const base = orders([], v1);
    const head = orders([["version: 1.4.0", "version: 1.4.1"]], avro([ORDER_ID, OPTIONAL_NOTE]));
    expect(rules(contracts(base, head).findings)).toEqual(["change-contract-compatible-without-minor:mandatory"]);
    expect(rules(contracts(base, head, { production: false }).findings)).toEqual(["change-contract-compatible-without-minor:advisory"]);
    expect(contracts(base, orders([["version: 1.4.0", "version: 1.5.0"]], avro([ORDER_ID, OPTIONAL_NOTE]))).findings).toEqual([]);
  });

  it("finds a schema change without a version change", () => {
    const r = contracts(orders([], v1), orders([], avro([ORDER_ID, OPTIONAL_NOTE])));
    expect(rules(r.findings)).toEqual(["change-contract-schema-without-version:mandatory"]);
    expect(r.findings[0].location).toEqual({ file: "domains/orders.yaml", line: TEXT.split("\n").findIndex((l) => l.includes("version: 1.4.0")) + 1 });
  });

  it("accepts a breaking change with a major bump, and reports the verdict with its reason", () => {
    const r = contracts(orders([], v1), orders([["version: 1.4.0", "version: 2.0.0"]], avro([ORDER_ID, REQUIRED_CHANNEL])));
    expect(r.contracts).toEqual([
      { domain: "orders", product: "order-events", fromVersion: "1.4.0", toVersion: "2.0.0", compatibility: "backward", compatible: false, reasons: [expect.stringMatching(/^field channel: added without a default/)] },
    ]);
    expect(rules(r.findings)).toEqual(["change-contract-major-removed-early:mandatory"]);
  });

  it("compares -transitive modes with every committed version, and says how many when the clone is shallow", () => {
    const older = avro([ORDER_ID]);
    const base = orders([["compatibility: backward", "compatibility: backward-transitive"]], avro([ORDER_ID, REQUIRED_CHANNEL]));
    const head = orders([["compatibility: backward", "compatibility: backward-transitive"], ["version: 1.4.0", "version: 1.5.0"]], avro([ORDER_ID, REQUIRED_CHANNEL, OPTIONAL_NOTE]));
    const asked: string[] = [];
    const history = (file: string): SchemaHistory => {
      asked.push(file);
      return { versions: [base.schemas["order-events"].definition, older], shallow: true };
    };
    const r = contracts(base, head, { history });
    expect(asked).toEqual(["domains/schemas/order-events.avsc"]);
    expect(r.contracts[0]).toMatchObject({ compatible: false, compatibility: "backward-transitive" });
    expect(r.findings.map((f) => [f.policy, f.enforcementLevel, f.message])).toEqual([
      ["change-contract-history-shallow", "advisory", expect.stringMatching(/compared .* with 2 committed versions; the clone is shallow/)],
      ["change-contract-breaking-without-major", "mandatory", expect.stringMatching(/breaks backward-transitive compatibility/)],
    ]);
    // The plain mode looks at the base version only, which already had the field.
    expect(contracts(orders([], avro([ORDER_ID, REQUIRED_CHANNEL])), orders([["version: 1.4.0", "version: 1.5.0"]], avro([ORDER_ID, REQUIRED_CHANNEL, OPTIONAL_NOTE]))).contracts[0].compatible).toBe(true);
  });

  it("checks a contract change alone too: a stricter mode sees the older versions", () => {
    const schema = avro([ORDER_ID, REQUIRED_CHANNEL]);
    const head = orders([["compatibility: backward", "compatibility: backward-transitive"], ["version: 1.4.0", "version: 1.4.1"]], schema);
    const r = contracts(orders([], schema), head, { history: () => ({ versions: [schema, avro([ORDER_ID])], shallow: false }) });
    expect(r.contracts[0]).toMatchObject({ fromVersion: "1.4.0", toVersion: "1.4.1", compatibility: "backward-transitive", compatible: false });
    // The schema itself did not change, so no version rule applies.
    expect(r.findings).toEqual([]);
  });
});

describe("previous majors", () => {
  const base = orders();
  const bumped = orders([["version: 1.4.0", "version: 2.0.0"]]);

  it("keeps the old major until its sunset: dropping it unlisted or early is mandatory in production", () => {
    expect(contracts(base, bumped).findings.map((f) => f.message)).toEqual(["orders/order-events: v1 is removed without a sunset date (list it in contract.previousMajors with one)"]);
    expect(contracts(base, withPreviousMajors(bumped, [{ major: 1, sunset: "2027-03-31" }])).findings).toEqual([]);
    const listed = withPreviousMajors(bumped, [{ major: 1, sunset: "2027-03-31" }]);
    expect(contracts(listed, bumped).findings.map((f) => [f.enforcementLevel, f.message])).toEqual([["mandatory", "orders/order-events: v1 is removed before its sunset on 2027-03-31"]]);
    expect(contracts(listed, bumped, { production: false }).findings.map((f) => f.enforcementLevel)).toEqual(["advisory"]);
  });

  it("lets the old major go after its sunset, and advises removing it while it is still listed", () => {
    const past = withPreviousMajors(bumped, [{ major: 1, sunset: "2026-10-31" }]);
    expect(contracts(past, bumped).findings).toEqual([]);
    expect(contracts(past, past).findings.map((f) => [f.policy, f.enforcementLevel, f.message])).toEqual([
      ["change-contract-major-past-sunset", "advisory", "orders/order-events: v1 passed its sunset on 2026-10-31; remove it"],
    ]);
  });
});

describe("consumer impact", () => {
  const impact = (base: LoadedManifest[], head: LoadedManifest[], { production = true, exemptions = [] as Exemption[] } = {}) =>
    reviewConsumerImpact({ base, head, stack: "production", production, places, exemptions });

  it("lists the consumers of a removed product, mandatory in every environment", () => {
    const head = orders([["name: order-facts", "name: order-stats"]]);
    const findings = impact([orders()], [head], { production: false });
    expect(findings.map((f) => [f.policy, f.enforcementLevel, f.message])).toEqual([
      ["change-product-removed", "mandatory", "orders/order-facts (table) is removed (renamed to order-stats?); its consumers lose it: payments (reconcile daily revenue)"],
    ]);
  });

  it("refuses a declassification in production unless an exemption covers <domain>.<product>", () => {
    const head = orders([["classification: internal", "classification: public"]]);
    const [finding] = impact([orders()], [head]);
    expect(finding).toMatchObject({ policy: "change-product-declassified", enforcementLevel: "mandatory", exempted: false, message: "orders/order-facts is declassified from internal to public" });
    const exemption: Exemption = { policy: "change-product-declassified", resource: "orders.order-facts", stack: "prod*", reason: "aggregates only, reviewed in DATA-42", owner: "orders-team", expires: "2027-01-31" };
    expect(impact([orders()], [head], { exemptions: [exemption] })[0]).toMatchObject({ exempted: true, exemption: { reason: "aggregates only, reviewed in DATA-42" } });
    expect(impact([orders()], [head], { exemptions: [{ ...exemption, resource: "orders.order-events" }] })[0].exempted).toBe(false);
  });

  it("advises on shorter retention and on a consumer's grant removed", () => {
    const head = orders([
      ["retentionDays: 2555", "retentionDays: 2000"],
      ["        - domain: payments\n          purpose: reconcile daily revenue\n", ""],
      ["      consumers:\n  workloads", "  workloads"],
    ]);
    expect(impact([orders()], [head]).map((f) => [f.policy, f.enforcementLevel, f.message])).toEqual([
      ["change-product-retention-shortened", "advisory", "orders/order-facts keeps data 2000 days instead of 2555"],
      ["change-product-grant-removed", "advisory", "payments loses read access to orders/order-facts (it read it to reconcile daily revenue)"],
    ]);
  });
});
