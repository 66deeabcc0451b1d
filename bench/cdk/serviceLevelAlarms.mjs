// A product's contract as CloudWatch alarms, as components/observability/serviceLevelAlarms.ts builds them:
// the freshness alarm, and per burn-rate window pair (burnRateWindows.ts) two metric-math window alarms
// counting stale minutes and a composite of both (AND). The freshness and composite alarms notify the
// domain's alert topic on ALARM and OK; the window alarms have no actions of their own.
import { createRequire } from "node:module";
import { burnRateAlarmPairs, conventions, staleMinuteExpression } from "./meshkit.mjs";

const require = createRequire(import.meta.url);
const cdk = require("aws-cdk-lib");
const { aws_cloudwatch: cloudwatch, aws_cloudwatch_actions: actions } = cdk;
const { ENVIRONMENT_MINIMUMS, FRESHNESS_METRIC, freshnessDimensions, productAlarmName, SLO_PERIOD_DAYS } = conventions;

export function serviceLevelAlarms(stack, domain, env, product, topic) {
  const { freshnessMinutes, availability } = product.contract;
  const alarmName = (part) => productAlarmName(env, domain, product.name, part);
  const id = (part) => `Alarm-${product.name}-${part}`;
  // CloudWatch's TreatMissingData values are meshkit's names ("breaching" in production).
  const treatMissingData = ENVIRONMENT_MINIMUMS[env].freshnessMissingData;
  const notify = new actions.SnsAction(topic);
  const withActions = (alarm) => {
    alarm.addAlarmAction(notify);
    alarm.addOkAction(notify);
    return alarm;
  };
  const age = new cloudwatch.Metric({
    namespace: FRESHNESS_METRIC.namespace,
    metricName: FRESHNESS_METRIC.metricName,
    dimensionsMap: freshnessDimensions(domain, product.name),
    period: cdk.Duration.seconds(FRESHNESS_METRIC.periodSeconds),
    statistic: "Maximum",
  });

  withActions(
    new cloudwatch.Alarm(stack, id("freshness"), {
      alarmName: alarmName("freshness"),
      alarmDescription: `${domain}/${product.name} has not been updated for more than ${freshnessMinutes} minutes (its freshness objective).`,
      metric: age,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      threshold: freshnessMinutes,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      treatMissingData,
    }),
  );

  const budgetPercent = (100 - availability).toFixed(3).replace(/\.?0+$/, "");
  for (const { pair, windows } of burnRateAlarmPairs(availability)) {
    const [long, short] = windows.map((window) => {
      const part = `burn-${pair.name}-${window.part}`;
      return new cloudwatch.Alarm(stack, id(part), {
        alarmName: alarmName(part),
        alarmDescription:
          `${domain}/${product.name}: ${window.staleMinutes} of the last ${window.minutes} minutes stale, burning the ` +
          `${budgetPercent} % error budget at ${pair.burnRate}× or faster. Part of ${alarmName(`burn-${pair.name}`)}.`,
        metric: new cloudwatch.MathExpression({
          expression: staleMinuteExpression("age", freshnessMinutes),
          usingMetrics: { age },
          label: "stale minute",
          period: cdk.Duration.seconds(FRESHNESS_METRIC.periodSeconds),
        }),
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        threshold: 1,
        evaluationPeriods: window.minutes,
        datapointsToAlarm: window.staleMinutes,
        treatMissingData,
      });
    });
    withActions(
      new cloudwatch.CompositeAlarm(stack, id(`burn-${pair.name}`), {
        compositeAlarmName: alarmName(`burn-${pair.name}`),
        alarmDescription:
          `${domain}/${product.name} burns its ${availability} % availability budget (${SLO_PERIOD_DAYS} days) at ${pair.burnRate}× ` +
          `over both ${pair.longWindowMinutes} and ${pair.shortWindowMinutes} minutes.`,
        alarmRule: cloudwatch.AlarmRule.allOf(
          cloudwatch.AlarmRule.fromAlarm(long, cloudwatch.AlarmState.ALARM),
          cloudwatch.AlarmRule.fromAlarm(short, cloudwatch.AlarmState.ALARM),
        ),
      }),
    );
  }
}
