/**
 * Customer-managed KMS keys of a domain: one for the domain, and one per restricted product so
 * access to that product can be revoked on its own. Rotation is on, the deletion window comes from
 * the environment profile, aliases are deterministic, and each key policy separates
 * administrators (the platform role) from users (the domain's roles and granted consumers).
 */
import * as aws from "../aws";
import * as pulumi from "@pulumi/pulumi";
import { keyAlias, needsDedicatedKey } from "../../conventions";
import type { DomainContext } from "../domain/context";
import { productEncryptionContext } from "../policy/encryptionContext";
import { keyPolicy, type AlertPublishingGrant, type KeyConsumerGrant } from "./keyPolicy";
import { domainAlarmsArn } from "../policy/arns";
import { deployedMajors } from "../manifest/majors";
import { classificationOf, majorVersion } from "../manifest/products";
import type { DataProduct } from "../manifest";
import { consumerPrincipals, ownPrincipals } from "../grants/productPrincipals";
import { statefulOptions } from "../domain/profile";
import { productTags } from "../domain/tagging";

export interface DomainKeysArgs {
  readonly context: DomainContext;
}

/** Whether a product is encrypted with a key of its own rather than the domain key. */
function hasDedicatedKey(context: DomainContext, product: DataProduct): boolean {
  return needsDedicatedKey(classificationOf(context.spec, product));
}

/**
 * Consumers' decrypt grants on one product: a table's, or one per deployed major of a stream, each
 * admitting the consumers of that major to its topic's context only.
 */
function keyConsumerGrants(context: DomainContext, product: DataProduct): KeyConsumerGrant[] {
  const { platform, profile, spec } = context;
  const domain = spec.metadata.name;
  if (product.kind !== "stream") {
    return [{ product: product.name, readers: consumerPrincipals(context, product).readers, context: productEncryptionContext(platform, profile, domain, product) }];
  }
  const current = majorVersion(product);
  return deployedMajors(product).map((major) => ({
    product: product.name,
    ...(major === current ? {} : { previousMajor: major }),
    readers: consumerPrincipals(context, product, major).readers,
    context: productEncryptionContext(platform, profile, domain, product, major),
  }));
}

export class DomainKeys extends pulumi.ComponentResource {
  /** The domain key: every product without a key of its own, plus the domain's shared resources. */
  public readonly domainKey: aws.kms.Key;
  public readonly domainAlias: aws.kms.Alias;
  /** Keys of restricted products, by product name. */
  public readonly productKeys: Readonly<Record<string, aws.kms.Key>>;
  public readonly productAliases: Readonly<Record<string, aws.kms.Alias>>;
  private readonly domain: string;
  private readonly products: ReadonlySet<string>;

  constructor(name: string, args: DomainKeysArgs, opts?: pulumi.ComponentResourceOptions) {
    super("meshkit:security:DomainKeys", name, {}, opts);
    const { context } = args;
    const { spec, profile, platform, tags } = context;
    const domain = spec.metadata.name;
    this.domain = domain;
    this.products = new Set(spec.spec.products.map((p) => p.name));
    const stateful = { parent: this, ...statefulOptions(profile) };

    // The domain's own roles hold every product alike (a manifest declares at least one), so they
    // use every key of the domain, the domain key too when all products have keys of their own.
    const own = ownPrincipals(context, spec.spec.products[0]);
    // The domain key also encrypts the domain's alert topic, so the publishing services use it.
    const alertPublishing: AlertPublishingGrant = { sourceAccount: platform.accountId, alarmSourceArn: domainAlarmsArn(platform, profile, domain) };
    const policyFor = (products: readonly DataProduct[], alerts?: AlertPublishingGrant) =>
      JSON.stringify(
        keyPolicy({
          accountRootArn: `arn:${platform.partition}:iam::${platform.accountId}:root`,
          administrators: [platform.platformAdminRoleArn],
          readers: own.readers,
          writers: own.writers,
          consumers: products.flatMap((p) => keyConsumerGrants(context, p)),
          alertPublishing: alerts,
        }),
      );
    const newKey = (
      resourceName: string,
      description: string,
      products: readonly DataProduct[],
      keyTags: Record<string, string>,
      alerts?: AlertPublishingGrant,
    ) =>
      new aws.kms.Key(
        resourceName,
        {
          description,
          keyUsage: "ENCRYPT_DECRYPT",
          enableKeyRotation: true,
          deletionWindowInDays: profile.kmsDeletionWindowDays,
          policy: policyFor(products, alerts),
          tags: keyTags,
        },
        stateful,
      );

    const shared = spec.spec.products.filter((p) => !hasDedicatedKey(context, p));
    this.domainKey = newKey(`${name}-key`, `meshkit ${profile.environment} ${domain}: domain key`, shared, { ...tags }, alertPublishing);
    this.domainAlias = new aws.kms.Alias(
      `${name}-alias`,
      { name: keyAlias(profile.environment, domain), targetKeyId: this.domainKey.keyId },
      stateful,
    );

    const productKeys: Record<string, aws.kms.Key> = {};
    const productAliases: Record<string, aws.kms.Alias> = {};
    for (const product of spec.spec.products.filter((p) => hasDedicatedKey(context, p))) {
      const key = newKey(
        `${name}-${product.name}-key`,
        `meshkit ${profile.environment} ${domain}/${product.name}: product key`,
        [product],
        productTags(tags, spec, product),
      );
      productKeys[product.name] = key;
      productAliases[product.name] = new aws.kms.Alias(
        `${name}-${product.name}-alias`,
        { name: keyAlias(profile.environment, domain, product.name), targetKeyId: key.keyId },
        stateful,
      );
    }
    this.productKeys = productKeys;
    this.productAliases = productAliases;

    this.registerOutputs({
      domainKey: this.domainKey,
      domainAlias: this.domainAlias,
      productKeys: this.productKeys,
      productAliases: this.productAliases,
    });
  }

  /** The key that encrypts a product's data; throws for a product the domain does not declare. */
  keyFor(product: string): aws.kms.Key {
    const dedicated = this.productKeys[product];
    if (dedicated !== undefined) return dedicated;
    if (!this.products.has(product)) {
      throw new Error(`domain ${this.domain} declares no product named ${product}, so it has no key for it`);
    }
    return this.domainKey;
  }
}
