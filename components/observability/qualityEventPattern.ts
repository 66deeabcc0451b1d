/**
 * The EventBridge pattern that catches a ruleset's evaluation scoring below the product's quality
 * threshold. Glue Data Quality publishes "Data Quality Evaluation Results Available" from source
 * `aws.glue-dataquality` with `detail.score` between 0 and 1 (1.00 when every rule passed), the
 * evaluated rulesets in `detail.rulesetNames` and the catalog table in `detail.context`.
 */

export const DATA_QUALITY_EVENT_SOURCE = "aws.glue-dataquality";
export const DATA_QUALITY_RESULTS_EVENT = "Data Quality Evaluation Results Available";

export interface QualityScoreTarget {
  readonly rulesetName: string;
  readonly databaseName: string;
  readonly tableName: string;
  /** The contract's quality threshold, in percent (80–100). */
  readonly thresholdPercent: number;
}

/** The score a threshold in percent means: a fraction, rounded so 99.5 % is 0.995 rather than 0.9950000000000001. */
export function scoreThreshold(thresholdPercent: number): number {
  return Math.round(thresholdPercent * 1e4) / 1e6;
}

/** The pattern, matching numerically on the score so only evaluations below the threshold alert. */
export function qualityScoreEventPattern(target: QualityScoreTarget): Record<string, unknown> {
  return {
    source: [DATA_QUALITY_EVENT_SOURCE],
    "detail-type": [DATA_QUALITY_RESULTS_EVENT],
    detail: {
      context: { databaseName: [target.databaseName], tableName: [target.tableName] },
      rulesetNames: [target.rulesetName],
      score: [{ numeric: ["<", scoreThreshold(target.thresholdPercent)] }],
    },
  };
}
