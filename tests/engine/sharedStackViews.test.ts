// Shared stack views (engine/policy/policyLibrary.ts, shareStackViews): on the direct channel, the stack
// policies of one AnalyzeStack request are given the resource views the library built for the first,
// instead of views rebuilt per policy. What each policy sees must be what it sees over gRPC, where the
// library runs unmodified: every resource with its parent, dependencies, provider, options and props, and
// a policy limited to one type run, or not applicable, as before.
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runProgram, type Diagnostic, type RunResult } from "../../engine";
import { AnalyzerConnection } from "../../engine/policy/analyzerClient";
import { DirectAnalysis } from "../../engine/policy/directClient";
import { reconcilePackConfig } from "../../engine/policy/packConfig";
import { startPack, type PackProcess } from "../../engine/policy/packProcess";
import { AnalyzerRequests } from "../../engine/policy/requests";

const FIXTURES = path.join(__dirname, "..", "fixtures", "engine");
const PROJECT = path.join(FIXTURES, "basic-program");
const PACK = path.join(FIXTURES, "stack-views-probe-pack");

// Each policy's report, without the policy's description the message starts with.
const byPolicy = (ds: Diagnostic[]) => Object.fromEntries(ds.map((d) => [d.policy, d.message.slice(d.message.indexOf("\n") + 1)]));

describe("shared stack views", () => {
  let run: RunResult;
  let pack: PackProcess;
  let conn: AnalyzerConnection;
  let direct: DirectAnalysis;
  beforeAll(async () => {
    run = await runProgram({ projectDir: PROJECT, stack: "dev" });
    const env = { project: run.project, stack: run.stack, organization: run.organization, dryRun: true, config: run.config, secretKeys: run.secretKeys };
    pack = await startPack(PACK, env);
    conn = new AnalyzerConnection(pack.port);
    const info = await conn.info();
    await conn.configure(reconcilePackConfig(info.name, info.policies, info.initialConfig, {}));
    await conn.configureStack(env);
    const opened = await DirectAnalysis.open(pack.channel);
    if (typeof opened === "string") throw new Error(`no direct channel: ${opened}`);
    direct = opened;
  }, 120_000);
  afterAll(() => {
    conn?.close();
    pack?.child.kill();
  });

  it("gives every stack policy what gRPC gives it, from views built once", async () => {
    const overGrpc = byPolicy(await conn.analyzeStack(new AnalyzerRequests(run.resources).analyzeStackRequest()));
    const overDirect = byPolicy(await direct.analyzeStack(run.resources));

    expect(overGrpc["views-shared"]).toBe("same objects: false, own array: true");
    expect(overDirect["views-shared"]).toBe("same objects: true, own array: true");
    delete overGrpc["views-shared"];
    delete overDirect["views-shared"];
    expect(overDirect).toEqual(overGrpc);

    // Every resource, for the first stack policy and for a later one alike.
    const lines = overDirect["every-resource"].split("\n");
    expect(lines).toHaveLength(run.resources.length);
    expect(overDirect["every-resource-again"]).toBe(overDirect["every-resource"]);
    expect(lines).toContainEqual(expect.stringMatching(/^aws:s3\/bucket:Bucket data-bucket parent=data .*protect=true .*isBucket=true$/));
    expect(lines).toContainEqual(expect.stringMatching(/^aws:s3\/bucket:Bucket eu-bucket .*dependencies=key .*provider=eu /));
    // A policy limited to one type: run on both buckets, and not applicable without a queue.
    expect(overDirect.buckets).toMatch(/^2 buckets: /);
    expect(overDirect.queues).toBeUndefined();
  });

  it("builds the views afresh for the next request", async () => {
    const again = byPolicy(await direct.analyzeStack(run.resources));
    expect(again["views-shared"]).toBe("same objects: true, own array: true");
    expect(again["every-resource"].split("\n")).toHaveLength(run.resources.length);
  });
});
