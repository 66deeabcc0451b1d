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

/** Calls `receive` for every message that arrives on `pipe`; resolves when it closes. */
export function readFrames<T>(pipe: Readable, receive: (msg: T) => void): Promise<void> {
  let buffered: Buffer = Buffer.alloc(0);
  pipe.on("data", (chunk: Buffer) => {
    buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
    while (buffered.length >= 4 && buffered.length >= 4 + buffered.readUInt32BE(0)) {
      const end = 4 + buffered.readUInt32BE(0);
      receive(v8.deserialize(buffered.subarray(4, end)) as T);
      buffered = buffered.subarray(end);
    }
  });
  return new Promise((resolve) => pipe.on("close", () => resolve()));
}
