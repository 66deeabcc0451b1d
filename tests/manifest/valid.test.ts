/** Manifests that must load: the examples, the fixture, defaults, and the committed JSON Schema. */
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { loadManifestFile, manifestJsonSchema, parseManifest, type DomainSpec } from "../../components/manifest";
import { DOMAINS, fixture } from "./fixtures";

const EXAMPLES = ["orders", "payments", "customer-profile"];
const exampleFile = (domain: string) => path.join(DOMAINS, `${domain}.yaml`);

function loaded(file: string): DomainSpec {
  const result = loadManifestFile(file);
  if (!result.ok) throw new Error(`${file} was refused:\n${result.issues.map((i) => JSON.stringify(i)).join("\n")}`);
  return result.manifest.spec;
}

describe("the example domains", () => {
  for (const domain of EXAMPLES) {
    it(`${domain} loads`, () => {
      expect(loaded(exampleFile(domain)).metadata.name).toBe(domain);
    });
  }

  it("cover what the design asks of them: a restricted product, a compacted stream, a product read by two domains", () => {
    const products = EXAMPLES.flatMap((d) => {
      const spec = loaded(exampleFile(d));
      return spec.spec.products.map((p) => ({ ...p, classification: p.classification ?? spec.spec.classification }));
    });
    expect(products.some((p) => p.classification === "restricted")).toBe(true);
    expect(products.some((p) => p.stream?.cleanupPolicy.startsWith("compact"))).toBe(true);
    expect(products.some((p) => new Set(p.consumers.map((c) => c.domain)).size >= 2)).toBe(true);
  });
});

describe("declaration lines", () => {
  it("name the lines of metadata.name and of each product's entry, for reports to point at", () => {
    const file = fixture("valid", "shipping.yaml");
    const shifted = parseManifest(`# three lines\n# before the\n# manifest\n${fs.readFileSync(file, "utf8")}`, file);
    if (!shifted.ok) throw new Error("shipping.yaml was refused");
    expect(shifted.manifest.lines).toEqual({ domain: 7, products: { "shipment-events": 15, "shipment-facts": 33 } });
  });
});

describe("defaults", () => {
  const spec = loaded(fixture("valid", "shipping.yaml"));
  const [events, facts] = spec.spec.products;

  it("fill the stream section: delete cleanup, dead-letter and quarantine topics on", () => {
    expect(events.stream).toEqual({ partitions: 6, cleanupPolicy: "delete", deadLetter: true, quarantine: true });
  });

  it("give a product without pii or consumers empty lists", () => {
    expect(facts.pii).toEqual([]);
    expect(facts.consumers).toEqual([]);
  });

  it("give a domain without compliance or sources empty lists", () => {
    expect(spec.spec.compliance).toEqual([]);
    expect(spec.metadata.sources).toEqual([]);
  });

  it("leave an unset classification unset, so the product inherits the domain's", () => {
    expect(facts.classification).toBeUndefined();
  });

  it("give a table without partition keys an empty list, and keep a stream's explicit settings", () => {
    const text = fs
      .readFileSync(fixture("valid", "shipping.yaml"), "utf8")
      .replace("        partitionKeys: [ship_date]\n", "")
      .replace("        partitions: 6\n", "        partitions: 6\n        deadLetter: false\n        cleanupPolicy: compact\n");
    const result = parseManifest(text, fixture("valid", "edited.yaml"));
    expect(result.ok && result.manifest.spec.spec.products[1].storage?.partitionKeys).toEqual([]);
    expect(result.ok && result.manifest.spec.spec.products[0].stream).toEqual({
      partitions: 6,
      cleanupPolicy: "compact",
      deadLetter: false,
      quarantine: true,
    });
  });
});

describe("the committed JSON Schema", () => {
  const committed = JSON.parse(fs.readFileSync(path.join(DOMAINS, "domain-manifest.schema.json"), "utf8")) as Record<string, unknown>;
  const ajv = new Ajv2020({ allErrors: true, formats: { email: true, uri: true } }); // the schema's pattern checks e-mails
  const validate = ajv.compile(committed);
  const yamlOf = (file: string) => parseYaml(fs.readFileSync(file, "utf8")) as unknown;

  it("equals manifestJsonSchema(), so it cannot go stale", () => {
    expect(committed).toEqual(manifestJsonSchema());
  });

  for (const file of [...EXAMPLES.map(exampleFile), fixture("valid", "shipping.yaml")]) {
    it(`accepts ${path.basename(file)}`, () => {
      expect(validate(yamlOf(file)) ? [] : validate.errors).toEqual([]);
    });
  }

  // Mistakes of a single field are in the JSON Schema too, so editors flag them while typing.
  for (const name of [
    "api-version",
    "kind",
    "name-not-kebab",
    "one-steward",
    "steward-not-email",
    "cost-center",
    "unknown-top-level-field",
    "unknown-product-field",
    "unknown-stream-field",
    "missing-update-frequency",
    "bad-classification",
    "warm-too-early",
    "quality-threshold-low",
    "availability-over-100",
    "version-not-semver",
    "consumer-without-purpose",
    "partitions-zero",
    "partitions-500",
  ]) {
    it(`refuses ${name}`, () => {
      expect(validate(yamlOf(fixture("invalid", `${name}.yaml`)))).toBe(false);
    });
  }
});
