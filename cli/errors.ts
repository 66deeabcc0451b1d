// Exit statuses and the one error type the commands throw. The design fixes the statuses: 0 fine,
// 1 findings or invalid input, 2 usage or internal error.
import { isEngineError, type EngineErrorCode } from "../engine";
import { formatIssue, ManifestError } from "../components/manifest/errors";

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export class CliError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
    /** Lines that help after the one-line reason (e.g. every manifest issue). */
    readonly details?: string,
  ) {
    super(message);
    this.name = "CliError";
  }
}

// The user's own files being wrong is invalid input; everything else the engine refuses is a usage
// problem (no such project or stack) or a failure of the program or a pack.
const INVALID_INPUT: ReadonlySet<EngineErrorCode> = new Set(["STACK_CONFIG_INVALID", "PACK_CONFIG_INVALID"]);

/** Any thrown value as a CliError: known errors keep their message, anything else is internal. */
export function toCliError(e: unknown): CliError {
  if (e instanceof CliError) return e;
  if (isEngineError(e)) return new CliError(INVALID_INPUT.has(e.code) ? EXIT_FINDINGS : EXIT_USAGE, e.message, e.details);
  if (e instanceof ManifestError) {
    return new CliError(EXIT_FINDINGS, e.message.split("\n")[0], e.issues.map(formatIssue).join("\n"));
  }
  const message = e instanceof Error ? e.message : String(e);
  return new CliError(EXIT_USAGE, `internal error: ${message.split("\n")[0]}`);
}
