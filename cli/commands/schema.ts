// `meshkit schema`: the manifest's JSON Schema, for editors and other tools.
import { Command } from "commander";
import { manifestJsonSchema } from "../../components/manifest";
import { writeReport } from "../output";

export function schemaCommand(): Command {
  return new Command("schema")
    .description("print the domain manifest's JSON Schema")
    .option("-o, --output <file>", "write to a file instead of stdout")
    .action(async (opts: { output?: string }) => {
      await writeReport(JSON.stringify(manifestJsonSchema(), null, 2), opts.output);
    });
}
