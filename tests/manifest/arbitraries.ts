/**
 * fast-check generators of manifests that are valid by construction: kebab-case names, unique
 * products and consumers, tiers in increasing order below retention, PII only where allowed.
 */
import fc from "fast-check";
import { CLASSIFICATIONS, COMPLIANCE_REGIMES, ENVIRONMENT_MINIMUMS, MAX_STREAM_RETENTION_DAYS, STRICTEST_STREAM_RETENTION_FLOOR, PII_CLASSIFICATIONS, type Classification } from "../../conventions";
import { CLEANUP_POLICIES, COMPATIBILITY_MODES, TABLE_FORMATS, UPDATE_FREQUENCIES } from "../../components/manifest";

/** A manifest as written in YAML: plain data, optional fields absent rather than undefined. */
export type ManifestData = Record<string, unknown>;

const word = fc.stringMatching(/^[a-z][a-z0-9]{1,7}$/);
const kebab = (min: number, max: number) =>
  fc
    .array(word, { minLength: 1, maxLength: 4 })
    .map((words) => words.join("-"))
    .filter((name) => name.length >= min && name.length <= max);
const email = fc.tuple(word, word).map(([user, host]) => `${user}@${host}.example.com`);
// Descriptions and purposes are trimmed on load, so generate them trimmed.
const text = fc
  .string({ unit: "grapheme", minLength: 1, maxLength: 40 })
  .map((s) => s.trim())
  .filter((s) => s.length > 0);

/** Adds `value` under `key` only when it is defined, as an author leaving a field out would. */
function withOptional(data: ManifestData, optional: Record<string, unknown>): ManifestData {
  return { ...data, ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)) };
}

const contract = fc.record({
  version: fc.tuple(fc.nat(20), fc.nat(20), fc.nat(20)).map((v) => v.join(".")),
  compatibility: fc.constantFrom(...COMPATIBILITY_MODES),
  qualityThreshold: fc.double({ min: 80, max: 100, noNaN: true }),
  availability: fc.double({ min: 90, max: 100, noNaN: true }),
  freshnessMinutes: fc.integer({ min: 1, max: 10_000 }),
});

/** Lifecycle tiers in increasing order, each leaving STANDARD_IA no sooner than 30 days in; then retention. */
const tiersAndRetention = fc
  .record({
    warm: fc.option(fc.integer({ min: 30, max: 400 }), { nil: undefined }),
    cold: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
    archive: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
    beyond: fc.integer({ min: 1, max: 3000 }),
  })
  .map(({ warm, cold, archive, beyond }) => {
    const minimumAfter = (previous: number | undefined, previousIsWarm: boolean) =>
      previous === undefined ? 1 : previous + (previousIsWarm ? 30 : 1);
    const coldDays = cold === undefined ? undefined : minimumAfter(warm, true) + cold;
    const archiveDays =
      archive === undefined ? undefined : minimumAfter(coldDays ?? warm, coldDays === undefined && warm !== undefined) + archive;
    const last = archiveDays ?? coldDays ?? warm ?? 0;
    return {
      tiers: withOptional({}, { warmAfterDays: warm, coldAfterDays: coldDays, archiveAfterDays: archiveDays }),
      retentionDays: last + beyond,
    };
  });

/** A product's fields, drawn before its domain is known; `finish` fits them to the domain. */
const productDraft = fc.record({
  name: kebab(3, 13), // with a 32-character domain, still within a bucket name
  description: text,
  kind: fc.constantFrom("stream", "table"),
  classification: fc.option(fc.constantFrom(...CLASSIFICATIONS), { nil: undefined }),
  pii: fc.uniqueArray(kebab(2, 20), { maxLength: 3 }),
  updateFrequency: fc.constantFrom(...UPDATE_FREQUENCIES),
  contract,
  // `major` picks among the majors the product deploys, when drawn.
  consumers: fc.uniqueArray(fc.record({ domain: kebab(3, 32), purpose: text, major: fc.option(fc.nat(), { nil: undefined }) }), { maxLength: 3, selector: (c) => c.domain }),
  // Streams keep the drawn majors below the current one, each until a drawn sunset.
  previousMajors: fc.uniqueArray(fc.record({ major: fc.nat(20), sunset: fc.integer({ min: 0, max: 4000 }) }), { maxLength: 2, selector: (m) => m.major }),
  streamRetention: fc.integer({ min: 1, max: 365 }),
  stream: fc.record(
    {
      partitions: fc.integer({ min: 1, max: 128 }),
      cleanupPolicy: fc.constantFrom(...CLEANUP_POLICIES),
      deadLetter: fc.boolean(),
      quarantine: fc.boolean(),
    },
    { requiredKeys: ["partitions"] },
  ),
  table: tiersAndRetention,
  format: fc.constantFrom(...TABLE_FORMATS),
  partitionKeys: fc.option(fc.uniqueArray(fc.stringMatching(/^[a-z_][a-z0-9_]{0,10}$/), { maxLength: 3 }), { nil: undefined }),
  schema: fc.boolean(),
});

/** A manifest deploys to every environment, so its streams keep at least the strictest floor. */
const STREAM_FLOOR = ENVIRONMENT_MINIMUMS[STRICTEST_STREAM_RETENTION_FLOOR].streamRetentionFloorDays;

/** PII only where the classification allows it, stream retention between the floor and its cap, no consumer naming its own domain. */
type ProductDraft = typeof productDraft extends fc.Arbitrary<infer T> ? T : never;

/** A stream's registered schema checks compatibility in production, so it is never none. */
function registeredContract(p: ProductDraft): ProductDraft["contract"] {
  const registered = p.kind === "stream" && p.schema;
  return registered && p.contract.compatibility === "none" ? { ...p.contract, compatibility: "backward" } : p.contract;
}

/**
 * A stream's previous majors: the drawn ones below its current major, each with a real sunset and,
 * beside a schema, that schema as its own (the previous major's schema is read, not checked for PII).
 */
function previousMajors(p: ProductDraft, schema: string | undefined): ManifestData[] {
  if (p.kind !== "stream") return [];
  const current = Number(p.contract.version.split(".")[0]);
  const day = (offset: number) => new Date(Date.UTC(2024, 0, 1 + offset)).toISOString().slice(0, 10);
  return p.previousMajors.filter((m) => m.major < current).map((m) => withOptional({ major: m.major, sunset: day(m.sunset) }, { schema }));
}

/**
 * A product's PII list equals the categories its schema annotates: a product that may carry PII
 * gets the schema with an annotated postal address, one that may not gets a schema without PII.
 */
function schemaAndPii(p: ProductDraft, classification: Classification): { schema?: string; pii?: string[] } {
  const mayCarryPii = PII_CLASSIFICATIONS.includes(classification);
  if (!p.schema) return { pii: mayCarryPii && p.pii.length > 0 ? p.pii : undefined };
  return mayCarryPii ? { schema: "../schemas/shipment-events.avsc", pii: ["postal-address"] } : { schema: "../schemas/shipment-notes.avsc" };
}

function finish(p: ProductDraft, domain: string, domainClassification: Classification): ManifestData {
  const classification = p.classification ?? domainClassification;
  const { schema, pii } = schemaAndPii(p, classification);
  const previous = previousMajors(p, schema);
  const majors = [Number(p.contract.version.split(".")[0]), ...previous.map((m) => m.major as number)];
  const consumers = p.consumers
    .filter((c) => c.domain !== domain)
    .map(({ major, ...c }) => withOptional(c, { major: major === undefined ? undefined : majors[major % majors.length] }));
  const contract = registeredContract(p);
  const base = withOptional(
    {
      name: p.name,
      description: p.description,
      kind: p.kind,
      updateFrequency: p.updateFrequency,
      contract: previous.length > 0 ? { ...contract, previousMajors: previous } : contract,
    },
    {
      classification: p.classification,
      pii,
      consumers: consumers.length > 0 ? consumers : undefined,
      schema,
    },
  );
  return p.kind === "stream"
    ? { ...base, retentionDays: STREAM_FLOOR + (p.streamRetention % (MAX_STREAM_RETENTION_DAYS[classification] - STREAM_FLOOR + 1)), stream: p.stream }
    : {
        ...base,
        retentionDays: p.table.retentionDays,
        storage: withOptional({ ...p.table.tiers, format: p.format }, { partitionKeys: p.partitionKeys }),
      };
}

/** A valid manifest; relative schema paths resolve from a file in `tests/fixtures/manifests/valid/`. */
export const validManifest: fc.Arbitrary<ManifestData> = fc
  .record({
    name: kebab(3, 32),
    owner: kebab(2, 63),
    stewards: fc.uniqueArray(email, { minLength: 2, maxLength: 4, selector: (e) => e.toLowerCase() }),
    costCenter: fc.integer({ min: 100, max: 999_999 }).map((n) => `CC-${n}`),
    businessCapability: kebab(2, 63),
    sources: fc.option(fc.array(kebab(2, 20), { maxLength: 3 }), { nil: undefined }),
    budget: fc.option(
      fc.record({
        monthlyUsd: fc.integer({ min: 1, max: 100_000 }),
        alertEmails: fc.uniqueArray(email, { minLength: 1, maxLength: 3, selector: (e) => e.toLowerCase() }),
      }),
      { nil: undefined },
    ),
    classification: fc.constantFrom(...CLASSIFICATIONS),
    compliance: fc.option(fc.uniqueArray(fc.constantFrom(...COMPLIANCE_REGIMES)), { nil: undefined }),
    products: fc.uniqueArray(productDraft, { minLength: 1, maxLength: 4, selector: (p) => p.name }),
    workloads: fc.option(
      fc.record({
        cpu: fc.constantFrom("1", "8", "0.5", "500m"),
        memory: fc.integer({ min: 1, max: 512 }).map((n) => `${n}Gi`),
        teamGroup: kebab(2, 40),
      }),
      { nil: undefined },
    ),
  })
  .map(({ products, ...m }) => ({
    apiVersion: "meshkit/v1",
    kind: "DataDomain",
    metadata: withOptional(
      { name: m.name, owner: m.owner, stewards: m.stewards, costCenter: m.costCenter, businessCapability: m.businessCapability },
      { sources: m.sources, budget: m.budget },
    ),
    spec: withOptional(
      { classification: m.classification, products: products.map((p) => finish(p, m.name, m.classification)) },
      { compliance: m.compliance, workloads: m.workloads },
    ),
  }));
