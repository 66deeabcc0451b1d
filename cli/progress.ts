// Progress for long runs, on stderr and only when it is a terminal, so pipes and CI logs stay clean.

export interface Progress {
  step(message: string): void;
  done(): void;
}

export function progress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { step: () => undefined, done: () => undefined };
  const started = Date.now();
  let current = "";
  const draw = () => stream.write(`\r\x1b[2K${current} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  const timer = setInterval(draw, 1000);
  timer.unref();
  return {
    step(message) {
      current = message;
      draw();
    },
    done() {
      clearInterval(timer);
      stream.write("\r\x1b[2K");
    },
  };
}
