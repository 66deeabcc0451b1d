/**
 * Explicit providers built from stack config, so every resource names the region, cluster and
 * Kubernetes context it lands in (and the data-residency policy can check them).
 */
import * as aws from "../components/aws";
import * as kafka from "@pulumi/kafka";
import * as k8s from "../components/kubernetes";
import type { StackSettings } from "./settings";

export interface PlatformProviders {
  readonly aws: aws.Provider;
  readonly kafka: kafka.Provider;
  readonly kubernetes: k8s.Provider;
}

export function platformProviders(settings: StackSettings): PlatformProviders {
  const env = settings.profile.environment;
  return {
    aws: new aws.Provider(`aws-${env}`, {
      region: settings.platform.region as aws.Region,
      allowedAccountIds: [settings.platform.accountId],
    }),
    kafka: new kafka.Provider(`kafka-${env}`, {
      bootstrapServers: settings.kafka.bootstrapServers,
      tlsEnabled: settings.kafka.tlsEnabled,
      saslMechanism: settings.kafka.saslMechanism,
      saslUsername: settings.kafka.saslUsername,
      saslPassword: settings.kafka.saslPassword,
    }),
    kubernetes: new k8s.Provider(`kubernetes-${env}`, {
      context: settings.kubernetes.context,
      kubeconfig: settings.kubernetes.kubeconfig,
    }),
  };
}
