#!/usr/bin/env node
// Lists the @pulumi/aws resource types whose args take `tags`, from the installed package's own
// declarations, into conventions/aws-taggable-types.json. Both the tagging guardrail and the tests
// read it, so "every taggable AWS resource" means the same thing everywhere.
// Usage: node scripts/aws-taggable-types.mjs [--check]
import * as fs from "node:fs";
import * as path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const awsDir = path.dirname(require.resolve("@pulumi/aws/package.json"));
const out = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "conventions", "aws-taggable-types.json");

function* jsFiles(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* jsFiles(full);
    else if (entry.name.endsWith(".js")) yield full;
  }
}

const types = [];
for (const file of jsFiles(awsDir)) {
  const js = fs.readFileSync(file, "utf8");
  const token = /static __pulumiType = '([^']+)'/.exec(js)?.[1];
  if (token === undefined) continue;
  const dts = fs.readFileSync(file.replace(/\.js$/, ".d.ts"), "utf8");
  const className = token.split(":").pop();
  const args = new RegExp(`export interface ${className}Args \\{([\\s\\S]*?)\\n\\}`).exec(dts)?.[1] ?? "";
  if (/^ {4}tags\?:/m.test(args)) types.push(token);
}
types.sort();
const text = JSON.stringify({ source: `@pulumi/aws ${require("@pulumi/aws/package.json").version}`, types }, null, 1) + "\n";
if (process.argv.includes("--check")) {
  const current = fs.existsSync(out) ? fs.readFileSync(out, "utf8") : "";
  if (current !== text) {
    console.error(`${out} is stale: run node scripts/aws-taggable-types.mjs`);
    process.exit(1);
  }
} else {
  fs.writeFileSync(out, text);
  console.log(`${types.length} taggable AWS resource types written to ${path.relative(process.cwd(), out)}`);
}
