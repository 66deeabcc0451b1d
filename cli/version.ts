// meshkit's own version, for --version and the change review's rules.
import * as fs from "fs";
import * as path from "path";

// The package's own manifest sits at the root, one level above cli/ from source, two from dist/cli.
export function packageVersion(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "meshkit" && pkg.version) return pkg.version;
    }
  }
  return "unknown";
}
