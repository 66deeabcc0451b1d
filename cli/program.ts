// Wires the commands into one commander program. `--cwd` works like Pulumi's: the command runs as if
// started in that directory (the Pulumi project), so every relative path resolves there.
import { Command, CommanderError, Option } from "commander";
import * as fs from "fs";
import { packageVersion } from "./version";
import { EXIT_CLOSED_PIPE, isClosedPipe } from "./closedPipe";
import { CliError, EXIT_OK, EXIT_USAGE, toCliError } from "./errors";

// Each command's module, in the order help lists them. Only the command that runs is loaded (all of them
// for help or a mistyped command): most load the manifest schema or the engine, and `meshkit review`
// starts its processes before it loads the rest (review/start.ts).
const COMMANDS: Record<string, () => Command> = {
  validate: () => (require("./commands/validate") as typeof import("./commands/validate")).validateCommand(),
  plan: () => (require("./commands/plan") as typeof import("./commands/plan")).planCommand(),
  review: () => (require("./commands/review") as typeof import("./commands/review")).reviewCommand(),
  report: () => (require("./commands/report") as typeof import("./commands/report")).reportCommand(),
  access: () => (require("./commands/access") as typeof import("./commands/access")).accessCommand(),
  stacks: () => (require("./commands/stacks") as typeof import("./commands/stacks")).stacksCommand(),
  schema: () => (require("./commands/schema") as typeof import("./commands/schema")).schemaCommand(),
  new: () => (require("./commands/new") as typeof import("./commands/new")).newCommand(),
  compat: () => (require("./commands/compat") as typeof import("./commands/compat")).compatCommand(),
  contracts: () => (require("./commands/contracts") as typeof import("./commands/contracts")).contractsCommand(),
};

/** The command `argv` runs, past the global `--cwd <dir>`; undefined for help, a version or an unknown command. */
export function invokedCommand(argv: readonly string[]): string | undefined {
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--cwd") i++;
    else if (!arg.startsWith("--cwd=")) return Object.hasOwn(COMMANDS, arg) ? arg : undefined;
  }
  return undefined;
}

function changeDirectory(dir: string): void {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new CliError(EXIT_USAGE, `--cwd ${dir}: no such directory`);
  process.chdir(dir);
}

/** The `meshkit` program with every command, or only the one `argv` runs when it names one. */
export function buildProgram(argv?: readonly string[]): Command {
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
  const invoked = argv && invokedCommand(argv);
  for (const name of invoked ? [invoked] : Object.keys(COMMANDS)) program.addCommand(settle(COMMANDS[name]()));
  return program;
}

/** Runs the command line and returns the exit status; never throws. */
export async function run(argv: string[]): Promise<number> {
  const program = buildProgram(argv);
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
