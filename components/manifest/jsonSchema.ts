/** The manifest's JSON Schema, so editors complete and check manifests (`meshkit schema`). */
import { z } from "zod";
import { domainManifestSchema } from "./schema";

export function manifestJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(domainManifestSchema, { io: "input", target: "draft-2020-12" }) as Record<string, unknown>;
  return {
    ...schema,
    $id: "https://meshkit.dev/schemas/domain-manifest-v1.json",
    title: "meshkit DataDomain manifest (meshkit/v1)",
  };
}
