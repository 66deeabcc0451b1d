/**
 * The domain manifest, v1, as a zod schema: the single source of the `DomainSpec` type,
 * every rule a manifest alone can decide, and the JSON Schema editors use.
 */
import { z } from "zod";
import {
  CLASSIFICATIONS,
  COMPLIANCE_REGIMES,
  COST_CENTER_PATTERN,
  ENVIRONMENT_MINIMUMS,
  isCalendarDate,
  KEBAB_CASE,
  MAX_TABLE_QUALIFIED_NAME_LENGTH,
  PARTITION_BOUNDS,
  PII_CLASSIFICATIONS,
  qualifiedName,
  RESERVED_PRODUCT_NAMES,
  MAX_STREAM_RETENTION_DAYS,
  MIN_DAYS_IN_STORAGE_CLASS,
  STORAGE_TIER_CLASSES,
  STRICTEST_STREAM_RETENTION_FLOOR,
  type Classification,
  type StorageTier,
} from "../../conventions";
import { majorVersion } from "./products";

const kebab = (what: string, min: number, max: number) =>
  z
    .string()
    .min(min, `${what} must be ${min}–${max} characters`)
    .max(max, `${what} must be ${min}–${max} characters`)
    .regex(KEBAB_CASE, `${what} must be kebab-case (lower-case letters, digits and single hyphens)`);

const email = z.email("must be an e-mail address");
const percent = (min: number) => z.number().min(min, `must be between ${min} and 100`).max(100, `must be between ${min} and 100`);
const positiveInt = (what: string) => z.number().int(`${what} must be a whole number`).positive(`${what} must be positive`);

export const classificationSchema = z.enum(CLASSIFICATIONS);
export const COMPATIBILITY_MODES = [
  "none",
  "backward",
  "forward",
  "full",
  "backward-transitive",
  "forward-transitive",
  "full-transitive",
] as const;
export const UPDATE_FREQUENCIES = ["real-time", "hourly", "daily"] as const;
export const CLEANUP_POLICIES = ["delete", "compact", "compact,delete"] as const;
export const TABLE_FORMATS = ["parquet", "avro", "json", "csv"] as const;
/** Semantic version, as https://semver.org's recommended regular expression. */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;


/** An optional path to an Avro or JSON Schema file, relative to the manifest. */
function schemaFile(description: string, example: string) {
  return z.string().min(1, "schema names an Avro or JSON Schema file").optional().meta({ description, examples: [example] });
}

const previousMajorSchema = z
  .strictObject({
    major: z
      .number()
      .int("major must be a whole number")
      .min(0, "major must be 0 or more")
      .meta({ description: "A major version of the contract before the current one, whose topic `<domain>.<product>.v<major>` stays deployed.", examples: [1] }),
    sunset: z
      .string()
      .refine(isCalendarDate, "sunset must be a real date written YYYY-MM-DD, such as 2027-06-30")
      .meta({
        description:
          "Last day (YYYY-MM-DD, UTC) the previous major is kept for its consumers; after it, `meshkit validate` advises removing the entry, and the change review refuses removing it earlier.",
        examples: ["2027-06-30"],
      }),
    schema: schemaFile(
      "That major's Avro or JSON Schema file, relative to the manifest like the product's `schema`; required when the product has a schema, since the registry keeps serving the old major's to its consumers.",
      "schemas/order-events-v1.avsc",
    ),
  })
  .describe(
    "A previous major that stays deployed beside the current one until its sunset: its topic, dead-letter and quarantine topics, ACLs and registered schema, exactly as when it was current.",
  );

const contractSchema = z
  .strictObject({
    version: z
      .string()
      .regex(SEMVER, "must be a semantic version such as 1.4.0")
      .meta({ description: "Semantic version of the contract; its major version names the topic (`<domain>.<product>.v<major>`).", examples: ["1.4.0"] }),
    compatibility: z
      .enum(COMPATIBILITY_MODES)
      .describe("Schema-registry compatibility mode for new schema versions; production never allows `none`."),
    qualityThreshold: percent(80).meta({ description: "Percent of records that must pass the quality checks, 80–100.", examples: [95] }),
    availability: percent(90).meta({ description: "Availability objective in percent, 90–100.", examples: [99.9] }),
    freshnessMinutes: positiveInt("freshnessMinutes").meta({
      description: "Most minutes between updates before the product counts as stale.",
      examples: [5, 1440],
    }),
    previousMajors: z
      .array(previousMajorSchema)
      .optional()
      .meta({
        description:
          "Streams only: earlier majors still deployed while their consumers migrate, each until its sunset. A major bump adds the new topic beside the old one instead of rewriting it.",
        examples: [[{ major: 1, sunset: "2027-06-30", schema: "schemas/order-events-v1.avsc" }]],
      }),
  })
  .describe("The product's promise to its consumers: version, schema compatibility, service levels and the majors still deployed.");

const streamSchema = z
  .strictObject({
    partitions: z
      .number()
      .int("partitions must be a whole number")
      .min(PARTITION_BOUNDS.min, `partitions must be ${PARTITION_BOUNDS.min}–${PARTITION_BOUNDS.max}`)
      .max(PARTITION_BOUNDS.max, `partitions must be ${PARTITION_BOUNDS.min}–${PARTITION_BOUNDS.max}`)
      .meta({ description: `Kafka partitions of the topic, ${PARTITION_BOUNDS.min}–${PARTITION_BOUNDS.max}.`, examples: [12] }),
    cleanupPolicy: z.enum(CLEANUP_POLICIES).default("delete").describe("Kafka cleanup.policy: delete old segments, compact by key, or both."),
    deadLetter: z.boolean().default(true).describe("Create the dead-letter topic `<topic>.dlq`."),
    quarantine: z.boolean().default(true).describe("Create `<topic>.quarantine` for events that fail the schema."),
  })
  .describe("Kafka topic settings; required for, and only allowed on, kind: stream.");

/** S3 moves objects to STANDARD_IA no sooner than 30 days after creation, and out of it no sooner than 30 days later. */
/** A manifest deploys to every environment, so its streams meet the strictest environment's floor. */
const STREAM_RETENTION_FLOOR = {
  environment: STRICTEST_STREAM_RETENTION_FLOOR,
  days: ENVIRONMENT_MINIMUMS[STRICTEST_STREAM_RETENTION_FLOOR].streamRetentionFloorDays,
};
const MIN_DAYS_IN_STANDARD_IA = MIN_DAYS_IN_STORAGE_CLASS.STANDARD_IA!;

const storageSchema = z
  .strictObject({
    warmAfterDays: z
      .number()
      .int("warmAfterDays must be a whole number")
      .min(MIN_DAYS_IN_STANDARD_IA, `warmAfterDays must be at least ${MIN_DAYS_IN_STANDARD_IA} (STANDARD_IA minimum)`)
      .optional()
      .meta({ description: `Days after creation before objects move to STANDARD_IA; at least ${MIN_DAYS_IN_STANDARD_IA}.`, examples: [30] }),
    coldAfterDays: positiveInt("coldAfterDays")
      .optional()
      .meta({ description: "Days after creation before objects move to GLACIER_IR; after warmAfterDays.", examples: [90] }),
    archiveAfterDays: positiveInt("archiveAfterDays")
      .optional()
      .meta({ description: "Days after creation before objects move to DEEP_ARCHIVE; after coldAfterDays.", examples: [365] }),
    format: z.enum(TABLE_FORMATS).describe("File format of the table's objects, recorded in the Glue catalog."),
    partitionKeys: z
      .array(z.string().regex(/^[a-z_][a-z0-9_]*$/, "partition keys are snake_case column names"))
      .default([])
      .meta({ description: "Columns the table is partitioned by (snake_case), in order.", examples: [["order_date", "region"]] }),
  })
  .describe("S3 storage tiers and table layout; required for, and only allowed on, kind: table. Tiers come in increasing order and below retentionDays.");

const consumerSchema = z
  .strictObject({
    domain: kebab("consumer domain", 3, 32).meta({ description: "Another domain of the platform granted read access.", examples: ["payments"] }),
    purpose: z.string().trim().min(1, "every consumer states a purpose").describe("Why the consumer reads this product, recorded with the grant."),
    major: z
      .number()
      .int("major must be a whole number")
      .min(0, "major must be 0 or more")
      .optional()
      .meta({
        description:
          "The contract major this consumer reads: the current one (the default) or one listed in contract.previousMajors. Its topic, schema and key grants follow that major.",
        examples: [1],
      }),
  })
  .describe("A domain granted read access, and why.");

const productSchema = z
  .strictObject({
    name: kebab("product name", 3, 40)
      .refine((name) => !RESERVED_PRODUCT_NAMES.includes(name), {
        message: `${RESERVED_PRODUCT_NAMES.join(" and ")} are reserved for the domain's own buckets`,
      })
      .meta({ description: "Product name: kebab-case, 3–40 characters, unique in the domain.", examples: ["order-events"] }),
    description: z.string().trim().min(1, "a product needs a description").describe("What the product holds, for the catalog."),
    kind: z.enum(["stream", "table"]).describe("stream: a Kafka topic; table: an S3 bucket with a Glue table."),
    classification: classificationSchema.optional().describe("Data classification of this product; defaults to spec.classification."),
    pii: z
      .array(z.string().regex(KEBAB_CASE, "PII categories are kebab-case"))
      .default([])
      .meta({ description: "Personal-data categories the product carries (kebab-case); needs confidential or restricted.", examples: [["email", "phone"]] }),
    retentionDays: positiveInt("retentionDays").meta({
      description: "Days data is kept; streams are capped by classification, table tiers come before it.",
      examples: [30, 2555],
    }),
    updateFrequency: z.enum(UPDATE_FREQUENCIES).describe("How often the product is updated."),
    contract: contractSchema,
    schema: schemaFile(
      "Avro or JSON Schema file, relative to the manifest; it must stay inside the Pulumi project (the directory of Pulumi.yaml, symlinks followed).",
      "schemas/order-events.avsc",
    ),
    stream: streamSchema.optional(),
    storage: storageSchema.optional(),
    consumers: z.array(consumerSchema).default([]).describe("Other domains granted read access to this product."),
  })
  .describe("A data product: a Kafka stream or an S3 table, with its contract and consumers.");

const budgetSchema = z
  .strictObject({
    monthlyUsd: z.number().positive("monthlyUsd must be positive").meta({ description: "Monthly AWS budget in US dollars.", examples: [2500] }),
    alertEmails: z
      .array(email)
      .min(1, "a budget alerts at least one address")
      .meta({ description: "Addresses alerted at 80 % actual and 100 % forecast spend.", examples: [["orders-leads@example.com"]] }),
  })
  .describe("A monthly AWS budget on the domain's cost tags.");

const incidentEndpointSchema = z
  .strictObject({
    name: kebab("endpoint name", 2, 40).meta({ description: "What the endpoint is, kebab-case; unique in the domain.", examples: ["pagerduty"] }),
    url: z
      .url({ protocol: /^https$/, error: "an incident endpoint is an https:// URL" })
      .meta({
        pattern: "^https://",
        description:
          "HTTPS URL that receives the domain's alerts (an SNS HTTPS subscription). A URL carrying a key (user info, a token or key in the query, an integration key in the path) is kept as a Pulumi secret.",
        examples: ["https://events.pagerduty.com/integration/0123456789abcdef0123456789abcdef/enqueue"],
      }),
  })
  .describe("An incident-response integration (PagerDuty, Opsgenie, ServiceNow …) subscribed to the domain's alert topic.");

const workloadsSchema = z
  .strictObject({
    cpu: z
      .string()
      .regex(/^\d+(\.\d+)?m?$/, 'cpu is a Kubernetes quantity such as "8" or "500m"')
      .meta({ description: "CPU quota of the namespace, a Kubernetes quantity (quote whole numbers).", examples: ["8", "500m"] }),
    memory: z
      .string()
      .regex(/^\d+(Ki|Mi|Gi|Ti)$/, 'memory is a Kubernetes quantity such as "32Gi"')
      .meta({ description: "Memory quota of the namespace, a Kubernetes quantity.", examples: ["32Gi"] }),
    teamGroup: z
      .string()
      .min(1, "teamGroup names the identity-provider group bound to edit")
      .meta({ description: "Identity-provider group bound to the `edit` role in the namespace.", examples: ["orders-engineers"] }),
  })
  .describe("A Kubernetes namespace for the domain's jobs, with quota, limits and default-deny networking.");

const metadataSchema = z
  .strictObject({
    name: kebab("domain name", 3, 32).meta({ description: "Domain name: kebab-case, 3–32 characters, unique on the platform.", examples: ["orders"] }),
    owner: kebab("owner", 2, 63).meta({ description: "Owning team, kebab-case.", examples: ["orders-team"] }),
    stewards: z
      .array(email)
      .min(2, "a domain needs at least 2 stewards")
      .meta({ description: "E-mail addresses of at least two data stewards.", examples: [["ana@example.com", "ben@example.com"]] }),
    costCenter: z
      .string()
      .regex(COST_CENTER_PATTERN, "costCenter must look like CC-1042")
      .meta({ description: "Cost center, like CC-1042; becomes the cost-center tag.", examples: ["CC-1042"] }),
    businessCapability: kebab("businessCapability", 2, 63).meta({
      description: "Business capability the domain serves, kebab-case.",
      examples: ["order-management"],
    }),
    sources: z
      .array(z.string().min(1, "a source names an upstream system"))
      .default([])
      .meta({ description: "Upstream systems the domain's data comes from, for lineage.", examples: [["erp", "web-shop"]] }),
    budget: budgetSchema.optional(),
    incidentEndpoints: z
      .array(incidentEndpointSchema)
      .default([])
      .describe("Incident-response HTTPS endpoints subscribed to the domain's alert topic, besides the stewards' e-mail."),
  })
  .describe("Who owns the domain, who stewards it, what it costs and whom its alerts reach.");

const specSchema = z
  .strictObject({
    classification: classificationSchema.describe("Default data classification of the domain's products."),
    compliance: z.array(z.enum(COMPLIANCE_REGIMES)).default([]).describe("Compliance regimes the domain is under."),
    products: z.array(productSchema).min(1, "a domain publishes at least one product").describe("The data products the domain publishes."),
    workloads: workloadsSchema.optional(),
  })
  .describe("The domain's data products and how they are governed.");

export const domainManifestSchema = z
  .strictObject({
    apiVersion: z.literal("meshkit/v1", "must be meshkit/v1").describe("Manifest format version: meshkit/v1."),
    kind: z.literal("DataDomain", "must be DataDomain").describe("Always DataDomain."),
    metadata: metadataSchema,
    spec: specSchema,
  })
  .superRefine((manifest, ctx) => {
    const names = new Set<string>();
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    // A repeated entry is a typo at best; in partition keys it is a table Glue and Athena refuse.
    const once = (values: readonly string[], path: (string | number)[], what: string, key = (v: string) => v) => {
      const seen = new Set<string>();
      values.forEach((value, i) => {
        if (seen.has(key(value))) issue([...path, i], `${what} ${value} is listed twice`);
        seen.add(key(value));
      });
    };
    const lowerCase = (v: string) => v.toLowerCase();
    once(manifest.metadata.stewards, ["metadata", "stewards"], "steward", lowerCase);
    once(manifest.metadata.budget?.alertEmails ?? [], ["metadata", "budget", "alertEmails"], "alert address", lowerCase);
    once(manifest.metadata.incidentEndpoints.map((e) => e.name), ["metadata", "incidentEndpoints"], "incident endpoint");
    once(manifest.spec.compliance, ["spec", "compliance"], "compliance regime");
    manifest.spec.products.forEach((product, i) => {
      const at = (...rest: (string | number)[]) => ["spec", "products", i, ...rest];
      once(product.pii, at("pii"), "PII category");
      once(product.storage?.partitionKeys ?? [], at("storage", "partitionKeys"), "partition key");
      if (names.has(product.name)) issue(at("name"), `product ${product.name} is declared twice in this domain`);
      names.add(product.name);

      const classification: Classification = product.classification ?? manifest.spec.classification;
      if (product.pii.length > 0 && !PII_CLASSIFICATIONS.includes(classification)) {
        const inherited = product.classification === undefined ? " (inherited from spec.classification)" : "";
        issue(at("pii"), `a product carrying PII must be ${PII_CLASSIFICATIONS.join(" or ")}, not ${classification}${inherited}`);
      }
      if (product.kind === "stream") {
        if (product.stream === undefined) issue(at("stream"), "a stream product needs a stream section");
        if (product.storage !== undefined) issue(at("storage"), "storage is only for kind: table");
        const cap = MAX_STREAM_RETENTION_DAYS[classification];
        if (product.retentionDays > cap) {
          issue(at("retentionDays"), `${withArticle(classification)} stream keeps data at most ${cap} days, not ${product.retentionDays}`);
        }
        // The schema registered for it carries the contract's compatibility, which production's review requires checked.
        if (product.schema !== undefined && product.contract.compatibility === "none") {
          issue(
            at("contract", "compatibility"),
            "a stream with a registered schema checks compatibility in production, so it is never none (a manifest deploys to every environment)",
          );
        }
        if (product.retentionDays < STREAM_RETENTION_FLOOR.days) {
          issue(
            at("retentionDays"),
            `a stream keeps data at least ${STREAM_RETENTION_FLOOR.days} days (the ${STREAM_RETENTION_FLOOR.environment} floor), not ${product.retentionDays}: consumers need that window to replay after an outage`,
          );
        }
      } else {
        if (product.storage === undefined) issue(at("storage"), "a table product needs a storage section");
        if (product.stream !== undefined) issue(at("stream"), "stream is only for kind: stream");
        const qualified = qualifiedName(manifest.metadata.name, product.name);
        if (qualified.length > MAX_TABLE_QUALIFIED_NAME_LENGTH) {
          issue(at("name"), `domain and table name together (${qualified}) exceed ${MAX_TABLE_QUALIFIED_NAME_LENGTH} characters, too long for an S3 bucket name`);
        }
      }
      if (product.storage !== undefined) {
        let previous: [StorageTier, number] | undefined;
        for (const [field] of STORAGE_TIER_CLASSES) {
          const days = product.storage[field];
          if (days === undefined) continue;
          if (previous !== undefined && days <= previous[1]) {
            issue(at("storage", field), `${field} (${days}) must come after ${previous[0]} (${previous[1]})`);
          } else if (previous !== undefined && days < previous[1] + minimumStay(previous[0]).days) {
            // S3 rejects a lifecycle that moves objects out of an infrequent-access class too soon.
            const stay = minimumStay(previous[0]);
            issue(
              at("storage", field),
              `${field} (${days}) must be at least ${stay.days} days after ${previous[0]} (${previous[1]}): S3 keeps objects in ${stay.storageClass} for ${stay.days} days before the next transition`,
            );
          }
          if (days >= product.retentionDays) {
            issue(at("storage", field), `${field} (${days}) must be below retentionDays (${product.retentionDays})`);
          }
          previous = [field, days];
        }
      }
      majorVersionIssues(product, (rest, message) => issue(at(...rest), message));
      const consumers = new Set<string>();
      product.consumers.forEach((consumer, j) => {
        if (consumer.domain === manifest.metadata.name) {
          issue(at("consumers", j, "domain"), "a domain does not consume its own product; its own roles already read it");
        }
        if (consumers.has(consumer.domain)) issue(at("consumers", j, "domain"), `consumer ${consumer.domain} is listed twice`);
        consumers.add(consumer.domain);
      });
    });
  });

/** A validated domain manifest, defaults applied. */
export type DomainSpec = z.output<typeof domainManifestSchema>;
export type DataProduct = DomainSpec["spec"]["products"][number];
export type StreamProduct = DataProduct & { kind: "stream"; stream: NonNullable<DataProduct["stream"]> };
export type TableProduct = DataProduct & { kind: "table"; storage: NonNullable<DataProduct["storage"]> };
export type CompatibilityMode = (typeof COMPATIBILITY_MODES)[number];

/**
 * A product's previous majors and its consumers' pinned majors: previous majors only on streams,
 * each below the current major and listed once, each with a schema when the product has one; a
 * consumer reads the current major or a listed previous one.
 */
function majorVersionIssues(product: DataProduct, issue: (at: (string | number)[], message: string) => void): void {
  const current = majorVersion(product);
  const previous = product.contract.previousMajors ?? [];
  if (previous.length > 0 && product.kind !== "stream") {
    issue(
      ["contract", "previousMajors"],
      "previousMajors is only for kind: stream: a table keeps one bucket and catalog table whatever its major, so a major bump leaves nothing behind to keep deployed",
    );
  }
  const listed = new Set<number>();
  previous.forEach((entry, k) => {
    const at = ["contract", "previousMajors", k];
    if (entry.major >= current) {
      issue([...at, "major"], `previous major ${entry.major} must be below the current major ${current} (contract.version ${product.contract.version})`);
    } else if (listed.has(entry.major)) {
      issue([...at, "major"], `previous major ${entry.major} is listed twice`);
    }
    listed.add(entry.major);
    if (product.schema !== undefined && entry.schema === undefined) {
      issue(at, `previous major ${entry.major} needs its schema file: the product registers a schema, and the registry keeps serving v${entry.major}'s to its consumers`);
    }
    if (product.schema === undefined && entry.schema !== undefined) {
      issue([...at, "schema"], `previous major ${entry.major} names a schema, but the product has none: a schema is registered for every major or for none`);
    }
  });
  const deployed = [current, ...[...listed].filter((m) => m < current)];
  product.consumers.forEach((consumer, j) => {
    if (consumer.major === undefined || deployed.includes(consumer.major)) return;
    const others = deployed.length > 1 ? `listed previous majors: ${deployed.slice(1).join(", ")}` : "no previous major is listed";
    issue(
      ["consumers", j, "major"],
      `consumer ${consumer.domain} reads major ${consumer.major}, which is not deployed: the current major is ${current}, ${others} in contract.previousMajors`,
    );
  });
}

/** Days S3 keeps objects in the class a manifest tier moves them into, before the next transition. */
function minimumStay(tier: StorageTier): { storageClass: string; days: number } {
  const storageClass = STORAGE_TIER_CLASSES.find(([t]) => t === tier)![1];
  return { storageClass, days: MIN_DAYS_IN_STORAGE_CLASS[storageClass] ?? 0 };
}

/** "an internal", "a confidential": the indefinite article a word takes. */
function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? "an" : "a"} ${word}`;
}
