/**
 * `meshkit:data:StorageTiers`: a bucket per table product (encrypted with the product's key,
 * tiered and expired as the manifest says, fenced by a data perimeter matching declared access);
 * the domain's audit bucket for evidence that must not change (quality reports, erasure records,
 * exports; compliance-mode object lock in production); and the bucket receiving the server access
 * logs of both (a separate one, see accessLogDelivery.ts). Bucket names are deterministic.
 */
import * as pulumi from "@pulumi/pulumi";
import { accessLogBucketName, auditBucketName, BUCKET_PURPOSE_TAG_KEY, productBucketName, type BucketPurpose } from "../../conventions";
import { accessLogBucketPolicy, ACCESS_LOG_PREFIX } from "./accessLogDelivery";
import { bucketArn } from "../policy/arns";
import { allPrincipals } from "../grants/productPrincipals";
import { denyInsecureTransport, denyWrongEncryption, productBucketPolicy } from "./bucketPolicy";
import { accessLogLifecycleRules, auditLifecycleRules, productLifecycleRules } from "./bucketLifecycle";
import type { DomainContext } from "../domain/context";
import { fillPending, PENDING_VALUE } from "./policyPlaceholder";
import { hardenedBucket, type HardenedBucket } from "./hardenedBucket";
import { isTable } from "../manifest/products";
import { statefulOptions } from "../domain/profile";
import { productTags } from "../domain/tagging";

/** A bucket's tags saying what it is for, which the audit-bucket guardrail reads instead of its name. */
function withPurpose(tags: Readonly<Record<string, string>>, purpose: BucketPurpose): Record<string, string> {
  return { ...tags, [BUCKET_PURPOSE_TAG_KEY]: purpose };
}

export interface StorageTiersArgs {
  readonly context: DomainContext;
  /** ARN of the KMS key encrypting a table product's bucket (DomainKeys' `keyFor(product).arn`). */
  readonly keyArnFor: (product: string) => pulumi.Input<string>;
  /** ARN of the domain's KMS key, encrypting the audit bucket. */
  readonly auditKeyArn: pulumi.Input<string>;
}

export class StorageTiers extends pulumi.ComponentResource {
  /** Product buckets with their configuration, keyed by product name. */
  public readonly products: Record<string, HardenedBucket> = {};
  /** Bucket names, keyed by product name: deterministic, known before deployment. */
  public readonly bucketNames: Record<string, string> = {};
  public readonly audit: HardenedBucket;
  public readonly accessLogs: HardenedBucket;

  constructor(name: string, args: StorageTiersArgs, opts?: pulumi.ComponentResourceOptions) {
    super("meshkit:data:StorageTiers", name, {}, opts);
    const { spec, profile, platform, tags } = args.context;
    const domain = spec.metadata.name;
    const environment = profile.environment;
    const stateful = statefulOptions(profile);
    const tables = spec.spec.products.filter(isTable);

    const auditName = auditBucketName(environment, domain, platform.accountId);
    const auditArn = bucketArn(platform, auditName);
    const logName = accessLogBucketName(environment, domain, platform.accountId);
    const logArn = bucketArn(platform, logName);
    for (const product of tables) this.bucketNames[product.name] = productBucketName(environment, domain, product.name, platform.accountId);
    const loggedArns = [auditArn, ...Object.values(this.bucketNames).map((b) => bucketArn(platform, b))];

    this.accessLogs = hardenedBucket(this, `${domain}-access-logs`, {
      bucketName: logName,
      tags: withPurpose(tags, "access-logs"),
      encryption: { kind: "s3" },
      lifecycleRules: accessLogLifecycleRules(),
      policy: accessLogBucketPolicy(logArn, platform.accountId, loggedArns),
      stateful,
    });
    // Partitioned keys already name the source bucket: <prefix><account>/<region>/<bucket>/<date>/.
    const logging = { targetBucket: this.accessLogs.bucket.bucket, targetPrefix: ACCESS_LOG_PREFIX };

    this.audit = hardenedBucket(this, `${domain}-audit`, {
      bucketName: auditName,
      tags: withPurpose(tags, "audit"),
      encryption: { kind: "kms", keyArn: args.auditKeyArn },
      lifecycleRules: auditLifecycleRules(profile),
      policy: fillPending(
        { Version: "2012-10-17", Statement: [denyInsecureTransport(auditArn), ...denyWrongEncryption(auditArn, PENDING_VALUE)] },
        args.auditKeyArn,
      ),
      logging,
      objectLockYears: profile.auditObjectLockYears,
      stateful,
    });

    for (const product of tables) {
      const name = this.bucketNames[product.name];
      const arn = bucketArn(platform, name);
      const keyArn = args.keyArnFor(product.name);
      const principals = allPrincipals(args.context, product);
      this.products[product.name] = hardenedBucket(this, `${domain}-${product.name}`, {
        bucketName: name,
        tags: withPurpose(productTags(tags, spec, product), "data-product"),
        encryption: { kind: "kms", keyArn },
        lifecycleRules: productLifecycleRules(product),
        policy: fillPending(productBucketPolicy(arn, PENDING_VALUE, principals), keyArn),
        logging,
        stateful,
      });
    }

    this.registerOutputs({ products: this.products, bucketNames: this.bucketNames, audit: this.audit, accessLogs: this.accessLogs });
  }
}
