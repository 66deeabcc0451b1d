// A stack's manifests and the platform they resolve against (components/manifest/stackManifests.ts),
// read from the platform's patterns or from the file of valid manifests a split review hands its parts.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadStackManifests, ManifestError, readPlatformManifests, writePlatformManifests } from "../../components/manifest";
import { fixture } from "./fixtures";

const REPO = path.join(__dirname, "..", "..");
// The stack's patterns resolve against the project directory, so manifests are named relative to it.
const inRepo = (file: string) => path.relative(REPO, file);
const named = (ms: readonly { spec: { metadata: { name: string } } }[]) => ms.map((m) => m.spec.metadata.name);

describe("loadStackManifests", () => {
  const cwd = process.cwd();
  let scratch: string;
  beforeAll(() => {
    process.chdir(REPO);
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-platform-"));
  });
  afterAll(() => {
    process.chdir(cwd);
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it("resolves a one-domain stack against the same platform from the written manifests as from the patterns", () => {
    const fromPatterns = loadStackManifests(["domains/payments.yaml"], { patterns: ["domains/*.yaml"] });
    const written = path.join(scratch, "platform.json");
    // Written as a review of another stack writes it: payments is not among the manifests written whole.
    writePlatformManifests(written, loadStackManifests(["domains/*.yaml"], { patterns: ["domains/*.yaml"] }).platform);
    const fromFile = loadStackManifests(["domains/payments.yaml"], { manifests: readPlatformManifests(written) });
    expect(named(fromFile.deployed)).toEqual(["payments"]);
    expect(fromFile.deployed[0].schemas).toEqual(fromPatterns.deployed[0].schemas);
    expect(fromFile.platform.map((m) => m.file)).toEqual(fromPatterns.platform.map((m) => m.file));
    expect(fromFile.platform.map((m) => m.spec)).toEqual(fromPatterns.platform.map((m) => m.spec));
  });

  it("takes a part's manifests as the review wrote them whole, without reading their files again", () => {
    const domains = path.join(scratch, "part", "domains");
    fs.mkdirSync(domains, { recursive: true });
    for (const f of fs.readdirSync(path.join(REPO, "domains"))) fs.cpSync(path.join(REPO, "domains", f), path.join(domains, f), { recursive: true });
    process.chdir(path.join(scratch, "part"));
    try {
      const review = loadStackManifests(["domains/*.yaml"], { patterns: ["domains/*.yaml"] });
      const written = path.join(scratch, "part", "platform.json");
      writePlatformManifests(written, review.platform, review.deployed);
      // A part reading the file again would now fail on payments.yaml.
      fs.writeFileSync(path.join(domains, "payments.yaml"), "not: [a manifest");
      const part = loadStackManifests(["domains/payments.yaml"], { manifests: readPlatformManifests(written) });
      const payments = review.deployed.find((m) => m.file === "domains/payments.yaml")!;
      expect(part.deployed).toEqual([payments]);
      expect(part.warnings).toEqual(payments.warnings);
      expect(part.platform.map((m) => m.file)).toEqual(["domains/payments.yaml", ...review.platform.map((m) => m.file).filter((f) => f !== payments.file)]);
    } finally {
      process.chdir(REPO);
    }
  });

  it("reads a part's manifest that the review did not write whole, and checks it", () => {
    const written = path.join(scratch, "others.json");
    const review = loadStackManifests(["domains/orders.yaml"], { patterns: ["domains/*.yaml"] });
    writePlatformManifests(written, review.platform, review.deployed);
    const fromFile = loadStackManifests(["domains/payments.yaml"], { manifests: readPlatformManifests(written) });
    expect(fromFile.deployed).toEqual(loadStackManifests(["domains/payments.yaml"], { patterns: ["domains/*.yaml"] }).deployed);
  });

  it("still refuses a manifest that takes the name of one the written platform declares", () => {
    const written = path.join(scratch, "shipping.json");
    const shipping = inRepo(fixture("valid", "shipping.yaml"));
    writePlatformManifests(written, loadStackManifests([shipping], { patterns: ["domains/*.yaml"] }).platform);
    const again = inRepo(fixture("platform", "shipping-again.yaml"));
    let error: unknown;
    try {
      loadStackManifests([again], { manifests: readPlatformManifests(written) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as ManifestError).issues.map((i) => `${i.file}:${i.line} ${i.message}`)).toEqual([
      `${again}:4 domain shipping is already declared in ${shipping}`,
    ]);
  });
});

describe("readPlatformManifests", () => {
  it("names a file it cannot read", () => {
    expect(() => readPlatformManifests("/nonexistent/platform.json")).toThrow(/meshkit:platformManifestsFile \/nonexistent\/platform\.json cannot be read/);
  });

  it("names a file that is not a list of manifests", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-platform-")), "wrong.json");
    fs.writeFileSync(file, JSON.stringify([{ file: "domains/a.yaml", spec: { metadata: {} } }]));
    expect(() => readPlatformManifests(file)).toThrow(`meshkit:platformManifestsFile ${file} is not a list of manifests as meshkit review writes it`);
  });

  it("names a file whose whole manifest lacks its warnings", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-platform-")), "cut.json");
    const spec = { metadata: { name: "a" }, spec: { products: [] } };
    fs.writeFileSync(file, JSON.stringify([{ file: "domains/a.yaml", spec, schemas: {}, previousMajorSchemas: {} }]));
    expect(() => readPlatformManifests(file)).toThrow(`meshkit:platformManifestsFile ${file} is not a list of manifests as meshkit review writes it`);
  });
});
