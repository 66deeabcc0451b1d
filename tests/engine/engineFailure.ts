import { expect } from "vitest";
import { EngineError } from "../../engine";

/** The EngineError a run or an analysis fails with; anything else, or no failure, fails the test. */
export async function engineFailure(p: Promise<unknown>): Promise<EngineError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return e as EngineError;
  }
  throw new Error("expected the engine to fail");
}
