// Length-prefixed V8 serialization over a pipe: how the engine and the processes it starts exchange
// bulk data (a program's registrations, a pack's direct analysis), cheaper than JSON or protobuf for
// the property trees they carry.
import * as fs from "fs";
import type { Readable } from "stream";
import * as v8 from "v8";

/** One message as it travels: a 4-byte big-endian length, then the V8 serialization. */
export function frame(msg: unknown): Buffer {
  const body = v8.serialize(msg);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length);
  return Buffer.concat([head, body]);
}

/** Writes a message to a file descriptor synchronously (see programWorker for why). */
export function writeFrameSync(fd: number, msg: unknown): void {
  const bytes = frame(msg);
  for (let at = 0; at < bytes.length; ) at += fs.writeSync(fd, bytes, at);
}

/**
 * Calls `receive` for every message that arrives on `pipe`; resolves when it closes. Chunks are joined
 * once a whole message has arrived: joining on every chunk copied a message of n chunks n times, and a
 * stack request of thousands of resources is many chunks.
 */
export function readFrames<T>(pipe: Readable, receive: (msg: T) => void): Promise<void> {
  let chunks: Buffer[] = [];
  let bytes = 0;
  pipe.on("data", (chunk: Buffer) => {
    chunks.push(chunk);
    bytes += chunk.length;
    while (bytes >= 4) {
      const size = 4 + (chunks[0].length >= 4 ? chunks[0] : Buffer.concat(chunks, 4)).readUInt32BE(0);
      if (bytes < size) return;
      const joined = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, bytes);
      receive(v8.deserialize(joined.subarray(4, size)) as T);
      const rest = joined.subarray(size);
      chunks = rest.length > 0 ? [rest] : [];
      bytes = rest.length;
    }
  });
  return new Promise((resolve) => pipe.on("close", () => resolve()));
}
