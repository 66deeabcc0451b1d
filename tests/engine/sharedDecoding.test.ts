/**
 * The offline engine's shared decoding against the installed @pulumi/policy: its server, driven
 * in-process as the analyzer protocol drives it, gives every policy the same decoded properties
 * (each through its own unknown-checking proxy), so the speed-up is real; unknown values still stop
 * a policy in preview. Real enforcement never loads it: the pack itself does not import it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import type { Policy, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import * as semver from "semver";
import { runAndAnalyze } from "../../engine";
import { CHECKED_POLICY_VERSIONS, shareDecodedProperties } from "../../engine/policy/policyLibrary";
import { UNKNOWN_SENTINELS } from "../../policies/lib/preview";

interface RpcResponse {
  getDiagnosticsList(): { getPolicyname(): string; getMessage(): string }[];
}
type Rpc = (call: { request: unknown }, callback: (err: unknown, response: RpcResponse) => void) => void;
interface ServerModule {
  makeAnalyzeRpcFun(pack: string, version: string, level: string, policies: Policy[]): Rpc;
  makeAnalyzeStackRpcFun(pack: string, version: string, level: string, policies: Policy[]): Rpc;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const server = require("@pulumi/policy/server") as ServerModule;

const TARGET = "__getSpecialProxyTarget";
const TYPE = "aws:s3/bucket:Bucket";

function request(props: Record<string, unknown>, name = "b"): pb.AnalyzeRequest {
  const r = new pb.AnalyzeRequest();
  r.setUrn(`urn:pulumi:test::p::${TYPE}::${name}`);
  r.setType(TYPE);
  r.setName(name);
  r.setProperties(Struct.fromJavaScript(props as never));
  r.setOptions(new pb.AnalyzerResourceOptions());
  return r;
}

const call = (rpc: Rpc, req: unknown) =>
  new Promise<RpcResponse>((resolve, reject) => rpc({ request: req }, (err, response) => (err ? reject(err) : resolve(response))));

describe("shared decoding", () => {
  const ROOT = path.join(__dirname, "..", "..");

  it("is in effect with the installed library, whose version it was checked against", () => {
    // Fails loudly on an upgrade of @pulumi/policy: re-check the internals, then widen the range.
    const installed = (require("@pulumi/policy/package.json") as { version: string }).version;
    expect(semver.satisfies(semver.coerce(installed)!, CHECKED_POLICY_VERSIONS)).toBe(true);
    expect(shareDecodedProperties(ROOT)).toEqual({ applied: true });
    expect(shareDecodedProperties(ROOT)).toEqual({ applied: true });
  });

  it("is preloaded into the packs the offline engine starts", async () => {
    const fixtures = path.join(ROOT, "tests", "fixtures", "engine");
    const result = await runAndAnalyze({
      projectDir: path.join(fixtures, "basic-program"),
      stack: "dev",
      packs: [{ dir: path.join(fixtures, "decoding-probe-pack") }],
    });
    const verdicts = new Set(result.analysis.diagnostics.map((d) => d.message.split("\n").pop()));
    expect([...verdicts]).toEqual(["shared decoding: true"]);
  });

  it("is never part of the pack that pulumi up loads", () => {
    const sources = ["index.ts", "pack.ts", ...fs.readdirSync(path.join(ROOT, "policies", "lib")).map((f) => path.join("lib", f))];
    for (const file of sources) {
      expect(fs.readFileSync(path.join(ROOT, "policies", file), "utf8"), file).not.toMatch(/@pulumi\/policy\/(deserialize|server)|policyLibrary|shareDecodedProperties/);
    }
  });

  it("gives every resource policy of a request the same decoded properties, unknown values still checked", async () => {
    shareDecodedProperties(ROOT);
    const seen: unknown[] = [];
    const reads: unknown[] = [];
    const policy = (name: string): ResourceValidationPolicy => ({
      name,
      description: name,
      enforcementLevel: "advisory",
      validateResource: (args: ResourceValidationArgs) => {
        seen.push((args.props as Record<string, unknown>)[TARGET]);
        reads.push((args.props.tags as Record<string, unknown>).domain);
        void args.props.bucket;
      },
    });
    const rpc = server.makeAnalyzeRpcFun("p", "1.0.0", "advisory", [policy("one"), policy("two")]);
    const response = await call(rpc, request({ tags: { domain: "orders" }, bucket: UNKNOWN_SENTINELS.string }));
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(seen[1]);
    expect(reads).toEqual(["orders", "orders"]);
    expect(response.getDiagnosticsList().map((d) => d.getMessage())).toEqual([
      expect.stringMatching(/can't run policy 'one'.*\.bucket can't be known/),
      expect.stringMatching(/can't run policy 'two'.*\.bucket can't be known/),
    ]);
    // Another request (another Struct) is decoded afresh.
    await call(rpc, request({ tags: { domain: "payments" }, bucket: "x" }));
    expect(seen[2]).not.toBe(seen[0]);
    expect(reads.slice(2)).toEqual(["payments", "payments"]);
  });

  it("gives every stack policy the same decoded properties of each resource", async () => {
    shareDecodedProperties(ROOT);
    const seen: unknown[][] = [];
    const policy = (name: string): StackValidationPolicy => ({
      name,
      description: name,
      enforcementLevel: "advisory",
      validateStack: (args: StackValidationArgs) => {
        seen.push(args.resources.map((r) => (r.props as Record<string, unknown>)[TARGET]));
      },
    });
    const stack = new pb.AnalyzeStackRequest();
    stack.setResourcesList(
      ["a", "b"].map((name) => {
        const r = new pb.AnalyzerResource();
        r.setUrn(`urn:pulumi:test::p::${TYPE}::${name}`);
        r.setType(TYPE);
        r.setName(name);
        r.setProperties(Struct.fromJavaScript({ bucket: name }));
        r.setOptions(new pb.AnalyzerResourceOptions());
        return r;
      }),
    );
    await call(server.makeAnalyzeStackRpcFun("p", "1.0.0", "advisory", [policy("one"), policy("two")]), stack);
    expect(seen).toHaveLength(2);
    const [first, second] = seen as [unknown[], unknown[]];
    expect(first).toHaveLength(2);
    first.forEach((target, i) => expect(target).toBe(second[i]));
    expect(first[0]).not.toBe(first[1]);
  });
});
