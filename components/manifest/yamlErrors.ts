/** Turns yaml's parse errors into manifest issues, each at the line a person has to fix. */
import type { LineCounter, YAMLError } from "yaml";
import { NOT_A_MANIFEST, type ManifestIssue } from "./errors";
import { placeOf } from "./positions";

/** A line that starts one of the manifest's top-level keys; text with none of them is not a manifest at all. */
const TOP_LEVEL_KEY = /^["']?(apiVersion|kind|metadata|spec)["']?[ \t]*:/m;

export function yamlIssues(errors: readonly YAMLError[], text: string, file: string, lineCounter: LineCounter): ManifestIssue[] {
  // yaml reads prose as keys missing their values; saying so would send the author hunting for colons.
  if (!TOP_LEVEL_KEY.test(text)) return [{ file, line: 1, column: 1, path: "", message: NOT_A_MANIFEST }];
  const overIndented = errors.filter((e) => overIndentedLine(e, text) !== undefined).map((e) => e.pos[0]);
  return errors
    .filter((e) => !(e.code === "BLOCK_AS_IMPLICIT_KEY" && overIndented.includes(e.pos[0])))
    .map((e) => {
      const line = overIndentedLine(e, text);
      if (line !== undefined) {
        return { file, ...placeOf(lineCounter, line), path: "", message: "YAML: this line is indented more than the key above it; line it up with its sibling keys" };
      }
      return { file, ...placeOf(lineCounter, e.pos[0]), path: "", message: yamlMessage(e, text.slice(e.pos[0])) };
    });
}

/**
 * A key indented deeper than the one above it continues that key's plain value, so yaml reports a
 * multi-line implicit key on the line above. The line to fix is the deeper one: returns the offset
 * of its first character, or undefined when `error` is something else.
 */
function overIndentedLine(error: YAMLError, text: string): number | undefined {
  if (error.code !== "MULTILINE_IMPLICIT_KEY") return undefined;
  const lastLineStart = text.lastIndexOf("\n", error.pos[1] - 1) + 1;
  if (lastLineStart <= error.pos[0]) return undefined;
  const firstLineStart = text.lastIndexOf("\n", error.pos[0] - 1) + 1;
  const indent = (from: number) => /^[ \t]*/.exec(text.slice(from))![0].length;
  return indent(lastLineStart) > indent(firstLineStart) ? lastLineStart + indent(lastLineStart) : undefined;
}

function yamlMessage(error: YAMLError, source: string): string {
  if (error.code === "MULTIPLE_DOCS") return "YAML: a manifest is one document; this `---` starts a second (one domain per file)";
  const key = error.code === "DUPLICATE_KEY" ? keyText(source) : undefined;
  if (key) return `YAML: key ${key} appears twice in the same map`;
  return `YAML: ${error.message.split("\n")[0]}`;
}

/** The key written at the start of `source` (plain or quoted), as the author wrote it. */
function keyText(source: string): string | undefined {
  const key = /^("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^:\n]*?)\s*:/.exec(source);
  return key?.[1];
}
