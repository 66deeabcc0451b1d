/**
 * The manifest reference (docs/manifest-reference.md): one row per field, rendered from the JSON
 * Schema, so the reference, the editors' hover help and the validator say the same thing.
 */
import { manifestJsonSchema } from "./jsonSchema";

interface JsonSchemaNode {
  readonly type?: string;
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly items?: JsonSchemaNode;
  readonly properties?: Record<string, JsonSchemaNode>;
  readonly required?: readonly string[];
  readonly default?: unknown;
  readonly description?: string;
  readonly examples?: readonly unknown[];
}

export interface ReferenceRow {
  /** Dotted path, `[]` for every item of a list: `spec.products[].contract.version`. */
  readonly path: string;
  readonly node: JsonSchemaNode;
  readonly required: boolean;
}

/** Every field of the manifest, parents before their children, in the schema's order. */
export function manifestFields(schema: JsonSchemaNode = manifestJsonSchema()): ReferenceRow[] {
  const rows: ReferenceRow[] = [];
  const visit = (node: JsonSchemaNode, prefix: string) => {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const path = prefix === "" ? key : `${prefix}.${key}`;
      rows.push({ path, node: child, required: node.required?.includes(key) ?? false });
      visit(child, path);
      if (child.items) visit(child.items, `${path}[]`);
    }
  };
  visit(schema, "");
  return rows;
}

export function manifestReference(): string {
  const header = [
    "# Domain manifest reference (meshkit/v1)",
    "",
    "<!-- Generated from the manifest's zod schema by `npm run manifest-docs`; edit components/manifest/schema.ts instead. -->",
    "",
    "Every field of `domains/<domain>.yaml`. Editors show the same descriptions on hover from",
    "`domains/domain-manifest.schema.json`; `meshkit validate` checks the rules that span fields too.",
    "",
    "| field | type | required / default | description |",
    "|---|---|---|---|",
  ];
  const rows = manifestFields().map(
    ({ path, node, required }) => `| \`${path}\` | ${typeOf(node)} | ${presence(node, required)} | ${cell(describe(node))} |`,
  );
  return [...header, ...rows, ""].join("\n");
}

function typeOf(node: JsonSchemaNode): string {
  if (node.const !== undefined) return `\`${String(node.const)}\``;
  if (node.enum) return node.enum.map((v) => `\`${String(v)}\``).join(" \\| ");
  if (node.type === "array") return `list of ${node.items ? typeOf(node.items) : "values"}`;
  if (node.type === "object") return "map";
  return node.type ?? "any";
}

function presence(node: JsonSchemaNode, required: boolean): string {
  if (node.default !== undefined) return `default \`${asYaml(node.default)}\``;
  return required ? "required" : "optional";
}

function describe(node: JsonSchemaNode): string {
  const examples = node.examples?.map((e) => `\`${asYaml(e)}\``).join(", ");
  if (!examples) return node.description ?? "";
  return `${node.description ?? ""} ${node.examples!.length === 1 ? "Example" : "Examples"}: ${examples}.`;
}

/** An example as a manifest writes it: lists and maps in flow style, text that reads as a number quoted. */
function asYaml(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(asYaml).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${asYaml(v)}`).join(", ")} }`;
  }
  if (typeof value === "string") return Number.isNaN(Number(value)) ? value : JSON.stringify(value);
  return String(value);
}

/** Text safe inside a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}
