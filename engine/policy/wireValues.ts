// The analyzer protocol's enumerations and diagnostics, read the same way whether a response came over
// gRPC or from a pack's direct channel.
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import type { Diagnostic, EnforcementLevel, Severity } from "../types";

export const LEVEL_FROM_PB: Record<number, EnforcementLevel> = {
  [pb.EnforcementLevel.ADVISORY]: "advisory",
  [pb.EnforcementLevel.MANDATORY]: "mandatory",
  [pb.EnforcementLevel.DISABLED]: "disabled",
  [pb.EnforcementLevel.REMEDIATE]: "remediate",
};
export const LEVEL_TO_PB: Record<EnforcementLevel, pb.EnforcementLevel> = {
  advisory: pb.EnforcementLevel.ADVISORY,
  mandatory: pb.EnforcementLevel.MANDATORY,
  disabled: pb.EnforcementLevel.DISABLED,
  remediate: pb.EnforcementLevel.REMEDIATE,
};
export const SEVERITY_FROM_PB: Record<number, Severity | undefined> = {
  [pb.PolicySeverity.POLICY_SEVERITY_LOW]: "low",
  [pb.PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
  [pb.PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
  [pb.PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};

/** An analyze response's diagnostics; `urn` stands in for a resource diagnostic that names none. */
export function responseDiagnostics(res: pb.AnalyzeResponse, source: "resource" | "stack", urn?: string): Diagnostic[] {
  return res.getDiagnosticsList().map((d) => {
    const out: Diagnostic = {
      policyPack: d.getPolicypackname(),
      policyPackVersion: d.getPolicypackversion(),
      policy: d.getPolicyname(),
      description: d.getDescription(),
      message: d.getMessage(),
      enforcementLevel: LEVEL_FROM_PB[d.getEnforcementlevel()] ?? "advisory",
      source,
    };
    const severity = SEVERITY_FROM_PB[d.getSeverity()];
    if (severity) out.severity = severity;
    const at = d.getUrn() || urn;
    if (at) out.urn = at;
    return out;
  });
}
