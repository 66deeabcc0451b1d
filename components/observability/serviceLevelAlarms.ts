/**
 * `meshkit:observability:ServiceLevelAlarms`: each product's contract as CloudWatch alarms on the
 * freshness metric its pipelines publish (conventions/observability.ts), every one notifying the
 * domain's alert topic:
 *
 * - `<product>-freshness`: the product is older than `freshnessMinutes`;
 * - `<product>-burn-<pair>`: the availability error budget burns too fast, a composite alarm of
 *   `<product>-burn-<pair>-long` AND `-short` (metric math, no actions of their own).
 *
 * In production a minute without a data point counts as stale: silence is not freshness.
 */
import * as aws from "../aws";
import * as pulumi from "@pulumi/pulumi";
import { FRESHNESS_METRIC, freshnessDimensions, productAlarmName, SLO_PERIOD_DAYS } from "../../conventions";
import type { DomainContext } from "../domain/context";
import { productTags } from "../domain/tagging";
import type { DataProduct } from "../manifest";
import { burnRateAlarmPairs, staleMinuteExpression } from "./burnRateWindows";

export interface ServiceLevelAlarmsArgs {
  readonly context: DomainContext;
  /** Where every alarm notifies: the domain's alert topic. */
  readonly alertTopicArn: pulumi.Input<string>;
}

/** One product's alarms. */
export interface ProductAlarms {
  readonly freshness: aws.cloudwatch.MetricAlarm;
  /** Composite alarms by pair (`fast`, `slow`). */
  readonly burnRate: Readonly<Record<string, aws.cloudwatch.CompositeAlarm>>;
  /** The window alarms the composites combine, by `<pair>-<long|short>`. */
  readonly burnRateWindows: Readonly<Record<string, aws.cloudwatch.MetricAlarm>>;
}

export class ServiceLevelAlarms extends pulumi.ComponentResource {
  /** By product name. */
  public readonly products: Readonly<Record<string, ProductAlarms>>;

  constructor(name: string, args: ServiceLevelAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("meshkit:observability:ServiceLevelAlarms", name, {}, opts);
    const { spec } = args.context;
    this.products = Object.fromEntries(spec.spec.products.map((product) => [product.name, this.productAlarms(name, args, product)]));
    this.registerOutputs({ products: this.products });
  }

  private productAlarms(name: string, args: ServiceLevelAlarmsArgs, product: DataProduct): ProductAlarms {
    const { spec, profile, tags } = args.context;
    const domain = spec.metadata.name;
    const { freshnessMinutes, availability } = product.contract;
    const alarmTags = productTags(tags, spec, product);
    const alarmName = (part: string) => productAlarmName(profile.environment, domain, product.name, part);
    const notify = { alarmActions: [args.alertTopicArn], okActions: [args.alertTopicArn] };
    const metric = {
      namespace: FRESHNESS_METRIC.namespace,
      metricName: FRESHNESS_METRIC.metricName,
      dimensions: freshnessDimensions(domain, product.name),
      period: FRESHNESS_METRIC.periodSeconds,
    };
    const missingData = profile.freshnessMissingData;
    const child = { parent: this };

    const freshness = new aws.cloudwatch.MetricAlarm(
      `${name}-${product.name}-freshness`,
      {
        name: alarmName("freshness"),
        alarmDescription: `${domain}/${product.name} has not been updated for more than ${freshnessMinutes} minutes (its freshness objective).`,
        ...metric,
        statistic: "Maximum",
        comparisonOperator: "GreaterThanThreshold",
        threshold: freshnessMinutes,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: missingData,
        ...notify,
        tags: alarmTags,
      },
      child,
    );

    const burnRate: Record<string, aws.cloudwatch.CompositeAlarm> = {};
    const burnRateWindows: Record<string, aws.cloudwatch.MetricAlarm> = {};
    for (const { pair, windows } of burnRateAlarmPairs(availability)) {
      const windowAlarms = windows.map((window) => {
        const part = `burn-${pair.name}-${window.part}`;
        const alarm = new aws.cloudwatch.MetricAlarm(
          `${name}-${product.name}-${part}`,
          {
            name: alarmName(part),
            alarmDescription:
              `${domain}/${product.name}: ${window.staleMinutes} of the last ${window.minutes} minutes stale, burning the ` +
              `${(100 - availability).toFixed(3).replace(/\.?0+$/, "")} % error budget at ${pair.burnRate}× or faster. Part of ${alarmName(`burn-${pair.name}`)}.`,
            metricQueries: [
              { id: "age", metric: { ...metric, stat: "Maximum" }, returnData: false },
              { id: "stale", expression: staleMinuteExpression("age", freshnessMinutes), label: "stale minute", returnData: true },
            ],
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            threshold: 1,
            evaluationPeriods: window.minutes,
            datapointsToAlarm: window.staleMinutes,
            treatMissingData: missingData,
            tags: alarmTags,
          },
          child,
        );
        burnRateWindows[`${pair.name}-${window.part}`] = alarm;
        return alarm;
      });
      burnRate[pair.name] = new aws.cloudwatch.CompositeAlarm(
        `${name}-${product.name}-burn-${pair.name}`,
        {
          alarmName: alarmName(`burn-${pair.name}`),
          alarmDescription:
            `${domain}/${product.name} burns its ${availability} % availability budget (${SLO_PERIOD_DAYS} days) at ${pair.burnRate}× ` +
            `over both ${pair.longWindowMinutes} and ${pair.shortWindowMinutes} minutes.`,
          alarmRule: pulumi.interpolate`ALARM("${windowAlarms[0].name}") AND ALARM("${windowAlarms[1].name}")`,
          ...notify,
          tags: alarmTags,
        },
        child,
      );
    }
    return { freshness, burnRate, burnRateWindows };
  }
}
