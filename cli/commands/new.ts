// `meshkit new DOMAIN`: writes domains/<DOMAIN>.yaml, a manifest that validates and deploys as it is
// (one stream and one table product, nothing personal, no consumers), to be edited from there. The name
// is checked by the manifest schema itself, so `new` and `validate` can never disagree.
import { Command } from "commander";
import * as fs from "fs";
import * as path from "path";
import { formatIssue, loadManifestFile, parseManifest } from "../../components/manifest";
import { expandManifestPatterns } from "../../components/manifest/manifestPatterns";
import { CliError, EXIT_FINDINGS, EXIT_USAGE } from "../errors";

const DOMAINS_DIR = "domains";

function manifestText(domain: string): string {
  const owner = `${domain}-team`.length <= 32 ? `${domain}-team` : domain;
  return `# yaml-language-server: $schema=./domain-manifest.schema.json
# A new meshkit domain: replace the owner, stewards and cost center, then describe your products.
# Check it with \`meshkit validate\`, preview it with \`meshkit review --stack staging\`.
apiVersion: meshkit/v1
kind: DataDomain
metadata:
  name: ${domain}
  owner: ${owner}
  stewards: [data-steward@example.com, data-lead@example.com]   # at least two people
  costCenter: CC-0000
  businessCapability: ${domain}
  sources: []
spec:
  classification: internal      # public | internal | confidential | restricted
  compliance: []                # gdpr | ccpa | soc2 | hipaa | pci-dss
  products:
    - name: events
      description: One event per change in the ${domain} domain.
      kind: stream
      pii: []                   # personal-data categories; confidential or restricted when not empty
      retentionDays: 7
      updateFrequency: real-time
      contract:
        version: 1.0.0
        compatibility: backward
        qualityThreshold: 95
        availability: 99.5
        freshnessMinutes: 5
      stream:
        partitions: 3
        cleanupPolicy: delete
        deadLetter: true
        quarantine: true
      consumers: []             # - domain: <other-domain>
                                #   purpose: <why it reads this product>
    - name: facts
      description: Daily facts of the ${domain} domain.
      kind: table
      pii: []
      retentionDays: 400
      updateFrequency: daily
      contract:
        version: 1.0.0
        compatibility: backward
        qualityThreshold: 95
        availability: 99.5
        freshnessMinutes: 1440
      storage:
        warmAfterDays: 30
        coldAfterDays: 90
        format: parquet
        partitionKeys: [event_date]
`;
}

function existingDomains(): Map<string, string> {
  let files: string[];
  try {
    files = expandManifestPatterns([`${DOMAINS_DIR}/*.yaml`]);
  } catch {
    return new Map();
  }
  const names = new Map<string, string>();
  for (const f of files) {
    const loaded = loadManifestFile(f);
    if (loaded.ok) names.set(loaded.manifest.spec.metadata.name, f);
  }
  return names;
}

export function newCommand(): Command {
  return new Command("new")
    .description("write domains/<DOMAIN>.yaml, a valid manifest to start from (never overwrites)")
    .argument("<domain>", "the domain's name: kebab-case, 3–32 characters")
    .action((domain: string) => {
      const file = path.join(DOMAINS_DIR, `${domain}.yaml`);
      const text = manifestText(domain);
      const parsed = parseManifest(text, file);
      if (!parsed.ok) {
        const nameIssue = parsed.issues.find((i) => i.path === "metadata.name") ?? parsed.issues[0];
        throw new CliError(EXIT_USAGE, `cannot create domain '${domain}': ${nameIssue.message}`, parsed.issues.map(formatIssue).join("\n"));
      }
      if (fs.existsSync(file)) throw new CliError(EXIT_FINDINGS, `${file} already exists; meshkit new never overwrites a manifest`);
      const clash = existingDomains().get(domain);
      if (clash !== undefined) throw new CliError(EXIT_FINDINGS, `domain ${domain} is already declared in ${clash}`);
      fs.mkdirSync(DOMAINS_DIR, { recursive: true });
      fs.writeFileSync(file, text, { flag: "wx" });
      process.stdout.write(`wrote ${file}\n`);
    });
}
