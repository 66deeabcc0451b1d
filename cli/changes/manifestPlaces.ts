// Where a field of a head manifest is, as `{ file, line }` relative to the project, for change findings.
import * as fs from "fs";
import * as path from "path";
import { LineCounter, parseDocument, type Document } from "yaml";
import { fieldPlace } from "../../components/manifest/positions";

export type ManifestPlace = { file: string; line: number };

export class ManifestPlaces {
  private readonly docs = new Map<string, { doc: Document; lines: LineCounter }>();

  constructor(private readonly projectDir: string) {}

  /** The line of the field at `fieldAt` (or of its nearest ancestor) in the manifest `file`. */
  at(file: string, fieldAt: readonly (string | number)[]): ManifestPlace {
    let parsed = this.docs.get(file);
    if (parsed === undefined) {
      const lines = new LineCounter();
      parsed = { doc: parseDocument(fs.readFileSync(file, "utf8"), { lineCounter: lines }), lines };
      this.docs.set(file, parsed);
    }
    const rel = path.relative(this.projectDir, path.resolve(file)).split(path.sep).join("/");
    return { file: rel, line: fieldPlace(parsed.doc, fieldAt, parsed.lines).line };
  }
}
