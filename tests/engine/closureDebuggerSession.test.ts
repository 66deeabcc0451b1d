// A pack process the offline engine starts opens no debugger session for the SDK's closure serializer
// (lazySdk.ts, skipClosureDebuggerSession): the pack runner's wait for it returns at once, and the
// serializer still gets its session the first time it asks. Run in a child process, where the SDK's
// modules are fresh.
import { spawnSync } from "child_process";
import * as path from "path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..", "..");

const PROBE = `
require("ts-node").register({ transpileOnly: true });
const inspector = require("inspector");
let sessions = 0;
const connect = inspector.Session.prototype.connect;
inspector.Session.prototype.connect = function () { sessions++; return connect.call(this); };
const path = require("path");
const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
require("./engine/lazySdk").skipClosureDebuggerSession(sdkDir);
const hooks = require(path.join(sdkDir, "runtime", "closure", "v8Hooks"));
(async () => {
  await hooks.isInitializedAsync();
  const afterWait = sessions;
  const session = await hooks.getSessionAsync();
  process.stdout.write(JSON.stringify({ afterWait, afterAsking: sessions, session: session instanceof inspector.Session }));
  session.disconnect();
})();
`;

describe("the closure serializer's debugger session in a pack process", () => {
  it("is not opened for the runner's wait, and is opened when the serializer asks for it", () => {
    const r = spawnSync(process.execPath, ["-e", PROBE], { cwd: ROOT, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ afterWait: 0, afterAsking: 1, session: true });
  });
});
