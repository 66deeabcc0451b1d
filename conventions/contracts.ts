/**
 * How a product's data contract is identified outside meshkit: the exported ODCS document's id,
 * and the Glue table parameters that lead a consumer from the catalog entry to that document.
 */

/** The contract's id: stable across its versions, unique on the platform. */
export function contractId(domain: string, product: string): string {
  return `urn:meshkit:contract:${domain}:${product}`;
}

/** Glue table parameter holding the contract's id. */
export const CONTRACT_ID_PARAMETER = "contract-id";

/** Glue table parameter holding the contract's version. */
export const CONTRACT_VERSION_PARAMETER = "contract-version";

/** Glue table parameter naming the standard the exported contract follows. */
export const CONTRACT_STANDARD_PARAMETER = "contract-standard";

/** The Open Data Contract Standard version `meshkit contracts export` writes. */
export const ODCS_API_VERSION = "v3.1.0";

/** Glue table parameter holding the contract's quality threshold in percent, which the guardrails read. */
export const QUALITY_THRESHOLD_PARAMETER = "quality-threshold";
