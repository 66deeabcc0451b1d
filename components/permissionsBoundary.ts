/**
 * The permissions boundary of a domain's roles: the most any of them may ever do, whatever policy
 * is attached to them later. It allows the domain's own and granted products' data (the union of
 * its roles' grants) and meshkit keys of its environment, nothing else: no IAM, no key
 * administration, no bucket policy changes, no other data.
 */
import type { PolicyDocument, PolicyStatement } from "./bucketAccess";
import { bucketAccessStatements } from "./bucketAccess";
import { catalogAccessStatements } from "./catalogAccess";
import type { DomainContext } from "./context";
import { heldProducts } from "./grantedProducts";
import { keyActions } from "./identityPolicy";
import { isTable, type DomainSpec } from "./manifest";
import { sid } from "./policySid";
import { anyKeyArn, productBucketArn } from "./productResources";
import { MANAGED_BY } from "../conventions";

export function permissionsBoundaryPolicy(context: DomainContext, platformSpecs: readonly DomainSpec[]): PolicyDocument {
  const { platform, profile } = context;
  const held = heldProducts(platformSpecs, context.spec.metadata.name);
  const statements: PolicyStatement[] = [
    {
      Sid: "MeshkitKeys",
      Effect: "Allow",
      Action: keyActions(["read", "write"]),
      Resource: anyKeyArn(platform),
      Condition: { StringEquals: { "aws:ResourceTag/environment": profile.environment, "aws:ResourceTag/managed-by": MANAGED_BY } },
    },
  ];
  for (const { spec, product, access } of held.filter((h) => isTable(h.product))) {
    const owner = spec.metadata.name;
    const prefix = sid(owner, product.name);
    statements.push(
      ...bucketAccessStatements(productBucketArn(platform, profile, owner, product.name), access, prefix),
      ...catalogAccessStatements(platform, profile, owner, product.name, access, prefix),
    );
  }
  return { Version: "2012-10-17", Statement: statements };
}
