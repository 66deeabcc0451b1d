// Where a report goes: a file (`--output`), else stdout. Reports always end with one newline.
import * as fs from "fs";
import * as path from "path";

export function writeReport(text: string, outputFile?: string): void {
  const body = text.endsWith("\n") ? text : `${text}\n`;
  if (outputFile === undefined) {
    process.stdout.write(body);
    return;
  }
  fs.mkdirSync(path.dirname(path.resolve(outputFile)), { recursive: true });
  fs.writeFileSync(outputFile, body);
}
