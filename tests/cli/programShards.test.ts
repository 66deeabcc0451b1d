// How a review splits a platform stack into parts (cli/review/shards.ts): contiguous runs of the stack's
// manifests in its own order, each handed the platform's valid manifests, which the review read once.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DOMAINS_PER_SHARD, programShards, stackParts } from "../../cli/review/shards";
import {
  isLoadedManifest,
  loadStackManifests,
  readPlatformManifests,
  writePlatformManifests,
  type DeclaredManifest,
  type LoadedManifest,
} from "../../components/manifest";
import { runProgram } from "../../engine";

const files = (n: number) => Array.from({ length: n }, (_, i) => `domains/d${String(i).padStart(3, "0")}.yaml`);

describe("stackParts", () => {
  it("leaves a stack of up to DOMAINS_PER_SHARD domains whole", () => {
    expect(stackParts(files(DOMAINS_PER_SHARD))).toBeUndefined();
    expect(stackParts(undefined)).toBeUndefined();
  });

  it("splits a larger one into even contiguous parts that together deploy every manifest once", () => {
    const all = files(3 * DOMAINS_PER_SHARD + 1);
    const parts = stackParts(all)!;
    expect(parts).toHaveLength(4);
    expect(parts.flat()).toEqual(all);
    expect(Math.max(...parts.map((p) => p.length)) - Math.min(...parts.map((p) => p.length))).toBeLessThanOrEqual(1);
  });
});

describe("programShards", () => {
  const cwd = process.cwd();
  let project: string;
  beforeEach(() => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-shards-"));
    fs.mkdirSync(path.join(project, "domains"));
    fs.mkdirSync(path.join(project, "teams"));
    for (const f of ["domains/b.yaml", "domains/a.yaml", "teams/c.yaml"]) fs.writeFileSync(path.join(project, f), "");
    process.chdir(project);
  });
  afterEach(() => {
    process.chdir(cwd);
    fs.rmSync(project, { recursive: true, force: true });
  });
  const declared = (file: string) => ({ file, spec: { metadata: { name: path.parse(file).name }, spec: { products: [] } } }) as unknown as DeclaredManifest;

  it("gives every part its own manifests and one file of the platform's valid manifests, in the order the platform's patterns match them", () => {
    const shards = programShards([["domains/b.yaml"], ["domains/a.yaml"]], { patterns: ["teams/*.yaml", "domains/*.yaml"], manifests: ["domains/b.yaml", "teams/c.yaml", "domains/a.yaml"].map(declared), deployed: [] }, project);
    expect(shards.map((s) => JSON.parse(s["meshkit:domains"]))).toEqual([["domains/b.yaml"], ["domains/a.yaml"]]);
    const file = shards[0]["meshkit:platformManifestsFile"];
    expect(shards.every((s) => s["meshkit:platformManifestsFile"] === file)).toBe(true);
    expect(readPlatformManifests(file).map((m) => m.file)).toEqual(["teams/c.yaml", "domains/a.yaml", "domains/b.yaml"]);
  });

  it("leaves out what the patterns match but did not load, and what they do not match", () => {
    const shards = programShards([["domains/a.yaml"]], { patterns: ["domains/*.yaml"], manifests: ["domains/a.yaml", "teams/c.yaml"].map(declared), deployed: [] }, project);
    expect(readPlatformManifests(shards[0]["meshkit:platformManifestsFile"]).map((m) => m.file)).toEqual(["domains/a.yaml"]);
  });

  it("writes the stack's own manifests whole, schemas and warnings included, and the others' files and specs only", () => {
    const loaded = (file: string): LoadedManifest => ({
      ...declared(file),
      schemas: { events: { path: "events.avsc", format: "AVRO", definition: "{}" } },
      previousMajorSchemas: {},
      warnings: [{ file, line: 3, column: 1, path: "spec", message: "advice" }],
      lines: { domain: 4, products: { events: 9 } },
    });
    const [a, b] = [loaded("domains/a.yaml"), loaded("domains/b.yaml")];
    const shards = programShards([["domains/a.yaml"]], { patterns: ["teams/*.yaml", "domains/*.yaml"], manifests: [a, b, loaded("teams/c.yaml")], deployed: [a, b] }, project);
    const written = readPlatformManifests(shards[0]["meshkit:platformManifestsFile"]);
    expect(written.map((m) => [m.file, isLoadedManifest(m)])).toEqual([
      ["teams/c.yaml", false],
      ["domains/a.yaml", true],
      ["domains/b.yaml", true],
    ]);
    expect(written[1]).toEqual(a);
    expect(written[0]).toEqual(declared("teams/c.yaml"));
  });
});

// A part deploys domains the review has checked: its program takes them from the file and loads none of
// the manifest checks (YAML, zod), which a program reading its manifests itself does.
describe("a part's program", () => {
  const ROOT = path.join(__dirname, "..", "..");
  const PROBE = path.join(__dirname, "..", "fixtures", "stacks", "loaded-modules-probe.js");
  const cwd = process.cwd();
  let scratch: string;
  beforeAll(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-part-"));
    process.chdir(ROOT);
  });
  afterAll(() => {
    process.chdir(cwd);
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  async function packagesLoaded(platformFile: string): Promise<{ packages: string[]; resources: number }> {
    const modulesFile = path.join(scratch, `modules-${path.basename(platformFile)}`);
    process.env.MESHKIT_TEST_MODULES_FILE = modulesFile;
    try {
      const shard = { "meshkit:domains": JSON.stringify(["domains/orders.yaml"]), "meshkit:platformManifestsFile": platformFile };
      const run = await runProgram({ projectDir: ROOT, stack: "production", shards: [shard] }, { nodeOptions: ["-r", PROBE] });
      return { packages: JSON.parse(fs.readFileSync(modulesFile, "utf8")), resources: run.resources.length };
    } finally {
      delete process.env.MESHKIT_TEST_MODULES_FILE;
    }
  }

  it("loads no manifest parser or validator when the review wrote its manifests whole, and builds the same domain", async () => {
    const review = loadStackManifests(["domains/*.yaml"], { patterns: ["domains/*.yaml"] });
    const whole = path.join(scratch, "whole.json");
    const declared = path.join(scratch, "declared.json");
    writePlatformManifests(whole, review.platform, review.deployed);
    writePlatformManifests(declared, review.platform);
    const [fromReview, fromFiles] = [await packagesLoaded(whole), await packagesLoaded(declared)];
    expect(fromFiles.packages).toEqual(expect.arrayContaining(["yaml", "zod"]));
    expect(fromReview.packages).not.toContain("zod");
    expect(fromReview.packages).not.toContain("yaml");
    expect(fromReview.resources).toBe(fromFiles.resources);
  }, 120_000);
});
