/**
 * Glue Schema Registry access to one stream product's schema: reading it, which is all a producer
 * or consumer serialiser needs. Nobody registers versions at run time; a new contract version
 * comes through the manifest and `pulumi up`, so the registry stays what the manifests declare.
 */
import type { PolicyStatement } from "../policy/policyDocument";
import type { PlatformSettings } from "../domain/context";
import type { EnvironmentProfile } from "../domain/profile";
import { schemaRegistryArn, streamSchemaArn } from "../policy/arns";

export const SCHEMA_READ_ACTIONS = ["glue:GetSchema", "glue:GetSchemaVersion", "glue:GetSchemaByDefinition", "glue:ListSchemaVersions"];

/** Reading the schemas of the given majors of a product (each major registers its own). */
export function schemaReadStatement(
  platform: PlatformSettings,
  profile: EnvironmentProfile,
  domain: string,
  product: string,
  majors: readonly number[],
): PolicyStatement {
  return {
    Sid: "SchemaRead",
    Effect: "Allow",
    Action: SCHEMA_READ_ACTIONS,
    Resource: [schemaRegistryArn(platform, profile, domain), ...majors.map((major) => streamSchemaArn(platform, profile, domain, product, major))],
  };
}
