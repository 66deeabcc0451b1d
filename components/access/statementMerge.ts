/**
 * Folds statements that share a Sid into one, listing all their resources. Managed policies hold
 * at most 6,144 characters and a role's inline policies 10,240, so a domain consuming many
 * products must not repeat the same actions once per bucket.
 */
import type { PolicyStatement } from "../policy/policyDocument";

const sameGrant = (a: PolicyStatement, b: PolicyStatement) =>
  JSON.stringify([a.Effect, a.Principal, a.Action, a.Condition]) === JSON.stringify([b.Effect, b.Principal, b.Action, b.Condition]);

export function mergeBySid(statements: readonly PolicyStatement[]): PolicyStatement[] {
  const merged = new Map<string, { statement: PolicyStatement; resources: string[] }>();
  const order: (string | PolicyStatement)[] = [];
  for (const statement of statements) {
    if (statement.Sid === undefined) {
      order.push(statement);
      continue;
    }
    const seen = merged.get(statement.Sid);
    if (seen === undefined) {
      merged.set(statement.Sid, { statement, resources: [statement.Resource].flat() });
      order.push(statement.Sid);
    } else if (!sameGrant(seen.statement, statement)) {
      throw new Error(`statements ${statement.Sid} grant different actions or conditions and cannot share a Sid`);
    } else {
      for (const r of [statement.Resource].flat()) if (!seen.resources.includes(r)) seen.resources.push(r);
    }
  }
  return order.map((entry) => {
    if (typeof entry !== "string") return entry;
    const { statement, resources } = merged.get(entry)!;
    return { ...statement, Resource: resources.length === 1 ? resources[0] : resources };
  });
}
