// Wires the commands into one commander program. `--cwd` works like Pulumi's: the command runs as if
// started in that directory (the Pulumi project), so every relative path resolves there.
import { Command, CommanderError, Option } from "commander";
import * as fs from "fs";
import { accessCommand } from "./commands/access";
import { compatCommand } from "./commands/compat";
import { contractsCommand } from "./commands/contracts";
import { newCommand } from "./commands/new";
import { planCommand } from "./commands/plan";
import { reportCommand } from "./commands/report";
import { reviewCommand } from "./commands/review";
import { schemaCommand } from "./commands/schema";
import { stacksCommand } from "./commands/stacks";
import { validateCommand } from "./commands/validate";
import { packageVersion } from "./version";
import { EXIT_CLOSED_PIPE, isClosedPipe } from "./closedPipe";
import { CliError, EXIT_OK, EXIT_USAGE, toCliError } from "./errors";

function changeDirectory(dir: string): void {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new CliError(EXIT_USAGE, `--cwd ${dir}: no such directory`);
  process.chdir(dir);
}

export function buildProgram(): Command {
  const program = new Command("meshkit")
    .description("Self-serve data-platform blueprints on Pulumi: validate manifests, plan and review stacks offline.")
    .version(packageVersion())
    .addOption(new Option("--cwd <dir>", "run as if started in <dir> (a Pulumi project with its Pulumi.yaml)"))
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError("(run meshkit help for usage)")
    .addHelpText("after", "\nExit status: 0 fine, 1 findings or invalid input, 2 usage or internal error.")
    .exitOverride()
    .hook("preAction", (cmd) => {
      const cwd = cmd.opts<{ cwd?: string }>().cwd;
      if (cwd !== undefined) changeDirectory(cwd);
    });
  const settle = (cmd: Command): Command => {
    cmd.commands.forEach(settle);
    return cmd.exitOverride().configureHelp({ showGlobalOptions: true }).showHelpAfterError("(add --help for usage)");
  };
  for (const sub of [validateCommand(), planCommand(), reviewCommand(), reportCommand(), accessCommand(), stacksCommand(), schemaCommand(), newCommand(), compatCommand(), contractsCommand()]) {
    program.addCommand(settle(sub));
  }
  return program;
}

/** Runs the command line and returns the exit status; never throws. */
export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    // A command that finds problems prints its report, then throws a CliError with status 1.
    await program.parseAsync(argv);
    return EXIT_OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version end in a CommanderError too, with status 0; commander has printed the reason.
      return e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    // A report written with `--output /dev/stdout` into a closed pipe fails synchronously.
    if (isClosedPipe(e)) return EXIT_CLOSED_PIPE;
    const err = toCliError(e);
    process.stderr.write(`meshkit: ${err.message}\n`);
    if (err.details) process.stderr.write(err.details.replace(/^/gm, "  ") + "\n");
    if (process.env.MESHKIT_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    return err.exitCode;
  }
}
