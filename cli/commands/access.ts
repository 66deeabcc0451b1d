// `meshkit access --stack NAME`: who may read and write what, by principal and product, from the
// stack's manifests (no program run needed).
import { Command, Option } from "commander";
import { buildAccess, type AccessReport } from "../access/model";
import { CliError, EXIT_FINDINGS } from "../errors";
import { writeReport } from "../output";
import { environmentOf } from "../review/domainSettings";
import { prepare } from "../review/run";
import { accessJsonReport } from "../reports/accessJson";
import { accessMarkdownReport } from "../reports/accessMarkdown";
import { accessTextReport } from "../reports/accessText";

const FORMATS: Record<string, (r: AccessReport) => string> = {
  text: accessTextReport,
  markdown: accessMarkdownReport,
  json: accessJsonReport,
};

export function accessCommand(): Command {
  return new Command("access")
    .description("print who may read and write what, by principal and product, from the stack's manifests")
    .requiredOption("-s, --stack <name>", "stack name (its Pulumi.<name>.yaml lists the domains)")
    .addOption(new Option("-f, --format <format>", "report format").choices(Object.keys(FORMATS)).default("text"))
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .action(async (opts: { stack: string; format: string; output?: string }) => {
      const { ctx, manifests } = prepare(opts.stack);
      if (manifests === undefined) throw new CliError(EXIT_FINDINGS, `stack '${ctx.stack}' sets no meshkit:domains in ${ctx.configFile}, so it declares no access`);
      const report = buildAccess(ctx.stack, environmentOf(ctx), manifests.map((m) => m.spec));
      await writeReport(FORMATS[opts.format](report), opts.output);
    });
}
