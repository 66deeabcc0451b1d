// runAndAnalyze sends each batch of registrations to the packs while the program still runs. These tests
// hold it to the result of analyzing only once the run has ended: the same Analyze requests, the same
// packs and diagnostics, byte for byte, in preview and update mode; and the same errors.
import * as path from "path";
import { describe, expect, it } from "vitest";
import { analyze, CapturedResource, PackSpec, runAndAnalyze, runProgram } from "../../engine";
import { capturedResource } from "./capturedResource";
import { engineFailure } from "./engineFailure";
import { ResourceFeed } from "../../engine/policy/feed";
import { AnalyzerRequests } from "../../engine/policy/requests";

const ROOT = path.join(__dirname, "..", "..");
const FIXTURES = path.join(ROOT, "tests", "fixtures", "engine");
const FIXTURE_PACKS: PackSpec[] = [{ dir: path.join(FIXTURES, "policy-pack"), configFile: path.join(FIXTURES, "policy-config.json") }, { dir: path.join(FIXTURES, "awsguard-pack") }];
const MESHKIT_PACK: PackSpec[] = [{ dir: path.join(ROOT, "policies"), configFile: path.join(ROOT, "policies", "config", "production.json") }];

const PROGRAMS = [
  { name: "basic-program", projectDir: path.join(FIXTURES, "basic-program"), stack: "dev", packs: FIXTURE_PACKS },
  { name: "many-resources", projectDir: path.join(FIXTURES, "many-resources"), stack: "small", packs: FIXTURE_PACKS },
  { name: "the repository's production stack", projectDir: ROOT, stack: "production", packs: MESHKIT_PACK },
];
// Small batches, so many Analyze calls start long before the program ends.
const TUNING = { batchSize: 7 };

describe.each(PROGRAMS)("analysis overlapped with the run of $name", ({ projectDir, stack, packs }) => {
  it.each([true, false])("builds every Analyze request mid-run exactly as after the run (dryRun %s)", async (dryRun) => {
    const streamed = new Map<string, Uint8Array>();
    const feed = new ResourceFeed();
    const next = feed.reader();
    let pulled = 0;
    const run = await runProgram({ projectDir, stack, dryRun }, TUNING, (batch) => {
      feed.add(batch);
      // Build what is released now (in a microtask, before the next batch arrives).
      for (; pulled < feed.size; pulled++) void next().then((r) => r && streamed.set(r.urn, feed.requests.analyzeRequest(r).serializeBinary()));
    });
    await new Promise((resolve) => setImmediate(resolve));
    const after = new AnalyzerRequests(run.resources);
    const analyzed = after.analyzed();
    expect(analyzed.length).toBeGreaterThan(1);
    expect([...streamed.keys()].sort()).toEqual(analyzed.map((r) => r.urn).sort());
    for (const r of analyzed) expect(Buffer.from(streamed.get(r.urn)!).equals(Buffer.from(after.analyzeRequest(r).serializeBinary())), r.urn).toBe(true);
  }, 120_000);

  it.each([true, false])("gives byte-identical packs and diagnostics to analyzing after the run (dryRun %s)", async (dryRun) => {
    const overlapped = await runAndAnalyze({ projectDir, stack, dryRun, packs }, TUNING);
    const run = await runProgram({ projectDir, stack, dryRun });
    const after = await analyze({ packs, resources: run.resources, project: run.project, stack: run.stack, organization: run.organization, dryRun, config: run.config, secretKeys: run.secretKeys });
    expect(JSON.stringify(overlapped.run.resources)).toBe(JSON.stringify(run.resources));
    expect(JSON.stringify(overlapped.analysis.packs)).toBe(JSON.stringify(after.packs));
    expect(JSON.stringify(overlapped.analysis.diagnostics)).toBe(JSON.stringify(after.diagnostics));
  }, 180_000);
});

describe("errors while analysis overlaps the run", () => {
  it("reports the program's failure, not the analysis, when the program fails", async () => {
    const e = await engineFailure(runAndAnalyze({ projectDir: path.join(FIXTURES, "throwing-program"), stack: "dev", packs: FIXTURE_PACKS }, TUNING));
    expect(e.code).toBe("PROGRAM_FAILED");
    expect(e.message).toMatch(/failed: bucket prefix must be lowercase$/);
  }, 120_000);

  it("reports a pack that fails to load once the program has run", async () => {
    const e = await engineFailure(runAndAnalyze({ ...PROGRAMS[0], packs: [{ dir: path.join(FIXTURES, "broken-pack") }] }, TUNING));
    expect(e.code).toBe("PACK_LOAD_FAILED");
  }, 120_000);
});

describe("the feed of resources to analyze", () => {
  const resource = (urn: string, extra: Partial<CapturedResource> = {}) => capturedResource(urn, "aws:s3/bucket:Bucket", { name: urn, ...extra });

  it("holds a resource back until its provider is registered, and never releases one read", async () => {
    const feed = new ResourceFeed();
    const next = feed.reader();
    feed.add([resource("a", { provider: "p::id" }), resource("r", { read: true })]);
    expect(feed.size).toBe(0);
    feed.add([resource("p", { type: "pulumi:providers:aws" }), resource("a")]);
    feed.close();
    const got: string[] = [];
    for (let r = await next(); r; r = await next()) got.push(r.urn);
    expect(got).toEqual(["a", "p"]);
    expect(feed.requests.analyzeRequest(resource("a", { provider: "p::id" })).getProvider()?.getUrn()).toBe("p");
  });

  it("releases what still waits for a provider when closed, and stops readers when aborted", async () => {
    const closed = new ResourceFeed();
    closed.add([resource("a", { provider: "missing::id" })]);
    closed.close();
    expect((await closed.reader()())?.urn).toBe("a");
    const aborted = new ResourceFeed();
    const waiting = aborted.reader()();
    aborted.abort();
    expect(await waiting).toBeUndefined();
  });
});
