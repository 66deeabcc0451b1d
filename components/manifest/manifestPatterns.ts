// Which files a stack's manifest paths and globs name. Kept apart from the manifest schema so that a
// caller that only lists files (the review, before it starts the program) loads no parser.
import { globSync } from "tinyglobby";

/** Expands paths and globs relative to the working directory; a pattern matching nothing is an error. */
export function expandManifestPatterns(patterns: readonly string[]): string[] {
  const files: string[] = [];
  for (const pattern of patterns) {
    const matched = globSync(pattern, { onlyFiles: true }).sort();
    if (matched.length === 0) throw new Error(`meshkit:domains entry "${pattern}" matches no manifest under ${process.cwd()}`);
    for (const f of matched) if (!files.includes(f)) files.push(f);
  }
  return files;
}
