// `meshkit plan --stack NAME`: runs the stack's program offline and prints what it would create: a
// resource tree grouped by domain, or with `--format json` every resource with its inputs.
import { Command, Option } from "commander";
import type { RunResult } from "../../engine";
import { progress } from "../progress";
import { reportResources } from "../review/model";
import { plan } from "../review/run";
import { planJson } from "../reports/planJson";
import { treeReport } from "../reports/tree";
import { writeReport } from "../output";

function planTree(run: RunResult): string {
  const resources = reportResources(run.resources);
  const domainCount = new Set(resources.map((r) => r.domain).filter(Boolean)).size;
  return treeReport(`Plan of stack ${run.stack} (project ${run.project}): ${resources.length} resources in ${domainCount} domain${domainCount === 1 ? "" : "s"}`, resources);
}

const FORMATS: Record<string, (run: RunResult) => string> = { text: planTree, json: planJson };

export function planCommand(): Command {
  return new Command("plan")
    .description("run the stack's program offline and print the resource tree grouped by domain, or every resource with its inputs as JSON")
    .requiredOption("-s, --stack <name>", "stack name (its Pulumi.<name>.yaml holds the config)")
    .addOption(new Option("-f, --format <format>", "text: the resource tree; json: resources with their inputs, secrets masked").choices(Object.keys(FORMATS)).default("text"))
    .option("-o, --output <file>", "write to a file instead of stdout")
    .action(async (opts: { stack: string; format: string; output?: string }) => {
      const p = progress();
      const run = await plan(opts.stack, p).finally(() => p.done());
      await writeReport(FORMATS[opts.format](run), opts.output);
    });
}
