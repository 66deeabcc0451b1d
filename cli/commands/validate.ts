// `meshkit validate [FILES…]`: checks manifests alone and together (unique names, known consumers), in
// any report format: by default one `file:line:col path: message` line per problem, as editors and CI
// annotate from.
import { Command, Option } from "commander";
import * as fs from "fs";
import { escapePath } from "tinyglobby";
import { ManifestError } from "../../components/manifest";
import { expandManifestPatterns } from "../../components/manifest/manifestPatterns";
import { loadStackManifests } from "../../components/manifest/stackManifests";
import { DEFAULT_DOMAIN_PATTERNS } from "../../conventions";
import { CliError, EXIT_FINDINGS } from "../errors";
import { writeReport } from "../output";
import { matchesManifest, platformPatterns } from "../platformPatterns";
import { checkTargets, reportOption, writeTargets, type ReportTarget } from "../reportTargets";
import { MANIFEST_FORMATS, manifestCheck, problemCount, type ManifestCheck } from "../reports/manifestProblems";

// A folder means the manifests directly in it, not its schemas or anything in subfolders.
function asPattern(arg: string): string {
  return fs.statSync(arg, { throwIfNoEntry: false })?.isDirectory() ? `${escapePath(arg.replace(/\/+$/, "") || "/")}/*.{yaml,yml}` : arg;
}

function check(patterns: string[]): ManifestCheck {
  const files = expandManifestPatterns(patterns);
  const platform = platformPatterns();
  try {
    // Advice fails nothing: previous majors past their sunset (MESHKIT_TODAY, else the clock), schema
    // fields that look personal without a PII annotation.
    const { warnings } = loadStackManifests(patterns, { patterns: platform });
    return manifestCheck("meshkit validate", files, [], { warnings });
  } catch (e) {
    if (!(e instanceof ManifestError)) throw e;
    return manifestCheck("meshkit validate", files, e.issues, { warnings: e.warnings });
  }
}

export function validateCommand(): Command {
  return new Command("validate")
    .description("check domain manifests (default domains/*.yaml); exit 1 with file:line:col path: message per problem")
    .argument("[files...]", "manifest files, globs or folders (a folder's *.yaml and *.yml)")
    .addOption(new Option("-f, --format <format>", "report format").choices(Object.keys(MANIFEST_FORMATS)).default("text"))
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .addOption(reportOption(Object.keys(MANIFEST_FORMATS)))
    .action(async (files: string[], opts: { format: string; output?: string; report?: ReportTarget[] }) => {
      checkTargets(opts.report, opts.output);
      const patterns = files.length > 0 ? files.map(asPattern) : [...DEFAULT_DOMAIN_PATTERNS];
      const missing = patterns.filter((p) => !matchesManifest(p));
      if (missing.length > 0) throw new CliError(EXIT_FINDINGS, `no manifest matches ${missing.join(", ")} in ${process.cwd()}`);
      const result = check(patterns);
      await writeTargets(opts.report, (format) => MANIFEST_FORMATS[format](result));
      await writeReport(MANIFEST_FORMATS[opts.format](result), opts.output);
      if (result.issues.length > 0) throw new CliError(EXIT_FINDINGS, problemCount(result));
    });
}
