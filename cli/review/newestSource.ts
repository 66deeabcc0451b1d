// When TypeScript sources last changed: the newest modification time of a .ts file or of a directory
// (deleting a file changes its directory) under the given folder, node_modules aside.
import * as fs from "fs";
import * as path from "path";

export function newestSource(dir: string): number {
  let newest = fs.statSync(dir).mtimeMs;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules") continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}
