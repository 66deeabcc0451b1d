// Reads a Pulumi project (Pulumi.yaml) and one of its stacks (Pulumi.<stack>.yaml) into the context the
// engine would run the program with.
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { EngineError } from "./errors";
import { applyProjectConfig, DeclaredConfig, parseStackConfig, qualifyKey } from "./stackConfig";
import type { StackContext } from "./types";

export interface ProjectFile {
  projectDir: string;
  file: string;
  name: string;
  main: string;
  typescript: boolean;
  stackConfigDir: string;
  declaredConfig: DeclaredConfig[];
}

const DECLARATION_KEYS = new Set(["type", "description", "default", "value", "secret", "items"]);

function declared(project: string, config: unknown): DeclaredConfig[] {
  if (!config || typeof config !== "object" || Array.isArray(config)) return [];
  return Object.entries(config as Record<string, unknown>).map(([k, v]) => {
    const key = qualifyKey(project, k);
    const isDeclaration =
      v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).some((x) => DECLARATION_KEYS.has(x));
    if (!isDeclaration) return { key, hasDefault: true, default: v, secret: false };
    const d = v as Record<string, unknown>;
    const hasDefault = "default" in d || "value" in d;
    return { key, hasDefault, default: "value" in d ? d.value : d.default, secret: d.secret === true };
  });
}

// The file a program directory starts from: package.json's main, else index.ts / index.js.
function entryPoint(main: string, typescript: boolean): string {
  if (!fs.existsSync(main)) {
    throw new EngineError("PROJECT_INVALID", `the program's entry point ${main} does not exist`);
  }
  if (!fs.statSync(main).isDirectory()) return main;
  const pkgFile = path.join(main, "package.json");
  if (fs.existsSync(pkgFile)) {
    const pkgMain = (JSON.parse(fs.readFileSync(pkgFile, "utf8")) as { main?: string }).main;
    if (pkgMain) {
      const candidates = [pkgMain, `${pkgMain}.js`, `${pkgMain}.ts`, path.join(pkgMain, "index.js"), path.join(pkgMain, "index.ts")];
      const found = candidates.map((c) => path.resolve(main, c)).find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
      if (found) return found;
    }
  }
  const names = typescript ? ["index.ts", "index.js"] : ["index.js"];
  const found = names.map((n) => path.join(main, n)).find((f) => fs.existsSync(f));
  if (!found) throw new EngineError("PROJECT_INVALID", `no program entry point in ${main} (looked for package.json main, ${names.join(", ")})`);
  return found;
}

export function loadProject(dir: string): ProjectFile {
  const projectDir = path.resolve(dir);
  const file = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(projectDir, f)).find((f) => fs.existsSync(f));
  if (!file) throw new EngineError("PROJECT_INVALID", `no Pulumi.yaml in ${projectDir}`);
  let doc: Record<string, unknown>;
  try {
    doc = (YAML.parse(fs.readFileSync(file, "utf8")) ?? {}) as Record<string, unknown>;
  } catch (e) {
    throw new EngineError("PROJECT_INVALID", `${file}: invalid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
  const name = doc.name;
  if (typeof name !== "string" || name === "") throw new EngineError("PROJECT_INVALID", `${file}: 'name' is required`);
  const runtime = doc.runtime;
  const runtimeName = typeof runtime === "string" ? runtime : (runtime as { name?: string } | undefined)?.name;
  if (runtimeName !== "nodejs") {
    throw new EngineError("PROJECT_INVALID", `${file}: runtime '${runtimeName ?? "(none)"}' is not supported offline; only nodejs programs can run under mocks`);
  }
  const options = (typeof runtime === "object" && runtime ? (runtime as { options?: Record<string, unknown> }).options : undefined) ?? {};
  const typescript = options.typescript !== false;
  const main = path.resolve(projectDir, typeof doc.main === "string" ? doc.main : ".");
  const stackConfigDir = path.resolve(projectDir, typeof doc.stackConfigDir === "string" ? doc.stackConfigDir : ".");
  return { projectDir, file, name, main, typescript, stackConfigDir, declaredConfig: declared(name, doc.config) };
}

/** `org/project/stack` or `org/stack` → its parts; a bare name is the stack. */
function splitStackName(stack: string): { stack: string; organization?: string } {
  const parts = stack.split("/");
  return parts.length === 1 ? { stack } : { stack: parts[parts.length - 1], organization: parts[0] };
}

export function loadStack(projectDir: string, stackName: string, organization?: string): StackContext {
  const project = loadProject(projectDir);
  const { stack, organization: org } = splitStackName(stackName);
  const candidates = [`Pulumi.${stack}.yaml`, `Pulumi.${stack}.yml`].map((f) => path.join(project.stackConfigDir, f));
  const configFile = candidates.find((f) => fs.existsSync(f));
  if (!configFile) {
    const known = fs.existsSync(project.stackConfigDir)
      ? fs.readdirSync(project.stackConfigDir).map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1]).filter((s): s is string => !!s)
      : [];
    throw new EngineError(
      "STACK_CONFIG_MISSING",
      `no stack config for stack '${stack}': ${candidates[0]} does not exist` +
        (known.length ? ` (stacks with a config file: ${known.sort().join(", ")})` : ""),
    );
  }
  const parsed = parseStackConfig(fs.readFileSync(configFile, "utf8"), configFile, project.name);
  const { config, secretKeys } = applyProjectConfig(parsed, project.declaredConfig, stack, configFile);
  return {
    projectDir: project.projectDir,
    project: project.name,
    main: entryPoint(project.main, project.typescript),
    typescript: project.typescript,
    stack,
    organization: organization ?? org ?? "organization",
    configFile,
    config,
    secretKeys,
  };
}
