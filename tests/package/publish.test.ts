/**
 * The platform team publishes meshkit as an npm package: the tarball carries JavaScript, type
 * declarations and an exports map, and a fresh project outside the repository installs it,
 * type-checks `import { DataDomain } from "meshkit"` and deploys a domain under mocks.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
function run(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(" ")} failed in ${cwd}:\n${stdout ?? ""}${stderr ?? ""}`);
  }
}

describe("the published package", () => {
  let work: string;
  let tarball: string;
  beforeAll(() => {
    // `npm test` has just built dist/; packing must not rebuild it (nor print the build into its JSON).
    work = fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-consumer-"));
    const packed = JSON.parse(run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], ROOT)) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(work, packed[0].filename);
  }, 300_000);

  it("has an exports map whose targets are in the tarball", () => {
    const listing = run("tar", ["-tzf", tarball], work).split("\n");
    const manifest = JSON.parse(run("tar", ["-xzOf", tarball, "package/package.json"], work));
    for (const [entry, target] of Object.entries<Record<string, string> | string>(manifest.exports)) {
      const targets = typeof target === "string" ? [target] : Object.values(target);
      for (const t of targets) expect(listing, `${entry} → ${t}`).toContain(`package/${t.replace(/^\.\//, "")}`);
    }
    expect(listing).toContain("package/dist/components/index.d.ts");
    expect(listing.some((f) => f.startsWith("package/tests/"))).toBe(false);
  });

  it("installs into a fresh project that type-checks and deploys a domain under mocks", () => {
    const project = path.join(work, "consumer");
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
    run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball], project);
    fs.copyFileSync(path.join(__dirname, "../fixtures/consumer/deploy.ts"), path.join(project, "deploy.ts"));
    fs.copyFileSync(path.join(ROOT, "domains/orders.yaml"), path.join(project, "orders.yaml"));
    fs.cpSync(path.join(ROOT, "domains/schemas"), path.join(project, "schemas"), { recursive: true });
    fs.writeFileSync(
      path.join(project, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { target: "ES2022", module: "node16", moduleResolution: "node16", strict: true, esModuleInterop: true, skipLibCheck: true, types: [] }, files: ["deploy.ts"] }),
    );
    run(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "."], project);
    const out = JSON.parse(run(process.execPath, ["deploy.js"], project));
    expect(out.summary.topics).toHaveProperty(["orders.order-events.v1"], "orders.order-events.v1");
    expect(out.counts["meshkit:data:DataDomain"]).toBe(1);
    expect(out.counts["aws:s3/bucket:Bucket"]).toBe(3);
    expect(out.counts["kafka:index/topic:Topic"]).toBe(3);
  }, 600_000);
});
