// `meshkit contracts export` on the example domains: one ODCS v3 document per product, each passing
// `datacontract lint` of the pinned datacontract-cli (installed into a cached throwaway virtualenv;
// when it cannot be installed the lint test skips locally and fails in CI), deterministic, and
// following the manifest when a field changes.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { parse, stringify } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { odcsContract, type ContractDeployment } from "../../components/contracts/odcsContract";
import { ensureBuilt, meshkit } from "../cli/meshkit";
import { exampleManifest } from "../support/exampleDomains";
import { DATACONTRACT_CLI_VERSION, provideDatacontractCli } from "./datacontractCli";

const run = promisify(execFile);
const PRODUCTS = [
  "customer-profile.customer-profiles",
  "customer-profile.customer-segments",
  "orders.order-events",
  "orders.order-facts",
  "payments.payment-events",
  "payments.settlement-ledger",
];

async function exportTo(dir: string): Promise<string[]> {
  const r = await meshkit(["contracts", "export", "--out", dir]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return r.stdout.trim().split("\n");
}

describe("meshkit contracts export on the example domains", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-contracts-"));
  let files: string[] = [];
  beforeAll(async () => {
    ensureBuilt();
    files = await exportTo(out);
  });
  const doc = (product: string) => parse(fs.readFileSync(path.join(out, `${product}.odcs.yaml`), "utf8"));

  it("writes one document per product and lists them", () => {
    expect(files).toEqual(PRODUCTS.map((p) => path.join(out, `${p}.odcs.yaml`)));
  });

  it("is deterministic: a second export gives the same bytes", async () => {
    const again = fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-contracts-"));
    await exportTo(again);
    for (const p of PRODUCTS) expect(fs.readFileSync(path.join(again, `${p}.odcs.yaml`), "utf8")).toBe(fs.readFileSync(path.join(out, `${p}.odcs.yaml`), "utf8"));
  });

  it("carries the schema's properties with types, required, classification and PII", () => {
    const profiles = doc("customer-profile.customer-profiles");
    expect(profiles).toMatchObject({ apiVersion: "v3.1.0", kind: "DataContract", id: "urn:meshkit:contract:customer-profile:customer-profiles", version: "2.3.0" });
    const email = profiles.schema[0].properties.find((p: { name: string }) => p.name === "email");
    expect(email).toEqual({
      name: "email",
      logicalType: "string",
      physicalType: "string",
      required: true,
      classification: "confidential",
      tags: ["pii"],
      customProperties: [{ property: "pii", value: "email" }],
    });
  });

  it("carries the quality threshold, the SLAs, the team, and the servers with the consumers' roles", () => {
    const facts = doc("orders.order-facts");
    expect(facts.schema[0].quality[0]).toMatchObject({ type: "text", customProperties: [{ property: "thresholdPercent", value: 98 }] });
    expect(facts.schema[0].quality[1]).toMatchObject({ type: "custom", engine: "aws-glue-data-quality" });
    expect(facts.slaProperties).toEqual([
      expect.objectContaining({ property: "latency", value: 1440, unit: "m" }),
      expect.objectContaining({ property: "availability", value: 99.5, unit: "percent" }),
      { property: "retention", value: 2555, unit: "d" },
    ]);
    expect(facts.team).toEqual({ name: "orders-team", members: [{ username: "ana@example.com", role: "data steward" }, { username: "ben@example.com", role: "data steward" }] });
    expect(facts.servers.map((s: { server: string; location: string }) => [s.server, s.location])).toEqual([
      ["staging", "s3://orders-order-facts-stg-111122223333/"],
      ["production", "s3://orders-order-facts-prd-444455556666/"],
    ]);
    expect(facts.servers[1].roles).toEqual([{ role: "meshkit-production-payments-consumer", access: "read", description: "payments: reconcile daily revenue" }]);
    const events = doc("orders.order-events");
    expect(events.servers[1]).toMatchObject({ type: "kafka", format: "avro", customProperties: [{ property: "topic", value: "orders.order-events.v1" }] });
    expect(events.schema[0]).toMatchObject({ physicalName: "orders.order-events.v1", physicalType: "topic" });
  });

  describe(`datacontract lint (datacontract-cli ${DATACONTRACT_CLI_VERSION})`, () => {
    const provided = provideDatacontractCli();
    if (!provided.ok && process.env.CI === "true") {
      it("installs datacontract-cli", () => expect.fail(provided.reason));
      return;
    }
    const lint = async (file: string) => {
      try {
        const r = await run((provided as { bin: string }).bin, ["lint", file], { timeout: 120_000 });
        return { code: 0, stdout: r.stdout };
      } catch (e) {
        const err = e as { code?: number; stdout?: string };
        return { code: err.code ?? 1, stdout: err.stdout ?? "" };
      }
    };

    it.skipIf(!provided.ok).each(PRODUCTS)("accepts %s as valid ODCS v3.1.0", async (product) => {
      const r = await lint(path.join(out, `${product}.odcs.yaml`));
      expect(r.stdout).toContain("Data contract is valid against ODCS v3.1.0");
      expect(r.code).toBe(0);
    });

    it.skipIf(!provided.ok)("refuses a document that breaks the standard, so the check above can fail", async () => {
      const broken = path.join(out, "broken.odcs.yaml");
      const d = doc("orders.order-facts");
      d.servers[0].type = "floppy-disk";
      fs.writeFileSync(broken, stringify(d));
      expect((await lint(broken)).code).not.toBe(0);
    });
  });
});

describe("the contract follows the manifest", () => {
  const orders = exampleManifest("orders");
  const deployments: ContractDeployment[] = [{ environment: "production", accountId: "444455556666", kafkaBootstrapServers: ["b-1:9096"] }];
  const contractOf = (spec: typeof orders.spec) => odcsContract(spec, spec.spec.products[1], orders.schemas["order-facts"], deployments);

  it("changes when a manifest field changes", () => {
    const before = stringify(contractOf(orders.spec));
    const stale = structuredClone(orders.spec);
    stale.spec.products[1].contract.freshnessMinutes = 720;
    const after = contractOf(stale);
    expect(stringify(after)).not.toBe(before);
    expect((after.slaProperties as { property: string; value: unknown }[])[0]).toMatchObject({ property: "latency", value: 720 });
  });

  it("names a new consumer's role on every server", () => {
    const spec = structuredClone(orders.spec);
    spec.spec.products[1].consumers.push({ domain: "customer-profile", purpose: "lifetime value" });
    const servers = contractOf(spec).servers as { roles: { role: string }[] }[];
    expect(servers[0].roles.map((r) => r.role)).toEqual(["meshkit-production-payments-consumer", "meshkit-production-customer-profile-consumer"]);
  });
});
