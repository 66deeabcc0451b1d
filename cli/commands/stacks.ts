// `meshkit stacks [--base REF]`: the stacks a change affects, for a CI matrix of per-stack reviews.
import { Command, Option } from "commander";
import { writeReport } from "../output";
import { affectedStacks, type AffectedStack } from "../stacks/affected";
import { changeFacts, projectStacks } from "../stacks/changeFacts";
import { resolveRevision } from "../git";

const EVERY_STACK = "no --base given: every stack";

function text(stacks: readonly AffectedStack[]): string {
  return stacks.map((s) => `${s.name}: ${s.reasons.join("; ")}`).join("\n");
}

export function stacksCommand(): Command {
  return new Command("stacks")
    .description("list the project's stacks that a change affects (all of them without --base)")
    .option("-b, --base <ref>", "git revision the change is compared with (in CI, the pull request's base commit)")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("-o, --output <file>", "write to a file instead of stdout")
    .action((opts: { base?: string; format: string; output?: string }) => {
      const dir = process.cwd();
      const project = projectStacks(dir);
      const stacks =
        opts.base === undefined
          ? project.stacks.map((s) => ({ name: s.name, reasons: [EVERY_STACK] }))
          : affectedStacks(project.stacks, changeFacts(opts.base, dir, project));
      const base = opts.base === undefined ? null : resolveRevision(opts.base, dir);
      writeReport(opts.format === "json" ? JSON.stringify({ base, stacks }, null, 2) : text(stacks), opts.output);
    });
}
