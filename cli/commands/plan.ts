// `meshkit plan --stack NAME`: runs the stack's program offline and prints what it would create, as a
// resource tree grouped by domain.
import { Command } from "commander";
import { progress } from "../progress";
import { reportResources } from "../review/model";
import { plan } from "../review/run";
import { treeReport } from "../reports/tree";
import { writeReport } from "../output";

export function planCommand(): Command {
  return new Command("plan")
    .description("run the stack's program offline and print the resource tree, grouped by domain")
    .requiredOption("-s, --stack <name>", "stack name (its Pulumi.<name>.yaml holds the config)")
    .option("-o, --output <file>", "write to a file instead of stdout")
    .action(async (opts: { stack: string; output?: string }) => {
      const p = progress();
      const run = await plan(opts.stack, p).finally(() => p.done());
      const resources = reportResources(run.resources);
      const domainCount = new Set(resources.map((r) => r.domain).filter(Boolean)).size;
      await writeReport(treeReport(`Plan of stack ${run.stack} (project ${run.project}): ${resources.length} resources in ${domainCount} domain${domainCount === 1 ? "" : "s"}`, resources), opts.output);
    });
}
