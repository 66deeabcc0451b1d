// A Node.js language host for the Pulumi engine (the `pulumi-language-nodejs` plugin), for the e2e suite.
//
// Why it exists: the Go module proxy reachable here refuses every version of
// github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3, so the real plugin cannot be built.
// This host does what the engine needs from that plugin, no more: run a program through the project's own
// `@pulumi/pulumi/cmd/run` (the same entry point the real host uses), run a policy pack through
// `@pulumi/pulumi/cmd/run-policy-pack` (RunPlugin), and report the program's plugin dependencies.
// Started by the engine as `pulumi-language-nodejs [flags] ENGINE_ADDRESS`; prints its port on stdout.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as languageRpc from "@pulumi/pulumi/proto/language_grpc_pb";
import * as language from "@pulumi/pulumi/proto/language_pb";
import * as plugin from "@pulumi/pulumi/proto/plugin_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";

/** Exit code with which `cmd/run` says "the error is already reported": the engine must bail quietly. */
const exitedAfterReportingError = 32;

const engineAddress = process.argv.slice(2).filter((a) => !a.startsWith("-")).pop() ?? "";

interface ProgramLocation {
  directory: string;
  entryPoint: string;
  options: Record<string, unknown>;
}

function locate(info: language.ProgramInfo | undefined, pwd: string, program: string): ProgramLocation {
  const directory = info?.getProgramDirectory() || pwd;
  const entryPoint = info?.getEntryPoint() || program || ".";
  const options = (info?.getOptions()?.toJavaScript() ?? {}) as Record<string, unknown>;
  return { directory, entryPoint, options };
}

function resolveFrom(directory: string, request: string): string {
  return require.resolve(request, { paths: [directory] });
}

interface ResourcePackage {
  name: string;
  version: string;
  server?: string;
}

/** The Pulumi resource packages among the program's declared dependencies (their package.json `pulumi` block). */
function resourcePackages(directory: string): ResourcePackage[] {
  const manifest = path.join(directory, "package.json");
  if (!fs.existsSync(manifest)) return [];
  const pkg = JSON.parse(fs.readFileSync(manifest, "utf8")) as { dependencies?: Record<string, string> };
  const found: ResourcePackage[] = [];
  for (const dep of Object.keys(pkg.dependencies ?? {}).sort()) {
    let depManifest: { version: string; pulumi?: { resource?: boolean; name?: string; version?: string; server?: string } };
    try {
      depManifest = JSON.parse(fs.readFileSync(resolveFrom(directory, `${dep}/package.json`), "utf8"));
    } catch {
      continue; // not installed, or hides its package.json: not a plugin we can name
    }
    const meta = depManifest.pulumi;
    if (!meta?.resource) continue;
    found.push({
      name: meta.name ?? dep.replace(/^@pulumi\//, ""),
      version: meta.version ?? depManifest.version,
      server: meta.server,
    });
  }
  return found;
}

function runProgram(req: language.RunRequest): Promise<language.RunResponse> {
  const loc = locate(req.getInfo(), req.getPwd(), req.getProgram());
  const args = [
    ...(typeof loc.options.nodeargs === "string" ? loc.options.nodeargs.split(/\s+/).filter(Boolean) : []),
    resolveFrom(loc.directory, "@pulumi/pulumi/cmd/run"),
    `--monitor=${req.getMonitorAddress()}`,
    `--engine=${engineAddress}`,
    `--organization=${req.getOrganization()}`,
    `--project=${req.getProject()}`,
    `--stack=${req.getStack()}`,
    `--pwd=${req.getPwd()}`,
    `--root-directory=${req.getInfo()?.getRootDirectory() ?? req.getPwd()}`,
    `--parallel=${req.getParallel()}`,
    ...(req.getDryrun() ? ["--dry-run"] : []),
    path.resolve(loc.directory, loc.entryPoint),
    ...req.getArgsList(),
  ];
  const config: Record<string, string> = {};
  req.getConfigMap().forEach((value, key) => (config[key] = value));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PULUMI_CONFIG: JSON.stringify(config),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(req.getConfigsecretkeysList()),
  };
  // TypeScript is the runtime's default, as with the real host; `typescript: false` in Pulumi.yaml turns it off.
  if (loc.options.typescript !== false) env.PULUMI_NODEJS_TYPESCRIPT = "true";
  if (typeof loc.options.tsconfig === "string") env.PULUMI_NODEJS_TSCONFIG_PATH = loc.options.tsconfig;

  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: req.getPwd(), env, stdio: ["ignore", "inherit", "inherit"] });
    const res = new language.RunResponse();
    child.on("error", (err) => resolve(res.setError(`failed to start node: ${err.message}`)));
    child.on("exit", (code, signal) => {
      if (code === 0) resolve(res);
      else if (code === exitedAfterReportingError) resolve(res.setBail(true));
      else resolve(res.setError(`Program exited with ${signal ? `signal ${signal}` : `non-zero exit code: ${code}`}`));
    });
  });
}

function runPlugin(call: grpc.ServerWritableStream<language.RunPluginRequest, language.RunPluginResponse>): void {
  const req = call.request;
  const loc = locate(req.getInfo(), req.getPwd(), req.getProgram());
  if (req.getKind() !== "analyzer") {
    call.destroy(new Error(`this e2e language host runs policy packs only, not ${req.getKind() || "unnamed"} plugins`));
    return;
  }
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const kv of req.getEnvList()) {
    const eq = kv.indexOf("=");
    if (eq > 0) env[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  let script: string;
  try {
    script = resolveFrom(loc.directory, "@pulumi/pulumi/cmd/run-policy-pack");
  } catch {
    call.destroy(new Error(`@pulumi/pulumi is not installed for the policy pack in ${loc.directory}`));
    return;
  }
  const child = spawn(process.execPath, [script, ...req.getArgsList(), loc.directory], {
    cwd: loc.directory,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (chunk: Buffer) => call.write(new language.RunPluginResponse().setStdout(chunk)));
  child.stderr.on("data", (chunk: Buffer) => call.write(new language.RunPluginResponse().setStderr(chunk)));
  child.on("error", (err) => call.destroy(err));
  child.on("close", (code) => {
    call.write(new language.RunPluginResponse().setExitcode(code ?? 1));
    call.end();
  });
  call.on("cancelled", () => child.kill("SIGTERM"));
}

const service: Partial<languageRpc.ILanguageRuntimeServer> = {
  getPluginInfo(_call, callback) {
    const version = JSON.parse(fs.readFileSync(require.resolve("@pulumi/pulumi/package.json"), "utf8")).version;
    callback(null, new plugin.PluginInfo().setVersion(version));
  },
  getRequiredPackages(call, callback) {
    const loc = locate(call.request.getInfo(), "", "");
    const packages = resourcePackages(loc.directory).map((p) => {
      const dep = new plugin.PackageDependency().setName(p.name).setKind("resource").setVersion(p.version);
      if (p.server) dep.setServer(p.server);
      return dep;
    });
    callback(null, new language.GetRequiredPackagesResponse().setPackagesList(packages));
  },
  getRequiredPlugins(call, callback) {
    const loc = locate(call.request.getInfo(), call.request.getPwd(), call.request.getProgram());
    const plugins = resourcePackages(loc.directory).map((p) => {
      const dep = new plugin.PluginDependency().setName(p.name).setKind("resource").setVersion(p.version);
      if (p.server) dep.setServer(p.server);
      return dep;
    });
    callback(null, new language.GetRequiredPluginsResponse().setPluginsList(plugins));
  },
  run(call, callback) {
    runProgram(call.request).then(
      (res) => callback(null, res),
      (err: Error) => callback(err),
    );
  },
  runPlugin,
  installDependencies(call) {
    // Dependencies come from the repository's own `npm ci`; there is nothing to install per project.
    call.end();
  },
  about(_call, callback) {
    callback(null, new language.AboutResponse().setExecutable(process.execPath).setVersion(process.version));
  },
  getProgramDependencies(call, callback) {
    const loc = locate(call.request.getInfo(), call.request.getPwd(), call.request.getProgram());
    const deps = resourcePackages(loc.directory).map((p) => new language.DependencyInfo().setName(p.name).setVersion(p.version));
    callback(null, new language.GetProgramDependenciesResponse().setDependenciesList(deps));
  },
  cancel(_call, callback) {
    callback(null, new Empty());
  },
};

const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
server.addService(languageRpc.LanguageRuntimeService, service as grpc.UntypedServiceImplementation);
server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) {
    console.error(`language host: cannot listen: ${err.message}`);
    process.exit(1);
  }
  process.stdout.write(`${port}\n`);
});
