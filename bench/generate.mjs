// Deterministic platforms of N domains for the benchmark: manifests modelled on domains/*.yaml (streams and
// tables, restricted products, consumers across domains), written into a throwaway Pulumi project whose
// program is the repository's own stack program, with a production stack like stacks/Pulumi.production.yaml.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const WORDS = [
  "orders", "billing", "payments", "ledger", "catalog", "pricing", "inventory", "shipping",
  "returns", "loyalty", "search", "reviews", "identity", "consent", "marketing", "fraud",
  "support", "partners", "sourcing", "forecast", "payroll", "treasury", "tax", "content",
];
const CLASSIFICATIONS = ["confidential", "internal", "confidential", "restricted"];
const COMPLIANCE = [["gdpr", "soc2"], ["soc2"], ["gdpr", "ccpa"], ["gdpr", "soc2", "pci-dss"]];
// Longest stream retention each classification allows (conventions/classification.ts), kept within.
const STREAM_RETENTION = { internal: 90, confidential: 30, restricted: 7 };
const COMPATIBILITY = ["backward", "full", "forward", "backward-transitive", "full-transitive"];
// The example schemas with the PII categories their fields are annotated with, which a product's pii must equal.
const PII_SCHEMAS = {
  "order-events.avsc": ["email", "phone"],
  "payment-events.avsc": ["payment-card", "name"],
  "customer-profiles.schema.json": ["email", "name", "postal-address"],
};
// An internal product carries no PII, so its stream gets a schema without any.
const PII_FREE_SCHEMA = "settlement-ledger.avsc";
const SCHEMAS = [...Object.keys(PII_SCHEMAS), PII_FREE_SCHEMA];

export function domainName(i) {
  return `${WORDS[i % WORDS.length]}-${i + 1}`;
}

// Up to two consumer domains per product, spread over the platform, never the domain itself.
function consumersOf(i, k, n) {
  const picks = [(i + 1 + k) % n, (i + 5 + 3 * k) % n].filter((j, at, all) => j !== i && all.indexOf(j) === at);
  return picks.map((j) => ({ domain: domainName(j), purpose: `feed ${domainName(j)} with ${domainName(i)} data` }));
}

function streamProduct(i, word, suffix, classification, k, n) {
  const schema = classification === "internal" ? PII_FREE_SCHEMA : Object.keys(PII_SCHEMAS)[(i + k) % 3];
  const pii = PII_SCHEMAS[schema] ?? [];
  return {
    name: `${word}-${suffix}`,
    description: `Every ${word} ${suffix === "events" ? "event" : "change"} as it happens.`,
    kind: "stream",
    pii,
    retentionDays: STREAM_RETENTION[classification],
    updateFrequency: "real-time",
    contract: { version: `${1 + (i % 3)}.${k}.0`, compatibility: COMPATIBILITY[(i + k) % COMPATIBILITY.length], qualityThreshold: 95, availability: 99.9, freshnessMinutes: 5 },
    // Every stream has a schema, as in the examples: the topic's classification comes from its tagged schema.
    schema: `schemas/${schema}`,
    stream: { partitions: [6, 12, 24][i % 3], cleanupPolicy: suffix === "changes" ? "compact" : "delete", deadLetter: true, quarantine: i % 2 === 0 },
    consumers: consumersOf(i, k, n),
  };
}

function tableProduct(i, word, suffix, classification, k, n) {
  return {
    name: `${word}-${suffix}`,
    kind: "table",
    description: `Daily ${word} ${suffix}, partitioned by date.`,
    ...(classification ? { classification } : {}),
    pii: classification === "restricted" ? ["name"] : [],
    retentionDays: [2555, 400, 3650][i % 3],
    updateFrequency: "daily",
    contract: { version: "1.0.0", compatibility: "backward", qualityThreshold: 98, availability: 99.5, freshnessMinutes: 1440 },
    storage: {
      warmAfterDays: 30,
      coldAfterDays: 90,
      ...(i % 3 === 1 ? {} : { archiveAfterDays: 365 }),
      format: ["parquet", "avro", "json"][i % 3],
      partitionKeys: ["event_date", ...(i % 2 === 0 ? ["region"] : [])],
    },
    consumers: consumersOf(i, k, n),
  };
}

/** The manifest of domain i (0-based) on a platform of n domains. */
export function manifest(i, n) {
  const name = domainName(i);
  const word = WORDS[i % WORDS.length];
  const classification = CLASSIFICATIONS[i % CLASSIFICATIONS.length];
  const products = [
    streamProduct(i, word, "events", classification, 0, n),
    // Tables hold no PII unless restricted: internal is allowed for them, as in the examples.
    tableProduct(i, word, "facts", classification === "restricted" ? undefined : "internal", 1, n),
  ];
  if (i % 3 === 0) products.push(tableProduct(i, word, "ledger", "restricted", 2, n));
  if (i % 5 === 0) products.push(streamProduct(i, word, "changes", classification, 3, n));
  return {
    apiVersion: "meshkit/v1",
    kind: "DataDomain",
    metadata: {
      name,
      owner: `${name}-team`,
      stewards: [`lead-${i + 1}@example.com`, `steward-${i + 1}@example.com`, ...(i % 2 ? [`deputy-${i + 1}@example.com`] : [])],
      costCenter: `CC-${1000 + i}`,
      businessCapability: `${word}-management`,
      sources: [`${word}-service`],
      ...(i % 3 === 2 ? {} : { budget: { monthlyUsd: 1000 + 100 * (i % 20), alertEmails: [`${name}-leads@example.com`] } }),
    },
    spec: {
      classification,
      compliance: COMPLIANCE[i % COMPLIANCE.length],
      products,
      ...(i % 4 === 3 ? {} : { workloads: { cpu: String(2 + (i % 4) * 2), memory: `${8 * (1 + (i % 4))}Gi`, teamGroup: `${name}-engineers` } }),
    },
  };
}

/**
 * The repository's production stack config, deploying every manifest under domains/, or only the
 * first `deployed` of them in a platform of all (a CI-matrix cell: one domain's stack, whose grants
 * still see every other domain).
 */
function productionStack(n, deployed) {
  const stack = YAML.parse(fs.readFileSync(path.join(REPO, "stacks", "Pulumi.production.yaml"), "utf8"));
  if (deployed === n) {
    stack.config["meshkit:domains"] = ["domains/*.yaml"];
  } else {
    stack.config["meshkit:domains"] = Array.from({ length: deployed }, (_, i) => `domains/${domainName(i)}.yaml`);
    stack.config["meshkit:platformDomains"] = ["domains/*.yaml"];
  }
  return stack;
}

/**
 * Writes a Pulumi project of n domains, whose production stack deploys the first `deployed` of them
 * (default all), into a fresh temp directory and returns its path. The program re-exports the
 * repository's stacks/index.ts; node_modules links to the repository's, so the program and the engine
 * share one @pulumi/pulumi.
 */
export function generatePlatform(n, deployed = n) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `meshkit-bench-${n}-`));
  const rootProject = YAML.parse(fs.readFileSync(path.join(REPO, "Pulumi.yaml"), "utf8"));
  const project = { ...rootProject, name: `meshkit-bench-${n}`, main: "index.ts", description: `benchmark platform of ${n} domains` };
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), YAML.stringify(project));
  const program = path.relative(dir, path.join(REPO, "stacks", "index")).split(path.sep).join("/");
  fs.writeFileSync(path.join(dir, "index.ts"), `export * from "${program}";\n`);
  fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"), "dir");
  fs.mkdirSync(path.join(dir, "stacks"));
  fs.writeFileSync(path.join(dir, "stacks", "Pulumi.production.yaml"), YAML.stringify(productionStack(n, deployed)));
  fs.mkdirSync(path.join(dir, "domains", "schemas"), { recursive: true });
  for (const s of SCHEMAS) fs.copyFileSync(path.join(REPO, "domains", "schemas", s), path.join(dir, "domains", "schemas", s));
  for (let i = 0; i < n; i++) {
    fs.writeFileSync(path.join(dir, "domains", `${domainName(i)}.yaml`), YAML.stringify(manifest(i, n), { lineWidth: 0 }));
  }
  return dir;
}
