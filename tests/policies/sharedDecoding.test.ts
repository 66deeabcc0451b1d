/**
 * The pack's shared decoding against the installed @pulumi/policy: its server, driven in-process as
 * the analyzer protocol drives it, gives every policy the same decoded properties (each through its
 * own unknown-checking proxy), so the speed-up is real; unknown values still stop a policy in preview.
 */
import { describe, expect, it } from "vitest";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import type { Policy, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { shareDecodedProperties } from "../../policies/lib/sharedDecoding";
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
  it("is in effect with the installed library", () => {
    expect(shareDecodedProperties()).toBe(true);
    expect(shareDecodedProperties()).toBe(true);
  });

  it("gives every resource policy of a request the same decoded properties, unknown values still checked", async () => {
    shareDecodedProperties();
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
    shareDecodedProperties();
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
