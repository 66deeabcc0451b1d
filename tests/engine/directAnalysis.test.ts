// The direct channel (engine/policy/direct*) must give exactly what a pack answers over gRPC: the same
// diagnostics for every resource and for the stack, from the same handlers, for a TypeScript pack and an
// npm package of policies, in preview and in update.
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runProgram, type RunResult } from "../../engine";
import { AnalyzerConnection } from "../../engine/policy/analyzerClient";
import { DirectAnalysis } from "../../engine/policy/directClient";
import { readPackConfigFile, reconcilePackConfig } from "../../engine/policy/packConfig";
import { startPack, type PackProcess } from "../../engine/policy/packProcess";
import { AnalyzerRequests } from "../../engine/policy/requests";

const FIXTURES = path.join(__dirname, "..", "fixtures", "engine");
const PROJECT = path.join(FIXTURES, "basic-program");
const PACKS = [
  { dir: path.join(FIXTURES, "policy-pack"), configFile: path.join(FIXTURES, "policy-config.json") },
  { dir: path.join(FIXTURES, "awsguard-pack") },
];

describe.each([true, false])("direct analysis, dryRun %s", (dryRun) => {
  let run: RunResult;
  const started: PackProcess[] = [];
  beforeAll(async () => {
    run = await runProgram({ projectDir: PROJECT, stack: "dev", dryRun });
  }, 120_000);
  afterAll(() => started.forEach((p) => p.child.kill()));

  it.each(PACKS)("answers as gRPC does for $dir", async (spec) => {
    const env = { project: run.project, stack: run.stack, organization: run.organization, dryRun, config: run.config, secretKeys: run.secretKeys };
    const pack = await startPack(spec.dir, env);
    started.push(pack);
    const conn = new AnalyzerConnection(pack.port);
    try {
      const info = await conn.info();
      await conn.configure(reconcilePackConfig(info.name, info.policies, info.initialConfig, spec.configFile ? readPackConfigFile(spec.configFile) : {}));
      await conn.configureStack(env);
      const direct = await DirectAnalysis.open(pack.channel);
      if (typeof direct === "string") throw new Error(`no direct channel: ${direct}`);

      const requests = new AnalyzerRequests(run.resources);
      const analyzed = requests.analyzed();
      const overGrpc = [];
      for (const r of analyzed) overGrpc.push(await conn.analyze(requests.analyzeRequest(r)));
      // Two batches, so that providers sent with the first are found by the second.
      const half = Math.ceil(analyzed.length / 2);
      const lookup = (urn: string) => requests.get(urn);
      const overDirect = [...(await direct.analyze(analyzed.slice(0, half), lookup)), ...(await direct.analyze(analyzed.slice(half), lookup))];
      expect(overDirect).toEqual(overGrpc);
      expect(overGrpc.flat().length).toBeGreaterThan(0);

      const stackOverGrpc = await conn.analyzeStack(requests.analyzeStackRequest());
      expect(await direct.analyzeStack(run.resources)).toEqual(stackOverGrpc);
    } finally {
      conn.close();
    }
  }, 180_000);
});
