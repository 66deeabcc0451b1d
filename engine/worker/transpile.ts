// The program's TypeScript, transpiled only (the offline review judges resources, not types) by
// TypeScript's own transpileModule behind a require hook, with each file's output cached by content
// hash: an unchanged program loads without loading TypeScript at all (ts-node's transpile-only mode
// cost about 1–1.3 s CPU per run, TypeScript's load included).
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";

// Bump when the emitted code would change for the same input (options below, hook behaviour).
const CACHE_FORMAT = "2";

type Json = Record<string, unknown>;
interface Diagnostic {
  file?: { fileName: string; getLineAndCharacterOfPosition(pos: number): { line: number; character: number } };
  start?: number;
  code: number;
  messageText: string | { messageText: string };
}
interface TypeScript {
  version: string;
  parseConfigFileTextToJson(file: string, text: string): { config?: { compilerOptions?: Json } };
  convertCompilerOptionsFromJson(json: Json, basePath: string): { options: Json };
  transpileModule(source: string, opts: { fileName: string; compilerOptions: Json; reportDiagnostics: boolean }): { outputText: string; diagnostics?: Diagnostic[] };
}
type LoadableModule = NodeJS.Module & { _compile(code: string, filename: string): void };

// The SDK's choice of compiler: the project's own typescript as the SDK resolves it, else its vendored copy.
function compilerFile(sdkDir: string): string {
  try {
    return require.resolve("typescript", { paths: [sdkDir] });
  } catch {
    return path.join(sdkDir, "vendor", "typescript@3.8.3", "typescript.js");
  }
}

// ts-node's wording, so a syntax error reads as it did under the language host's ts-node.
function compileError(diagnostics: Diagnostic[]): Error {
  const lines = diagnostics.map((d) => {
    const text = typeof d.messageText === "string" ? d.messageText : d.messageText.messageText;
    if (!d.file || d.start === undefined) return `error TS${d.code}: ${text}`;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${d.file.fileName}(${line + 1},${character + 1}): error TS${d.code}: ${text}`;
  });
  const e = new Error(`⨯ Unable to compile TypeScript:\n${lines.join("\n")}`);
  e.name = "TSError";
  return e;
}

// The language host's options (its defaults under the project's tsconfig compilerOptions; nodenext
// emits CommonJS for a .ts file and implies esModuleInterop), with inline source maps for the
// diagnostic run's stack traces.
function transpiler(tsFile: string, projectDir: string, tsconfig: string | undefined): (source: string, file: string) => string {
  const ts = require(tsFile) as TypeScript;
  const [major, minor] = ts.version.split(".").map(Number);
  const nodeNext = major > 4 || (major === 4 && minor >= 7);
  const defaults = { target: "ES2020", module: nodeNext ? "nodenext" : "commonjs", moduleResolution: nodeNext ? "nodenext" : "node" };
  const declared = tsconfig === undefined ? {} : (ts.parseConfigFileTextToJson("tsconfig.json", tsconfig).config?.compilerOptions ?? {});
  const { options } = ts.convertCompilerOptionsFromJson({ ...defaults, ...declared }, projectDir);
  const compilerOptions = { ...options, sourceMap: false, inlineSourceMap: true, inlineSources: false, declaration: false, noEmit: false };
  return (source, fileName) => {
    const out = ts.transpileModule(source, { fileName, compilerOptions, reportDiagnostics: true });
    if (out.diagnostics?.length) throw compileError(out.diagnostics);
    return out.outputText;
  };
}

function readCache(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

// Best effort: an unwritable cache only costs the next run a transpile. Written whole, then renamed.
function writeCache(file: string, text: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch {
    // ignored
  }
}

/** Loads `.ts` (`.tsx`, `.cts`) files through the cache; the compiler itself is loaded on the first miss. */
export function registerTypeScript(projectDir: string, sdkDir: string): void {
  const tsFile = compilerFile(sdkDir);
  const tsconfigFile = path.join(projectDir, "tsconfig.json");
  const tsconfig = fs.existsSync(tsconfigFile) ? fs.readFileSync(tsconfigFile, "utf8") : undefined;
  const stat = fs.statSync(tsFile);
  const salt = [CACHE_FORMAT, tsFile, stat.size, stat.mtimeMs, tsconfig ?? ""].join("\0");
  // Beside the SDK's node_modules, like other tools' caches.
  const cacheDir = path.join(sdkDir, "..", "..", ".cache", "offline-engine-ts");
  let transpile: ((source: string, file: string) => string) | undefined;

  const load = (module: NodeJS.Module, filename: string): void => {
    const source = fs.readFileSync(filename, "utf8");
    const key = crypto.createHash("sha256").update(salt).update("\0").update(filename).update("\0").update(source).digest("hex");
    const cached = path.join(cacheDir, key.slice(0, 2), `${key}.js`);
    let js = readCache(cached);
    if (js === undefined) {
      transpile ??= transpiler(tsFile, projectDir, tsconfig);
      js = transpile(source, filename);
      writeCache(cached, js);
    }
    (module as LoadableModule)._compile(js, filename);
  };
  for (const ext of [".ts", ".tsx", ".cts"]) require.extensions[ext] = load;
}
