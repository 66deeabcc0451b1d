// Where a report goes: a file (`--output`), else stdout. Reports always end with one newline. Resolves
// once stdout has taken the report, so a closed pipe fails here, before any reason is printed.
import * as fs from "fs";
import * as path from "path";

export function writeReport(text: string, outputFile?: string): Promise<void> {
  const body = text.endsWith("\n") ? text : `${text}\n`;
  if (outputFile === undefined) {
    return new Promise((resolve, reject) => process.stdout.write(body, (e) => (e ? reject(e) : resolve())));
  }
  fs.mkdirSync(path.dirname(path.resolve(outputFile)), { recursive: true });
  fs.writeFileSync(outputFile, body);
  return Promise.resolve();
}
