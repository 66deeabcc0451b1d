/** The example manifests under domains/, loaded and turned into component contexts for tests. */
import * as path from "node:path";
import { domainContext, type DomainContext, type PlatformSettings } from "../../components/domain/context";
import { loadPlatform, type LoadedManifest } from "../../components/manifest";

export const DOMAINS_DIR = path.resolve(__dirname, "../../domains");
export const EXAMPLE_FILES = ["orders", "payments", "customer-profile"].map((d) => path.join(DOMAINS_DIR, `${d}.yaml`));

/** A domain migrating its stream from v1 to v2: orders pinned to v1, payments on v2 (tests only, not an example). */
export const MIGRATING_MANIFEST = path.resolve(__dirname, "../fixtures/manifests/valid/shipping-migrating.yaml");

export const TEST_PLATFORM: PlatformSettings = {
  accountId: "123456789012",
  region: "eu-west-1",
  partition: "aws",
  platformAdminRoleArn: "arn:aws:iam::123456789012:role/platform-admin",
};

/** The three example domains, and `extraFiles` beside them; fails the test run loudly if any manifest is invalid. */
export function exampleManifests(extraFiles: readonly string[] = []): LoadedManifest[] {
  const result = loadPlatform([...EXAMPLE_FILES, ...extraFiles]);
  if (!result.ok) throw new Error(`example manifests are invalid:\n${result.issues.map((i) => `${i.file}:${i.line}: ${i.message}`).join("\n")}`);
  return result.manifests;
}

export function exampleManifest(domain: string): LoadedManifest {
  const found = exampleManifests().find((m) => m.spec.metadata.name === domain);
  if (found === undefined) throw new Error(`no example domain ${domain}`);
  return found;
}

export function contextFor(manifest: LoadedManifest, environment: "staging" | "production"): DomainContext {
  return domainContext(manifest.spec, environment, TEST_PLATFORM);
}
