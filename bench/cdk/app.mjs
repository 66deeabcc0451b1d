// The CDK peer of `meshkit review`, one process per run: `node bench/cdk/app.mjs PROJECT_DIR on|off [N]`.
// Builds one stack per domain manifest of a generated platform, synthesizes them in-process with
// cdk-nag's AwsSolutionsChecks as a validation plugin, with CDK's built-in CloudFormation template
// validation on (the default) or off (`new App({ builtinCloudFormationValidation: false })`, the same
// switch as `cdk synth --no-validation` or CDK_VALIDATION=false). Prints one JSON line: stacks,
// CloudFormation resources, cdk-nag findings. With N, only the first N domains' stacks (an app for
// one domain's pipeline, CDK's best case for a CI-matrix cell).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createRequire } from "node:module";
import YAML from "yaml";
import { domainStack } from "./domainStack.mjs";

const require = createRequire(import.meta.url);
const cdk = require("aws-cdk-lib");
const { AwsSolutionsChecks } = require("cdk-nag");

const [projectDir, validation, deployed] = process.argv.slice(2);
if (!projectDir || !["on", "off"].includes(validation)) {
  console.error("usage: node bench/cdk/app.mjs PROJECT_DIR on|off [N]");
  process.exit(2);
}

const config = YAML.parse(fs.readFileSync(path.join(projectDir, "stacks", "Pulumi.production.yaml"), "utf8")).config;
const platform = {
  accountId: config["meshkit:accountId"],
  region: config["aws:region"],
  platformAdminRoleArn: config["meshkit:platformAdminRoleArn"],
  eksOidcProviderArn: config["meshkit:eksOidcProviderArn"],
};
const manifestDir = path.join(projectDir, "domains");
// In the generator's order (domain i is <word>-<i+1>), so the first N are the stack's.
const order = (f) => Number(f.match(/-(\d+)\.yaml$/)?.[1] ?? 0);
const manifests = fs
  .readdirSync(manifestDir)
  .filter((f) => f.endsWith(".yaml"))
  .sort((a, b) => order(a) - order(b) || a.localeCompare(b))
  .slice(0, deployed ? Number(deployed) : undefined);

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-bench-cdk-"));
try {
  const app = new cdk.App({
    outdir,
    analyticsReporting: false,
    builtinCloudFormationValidation: validation === "on",
    // Report as `cdk synth` does (printed, exit code set) instead of throwing on the first finding.
    context: { "@aws-cdk/core:appMode": "process" },
  });
  for (const file of manifests) domainStack(app, YAML.parse(fs.readFileSync(path.join(manifestDir, file), "utf8")), manifestDir, platform);
  cdk.Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const assembly = app.synth();

  let resources = 0;
  for (const stack of assembly.stacks) resources += Object.keys(stack.template.Resources ?? {}).length;
  const reportFile = path.join(assembly.directory, "validation-report.json");
  const report = fs.existsSync(reportFile) ? JSON.parse(fs.readFileSync(reportFile, "utf8")) : { pluginReports: [] };
  const findings = {};
  for (const plugin of report.pluginReports ?? []) {
    // A finding is one rule on one construct, as cdk-nag prints them.
    findings[plugin.pluginName] = (plugin.violations ?? []).reduce((n, v) => n + v.violatingConstructs.length, 0);
  }
  process.stdout.write(JSON.stringify({ stacks: assembly.stacks.length, resources, findings }) + "\n");
} finally {
  fs.rmSync(outdir, { recursive: true, force: true });
}
