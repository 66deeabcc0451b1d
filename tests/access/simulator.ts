/**
 * One authorisation decision by the IAM policy simulator (@cloud-copilot/iam-simulate, AGPL:
 * tests only). Every request is validated by the simulator (policies, action, resource type,
 * context keys); a validation error or a context key the simulator would ignore fails the test
 * instead of silently turning into a deny.
 *
 * One adaptation, mechanical and both-sided: iam-simulate 0.1.x drops `kms:EncryptionContext:<key>`
 * request keys (its context-key filter only understands `/`-style variables such as
 * `aws:PrincipalTag/<key>`), so a condition on one could never match. Before simulating, those
 * keys are renamed, in the policies and in the request alike, to `aws:RequestTag/kms-ec:<key>`,
 * a string key it does carry. Operators, values and the absent-key behaviour are unchanged.
 */
import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";

export interface Policy {
  readonly Version: string;
  readonly Statement: readonly Record<string, unknown>[];
}

export interface SimulatedRequest {
  /** The session's principal, e.g. `arn:aws:sts::<account>:assumed-role/<role>/<session>`. */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly accountId: string;
  /** Request context, `kms:EncryptionContext:<key>` entries included. */
  readonly context: Readonly<Record<string, string>>;
}

export interface PolicySet {
  readonly identity: readonly Policy[];
  readonly boundary?: Policy;
  readonly resource?: Policy;
}

const ENCRYPTION_CONTEXT = /^kms:encryptioncontext:/i;
const PORTED_PREFIX = "aws:RequestTag/kms-ec:";

function portKey(key: string): string {
  return ENCRYPTION_CONTEXT.test(key) ? PORTED_PREFIX + key.replace(ENCRYPTION_CONTEXT, "") : key;
}

/** The policy with every `kms:EncryptionContext:<key>` condition key renamed; nothing else changes. */
export function portEncryptionContext(policy: Policy): Policy {
  return {
    ...policy,
    Statement: policy.Statement.map((statement) => {
      const condition = statement.Condition as Record<string, Record<string, unknown>> | undefined;
      if (condition === undefined) return statement;
      const ported = Object.fromEntries(
        Object.entries(condition).map(([operator, entries]) => [
          operator,
          Object.fromEntries(Object.entries(entries).map(([key, value]) => [portKey(key), value])),
        ]),
      );
      return { ...statement, Condition: ported };
    }),
  };
}

/** Whether the request is allowed; throws when the simulator rejects the input. */
export async function isPermitted(request: SimulatedRequest, policies: PolicySet): Promise<boolean> {
  const simulation: Simulation = {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.accountId },
      contextVariables: Object.fromEntries(Object.entries(request.context).map(([k, v]) => [portKey(k), v])),
    },
    identityPolicies: policies.identity.map((p, i) => ({ name: `identity-${i}`, policy: portEncryptionContext(p) })),
    permissionBoundaryPolicies: policies.boundary === undefined ? undefined : [{ name: "boundary", policy: portEncryptionContext(policies.boundary) }],
    resourcePolicy: policies.resource === undefined ? undefined : portEncryptionContext(policies.resource),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  };
  const response = await runSimulation(simulation, {});
  if (response.resultType === "error") {
    throw new Error(`simulator rejected ${request.action} on ${request.resource}: ${JSON.stringify(response.errors)}`);
  }
  // An action without resource types (cloudwatch:PutMetricData) is simulated on `*`: once when a
  // policy speaks of it, not at all (an implicit deny) when none does.
  if (response.resultType === "wildcard" && response.results.length > 1) {
    throw new Error(`expected one resource, got ${response.results.length} simulations for ${request.resource}`);
  }
  const result = response.resultType === "single" ? response.result : response.results[0];
  const ignored = result?.ignoredContextKeys ?? [];
  if (ignored.length > 0) throw new Error(`simulator ignored context keys ${ignored.join(", ")} of ${request.action}: the request is mis-modelled`);
  return response.overallResult === "Allowed";
}
