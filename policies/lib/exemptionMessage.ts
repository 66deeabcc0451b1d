/**
 * The machine-readable message of `governance-exemption-applied`. CrossGuard cannot lower the
 * enforcement of one finding, so the pack suppresses an exempted finding and reports it here
 * instead; a reviewer (meshkit's CLI) parses it back with `parseAppliedExemption` and lists the
 * original finding as exempted. The analyzer server prefixes messages with the policy description
 * and a newline, so the record is one line of its own.
 */
import type { Exemption } from "./exemptions";

export interface AppliedExemption {
  /** The policy whose finding was suppressed. */
  readonly policy: string;
  /** The resource the finding was about. */
  readonly urn: string;
  /** The finding's own message. */
  readonly message: string;
  readonly exemption: Exemption;
}

export const APPLIED_EXEMPTION_PREFIX = "meshkit-exemption-applied ";

export function formatAppliedExemption(applied: AppliedExemption): string {
  const { policy, resource, stack, reason, owner, expires } = applied.exemption;
  return (
    APPLIED_EXEMPTION_PREFIX +
    JSON.stringify({
      policy: applied.policy,
      urn: applied.urn,
      message: applied.message,
      exemption: { policy, resource, stack, reason, owner, expires },
    })
  );
}

function isStringRecord(value: unknown, keys: readonly string[]): value is Record<string, string> {
  return typeof value === "object" && value !== null && keys.every((k) => typeof (value as Record<string, unknown>)[k] === "string");
}

/** The record inside a diagnostic's message (with or without the server's prefix), if it is one. */
export function parseAppliedExemption(message: string): AppliedExemption | undefined {
  const line = message.split("\n").find((l) => l.startsWith(APPLIED_EXEMPTION_PREFIX));
  if (line === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line.slice(APPLIED_EXEMPTION_PREFIX.length));
  } catch {
    return undefined;
  }
  if (!isStringRecord(value, ["policy", "urn", "message"])) return undefined;
  const exemption = (value as Record<string, unknown>).exemption;
  if (!isStringRecord(exemption, ["policy", "resource", "stack", "reason", "owner", "expires"])) return undefined;
  return {
    policy: value.policy,
    urn: value.urn,
    message: value.message,
    exemption: {
      policy: exemption.policy,
      resource: exemption.resource,
      stack: exemption.stack,
      reason: exemption.reason,
      owner: exemption.owner,
      expires: exemption.expires,
    },
  };
}
