/** Small hand-made domain manifests for the builder tests, validated by the real manifest schema. */
import { domainManifestSchema, type DomainSpec } from "../../../components/manifest";

export interface ProductInput {
  readonly name: string;
  readonly kind: "stream" | "table";
  readonly pii?: string[];
  readonly classification?: "public" | "internal" | "confidential" | "restricted";
  readonly retentionDays?: number;
  readonly version?: string;
  readonly consumers?: readonly string[];
  readonly stream?: { deadLetter?: boolean; quarantine?: boolean };
  readonly storage?: { warmAfterDays?: number; coldAfterDays?: number; archiveAfterDays?: number };
}

/** A valid manifest of `domain` with the given products; throws (with zod's reasons) when it is not valid. */
export function handMadeSpec(domain: string, products: readonly ProductInput[], classification: "internal" | "confidential" | "restricted" = "confidential"): DomainSpec {
  return domainManifestSchema.parse({
    apiVersion: "meshkit/v1",
    kind: "DataDomain",
    metadata: {
      name: domain,
      owner: `${domain}-team`,
      stewards: ["a@example.com", "b@example.com"],
      costCenter: "CC-1000",
      businessCapability: "testing",
    },
    spec: {
      classification,
      products: products.map((p) => ({
        name: p.name,
        description: `${p.name} for tests`,
        kind: p.kind,
        ...(p.classification === undefined ? {} : { classification: p.classification }),
        pii: p.pii ?? [],
        retentionDays: p.retentionDays ?? (p.kind === "stream" ? 7 : 3650),
        updateFrequency: "daily",
        contract: { version: p.version ?? "1.0.0", compatibility: "backward", qualityThreshold: 95, availability: 99, freshnessMinutes: 60 },
        ...(p.kind === "stream"
          ? { stream: { partitions: 3, deadLetter: p.stream?.deadLetter ?? false, quarantine: p.stream?.quarantine ?? false } }
          : { storage: { format: "parquet", ...(p.storage ?? {}) } }),
        consumers: (p.consumers ?? []).map((d) => ({ domain: d, purpose: `${d} needs it` })),
      })),
    },
  });
}
