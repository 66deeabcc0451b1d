// Length-prefixed V8 frames (engine/frames.ts), the pipe format between the engine, program parts and
// packs: whatever way the bytes are cut into chunks, every message arrives once, whole and in order.
import { PassThrough } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { frame, readFrames } from "../../engine/frames";

async function throughPipe(messages: unknown[], cuts: number[]): Promise<unknown[]> {
  const bytes = Buffer.concat(messages.map(frame));
  const pipe = new PassThrough();
  const received: unknown[] = [];
  const done = readFrames(pipe, (msg) => received.push(msg));
  let at = 0;
  for (const cut of [...cuts.map((c) => c % (bytes.length + 1)).sort((a, b) => a - b), bytes.length]) {
    if (cut > at) pipe.write(bytes.subarray(at, cut));
    at = Math.max(at, cut);
  }
  pipe.end();
  pipe.destroy();
  await done;
  return received;
}

const message = fc.oneof(
  fc.record({ urn: fc.string(), props: fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.string(), fc.boolean())) }),
  fc.string({ maxLength: 5000 }),
  fc.array(fc.integer(), { maxLength: 3000 }),
);

describe("readFrames", () => {
  it("delivers every message whole and in order however the bytes are chunked", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 40 }), async (messages, cuts) => {
        expect(await throughPipe(messages, cuts)).toEqual(messages);
      }),
      { numRuns: 200 },
    );
  });

  it("reads a message cut inside its length prefix and one much larger than a chunk", async () => {
    const large = { resources: Array.from({ length: 20_000 }, (_, i) => ({ urn: `urn:${i}`, n: i })) };
    const cuts = [1, 2, 3, ...Array.from({ length: 200 }, (_, i) => 5 + i * 4096)];
    expect(await throughPipe(["small", large, "after"], cuts)).toEqual(["small", large, "after"]);
  });
});
