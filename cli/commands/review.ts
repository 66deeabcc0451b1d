// `meshkit review --stack NAME [--base REF]`: the plan, judged by every policy pack (and, with --base, the
// change review against REF), in the format asked for (and in every `--report` format from the same
// run); exit 1 when a mandatory finding is not exempted.
import { Command, Option } from "commander";
import { CliError, EXIT_FINDINGS } from "../errors";
import { writeReport } from "../output";
import { checkTargets, reportOption, writeTargets, type ReportTarget } from "../reportTargets";
import { progress } from "../progress";
import { REVIEW_FORMATS, type ReviewFormat } from "../reports/reviewFormats";
import { startReview } from "../review/start";

// The program and the packs start before the rest of the review is loaded (the manifest schema, the
// reports: about a third of a second), so that they boot meanwhile.
async function loadReview() {
  const [{ review }, { REVIEW_REPORTS }, { ManifestError }, problems] = await Promise.all([
    import("../review/run"),
    import("../reports/reviewReports"),
    import("../../components/manifest/errors"),
    import("../reports/manifestProblems"),
  ]);
  return { review, REVIEW_REPORTS, ManifestError, ...problems };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function reviewCommand(): Command {
  return new Command("review")
    .description("plan the stack offline and run every policy pack over it; exit 1 on a mandatory violation")
    .requiredOption("-s, --stack <name>", "stack name (its Pulumi.<name>.yaml holds the config)")
    .addOption(new Option("--policy-pack <dir>", "a CrossGuard policy pack to run (repeatable)").argParser(collect).default([], "meshkit's own"))
    .addOption(
      new Option("--policy-pack-config <file>", "config for the policy pack in the same position (repeatable)")
        .argParser(collect)
        .default([], "policies/config/<environment>.json for meshkit's own pack"),
    )
    .addOption(new Option("-f, --format <format>", "report format").choices(REVIEW_FORMATS).default("text"))
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .option("--base <ref>", "also review the change against this git revision (in CI, the pull request's base commit)")
    .addOption(reportOption(REVIEW_FORMATS))
    .action(async (opts: { stack: string; policyPack: string[]; policyPackConfig: string[]; format: ReviewFormat; output?: string; base?: string; report?: ReportTarget[] }) => {
      checkTargets(opts.report, opts.output);
      const p = progress();
      const reviewed = (async () => {
        const started = startReview({ stack: opts.stack, packDirs: opts.policyPack, configFiles: opts.policyPackConfig, base: opts.base }, p);
        const loaded = await loadReview();
        const result = await loaded.review(started).catch(async (e: unknown) => {
          // A bad manifest stops the review before the program runs; it is reported where findings would be.
          if (!(e instanceof loaded.ManifestError)) throw e;
          const check = loaded.manifestCheck(loaded.stoppedReviewTitle(opts.stack), [], e.issues, { stack: opts.stack, warnings: e.warnings });
          await writeTargets(opts.report, (format) => loaded.MANIFEST_FORMATS[format](check));
          await writeReport(loaded.MANIFEST_FORMATS[opts.format](check), opts.output);
          throw new CliError(EXIT_FINDINGS, loaded.problemCount(check));
        });
        return { result, reports: loaded.REVIEW_REPORTS };
      })();
      const { result, reports } = await reviewed.finally(() => p.done());
      await writeTargets(opts.report, (format) => reports[format as ReviewFormat](result));
      await writeReport(reports[opts.format](result), opts.output);
      const { mandatory } = result.summary;
      if (mandatory > 0) throw new CliError(EXIT_FINDINGS, `${mandatory} mandatory policy violation${mandatory === 1 ? "" : "s"} in stack ${result.stack}`);
    });
}
