/**
 * Reads a stack's `meshkit:*` config into typed settings, failing with one clear message that
 * names every missing or malformed key.
 */
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_DOMAIN_PATTERNS } from "../conventions";
import { environmentProfile, type EnvironmentProfile } from "../components/domain/profile";
import type { PlatformSettings } from "../components/domain/context";

export interface KafkaSettings {
  readonly bootstrapServers: string[];
  readonly tlsEnabled: boolean;
  readonly saslMechanism: "plain" | "scram-sha256" | "scram-sha512" | "aws-iam";
  readonly saslUsername?: string;
  /** Secret; when unset the Kafka provider reads KAFKA_SASL_PASSWORD. */
  readonly saslPassword?: pulumi.Output<string>;
}

export interface KubernetesSettings {
  readonly context?: string;
  /** Secret; when unset the provider uses the ambient kubeconfig. */
  readonly kubeconfig?: pulumi.Output<string>;
}

export interface StackSettings {
  readonly profile: EnvironmentProfile;
  /** Manifests this stack deploys: paths or globs, relative to the project. */
  readonly domains: string[];
  /** Manifests of the whole platform, so consumers living in other stacks resolve. */
  readonly platformDomains: string[];
  readonly platform: PlatformSettings;
  /** IAM OIDC provider of the EKS cluster running the domains' pipelines (IRSA). */
  readonly eksOidcProviderArn: string;
  readonly kafka: KafkaSettings;
  readonly kubernetes: KubernetesSettings;
}

export function readStackSettings(): StackSettings {
  const meshkit = new pulumi.Config("meshkit");
  const aws = new pulumi.Config("aws");
  const profile = environmentProfile(meshkit.get("environment") ?? pulumi.getStack());
  const accountId = meshkit.require("accountId");
  if (!/^\d{12}$/.test(accountId)) throw new Error(`meshkit:accountId must be a 12-digit AWS account id, not "${accountId}"`);
  const partition = meshkit.get("partition") ?? "aws";
  const kafka = meshkit.requireObject<Partial<KafkaSettings>>("kafka");
  if (!Array.isArray(kafka.bootstrapServers) || kafka.bootstrapServers.length === 0) {
    throw new Error("meshkit:kafka.bootstrapServers must list at least one broker");
  }
  return {
    profile,
    domains: meshkit.requireObject<string[]>("domains"),
    platformDomains: meshkit.getObject<string[]>("platformDomains") ?? [...DEFAULT_DOMAIN_PATTERNS],
    platform: {
      accountId,
      region: aws.require("region"),
      partition,
      platformAdminRoleArn: meshkit.get("platformAdminRoleArn") ?? `arn:${partition}:iam::${accountId}:role/meshkit-platform-admin`,
    },
    eksOidcProviderArn: meshkit.require("eksOidcProviderArn"),
    kafka: {
      bootstrapServers: kafka.bootstrapServers,
      tlsEnabled: kafka.tlsEnabled ?? true,
      saslMechanism: kafka.saslMechanism ?? "scram-sha512",
      saslUsername: kafka.saslUsername,
      saslPassword: meshkit.getSecret("kafkaSaslPassword"),
    },
    kubernetes: {
      context: meshkit.get("kubeContext"),
      kubeconfig: meshkit.getSecret("kubeconfig"),
    },
  };
}
