/**
 * One business domain, from one validated manifest: keys, storage, streams, access control,
 * catalog, alerts and service-level alarms, and, where the manifest asks for them, a Kubernetes
 * workspace and a budget.
 */
import * as pulumi from "@pulumi/pulumi";
import { DATA_DOMAIN_TYPE } from "../../conventions";
import { AccessControl } from "../access/accessControl";
import type { DomainContext } from "./context";
import { DomainAlerts } from "../observability/domainAlerts";
import { DomainBudget } from "../finops/domainBudget";
import { DomainCatalog } from "../catalog/domainCatalog";
import { DataQualityRules } from "../observability/dataQualityRules";
import { DomainKeys } from "../keys/domainKeys";
import { DomainWorkspace } from "../workspace/domainWorkspace";
import { EventStreams } from "../streaming/eventStreams";
import { ServiceLevelAlarms } from "../observability/serviceLevelAlarms";
import { readPreviousMajorSchemas, readProductSchemas } from "../manifest/productSchemaFile";
import type { DomainSpec, PreviousMajorSchemas, ProductSchema } from "../manifest";
import { StorageTiers } from "../storage/storageTiers";

export interface DataDomainArgs {
  readonly context: DomainContext;
  /**
   * The products' schemas as the manifest loader read them (`LoadedManifest.schemas`). When absent,
   * they are read from `manifestFile`.
   */
  readonly schemas?: Readonly<Record<string, ProductSchema>>;
  /**
   * The previous majors' schemas as the manifest loader read them (`LoadedManifest.previousMajorSchemas`).
   * When absent, they are read from `manifestFile`.
   */
  readonly previousMajorSchemas?: PreviousMajorSchemas;
  /** The manifest file the spec came from; product schema paths are relative to it. */
  readonly manifestFile?: string;
  /**
   * Every manifest of the platform, deployed by this stack or another, so this domain's roles are
   * granted what other domains declare for it. Defaults to this domain's manifest alone.
   */
  readonly platformSpecs?: readonly DomainSpec[];
  /** IAM OIDC provider of the EKS cluster running the domain's pipelines (IRSA). */
  readonly eksOidcProviderArn: pulumi.Input<string>;
  /** Register stream schemas in the Glue schema registry. Default `true`. */
  readonly schemaRegistry?: boolean;
}

/** Names other teams and stacks look up. */
export interface DomainSummary {
  readonly topics: Record<string, pulumi.Input<string>>;
  readonly buckets: Record<string, pulumi.Input<string>>;
  readonly roles: Record<string, pulumi.Input<string>>;
  readonly catalogDatabase: pulumi.Input<string>;
  readonly namespace?: pulumi.Input<string>;
  /** The domain's alert topic. */
  readonly alertTopic: pulumi.Input<string>;
}

export class DataDomain extends pulumi.ComponentResource {
  public readonly domainName: string;
  public readonly keys: DomainKeys;
  public readonly storage: StorageTiers;
  public readonly streams: EventStreams;
  public readonly access: AccessControl;
  public readonly catalog: DomainCatalog;
  public readonly workspace: DomainWorkspace | undefined;
  public readonly budget: DomainBudget | undefined;
  /** The domain's alert topic; `alerts.topicArn` is what anything notifying the domain takes. */
  public readonly alerts: DomainAlerts;
  /** Each product's freshness and availability (burn-rate) alarms, notifying `alerts`. */
  public readonly serviceLevels: ServiceLevelAlarms;
  /** Glue Data Quality rulesets of the table products with a schema, their low scores notifying `alerts`. */
  public readonly quality: DataQualityRules;
  /** What other teams look up: topic, bucket, role and namespace names. */
  public readonly summary: pulumi.Output<pulumi.Unwrap<DomainSummary>>;

  constructor(name: string, args: DataDomainArgs, opts?: pulumi.ComponentResourceOptions) {
    super(DATA_DOMAIN_TYPE, name, {}, opts);
    const { context } = args;
    const { spec } = context;
    this.domainName = spec.metadata.name;
    const child = { parent: this };

    this.keys = new DomainKeys(`${name}-keys`, { context }, child);
    this.storage = new StorageTiers(
      `${name}-storage`,
      {
        context,
        keyArnFor: (product) => this.keys.keyFor(product).arn,
        auditKeyArn: this.keys.domainKey.arn,
      },
      child,
    );
    const schemas = args.schemas ?? schemasOf(spec, args.manifestFile);
    this.streams = new EventStreams(
      `${name}-streams`,
      {
        context,
        schemas,
        previousMajorSchemas: args.previousMajorSchemas ?? previousMajorSchemasOf(spec, args.manifestFile),
        schemaRegistry: args.schemaRegistry,
      },
      child,
    );
    this.access = new AccessControl(
      `${name}-access`,
      { context, platformSpecs: args.platformSpecs, oidcProviderArn: args.eksOidcProviderArn },
      child,
    );
    this.catalog = new DomainCatalog(`${name}-catalog`, { context, schemas }, child);
    this.workspace =
      spec.spec.workloads === undefined
        ? undefined
        : new DomainWorkspace(`${name}-workspace`, { context, pipelineRoleArn: this.access.roleArns.pipeline }, child);
    this.budget = spec.metadata.budget === undefined ? undefined : new DomainBudget(`${name}-budget`, { context }, child);
    this.alerts = new DomainAlerts(`${name}-alerts`, { context, keyArn: this.keys.domainKey.arn }, child);
    this.serviceLevels = new ServiceLevelAlarms(`${name}-slos`, { context, alertTopicArn: this.alerts.topicArn }, child);
    this.quality = new DataQualityRules(
      `${name}-quality`,
      { context, schemas: schemas ?? {}, databaseName: this.catalog.database.name, alertTopicArn: this.alerts.topicArn },
      { parent: this, dependsOn: Object.values(this.catalog.tables) },
    );

    const summary: DomainSummary = {
      topics: Object.fromEntries(Object.entries(this.streams.topics).map(([key, topic]) => [key, topic.name])),
      buckets: { ...this.storage.bucketNames },
      roles: this.access.roleArns,
      catalogDatabase: this.catalog.databaseName,
      namespace: this.workspace?.namespaceName,
      alertTopic: this.alerts.topicArn,
    };
    this.summary = pulumi.output(summary);
    this.registerOutputs({ summary: this.summary, alerts: this.alerts, serviceLevels: this.serviceLevels, quality: this.quality });
  }
}

function schemasOf(spec: DomainSpec, manifestFile: string | undefined): Readonly<Record<string, ProductSchema>> | undefined {
  return manifestFile === undefined ? undefined : readProductSchemas(spec, manifestFile);
}

function previousMajorSchemasOf(spec: DomainSpec, manifestFile: string | undefined): PreviousMajorSchemas | undefined {
  return manifestFile === undefined ? undefined : readPreviousMajorSchemas(spec, manifestFile);
}
