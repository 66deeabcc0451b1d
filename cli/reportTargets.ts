// `--report FORMAT=FILE`, repeatable: every report of one run, each rendered once from the same result,
// so CI reviews a stack once and still gets SARIF, Markdown, JUnit and JSON. `--format`/`--output`
// keep their meaning beside it (the report for the terminal or one file).
import { InvalidArgumentError, Option } from "commander";
import * as path from "path";
import { CliError, EXIT_USAGE } from "./errors";
import { writeReport } from "./output";

export interface ReportTarget {
  format: string;
  file: string;
}

/** The repeatable `--report` option for a command whose report formats are `formats`. */
export function reportOption(formats: readonly string[]): Option {
  return new Option("-r, --report <format=file>", `also write the report in <format> (${formats.join(", ")}) to <file>; repeatable`)
    .argParser((value: string, previous: ReportTarget[] | undefined) => {
      const at = value.indexOf("=");
      const format = value.slice(0, Math.max(at, 0));
      const file = value.slice(at + 1);
      if (at < 0 || file === "") throw new InvalidArgumentError(`expected <format>=<file>, e.g. sarif=review.sarif`);
      if (!formats.includes(format)) throw new InvalidArgumentError(`format '${format}' is not one of ${formats.join(", ")}`);
      return [...(previous ?? []), { format, file }];
    });
}

/** Refuses two reports into one file, before anything runs; `output` is `--output`'s file, if any. */
export function checkTargets(targets: readonly ReportTarget[] = [], output?: string): void {
  const seen = new Map<string, string>(output === undefined ? [] : [[path.resolve(output), "--output"]]);
  for (const t of targets) {
    const file = path.resolve(t.file);
    const other = seen.get(file);
    if (other !== undefined) throw new CliError(EXIT_USAGE, `--report ${t.format}=${t.file}: ${other} writes that file too`);
    seen.set(file, `--report ${t.format}=${t.file}`);
  }
}

/** Writes every target, each format rendered once. */
export async function writeTargets(targets: readonly ReportTarget[] = [], render: (format: string) => string): Promise<void> {
  const rendered = new Map<string, string>();
  for (const t of targets) {
    if (!rendered.has(t.format)) rendered.set(t.format, render(t.format));
    await writeReport(rendered.get(t.format)!, t.file);
  }
}
