/**
 * Deploys a validated platform in-process, as stacks/index.ts does (explicit providers, one
 * DataDomain per manifest, every manifest known for cross-domain grants), under the offline
 * engine's mock answers and registration capture, on a fresh mock monitor per deployment.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as kafka from "@pulumi/kafka";
import * as k8s from "@pulumi/kubernetes";
import { makeUrn, type CapturedResource } from "../../engine";
import { wrapMonitor, type MockMonitorLike } from "../../engine/worker/capture";
import { invokeAnswer, newResourceState } from "../../engine/worker/mockAnswers";
import { DataDomain } from "../../components/domain/dataDomain";
import { domainContext } from "../../components/domain/context";
import type { LoadedManifest } from "../../components/manifest";
import type { Environment } from "../../conventions";
import { TEST_PLATFORM } from "../support/exampleDomains";
import { settle } from "../support/settle";

const PROJECT = "meshkit";
const EKS_OIDC_PROVIDER_ARN = `arn:aws:iam::${TEST_PLATFORM.accountId}:oidc-provider/oidc.eks.${TEST_PLATFORM.region}.amazonaws.com/id/EXAMPLE`;

export interface Deployed {
  readonly resources: CapturedResource[];
  /** The URN of every registration requested, refused duplicates included. */
  readonly requestedUrns: string[];
  /** Registrations the mock engine refused (a duplicate URN) or that failed. */
  readonly failures: string[];
}

// As the engine's worker does: source positions parse a full stack trace per resource, and nothing here reads them.
(pulumi.Resource as unknown as { callsites: () => unknown[] }).callsites = () => [];

export async function deployPlatform(manifests: readonly LoadedManifest[], environment: Environment): Promise<Deployed> {
  const config = { "aws:region": TEST_PLATFORM.region };
  const answers = { dryRun: false, config };
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => (args.custom === false ? { id: undefined, state: {} } : newResourceState(answers, args.type, args.name, args.inputs, args.id)),
      call: (args) => invokeAnswer(answers, args.token, args.inputs),
    },
    PROJECT,
    environment,
    false,
  );
  const resources: CapturedResource[] = [];
  const requestedUrns: string[] = [];
  const failures: string[] = [];
  const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitorLike;
  wrapMonitor(monitor, environment, PROJECT, {
    resource: (r) => resources.push(r as CapturedResource),
    outputs: () => undefined,
    invoke: () => undefined,
  });
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    requestedUrns.push(makeUrn(environment, PROJECT, req.getParent() || undefined, req.getType(), req.getName()));
    return register(req, (err, resp) => {
      if (err) failures.push(err.message);
      cb(err, resp);
    });
  };

  const providers = [
    new aws.Provider(`aws-${environment}`, { region: TEST_PLATFORM.region as aws.Region, allowedAccountIds: [TEST_PLATFORM.accountId] }),
    new kafka.Provider(`kafka-${environment}`, { bootstrapServers: ["kafka-1.example.com:9092"], tlsEnabled: true, saslMechanism: "scram-sha512" }),
    new k8s.Provider(`kubernetes-${environment}`, { context: `eks-${environment}` }),
  ];
  const platformSpecs = manifests.map((m) => m.spec);
  for (const { spec, schemas, previousMajorSchemas } of manifests) {
    new DataDomain(
      spec.metadata.name,
      { context: domainContext(spec, environment, TEST_PLATFORM), schemas, previousMajorSchemas, platformSpecs, eksOidcProviderArn: EKS_OIDC_PROVIDER_ARN },
      { providers },
    );
  }
  await settle();
  return { resources, requestedUrns, failures };
}
