/**
 * Reads a stack's `meshkit:*` config into typed settings, failing with one clear message that
 * names every missing or malformed key.
 */
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_DOMAIN_PATTERNS, isEnvironment } from "../conventions";
import { environmentProfile, type EnvironmentProfile } from "../components/domain/profile";
import type { PlatformSettings } from "../components/domain/context";
import { readPlatformManifests } from "../components/manifest/platformManifestsFile";
import type { PlatformSource } from "../components/manifest/stackManifests";

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
  /**
   * Manifests of the whole platform, so consumers living in other stacks resolve: `meshkit:platformDomains`,
   * or, in a part of a split review, the manifests the review read once (`meshkit:platformManifestsFile`).
   */
  readonly platformDomains: PlatformSource;
  readonly platform: PlatformSettings;
  /** IAM OIDC provider of the EKS cluster running the domains' pipelines (IRSA). */
  readonly eksOidcProviderArn: string;
  readonly kafka: KafkaSettings;
  readonly kubernetes: KubernetesSettings;
}

export function readStackSettings(): StackSettings {
  const meshkit = new pulumi.Config("meshkit");
  const aws = new pulumi.Config("aws");
  // Every problem is collected first, so one failed run names all the keys to fix.
  const problems: string[] = [];
  const required = (config: pulumi.Config, key: string): string => {
    const value = config.get(key);
    if (value === undefined) problems.push(`${config.name}:${key} is required`);
    return value ?? "";
  };
  /** A structured `meshkit:` key, checked by `valid`; `fallback` when unset, else it is required. */
  const structured = <T>(key: string, valid: (value: unknown) => value is T, shape: string, fallback?: T): T | undefined => {
    let value: unknown;
    try {
      value = meshkit.getObject(key);
    } catch {
      value = meshkit.get(key); // not JSON: reported as malformed below
    }
    if (value === undefined && fallback === undefined) problems.push(`meshkit:${key} is required`);
    if (value === undefined) return fallback;
    if (valid(value)) return value;
    problems.push(`meshkit:${key} must be ${shape}`);
    return undefined;
  };

  const profile = readProfile(meshkit, problems);
  const accountId = required(meshkit, "accountId");
  if (accountId !== "" && !/^\d{12}$/.test(accountId)) problems.push(`meshkit:accountId must be a 12-digit AWS account id, not "${accountId}"`);
  const partition = meshkit.get("partition") ?? "aws";
  const region = required(aws, "region");
  const eksOidcProviderArn = required(meshkit, "eksOidcProviderArn");
  const domains = structured("domains", isTextList, "a list of manifest paths or globs");
  const platformDomains = structured("platformDomains", isTextList, "a list of manifest paths or globs", [...DEFAULT_DOMAIN_PATTERNS]);
  const kafka = structured("kafka", isKafka, "a map whose bootstrapServers lists at least one broker");
  const platformManifestsFile = meshkit.get("platformManifestsFile");
  if (problems.length > 0 || !profile || !domains || !platformDomains || !kafka) {
    throw new Error(`stack ${pulumi.getStack()} cannot deploy; fix its config:\n` + problems.map((p) => `  - ${p}`).join("\n"));
  }
  return {
    profile,
    domains,
    platformDomains: platformManifestsFile === undefined ? { patterns: platformDomains } : { manifests: readPlatformManifests(platformManifestsFile) },
    platform: {
      accountId,
      region,
      partition,
      platformAdminRoleArn: meshkit.get("platformAdminRoleArn") ?? `arn:${partition}:iam::${accountId}:role/meshkit-platform-admin`,
    },
    eksOidcProviderArn,
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

/** The profile `meshkit:environment` names; unset, the stack's name, when that is an environment. */
function readProfile(meshkit: pulumi.Config, problems: string[]): EnvironmentProfile | undefined {
  const environment = meshkit.get("environment");
  if (environment === undefined && !isEnvironment(pulumi.getStack())) {
    problems.push(`meshkit:environment is not set, and the stack's name "${pulumi.getStack()}" is not staging or production; set meshkit:environment`);
    return undefined;
  }
  try {
    return environmentProfile(environment ?? pulumi.getStack());
  } catch (e) {
    problems.push((e as Error).message);
    return undefined;
  }
}

function isTextList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

function isKafka(value: unknown): value is Partial<KafkaSettings> & Pick<KafkaSettings, "bootstrapServers"> {
  const bootstrapServers = (value as Partial<KafkaSettings> | null)?.bootstrapServers;
  return typeof value === "object" && isTextList(bootstrapServers) && bootstrapServers.length > 0;
}
