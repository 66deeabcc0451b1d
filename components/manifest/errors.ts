/** A manifest problem, pinned to the place a person has to edit. */
export interface ManifestIssue {
  readonly file: string;
  /** 1-based line and column of the offending node (or of its nearest existing parent). */
  readonly line: number;
  readonly column: number;
  /** Dotted field path, e.g. `spec.products[1].storage.coldAfterDays`; empty for the whole file. */
  readonly path: string;
  readonly message: string;
}

/** Said of a file that is not a manifest at all (prose, say), instead of a YAML syntax complaint. */
export const NOT_A_MANIFEST = "the file is not a YAML map of apiVersion, kind, metadata and spec";

/** `file:line:col path: message`, the format editors and CI annotate from. */
export function formatIssue(issue: ManifestIssue): string {
  const where = `${issue.file}:${issue.line}:${issue.column}`;
  return issue.path === "" ? `${where} ${issue.message}` : `${where} ${issue.path}: ${issue.message}`;
}

/** `file:line:col path: warning: message`: a problem that does not fail the check. */
export function formatWarning(warning: ManifestIssue): string {
  return formatIssue({ ...warning, message: `warning: ${warning.message}` });
}

/** Thrown by loaders that must not return half a result; carries every issue found. */
export class ManifestError extends Error {
  /** `warnings` travel along so a report can show them beside the errors. */
  constructor(
    readonly issues: readonly ManifestIssue[],
    readonly warnings: readonly ManifestIssue[] = [],
  ) {
    super(
      `${issues.length} manifest error${issues.length === 1 ? "" : "s"}:\n` + issues.map((i) => "  " + formatIssue(i)).join("\n"),
    );
    this.name = "ManifestError";
  }
}

export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, i) => (typeof segment === "number" ? `[${segment}]` : (i === 0 ? "" : ".") + String(segment)))
    .join("");
}
