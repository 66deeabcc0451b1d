/** Whether a bucket policy statement denies requests not made over TLS. */
import { coversAction, isDeny, namesEveryone, type Condition, type Statement } from "./policyDocument";
import { and, isUnknown, not, some, type Maybe, type Verdict } from "./unknowns";

/** `Bool: {"aws:SecureTransport": "false"}`: the request was not made over TLS. */
export function isInsecureTransport(c: Maybe<Condition>): Verdict {
  if (isUnknown(c)) return c;
  return and(["bool", "boolifexists"].includes(c.operator), c.key === "aws:securetransport", some(c.values, (v) => v === "false"));
}

/**
 * Whether a statement denies everyone reading and writing objects without TLS. Any further
 * condition narrows the deny to some of those requests, so the statement must have no other.
 */
export function deniesInsecureTransport(s: Statement): Verdict {
  const conditions = s.conditions;
  const onlyInsecureTransport = and(
    some(conditions, isInsecureTransport),
    not(some(conditions, (c) => not(isInsecureTransport(c)))),
  );
  return and(isDeny(s), namesEveryone(s), coversAction(s, "s3:GetObject"), coversAction(s, "s3:PutObject"), onlyInsecureTransport);
}
