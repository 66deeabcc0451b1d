// A reader that stops early (`meshkit review … | head -1`) ends the run quietly, with the status git and
// grep have after SIGPIPE (141), never 1 (findings) or 2 (error), and no stack trace.
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, FIXTURES, meshkit } from "./meshkit";

// A review with a mandatory finding: with its reader there, it exits 1.
const REVIEW = ["review", "--cwd", path.join(FIXTURES, "raw-program"), "--stack", "careless", "--policy-pack", path.join(FIXTURES, "packs", "tiny"), "--format", "json"];
const CLOSED = { closedStdout: true };

beforeAll(() => ensureBuilt());

describe("a closed stdout", () => {
  it("ends the review quietly with exit 141", async () => {
    const r = await meshkit(REVIEW, undefined, CLOSED);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(141);
  });

  it("ends quietly when the report goes to --output /dev/stdout", async () => {
    const r = await meshkit([...REVIEW, "--output", "/dev/stdout"], undefined, CLOSED);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(141);
  });
});
