/** Where a meshkit project keeps its manifests, and the type token tools group resources by. */

/** Manifests of the platform, relative to the Pulumi project (`meshkit validate`'s default too). */
export const DEFAULT_DOMAIN_PATTERNS: readonly string[] = ["domains/*.yaml"];

/** Type token of the component every domain's resources live under; published, never changes. */
export const DATA_DOMAIN_TYPE = "meshkit:data:DataDomain";
