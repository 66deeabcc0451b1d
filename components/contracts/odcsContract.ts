/**
 * A product's data contract as an Open Data Contract Standard (ODCS) v3 document, built from its
 * manifest entry and schema alone, so `meshkit contracts export` is deterministic: the same
 * manifests and stack configs give the same bytes.
 *
 * ODCS has no consumers block. A meshkit consumer is an access grant to another domain's consumer
 * role, and role names differ per environment, so each server lists the roles reading it (`roles`,
 * access `read`, the purpose as description): ODCS's own place for who may access the data.
 */
import { classificationOf, isStream, majorVersion } from "../manifest/products";
import type { DataProduct, DomainSpec, ProductSchema } from "../manifest";
import {
  catalogTableName,
  contractId,
  NOT_PII,
  ODCS_API_VERSION,
  productBucketName,
  roleName,
  topicName,
  type Environment,
} from "../../conventions";
import { hiveType } from "../catalog/hiveColumns";
import { dqdlRuleset } from "../observability/dqdl";
import { schemaFields, type FieldType, type SchemaField } from "../schemas/schemaFields";

/** Where a domain is deployed: one ODCS server per environment and account. */
export interface ContractDeployment {
  readonly environment: Environment;
  readonly accountId: string;
  /** The Kafka cluster's bootstrap servers in that environment. */
  readonly kafkaBootstrapServers: readonly string[];
}

type Doc = Record<string, unknown>;

/** ODCS logical types of the field types (Hive's remain the physical type). */
function logicalType(type: FieldType): string {
  switch (type.kind) {
    case "scalar":
      return { int: "integer", bigint: "integer", float: "number", double: "number", boolean: "boolean", string: "string", binary: "string", date: "date", timestamp: "timestamp" }[
        type.scalar
      ];
    case "decimal":
      return "number";
    case "enum":
      return "string";
    case "array":
      return "array";
    default:
      return "object";
  }
}

function property(field: SchemaField, classification: string, partitionKeys: readonly string[]): Doc {
  const position = partitionKeys.indexOf(field.name);
  const pii = field.pii !== undefined && field.pii !== NOT_PII ? field.pii : undefined;
  return {
    name: field.name,
    logicalType: logicalType(field.type),
    physicalType: hiveType(field.type),
    required: field.required,
    ...(field.description !== undefined ? { description: field.description } : {}),
    classification,
    ...(position >= 0 ? { partitioned: true, partitionKeyPosition: position + 1 } : {}),
    ...(pii !== undefined ? { tags: ["pii"], customProperties: [{ property: "pii", value: pii }] } : {}),
    ...(field.type.kind === "enum" ? { quality: [{ type: "library", metric: "invalidValues", arguments: { validValues: [...field.type.symbols] }, mustBe: 0 }] } : {}),
    ...(field.type.kind === "record" ? { properties: field.type.fields.map((f) => property(f, classification, [])) } : {}),
  };
}

function quality(product: DataProduct, fields: readonly SchemaField[]): Doc[] {
  const threshold = product.contract.qualityThreshold;
  // ODCS's library metrics are per property; a score over the whole product is a text rule, the
  // threshold carried as a custom property tools can read.
  const overall: Doc = {
    name: "quality-threshold",
    description: `At least ${threshold} % of records pass the product's quality checks.`,
    dimension: "conformity",
    type: "text",
    customProperties: [{ property: "thresholdPercent", value: threshold }],
  };
  if (product.storage === undefined || fields.length === 0) return [overall];
  return [
    overall,
    {
      name: "glue-data-quality-ruleset",
      description: `The Glue Data Quality ruleset meshkit deploys for this table; an evaluation scoring below ${threshold} % alerts the domain.`,
      dimension: "conformity",
      type: "custom",
      engine: "aws-glue-data-quality",
      implementation: dqdlRuleset(fields, product.storage.partitionKeys),
    },
  ];
}

function slaProperties(product: DataProduct): Doc[] {
  return [
    { property: "latency", value: product.contract.freshnessMinutes, unit: "m", description: "Freshness: most minutes between successful updates." },
    { property: "availability", value: product.contract.availability, unit: "percent", description: "Fraction of minutes in which the product is fresh." },
    { property: "retention", value: product.retentionDays, unit: "d" },
  ];
}

function servers(spec: DomainSpec, product: DataProduct, deployments: readonly ContractDeployment[], format: string | undefined): Doc[] {
  const domain = spec.metadata.name;
  const names = deployments.map((d) => d.environment);
  return deployments.map((d) => {
    const server = names.filter((n) => n === d.environment).length > 1 ? `${d.environment}-${d.accountId}` : d.environment;
    const roles = product.consumers.map((c) => ({ role: roleName(d.environment, c.domain, "consumer"), access: "read", description: `${c.domain}: ${c.purpose}` }));
    const where = isStream(product)
      ? {
          type: "kafka",
          host: d.kafkaBootstrapServers.join(","),
          ...(format !== undefined ? { format } : {}),
          customProperties: [{ property: "topic", value: topicName(domain, product.name, majorVersion(product)) }],
        }
      : { type: "s3", location: `s3://${productBucketName(d.environment, domain, product.name, d.accountId)}/`, format: product.storage!.format };
    return { server, environment: d.environment, ...where, ...(roles.length > 0 ? { roles } : {}) };
  });
}

/** The ODCS document of one product. `schema` is its schema file, when it has one. */
export function odcsContract(spec: DomainSpec, product: DataProduct, schema: ProductSchema | undefined, deployments: readonly ContractDeployment[]): Doc {
  const domain = spec.metadata.name;
  const classification = classificationOf(spec, product);
  const fields = schema === undefined ? [] : schemaFields(schema);
  const partitionKeys = product.storage?.partitionKeys ?? [];
  const stream = isStream(product);
  const element = stream ? topicName(domain, product.name, majorVersion(product)) : catalogTableName(product.name);
  return {
    apiVersion: ODCS_API_VERSION,
    kind: "DataContract",
    id: contractId(domain, product.name),
    name: product.name,
    version: product.contract.version,
    status: "active",
    domain,
    dataProduct: product.name,
    description: { purpose: product.description, usage: `${stream ? "Kafka stream" : "S3 table"} of the ${domain} domain (${spec.metadata.businessCapability}), updated ${product.updateFrequency}.` },
    tags: ["meshkit", product.kind, classification, ...product.pii.map((p) => `pii:${p}`)],
    schema: [
      {
        name: catalogTableName(product.name),
        physicalName: element,
        physicalType: stream ? "topic" : "table",
        logicalType: "object",
        description: product.description,
        ...(fields.length > 0 ? { properties: fields.map((f) => property(f, classification, partitionKeys)) } : {}),
        quality: quality(product, fields),
      },
    ],
    servers: servers(spec, product, deployments, schema?.format.toLowerCase()),
    team: {
      name: spec.metadata.owner,
      members: spec.metadata.stewards.map((steward) => ({ username: steward, role: "data steward" })),
    },
    slaProperties: slaProperties(product),
    customProperties: [
      { property: "compatibility", value: product.contract.compatibility },
      { property: "classification", value: classification },
      { property: "pii", value: [...product.pii] },
      ...(schema !== undefined ? [{ property: "schemaFile", value: schema.path }] : []),
    ],
  };
}
