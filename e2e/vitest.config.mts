import { defineConfig } from "vitest/config";

// The real-engine suite: one file, cases in order (each builds on the stack state of the one before),
// minutes per case on a loaded 2-core machine. Run by e2e/run.sh, never by `npm test`.
export default defineConfig({
  test: {
    include: ["e2e/*.test.ts"],
    testTimeout: 900_000,
    hookTimeout: 900_000,
    pool: "forks",
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
