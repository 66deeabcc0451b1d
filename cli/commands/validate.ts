// `meshkit validate [FILES…]`: checks manifests alone and together (unique names, known consumers), one
// `file:line:col path: message` line per problem, as editors and CI annotate from.
import { Command } from "commander";
import * as fs from "fs";
import { escapePath } from "tinyglobby";
import { formatIssue, ManifestError } from "../../components/manifest";
import { expandManifestPatterns, loadStackManifests } from "../../components/manifest/stackManifests";
import { DEFAULT_DOMAIN_PATTERNS } from "../../conventions";
import { CliError, EXIT_FINDINGS } from "../errors";


// A folder means the manifests directly in it, not its schemas or anything in subfolders.
function asPattern(arg: string): string {
  return fs.statSync(arg, { throwIfNoEntry: false })?.isDirectory() ? `${escapePath(arg.replace(/\/+$/, "") || "/")}/*.{yaml,yml}` : arg;
}

function matches(pattern: string): boolean {
  try {
    return expandManifestPatterns([pattern]).length > 0;
  } catch {
    return false;
  }
}

export function validateCommand(): Command {
  return new Command("validate")
    .description("check domain manifests (default domains/*.yaml); exit 1 with file:line:col path: message per problem")
    .argument("[files...]", "manifest files, globs or folders (a folder's *.yaml and *.yml)")
    .action((files: string[]) => {
      const patterns = files.length > 0 ? files.map(asPattern) : [...DEFAULT_DOMAIN_PATTERNS];
      const missing = patterns.filter((p) => !matches(p));
      if (missing.length > 0) throw new CliError(EXIT_FINDINGS, `no manifest matches ${missing.join(", ")} in ${process.cwd()}`);
      // Consumers may name any domain of the platform, not only the files checked now.
      const platform = DEFAULT_DOMAIN_PATTERNS.filter(matches);
      try {
        loadStackManifests(patterns, platform);
      } catch (e) {
        if (!(e instanceof ManifestError)) throw e;
        for (const issue of e.issues) process.stdout.write(`${formatIssue(issue)}\n`);
        const count = new Set(e.issues.map((i) => i.file)).size;
        throw new CliError(EXIT_FINDINGS, `${e.issues.length} problem${e.issues.length === 1 ? "" : "s"} in ${count} manifest${count === 1 ? "" : "s"}`);
      }
      for (const f of expandManifestPatterns(patterns)) process.stdout.write(`ok ${f}\n`);
    });
}
