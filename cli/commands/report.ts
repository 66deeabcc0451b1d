// `meshkit report merge FILE…`: the JSON results of many reviews (a CI matrix, one review per stack)
// as one PR comment, one SARIF log, one JUnit file and one JSON; the same whatever order the files
// come in. Exit 1 when any review has a mandatory violation or was stopped by its manifests.
import { Command } from "commander";
import { writeReport } from "../output";
import { checkTargets, writeTargets, type ReportTarget } from "../reportTargets";
import { mergedFailure, mergedJsonReport, mergeReviews, type MergedReview } from "../merge/mergedReview";
import { mergedJunitReport } from "../reports/junit";
import { mergedMarkdownReport } from "../reports/markdown";
import { mergedSarifReport } from "../reports/sarif";

const FORMATS: Record<string, { name: string; render: (m: MergedReview) => string }> = {
  markdown: { name: "Markdown comment", render: mergedMarkdownReport },
  sarif: { name: "SARIF log", render: mergedSarifReport },
  junit: { name: "JUnit XML", render: mergedJunitReport },
  json: { name: "JSON (mergeable again)", render: mergedJsonReport },
};

function mergeCommand(): Command {
  const command = new Command("merge")
    .description("combine review JSON files (`review --report json=FILE`, one per stack) into one report per format; exit 1 on a mandatory violation")
    .argument("<files...>", "review JSON files (a merged JSON counts as its reviews)");
  for (const [format, { name }] of Object.entries(FORMATS)) command.option(`--${format} <file>`, `write the merged ${name} to <file>`);
  return command.action(async (files: string[], opts: Record<string, string | undefined>) => {
    const targets: ReportTarget[] = Object.keys(FORMATS).flatMap((format) => (opts[format] !== undefined ? [{ format, file: opts[format]! }] : []));
    checkTargets(targets);
    const merged = mergeReviews(files);
    await writeTargets(targets, (format) => FORMATS[format].render(merged));
    // Without an output file, the comment goes to stdout.
    if (targets.length === 0) await writeReport(mergedMarkdownReport(merged));
    const failure = mergedFailure(merged);
    if (failure) throw failure;
  });
}

export function reportCommand(): Command {
  return new Command("report").description("work with review results: merge a CI matrix's reviews into one report").addCommand(mergeCommand());
}
