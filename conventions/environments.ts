/** The environments a stack can be; `meshkit:environment` names one. */
export const ENVIRONMENTS = ["staging", "production"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** How freshness alarms treat a minute without data (CloudWatch `treatMissingData`). */
export type FreshnessMissingData = "breaching" | "notBreaching";

/**
 * Minimums and caps per environment that both the blueprints and the guardrails enforce.
 * Production is at least as strict as staging in every setting (a test holds that true).
 */
export interface EnvironmentMinimums {
  /** Kafka topic replication factor. */
  readonly replicationFactor: number;
  /** Kafka `min.insync.replicas`; always below the replication factor. */
  readonly minInsyncReplicas: number;
  /** KMS key deletion window, in days. */
  readonly kmsDeletionWindowDays: number;
  /** Stateful resources are `protect`ed and `retainOnDelete`. */
  readonly protectStateful: boolean;
  /** Audit buckets use S3 object lock in compliance mode for this many years; 0 turns it off. */
  readonly auditObjectLockYears: number;
  /** Stream retention cap in days, or undefined to keep what the manifest declares. */
  readonly streamRetentionCapDays: number | undefined;
  /** Shortest stream retention in days: the window consumers have to replay after an outage or a bad release. */
  readonly streamRetentionFloorDays: number;
  /** What a minute without a freshness data point counts as; `breaching` is the stricter. */
  readonly freshnessMissingData: FreshnessMissingData;
}

export const ENVIRONMENT_MINIMUMS: Record<Environment, EnvironmentMinimums> = {
  staging: {
    replicationFactor: 2,
    minInsyncReplicas: 1,
    kmsDeletionWindowDays: 7,
    protectStateful: false,
    auditObjectLockYears: 0,
    streamRetentionCapDays: 14,
    // A day lets a test consumer replay what it missed overnight; staging data is disposable.
    streamRetentionFloorDays: 1,
    // Staging pipelines run on demand: a silent one is idle, not late.
    freshnessMissingData: "notBreaching",
  },
  production: {
    replicationFactor: 3,
    minInsyncReplicas: 2,
    kmsDeletionWindowDays: 30,
    protectStateful: true,
    auditObjectLockYears: 7,
    streamRetentionCapDays: undefined,
    // A week covers an outage over a long weekend plus the fix: a consumer replays instead of losing records.
    streamRetentionFloorDays: 7,
    // Silence is not freshness: a pipeline that stopped publishing is a product going stale.
    freshnessMissingData: "breaching",
  },
};

/** The floor a manifest's streams must meet: a manifest deploys to every environment, so the strictest. */
export const STRICTEST_STREAM_RETENTION_FLOOR = ENVIRONMENTS.reduce(
  (strictest, env) => (ENVIRONMENT_MINIMUMS[env].streamRetentionFloorDays > ENVIRONMENT_MINIMUMS[strictest].streamRetentionFloorDays ? env : strictest),
  ENVIRONMENTS[0] as Environment,
);

export function isEnvironment(value: unknown): value is Environment {
  return typeof value === "string" && (ENVIRONMENTS as readonly string[]).includes(value);
}

/** Kafka partition count bounds for any topic. */
export const PARTITION_BOUNDS = { min: 1, max: 128 } as const;
