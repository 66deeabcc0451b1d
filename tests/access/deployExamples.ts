/**
 * Deploys the three example domains under mocks for one environment, each as the stack program
 * does (one DataDomain per manifest, every manifest of the platform passed for cross-domain
 * grants), and returns the policies they generated. Call after `installMocks()`; one environment
 * per test file, since URNs would repeat.
 */
import type { Environment } from "../../conventions";
import type { DomainSpec } from "../../components/manifest";
import { contextFor, exampleManifests, TEST_PLATFORM } from "../support/exampleDomains";
import type { MockedResource } from "../support/mocks";
import { settle } from "../support/settle";
import { collectDeployment, type Deployment } from "./deployment";

const TEST_OIDC_PROVIDER_ARN = `arn:aws:iam::${TEST_PLATFORM.accountId}:oidc-provider/oidc.eks.${TEST_PLATFORM.region}.amazonaws.com/id/EXAMPLE`;

export interface ExamplePlatform {
  readonly environment: Environment;
  readonly specs: DomainSpec[];
  readonly deployment: Deployment;
}

/** `extraFiles`: more manifests deployed beside the examples (a domain migrating a stream between majors). */
export async function deployExamples(registry: MockedResource[], environment: Environment, extraFiles: readonly string[] = []): Promise<ExamplePlatform> {
  const { DataDomain } = await import("../../components/domain/dataDomain");
  const manifests = exampleManifests(extraFiles);
  const specs = manifests.map((m) => m.spec);
  const before = registry.length;
  for (const manifest of manifests) {
    new DataDomain(manifest.spec.metadata.name, {
      context: contextFor(manifest, environment),
      schemas: manifest.schemas,
      previousMajorSchemas: manifest.previousMajorSchemas,
      platformSpecs: specs,
      eksOidcProviderArn: TEST_OIDC_PROVIDER_ARN,
    });
  }
  await settle();
  return { environment, specs, deployment: collectDeployment(registry.slice(before), TEST_PLATFORM.accountId, TEST_PLATFORM.partition) };
}
