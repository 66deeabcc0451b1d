// `meshkit plan --format json` on the example stacks: byte-identical across runs, secrets masked, and
// the contract's numbers readable in every alarm: one freshness alarm and one burn-rate pair per
// product, one alert topic per domain with its key and policy. The wiring (which topic, which key) is
// read from an update-mode run, where the mocks resolve ARNs that a preview leaves unknown.
import { beforeAll, describe, expect, it } from "vitest";
import { BURN_RATE_WINDOW_PAIRS, type Environment } from "../../conventions";
import { MASKED_SECRET, planJson } from "../../cli/reports/planJson";
import { exampleManifests } from "../support/exampleDomains";
import { runStack } from "../support/stackRuns";
import { ensureBuilt, json, meshkit, type Result } from "./meshkit";

interface PlanResource {
  urn: string;
  type: string;
  name: string;
  parent: string | null;
  protect: boolean;
  inputs: Record<string, any>;
}
interface Plan {
  stack: string;
  project: string;
  resources: PlanResource[];
}

const PAGERDUTY_URL = "https://events.pagerduty.com/integration/0123456789abcdef0123456789abcdef/enqueue";
const METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const COMPOSITE_ALARM = "aws:cloudwatch/compositeAlarm:CompositeAlarm";

beforeAll(() => ensureBuilt());

describe("meshkit plan --format json", () => {
  let first: Result;
  let second: Result;
  beforeAll(async () => {
    [first, second] = await Promise.all([
      meshkit(["plan", "--stack", "production", "--format", "json"]),
      meshkit(["plan", "--stack", "production", "--format", "json"]),
    ]);
  });

  it("is byte-identical across runs, with resources sorted by URN and the design's fields", () => {
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const plan = json<Plan>(first);
    expect(Object.keys(plan)).toEqual(["stack", "project", "resources"]);
    expect(plan.stack).toBe("production");
    const urns = plan.resources.map((r) => r.urn);
    expect(urns).toEqual([...urns].sort());
    for (const r of plan.resources) expect(Object.keys(r)).toEqual(["urn", "type", "name", "parent", "protect", "inputs"]);
  });

  it("masks secrets: the PagerDuty integration key never appears", () => {
    const plan = json<Plan>(first);
    const pagerduty = plan.resources.find((r) => r.name === "orders-alerts-endpoint-pagerduty")!;
    expect(pagerduty.inputs).toMatchObject({ protocol: "https", endpoint: MASKED_SECRET });
    expect(first.stdout).not.toContain(PAGERDUTY_URL);
    expect(first.stdout).not.toContain("0123456789abcdef0123456789abcdef");
    // A URL without a key stays readable.
    expect(plan.resources.find((r) => r.name === "payments-alerts-endpoint-status-page")!.inputs.endpoint).toBe("https://status.example.com/hooks/payments");
  });
});

describe.each(["staging", "production"] as const)("the %s plan's alerts and service-level alarms", (environment: Environment) => {
  let plan: Plan;
  let arnOf: (name: string) => string;
  beforeAll(async () => {
    const run = await runStack(environment, false);
    plan = JSON.parse(planJson(run)) as Plan;
    arnOf = (name) => run.resources.find((r) => r.name === name)!.outputs.arn as string;
  });
  const ofType = (type: string) => plan.resources.filter((r) => r.type === type);
  const withDimensions = (domain: string, product: string) => (r: PlanResource) =>
    JSON.stringify(r.inputs.dimensions ?? r.inputs.metricQueries?.[0]?.metric?.dimensions) === JSON.stringify({ Domain: domain, Product: product });

  it("has one alert topic per domain, encrypted with the domain key, with its policy and the stewards subscribed", () => {
    const manifests = exampleManifests();
    expect(ofType("aws:sns/topic:Topic").map((t) => t.inputs.name).sort()).toEqual(
      manifests.map((m) => `meshkit-${environment}-${m.spec.metadata.name}-alerts`).sort(),
    );
    for (const { spec } of manifests) {
      const domain = spec.metadata.name;
      const topic = plan.resources.find((r) => r.name === `${domain}-alerts-topic`)!;
      expect(topic.inputs.kmsMasterKeyId).toBe(arnOf(`${domain}-keys-key`));
      const policy = plan.resources.find((r) => r.type === "aws:sns/topicPolicy:TopicPolicy" && r.inputs.arn === arnOf(topic.name))!;
      const statements = JSON.parse(policy.inputs.policy).Statement as { Sid: string; Principal: unknown; Resource: string }[];
      expect(statements.map((s) => s.Sid)).toEqual(["AlarmsPublish", "RulesPublish", "OnlyServicesPublish", "OnlyPlatformSubscribes"]);
      for (const s of statements) expect(s.Resource).toMatch(new RegExp(`:meshkit-${environment}-${domain}-alerts$`));
      const emails = ofType("aws:sns/topicSubscription:TopicSubscription").filter((s) => s.inputs.topic === arnOf(topic.name) && s.inputs.protocol === "email");
      expect(emails.map((s) => s.inputs.endpoint).sort()).toEqual([...spec.metadata.stewards].sort());
      // Not data: the topic is not protected, whatever the environment.
      expect(topic.protect).toBe(false);
    }
  });

  it("has one freshness alarm per product, at its freshnessMinutes, notifying its domain's topic", () => {
    for (const { spec } of exampleManifests()) {
      const domain = spec.metadata.name;
      const topicArn = arnOf(`${domain}-alerts-topic`);
      for (const product of spec.spec.products) {
        const alarms = ofType(METRIC_ALARM).filter((a) => a.inputs.metricName === "MinutesSinceLastUpdate" && withDimensions(domain, product.name)(a));
        expect(alarms, `${domain}/${product.name}`).toHaveLength(1);
        expect(alarms[0].inputs).toMatchObject({
          namespace: "Meshkit/DataProducts",
          threshold: product.contract.freshnessMinutes,
          comparisonOperator: "GreaterThanThreshold",
          treatMissingData: environment === "production" ? "breaching" : "notBreaching",
          alarmActions: [topicArn],
        });
      }
    }
  });

  it("has one burn-rate pair per product, each a composite of its long and short windows, with the manifest's availability", () => {
    for (const { spec } of exampleManifests()) {
      const domain = spec.metadata.name;
      const topicArn = arnOf(`${domain}-alerts-topic`);
      for (const product of spec.spec.products) {
        const budget = 1 - product.contract.availability / 100;
        const windows = ofType(METRIC_ALARM).filter((a) => a.inputs.metricQueries !== undefined && withDimensions(domain, product.name)(a));
        expect(windows, `${domain}/${product.name}`).toHaveLength(2 * BURN_RATE_WINDOW_PAIRS.length);
        for (const pair of BURN_RATE_WINDOW_PAIRS) {
          const composites = ofType(COMPOSITE_ALARM).filter((c) => c.inputs.alarmName === `meshkit-${environment}-${domain}.${product.name}-burn-${pair.name}`);
          expect(composites).toHaveLength(1);
          expect(composites[0].inputs.alarmActions).toEqual([topicArn]);
          for (const [part, minutes] of [["long", pair.longWindowMinutes], ["short", pair.shortWindowMinutes]] as const) {
            const window = windows.find((w) => w.inputs.name === `meshkit-${environment}-${domain}.${product.name}-burn-${pair.name}-${part}`)!;
            expect(composites[0].inputs.alarmRule).toContain(`ALARM("${window.inputs.name}")`);
            expect(window.inputs.alarmActions).toBeUndefined();
            expect(window.inputs.evaluationPeriods).toBe(minutes);
            // Stale minutes at which the window burns the budget at the pair's rate: ⌈rate × budget × minutes⌉.
            const stale = Math.min(minutes, Math.max(1, Math.ceil(pair.burnRate * budget * minutes - 1e-9)));
            expect(window.inputs.datapointsToAlarm, `${window.inputs.name}`).toBe(stale);
            expect(window.inputs.metricQueries[1].expression).toBe(`IF(age > ${product.contract.freshnessMinutes}, 1, 0)`);
          }
          expect(composites[0].inputs.alarmRule).toMatch(/^ALARM\("[^"]+-long"\) AND ALARM\("[^"]+-short"\)$/);
        }
      }
    }
  });

  it("reads orders/order-events at 99.9 %: 1 of 60 and 1 of 5 minutes (fast), 3 of 360 and 1 of 30 (slow)", () => {
    const window = (part: string) => plan.resources.find((r) => r.inputs.name === `meshkit-${environment}-orders.order-events-burn-${part}`)!.inputs;
    expect([window("fast-long"), window("fast-short"), window("slow-long"), window("slow-short")].map((w) => `${w.datapointsToAlarm}/${w.evaluationPeriods}`)).toEqual([
      "1/60",
      "1/5",
      "3/360",
      "1/30",
    ]);
  });
});
