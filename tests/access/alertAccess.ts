/**
 * The alert side of the effective-access proof: who may publish to and subscribe to each domain's
 * alert topic, and who may put metrics in the freshness namespace, simulated over the deployed
 * identity policies, boundaries and topic policies and compared with what the platform intends:
 *
 * - publish: only the domain's CloudWatch alarms and this account's EventBridge rules (not another
 *   domain's alarms, not another account's, not any role, however broad its identity policy);
 * - subscribe: only the platform role that deploys the subscriptions;
 * - put metrics: only the domains' pipeline roles, and only in the freshness namespace.
 */
import { alertTopicName, FRESHNESS_METRIC, METRIC_NAMESPACE_CONDITION_KEY } from "../../conventions";
import { TEST_PLATFORM } from "../support/exampleDomains";
import type { Comparison, Principal } from "./accessMatrix";
import type { ExamplePlatform } from "./deployExamples";
import { isPermitted, type Policy } from "./simulator";

const { accountId, region, partition } = TEST_PLATFORM;
const FOREIGN_ACCOUNT = "999999999999";

/** A service principal acting for a resource (its `aws:SourceAccount` / `aws:SourceArn`). */
interface ServicePrincipal {
  readonly label: string;
  readonly service: string;
  readonly sourceAccount: string;
  readonly sourceArn: string;
  /** Whether it may publish to the domain's topic. */
  readonly publishes: boolean;
}

/**
 * For a domain's topic: its own alarms and this account's rules publish; another domain's alarm and
 * another account's alarms and rules do not.
 */
export function alertServices(environment: string, domain: string): ServicePrincipal[] {
  const alarm = (account: string, name: string) => `arn:${partition}:cloudwatch:${region}:${account}:alarm:${name}`;
  const rule = (account: string) => `arn:${partition}:events:${region}:${account}:rule/quality-results`;
  const cloudwatch = "cloudwatch.amazonaws.com";
  const events = "events.amazonaws.com";
  return [
    { label: `${domain}'s alarm`, service: cloudwatch, sourceAccount: accountId, sourceArn: alarm(accountId, `meshkit-${environment}-${domain}.p-freshness`), publishes: true },
    { label: "another domain's alarm", service: cloudwatch, sourceAccount: accountId, sourceArn: alarm(accountId, `meshkit-${environment}-elsewhere.p-freshness`), publishes: false },
    { label: "another account's alarm", service: cloudwatch, sourceAccount: FOREIGN_ACCOUNT, sourceArn: alarm(FOREIGN_ACCOUNT, `meshkit-${environment}-${domain}.p-freshness`), publishes: false },
    { label: "this account's rule", service: events, sourceAccount: accountId, sourceArn: rule(accountId), publishes: true },
    { label: "another account's rule", service: events, sourceAccount: FOREIGN_ACCOUNT, sourceArn: rule(FOREIGN_ACCOUNT), publishes: false },
  ];
}

function topicPolicyOf(platform: ExamplePlatform, topicArn: string): Policy {
  const policy = platform.deployment.topicPolicies.find((p) => p.Statement.some((s) => s.Resource === topicArn));
  if (policy === undefined) throw new Error(`no topic policy names ${topicArn}`);
  return policy;
}

const ACTIONS = ["sns:Publish", "sns:Subscribe"] as const;

function fold(decisions: { simulated: boolean; expected: boolean; line: string }[]): Comparison {
  return {
    cells: decisions.length,
    allowed: decisions.filter((d) => d.simulated).length,
    mismatches: decisions.filter((d) => d.simulated !== d.expected).map((d) => d.line),
  };
}

/** Every principal (roles, outsiders, services of this and another account) × topic × publish/subscribe. */
export async function compareAlertTopicAccess(platform: ExamplePlatform, principals: readonly Principal[]): Promise<Comparison> {
  const decisions = await Promise.all(
    platform.specs.flatMap((spec) => {
      const domain = spec.metadata.name;
      const topic = `arn:${partition}:sns:${region}:${accountId}:${alertTopicName(platform.environment, domain)}`;
      const resource = topicPolicyOf(platform, topic);
      const byRoles = principals.flatMap((p) =>
        ACTIONS.map(async (action) => {
          const simulated = await isPermitted(
            {
              principal: `arn:${partition}:sts::${accountId}:assumed-role/${p.arn.split("/").pop()}/proof`,
              action,
              resource: topic,
              accountId,
              context: { "aws:PrincipalArn": p.arn, "aws:PrincipalAccount": accountId, "aws:SecureTransport": "true" },
            },
            { identity: p.identity, boundary: p.boundary, resource },
          );
          const expected = action === "sns:Subscribe" && p.arn === TEST_PLATFORM.platformAdminRoleArn;
          return { simulated, expected, line: `${p.label} ${action} ${topic}: simulated ${simulated}, expected ${expected}` };
        }),
      );
      const byServices = alertServices(platform.environment, domain).flatMap((s) =>
        ACTIONS.map(async (action) => {
          const simulated = await isPermitted(
            {
              principal: s.service,
              action,
              resource: topic,
              accountId,
              context: { "aws:SourceAccount": s.sourceAccount, "aws:SourceArn": s.sourceArn, "aws:PrincipalServiceName": s.service, "aws:SecureTransport": "true" },
            },
            { identity: [], resource },
          );
          const expected = action === "sns:Publish" && s.publishes;
          return { simulated, expected, line: `${s.label} ${action} ${topic}: simulated ${simulated}, expected ${expected}` };
        }),
      );
      return [...byRoles, ...byServices];
    }),
  );
  return fold(decisions);
}

/** The domains' roles × putting metrics in the freshness namespace and in another one. */
export async function compareMetricAccess(principals: readonly Principal[]): Promise<Comparison> {
  const members = principals.filter((p) => p.member !== undefined);
  const decisions = await Promise.all(
    members.flatMap((p) =>
      [FRESHNESS_METRIC.namespace, "Meshkit/Elsewhere"].map(async (namespace) => {
        const simulated = await isPermitted(
          {
            principal: `arn:${partition}:sts::${accountId}:assumed-role/${p.arn.split("/").pop()}/proof`,
            action: "cloudwatch:PutMetricData",
            resource: "*",
            accountId,
            context: { [METRIC_NAMESPACE_CONDITION_KEY]: namespace, "aws:PrincipalArn": p.arn, "aws:PrincipalAccount": accountId },
          },
          { identity: p.identity, boundary: p.boundary },
        );
        const expected = p.member!.role === "pipeline" && namespace === FRESHNESS_METRIC.namespace;
        return { simulated, expected, line: `${p.label} PutMetricData ${namespace}: simulated ${simulated}, expected ${expected}` };
      }),
    ),
  );
  return fold(decisions);
}
