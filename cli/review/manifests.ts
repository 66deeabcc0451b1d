// The domain manifests a stack deploys, read the way its program reads them (`meshkit:domains`, globs
// relative to the project directory, consumers resolved against `meshkit:platformDomains`), and where
// in each file a domain and its products are declared, so reports can point there.
import * as fs from "fs";
import * as path from "path";
import { LineCounter, parseDocument, isMap, isSeq, type Node } from "yaml";
import type { StackContext } from "../../engine";
import { ManifestError, type LoadedManifest } from "../../components/manifest";
import { loadStackManifests, type StackManifests } from "../../components/manifest/stackManifests";
import { CliError, EXIT_FINDINGS } from "../errors";
import type { ManifestRef } from "./model";
import { listConfig, platformPatterns } from "./domainSettings";

/**
 * The stack's manifests, validated, and the platform's valid ones; undefined for a program that is not
 * configured with meshkit domains. Relative paths resolve against the project directory, which is the
 * working directory.
 */
export function stackManifests(ctx: StackContext): StackManifests | undefined {
  const domains = listConfig(ctx, "meshkit:domains");
  if (domains === undefined) return undefined;
  try {
    return loadStackManifests(domains, { patterns: platformPatterns(ctx) });
  } catch (e) {
    if (e instanceof Error && !(e instanceof ManifestError)) throw new CliError(EXIT_FINDINGS, `stack '${ctx.stack}': ${e.message}`);
    throw e;
  }
}

function lineOf(doc: ReturnType<typeof parseDocument>, counter: LineCounter, at: (string | number)[]): number | undefined {
  const node = doc.getIn(at, true) as Node | undefined;
  return node?.range ? counter.linePos(node.range[0]).line : undefined;
}

/** Where each manifest declares its domain and products, relative to the project directory. */
export function manifestRefs(projectDir: string, manifests: readonly LoadedManifest[]): ManifestRef[] {
  return manifests.map((m) => {
    const counter = new LineCounter();
    const doc = parseDocument(fs.readFileSync(m.file, "utf8"), { lineCounter: counter });
    const products = doc.getIn(["spec", "products"], true);
    const productLines: Record<string, number> = {};
    if (isSeq(products)) {
      products.items.forEach((item, i) => {
        const name = isMap(item) ? item.get("name") : undefined;
        const line = lineOf(doc, counter, ["spec", "products", i]);
        if (typeof name === "string" && line !== undefined) productLines[name] = line;
      });
    }
    return {
      domain: m.spec.metadata.name,
      file: path.relative(projectDir, path.resolve(m.file)).split(path.sep).join("/"),
      line: lineOf(doc, counter, ["metadata", "name"]) ?? 1,
      productLines,
    };
  });
}
