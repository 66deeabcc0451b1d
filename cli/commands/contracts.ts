// `meshkit contracts export [FILES…] [--out DIR]`: one Open Data Contract Standard v3 document per
// product of the given manifests (default domains/*.yaml), written as `<domain>.<product>.odcs.yaml`,
// its servers taken from the project's stacks. Deterministic: the same inputs give the same bytes.
import { Command } from "commander";
import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
import { ManifestError, type LoadedManifest } from "../../components/manifest";
import { loadStackManifests } from "../../components/manifest/stackManifests";
import { odcsContract } from "../../components/contracts/odcsContract";
import { DEFAULT_DOMAIN_PATTERNS } from "../../conventions";
import { domainDeployments } from "../contracts/deployments";
import { CliError, EXIT_FINDINGS } from "../errors";
import { writeReport } from "../output";
import { platformPatterns } from "../platformPatterns";
import { MANIFEST_FORMATS, manifestCheck, problemCount } from "../reports/manifestProblems";

/** The file a product's contract is written to. */
export function contractFileName(domain: string, product: string): string {
  return `${domain}.${product}.odcs.yaml`;
}

/** The manifests, checked as `validate` checks them; a bad one stops the export with its problems. */
async function checkedManifests(patterns: readonly string[]): Promise<LoadedManifest[]> {
  try {
    return loadStackManifests(patterns, { patterns: platformPatterns() }).deployed;
  } catch (e) {
    if (!(e instanceof ManifestError)) throw e;
    const check = manifestCheck("meshkit contracts export", [], e.issues, { warnings: e.warnings });
    await writeReport(MANIFEST_FORMATS.text(check));
    throw new CliError(EXIT_FINDINGS, problemCount(check));
  }
}

function exportCommand(): Command {
  return new Command("export")
    .description("write one ODCS v3 data contract (YAML) per product of the manifests (default domains/*.yaml)")
    .argument("[files...]", "manifest files or globs")
    .option("-o, --out <dir>", "directory the contracts are written to", "contracts")
    .action(async (files: string[], opts: { out: string }) => {
      const patterns = files.length > 0 ? files : [...DEFAULT_DOMAIN_PATTERNS];
      const manifests = await checkedManifests(patterns);
      const deployments = domainDeployments(process.cwd());
      fs.mkdirSync(opts.out, { recursive: true });
      const written: string[] = [];
      for (const { spec, schemas } of manifests) {
        const domain = spec.metadata.name;
        for (const product of spec.spec.products) {
          const doc = odcsContract(spec, product, schemas[product.name], deployments.get(domain) ?? []);
          const file = path.join(opts.out, contractFileName(domain, product.name));
          fs.writeFileSync(file, stringify(doc, { lineWidth: 0 }));
          written.push(file);
        }
      }
      await writeReport(written.sort().join("\n"));
    });
}

export function contractsCommand(): Command {
  return new Command("contracts").description("data contracts of the products, in the Open Data Contract Standard").addCommand(exportCommand());
}
