/**
 * Deploys the example domains' security and storage components under mocks for one environment,
 * wired as a domain wires them (keys → buckets encrypted with them → roles), and returns what they
 * generated. Call after `installMocks()`; one environment per test file, since bucket URNs repeat.
 */
import type { Environment } from "../../conventions";
import type { DomainSpec } from "../../components/manifest";
import { contextFor, exampleManifests, TEST_PLATFORM } from "../support/exampleDomains";
import type { MockedResource } from "../support/mocks";
import { settle } from "../support/settle";
import { collectDeployment, type Deployment } from "./deployment";

export const TEST_OIDC_PROVIDER_ARN = `arn:aws:iam::${TEST_PLATFORM.accountId}:oidc-provider/oidc.eks.${TEST_PLATFORM.region}.amazonaws.com/id/EXAMPLE`;

export interface ExamplePlatform {
  readonly environment: Environment;
  readonly specs: DomainSpec[];
  readonly deployment: Deployment;
}

export async function deployExamples(registry: MockedResource[], environment: Environment): Promise<ExamplePlatform> {
  const { DomainKeys } = await import("../../components/domainKeys");
  const { StorageTiers } = await import("../../components/storageTiers");
  const { AccessControl } = await import("../../components/accessControl");
  const manifests = exampleManifests();
  const specs = manifests.map((m) => m.spec);
  const before = registry.length;
  for (const manifest of manifests) {
    const context = contextFor(manifest, environment);
    const domain = manifest.spec.metadata.name;
    const keys = new DomainKeys(`${domain}-keys`, { context });
    new StorageTiers(`${domain}-storage`, { context, keyArnFor: (p) => keys.keyFor(p).arn, auditKeyArn: keys.domainKey.arn });
    new AccessControl(`${domain}-access`, { context, platformSpecs: specs, oidcProviderArn: TEST_OIDC_PROVIDER_ARN });
  }
  await settle();
  return { environment, specs, deployment: collectDeployment(registry.slice(before), TEST_PLATFORM.accountId, TEST_PLATFORM.partition) };
}
