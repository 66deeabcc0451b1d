// The SARIF 2.1.0 envelope every SARIF report shares: schema, version, runs.
const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

export function sarifLog(runs: readonly unknown[]): string {
  return JSON.stringify({ $schema: SARIF_SCHEMA, version: "2.1.0", runs }, null, 2) + "\n";
}
