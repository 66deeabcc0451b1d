// `meshkit review --stack NAME [--base REF]`: the plan, judged by every policy pack (and, with --base, the
// change review against REF), in the format asked for (and in every `--report` format from the same
// run); exit 1 when a mandatory finding is not exempted.
import { Command, Option } from "commander";
import { ManifestError } from "../../components/manifest";
import { CliError, EXIT_FINDINGS } from "../errors";
import { writeReport } from "../output";
import { checkTargets, reportOption, writeTargets, type ReportTarget } from "../reportTargets";
import { progress } from "../progress";
import { review } from "../review/run";
import type { Review } from "../review/model";
import { jsonReport } from "../reports/json";
import { junitReport } from "../reports/junit";
import { markdownReport } from "../reports/markdown";
import { MANIFEST_FORMATS, manifestCheck, problemCount, stoppedReviewTitle } from "../reports/manifestProblems";
import { sarifReport } from "../reports/sarif";
import { textReport } from "../reports/text";

const FORMATS: Record<string, (r: Review) => string> = {
  text: textReport,
  markdown: markdownReport,
  json: jsonReport,
  sarif: sarifReport,
  junit: junitReport,
};

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
    .addOption(new Option("-f, --format <format>", "report format").choices(Object.keys(FORMATS)).default("text"))
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .option("--base <ref>", "also review the change against this git revision (in CI, the pull request's base commit)")
    .addOption(reportOption(Object.keys(FORMATS)))
    .action(async (opts: { stack: string; policyPack: string[]; policyPackConfig: string[]; format: string; output?: string; base?: string; report?: ReportTarget[] }) => {
      checkTargets(opts.report, opts.output);
      const p = progress();
      const result = await review({ stack: opts.stack, packDirs: opts.policyPack, configFiles: opts.policyPackConfig, base: opts.base }, p)
        .catch(async (e: unknown) => {
          // A bad manifest stops the review before the program runs; it is reported where findings would be.
          if (!(e instanceof ManifestError)) throw e;
          const check = manifestCheck(stoppedReviewTitle(opts.stack), [], e.issues, { stack: opts.stack, warnings: e.warnings });
          await writeTargets(opts.report, (format) => MANIFEST_FORMATS[format](check));
          await writeReport(MANIFEST_FORMATS[opts.format](check), opts.output);
          throw new CliError(EXIT_FINDINGS, problemCount(check));
        })
        .finally(() => p.done());
      await writeTargets(opts.report, (format) => FORMATS[format](result));
      await writeReport(FORMATS[opts.format](result), opts.output);
      const { mandatory } = result.summary;
      if (mandatory > 0) throw new CliError(EXIT_FINDINGS, `${mandatory} mandatory policy violation${mandatory === 1 ? "" : "s"} in stack ${result.stack}`);
    });
}
