// A reader that stops early (`meshkit review … | head -1`) closes the report's pipe. git and grep end
// quietly then: SIGPIPE kills them and the shell reports 128 + 13 = 141. Node ignores SIGPIPE and
// sees EPIPE instead, so meshkit exits quietly with the status they would have, 141: not 0 (the
// report was cut short), and not 1 or 2, which CI would read as findings or a failure of meshkit.
export const EXIT_CLOSED_PIPE = 141;

// EPIPE: the reader left while meshkit wrote. ENXIO: opening a pipe (`--output /dev/stdout`) whose
// reader has already left.
const CLOSED_PIPE_CODES = new Set(["EPIPE", "ENXIO"]);

export function isClosedPipe(e: unknown): boolean {
  return CLOSED_PIPE_CODES.has((e as NodeJS.ErrnoException | undefined)?.code ?? "");
}

/** Ends the process quietly when stdout's reader goes away (the stream reports it asynchronously). */
export function exitQuietlyWhenStdoutCloses(): void {
  process.stdout.on("error", (e) => {
    if (!isClosedPipe(e)) throw e;
    process.exit(EXIT_CLOSED_PIPE);
  });
}
