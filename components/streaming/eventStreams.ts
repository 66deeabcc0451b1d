/**
 * `meshkit:streaming:EventStreams`: a domain's Kafka topics, their ACLs and the Glue schema
 * registry holding each stream's contract.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "../aws";
import * as kafka from "@pulumi/kafka";
import { schemaRegistryName, topicName } from "../../conventions";
import type { DomainContext } from "../domain/context";
import { domainAclBindings, type AclBinding } from "./kafkaAcls";
import { previousMajorsOf } from "../manifest/majors";
import { isStream, majorVersion } from "../manifest/products";
import type { PreviousMajorSchemas, ProductSchema, StreamProduct } from "../manifest";
import { statefulOptions, streamRetentionDays } from "../domain/profile";
import { glueCompatibility } from "./schemaCompatibility";
import { domainTopics, type StreamTopic } from "./streamTopics";
import { productTags } from "../domain/tagging";

export interface EventStreamsArgs {
  readonly context: DomainContext;
  /**
   * The products' schemas as the manifest loader read them (`LoadedManifest.schemas`), keyed by
   * product name. Needed only when the schema registry is on and a stream product names a schema.
   */
  readonly schemas?: Readonly<Record<string, ProductSchema>>;
  /**
   * The previous majors' schemas as the manifest loader read them (`LoadedManifest.previousMajorSchemas`),
   * by product name, then major. Needed only when the schema registry is on and a stream product
   * with a schema lists previous majors.
   */
  readonly previousMajorSchemas?: PreviousMajorSchemas;
  /**
   * Create the Glue schema registry and a schema per stream product with a schema file. Default
   * `true`; off where no AWS provider exists (the Kafka-only end-to-end suite). A plain boolean,
   * not an Input: it decides which resources exist.
   */
  readonly schemaRegistry?: boolean;
}

const MS_PER_DAY = 86_400_000;
/** Dead letters and quarantined events are individual failures, never compacted state. */
const FAILURE_TOPIC_CLEANUP_POLICY = "delete";

export class EventStreams extends pulumi.ComponentResource {
  /** Every topic, keyed by topic name. */
  public readonly topics: Record<string, kafka.Topic> = {};
  /** Every ACL, keyed by its resource name. */
  public readonly acls: Record<string, kafka.Acl> = {};
  /** The domain's schema registry, unless `schemaRegistry` is false. */
  public readonly registry: aws.glue.Registry | undefined;
  /** Glue schemas, keyed by main topic name. */
  public readonly schemas: Record<string, aws.glue.Schema> = {};

  constructor(name: string, args: EventStreamsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("meshkit:streaming:EventStreams", name, {}, opts);
    const { spec, profile } = args.context;
    const stateful = statefulOptions(profile);
    const withRegistry = args.schemaRegistry ?? true;
    // Resolve every schema before creating anything, so a missing one fails the whole component.
    const majorSchemas = withRegistry ? spec.spec.products.filter(isStream).flatMap((p) => schemasByMajor(args, p)) : [];

    for (const topic of domainTopics(spec)) {
      this.topics[topic.name] = new kafka.Topic(
        topic.name,
        {
          name: topic.name,
          partitions: topic.product.stream.partitions,
          replicationFactor: profile.replicationFactor,
          config: topicConfig(args.context, topic),
        },
        { parent: this, ...stateful },
      );
    }

    for (const binding of domainAclBindings(spec)) {
      const aclName = aclResourceName(binding);
      const topic = binding.resourceType === "Topic" ? this.topics[binding.resourceName] : undefined;
      this.acls[aclName] = new kafka.Acl(
        aclName,
        {
          aclPrincipal: binding.principal,
          aclHost: binding.host,
          aclOperation: binding.operation,
          aclPermissionType: binding.permission,
          aclResourceType: binding.resourceType,
          aclResourceName: binding.resourceName,
          resourcePatternTypeFilter: binding.patternType,
        },
        { parent: this, dependsOn: topic === undefined ? [] : [topic] },
      );
    }

    if (withRegistry) {
      const domain = spec.metadata.name;
      const registryName = schemaRegistryName(profile.environment, domain);
      this.registry = new aws.glue.Registry(
        registryName,
        { registryName, description: `Event contracts of the ${domain} domain`, tags: { ...args.context.tags } },
        { parent: this, ...stateful },
      );
      for (const { product, major, schema, contract } of majorSchemas) {
        // One schema per main topic, named like it (Kafka's topic-name subject strategy), so a
        // previous major keeps the schema, and the resource name, it had when it was current.
        const subject = topicName(domain, product.name, major);
        this.schemas[subject] = new aws.glue.Schema(
          subject,
          {
            schemaName: subject,
            registryArn: this.registry.arn,
            dataFormat: schema.format,
            compatibility: glueCompatibility(product.contract.compatibility),
            schemaDefinition: schema.definition,
            description: `${product.description} (${contract})`,
            tags: productTags(args.context.tags, spec, product),
          },
          { parent: this, ...stateful },
        );
      }
    }

    this.registerOutputs({ topics: this.topics, acls: this.acls, registry: this.registry, schemas: this.schemas });
  }
}

function topicConfig(context: DomainContext, topic: StreamTopic): Record<string, string> {
  const retentionDays = streamRetentionDays(context.profile, topic.product.retentionDays);
  return {
    "cleanup.policy": topic.role === "main" ? topic.product.stream.cleanupPolicy : FAILURE_TOPIC_CLEANUP_POLICY,
    "retention.ms": String(retentionDays * MS_PER_DAY),
    "min.insync.replicas": String(context.profile.minInsyncReplicas),
  };
}

/** `<principal>-<operation>-<type>-<resource>`, e.g. `orders-producer-write-topic-orders.order-events.v1`. */
function aclResourceName(binding: AclBinding): string {
  const principal = binding.principal.replace(/^User:/, "");
  return `${principal}-${binding.operation.toLowerCase()}-${binding.resourceType.toLowerCase()}-${binding.resourceName}`;
}

interface MajorSchema {
  readonly product: StreamProduct;
  readonly major: number;
  readonly schema: ProductSchema;
  /** Which contract the schema is, for its description. */
  readonly contract: string;
}

/** The schemas a stream product registers: the current major's, then each previous major's. */
function schemasByMajor(args: EventStreamsArgs, product: StreamProduct): MajorSchema[] {
  if (product.schema === undefined) return [];
  const current: MajorSchema = {
    product,
    major: majorVersion(product),
    schema: schemaOf(args.schemas?.[product.name], product.name, product.schema, "LoadedManifest.schemas"),
    contract: `contract ${product.contract.version}`,
  };
  const previous = previousMajorsOf(product).map((p) => ({
    product,
    major: p.major,
    schema: schemaOf(args.previousMajorSchemas?.[product.name]?.[p.major], `${product.name} v${p.major}`, p.schema, "LoadedManifest.previousMajorSchemas"),
    contract: `contract v${p.major}, kept until ${p.sunset}`,
  }));
  return [current, ...previous];
}

function schemaOf(schema: ProductSchema | undefined, product: string, schemaPath: string | undefined, source: string): ProductSchema {
  if (schemaPath === undefined) {
    throw new Error(`EventStreams: product ${product} names no schema file, but the product registers a schema for every major (contract.previousMajors[].schema)`);
  }
  if (schema === undefined) {
    throw new Error(`EventStreams: product ${product} names schema ${schemaPath}, but no schemas were given for it (pass the loader's ${source})`);
  }
  return schema;
}
