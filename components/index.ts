/**
 * meshkit's public API: the manifest loader, the environment profiles and the component resources
 * that turn a domain manifest into its AWS, Kafka and Kubernetes resources.
 */
export * from "./manifest";
export { domainContext, type DomainContext, type PlatformSettings } from "./context";
export { environmentProfile, statefulOptions, streamRetentionDays, type EnvironmentProfile } from "./profile";
export { domainTags, productTags, type RequiredTags } from "./tagging";
export { declaredAccess, isAllowed, type Access, type Grant } from "./accessModel";
export { DataDomain, type DataDomainArgs, type DomainSummary } from "./dataDomain";
export { DomainKeys, type DomainKeysArgs } from "./domainKeys";
export { StorageTiers, type StorageTiersArgs } from "./storageTiers";
export { EventStreams, type EventStreamsArgs } from "./eventStreams";
export { AccessControl, type AccessControlArgs } from "./accessControl";
export { DomainCatalog, type DomainCatalogArgs } from "./domainCatalog";
export { DomainWorkspace, type DomainWorkspaceArgs } from "./domainWorkspace";
export { DomainBudget, type DomainBudgetArgs } from "./domainBudget";
