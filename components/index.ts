/**
 * meshkit's public API: the manifest loader, the environment profiles and the component resources
 * that turn a domain manifest into its AWS, Kafka and Kubernetes resources.
 */
export * from "./manifest";
export { domainContext, type DomainContext, type PlatformSettings } from "./domain/context";
export { environmentProfile, statefulOptions, streamRetentionDays, type EnvironmentProfile } from "./domain/profile";
export { domainTags, productTags, type RequiredTags } from "./domain/tagging";
export { declaredAccess, isAllowed, type Access, type Grant } from "./grants/accessModel";
export { DataDomain, type DataDomainArgs, type DomainSummary } from "./domain/dataDomain";
export { DomainKeys, type DomainKeysArgs } from "./keys/domainKeys";
export { StorageTiers, type StorageTiersArgs } from "./storage/storageTiers";
export { EventStreams, type EventStreamsArgs } from "./streaming/eventStreams";
export { AccessControl, type AccessControlArgs } from "./access/accessControl";
export { DomainCatalog, type DomainCatalogArgs } from "./catalog/domainCatalog";
export { DomainWorkspace, type DomainWorkspaceArgs } from "./workspace/domainWorkspace";
export { DomainBudget, type DomainBudgetArgs } from "./finops/domainBudget";
export { checkSchemaCompatibility, UnusableSchemaError, type CompatibilityVerdict } from "./schemas/compatibility";
export { DomainAlerts, type DomainAlertsArgs } from "./observability/domainAlerts";
export { ServiceLevelAlarms, type ServiceLevelAlarmsArgs, type ProductAlarms } from "./observability/serviceLevelAlarms";
export { DataQualityRules, type DataQualityRulesArgs } from "./observability/dataQualityRules";
export { schemaFields, type FieldType, type SchemaField } from "./schemas/schemaFields";
export { odcsContract, type ContractDeployment } from "./contracts/odcsContract";
