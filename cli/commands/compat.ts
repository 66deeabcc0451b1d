// `meshkit compat OLD NEW [--compatibility MODE]`: whether NEW may follow OLD under a schema-registry
// compatibility mode, decided by the same check the change review runs. Exit 0 compatible, 1
// incompatible, 2 unusable input (a missing or unparseable file, or two formats).
import { Command, Option } from "commander";
import * as fs from "fs";
import { COMPATIBILITY_MODES, type CompatibilityMode, type ProductSchema } from "../../components/manifest";
import { checkSchemaCompatibility } from "../../components/schemas/compatibility";
import { productSchemaOf } from "../../components/schemas/parsedSchema";
import { UnusableSchemaError } from "../../components/schemas/unusableSchemaError";
import { CliError, EXIT_FINDINGS, EXIT_USAGE } from "../errors";
import { writeReport } from "../output";

/** What each mode promises, in the words the verdict line uses. */
const PROMISES: Readonly<Record<CompatibilityMode, string>> = {
  none: "nothing is checked",
  backward: "a consumer on NEW reads data written with OLD",
  "backward-transitive": "a consumer on NEW reads data written with OLD",
  forward: "a consumer on OLD reads data written with NEW",
  "forward-transitive": "a consumer on OLD reads data written with NEW",
  full: "each reads data written with the other",
  "full-transitive": "each reads data written with the other",
};

const FORMAT_NAMES: Readonly<Record<ProductSchema["format"], string>> = { AVRO: "an Avro schema", JSON: "a JSON Schema" };

function schemaFile(file: string): ProductSchema {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(EXIT_USAGE, `cannot read ${file}: ${code === "ENOENT" ? "no such file" : (e as Error).message}`);
  }
  try {
    return productSchemaOf(file, text);
  } catch (e) {
    if (e instanceof UnusableSchemaError) throw new CliError(EXIT_USAGE, `${file} is ${e.message}`);
    throw e;
  }
}

export function compatCommand(): Command {
  return new Command("compat")
    .description("check that schema file NEW may follow OLD under a compatibility mode; exit 0 compatible, 1 incompatible, 2 unusable input")
    .argument("<old>", "the earlier schema file (Avro .avsc or JSON Schema)")
    .argument("<new>", "the later schema file, of the same format")
    .addOption(
      new Option("-c, --compatibility <mode>", "the contract's compatibility mode; -transitive forms mean the same with one earlier file")
        .choices(COMPATIBILITY_MODES)
        .default("backward"),
    )
    .action(async (oldFile: string, newFile: string, opts: { compatibility: CompatibilityMode }) => {
      const older = schemaFile(oldFile);
      const newer = schemaFile(newFile);
      if (older.format !== newer.format) {
        throw new CliError(EXIT_USAGE, `${oldFile} is ${FORMAT_NAMES[older.format]} and ${newFile} ${FORMAT_NAMES[newer.format]}; compat compares two schemas of the same format`);
      }
      const mode = opts.compatibility;
      const verdict = checkSchemaCompatibility(mode, newer, [older]);
      const promise = PROMISES[mode].replace("NEW", newFile).replace("OLD", oldFile);
      const heading = `${verdict.compatible ? "compatible" : "incompatible"} under ${mode}: ${promise}`;
      await writeReport([heading, ...verdict.reasons.map((reason) => `  - ${reason}`)].join("\n"));
      if (!verdict.compatible) {
        throw new CliError(EXIT_FINDINGS, `${newFile} breaks ${mode} compatibility with ${oldFile} (${verdict.reasons.length} reason${verdict.reasons.length === 1 ? "" : "s"})`);
      }
    });
}
