/**
 * Glue Data Catalog access to one table product. Glue authorises a table call against the
 * catalog, the database and the table ARN together, so all three are listed. ARNs only: Glue
 * does not evaluate resource tags on the catalog ARN, so an ABAC condition would deny every call.
 */
import type { Access } from "../grants/accessModel";
import type { PolicyStatement } from "../policy/policyDocument";
import type { PlatformSettings } from "../domain/context";
import type { EnvironmentProfile } from "../domain/profile";
import { glueCatalogArn, glueDatabaseArn, glueTableArn } from "../policy/arns";

/** Finding a table and its partitions. */
export const GLUE_READ_ACTIONS = ["glue:GetDatabase", "glue:GetTable", "glue:GetPartition", "glue:GetPartitions"];
/** Registering partitions and updating table metadata as data lands. */
export const GLUE_WRITE_ACTIONS = [
  "glue:CreatePartition",
  "glue:BatchCreatePartition",
  "glue:UpdatePartition",
  "glue:DeletePartition",
  "glue:BatchDeletePartition",
  "glue:UpdateTable",
];

export function catalogAccessStatements(
  platform: PlatformSettings,
  profile: EnvironmentProfile,
  domain: string,
  product: string,
  access: readonly Access[],
  sidPrefix: string,
): PolicyStatement[] {
  const resources = [glueCatalogArn(platform), glueDatabaseArn(platform, profile, domain), glueTableArn(platform, profile, domain, product)];
  const statements: PolicyStatement[] = [];
  if (access.includes("read")) statements.push({ Sid: `${sidPrefix}CatalogRead`, Effect: "Allow", Action: GLUE_READ_ACTIONS, Resource: resources });
  if (access.includes("write")) statements.push({ Sid: `${sidPrefix}CatalogWrite`, Effect: "Allow", Action: GLUE_WRITE_ACTIONS, Resource: resources });
  return statements;
}
