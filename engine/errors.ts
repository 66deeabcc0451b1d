// One error type for everything the engine refuses, with a code the CLI can map to an exit status and a
// message that stands on its own (never a bare stack trace).

export type EngineErrorCode =
  | "PROJECT_INVALID"
  | "STACK_CONFIG_MISSING"
  | "STACK_CONFIG_INVALID"
  | "PROGRAM_FAILED"
  | "PROGRAM_OUT_OF_MEMORY"
  | "PACK_LOAD_FAILED"
  | "PACK_CONFIG_INVALID"
  | "PACK_OUT_OF_MEMORY"
  | "ANALYZER_FAILED";

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  /** Extra lines (e.g. the child's stderr) that help, shown after the message. */
  readonly details?: string;

  constructor(code: EngineErrorCode, message: string, details?: string) {
    super(message);
    this.name = "EngineError";
    this.code = code;
    this.details = details;
  }
}

export function isEngineError(e: unknown): e is EngineError {
  return e instanceof EngineError;
}

/** V8's last words when a process's heap is full: "Reached heap limit" / "JavaScript heap out of memory". */
export function ranOutOfMemory(stderr: string): boolean {
  return /heap out of memory|Reached heap limit/.test(stderr);
}
