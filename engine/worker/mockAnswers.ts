// What the mocks answer in place of providers. In preview a new resource's state is just its inputs, so
// every value the cloud would compute stays unknown, as in `pulumi preview`. In update mode resources
// get an ID, and AWS resources the name, ID and ARN AWS would give them (in AWS's ARN format, so
// policies that match ARNs see realistic ones; autonamed resources keep their Pulumi name, without the
// random suffix). Invokes get plausible answers for the calls programs commonly make.
import { createHash } from "crypto";

export const MOCK_ACCOUNT = "123456789012";

export interface AnswerContext {
  dryRun: boolean;
  config: Record<string, string>;
}

type State = Record<string, unknown>;

function region(ctx: AnswerContext): string {
  return ctx.config["aws:region"] ?? "us-east-1";
}

// A stable UUID-shaped ID derived from the resource's name (KMS key IDs and the like).
function uuidFor(name: string): string {
  const h = createHash("sha256").update(name).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const str = (v: unknown, fallback: string): string => (typeof v === "string" && v !== "" ? v : fallback);

interface AwsShape {
  /** Fills the naming inputs a provider would autoname, and returns the resource's ID. */
  id(s: State, name: string): string;
  arn(s: State, id: string, r: string): string;
}

const named = (key: string): AwsShape["id"] => (s, name) => {
  s[key] = str(s[key], name);
  return s[key] as string;
};

/** S3 bucket ARNs name neither region nor account. */
export function bucketArn(bucket: string): string {
  return `arn:aws:s3:::${bucket}`;
}

/** The ARN of an AWS resource of a type without a known ARN shape: `arn:aws:<service>:<region>:<account>:<name>`. */
export function genericArn(type: string, name: string, region: string): string {
  const mod = type.split(":")[1] ?? "";
  return `arn:aws:${mod.split("/")[0]}:${region}:${MOCK_ACCOUNT}:${name}`;
}

const AWS: Record<string, AwsShape> = {
  "aws:s3/bucket:Bucket": { id: named("bucket"), arn: (_s, id) => bucketArn(id) },
  "aws:iam/role:Role": { id: named("name"), arn: (s, id) => `arn:aws:iam::${MOCK_ACCOUNT}:role${str(s.path, "/")}${id}` },
  "aws:iam/policy:Policy": { id: named("name"), arn: (s, id) => `arn:aws:iam::${MOCK_ACCOUNT}:policy${str(s.path, "/")}${id}` },
  "aws:iam/user:User": { id: named("name"), arn: (s, id) => `arn:aws:iam::${MOCK_ACCOUNT}:user${str(s.path, "/")}${id}` },
  "aws:kms/key:Key": {
    id: (s, name) => {
      s.keyId = uuidFor(name);
      return s.keyId as string;
    },
    arn: (_s, id, r) => `arn:aws:kms:${r}:${MOCK_ACCOUNT}:key/${id}`,
  },
  "aws:kms/alias:Alias": { id: named("name"), arn: (_s, id, r) => `arn:aws:kms:${r}:${MOCK_ACCOUNT}:${id}` },
  "aws:glue/catalogDatabase:CatalogDatabase": {
    id: (s, name) => `${MOCK_ACCOUNT}:${named("name")(s, name)}`,
    arn: (s, _id, r) => `arn:aws:glue:${r}:${MOCK_ACCOUNT}:database/${s.name}`,
  },
  "aws:glue/catalogTable:CatalogTable": {
    id: (s, name) => `${MOCK_ACCOUNT}:${str(s.databaseName, "")}:${named("name")(s, name)}`,
    arn: (s, _id, r) => `arn:aws:glue:${r}:${MOCK_ACCOUNT}:table/${str(s.databaseName, "")}/${s.name}`,
  },
  "aws:glue/registry:Registry": {
    id: named("registryName"),
    arn: (s, _id, r) => `arn:aws:glue:${r}:${MOCK_ACCOUNT}:registry/${s.registryName}`,
  },
  "aws:glue/schema:Schema": {
    id: named("schemaName"),
    arn: (s, _id, r) => {
      const registry = str(s.registryArn, "").split("/").pop() || "default-registry";
      return `arn:aws:glue:${r}:${MOCK_ACCOUNT}:schema/${registry}/${s.schemaName}`;
    },
  },
  "aws:sns/topic:Topic": { id: named("name"), arn: (_s, id, r) => `arn:aws:sns:${r}:${MOCK_ACCOUNT}:${id}` },
  "aws:sqs/queue:Queue": { id: named("name"), arn: (_s, id, r) => `arn:aws:sqs:${r}:${MOCK_ACCOUNT}:${id}` },
  "aws:budgets/budget:Budget": { id: named("name"), arn: (_s, id) => `arn:aws:budgets::${MOCK_ACCOUNT}:budget/${id}` },
  "aws:lambda/function:Function": { id: named("name"), arn: (_s, id, r) => `arn:aws:lambda:${r}:${MOCK_ACCOUNT}:function:${id}` },
};

/** The state a custom resource resolves to, and its ID (undefined = unknown in preview). */
export function newResourceState(
  ctx: AnswerContext,
  type: string,
  name: string,
  inputs: State,
  importId: string | undefined,
): { id: string | undefined; state: State } {
  if (ctx.dryRun && !importId) return { id: undefined, state: inputs };
  const state: State = { ...inputs };
  if (!type.startsWith("aws:")) return { id: importId || `${name}-id`, state };
  const shape = AWS[type];
  const id = importId || (shape ? shape.id(state, name) : `${name}-id`);
  if (state.arn === undefined) {
    const r = region(ctx);
    state.arn = shape ? shape.arn(state, id, r) : genericArn(type, name, r);
  }
  return { id, state };
}

/** The answer to an invoke (data source call); unknown tokens echo their arguments. */
export function invokeAnswer(ctx: AnswerContext, token: string, args: Record<string, unknown>): Record<string, unknown> {
  const r = region(ctx);
  switch (token) {
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return { accountId: MOCK_ACCOUNT, arn: `arn:aws:iam::${MOCK_ACCOUNT}:user/offline`, userId: "AIDAOFFLINEREVIEW", id: MOCK_ACCOUNT };
    case "aws:index/getRegion:getRegion":
      return { name: r, region: r, id: r, description: r, endpoint: `ec2.${r}.amazonaws.com` };
    case "aws:index/getPartition:getPartition":
      return { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" };
    case "aws:index/getAvailabilityZones:getAvailabilityZones": {
      const names = ["a", "b", "c"].map((s) => `${r}${s}`);
      return { names, zoneIds: names.map((_, i) => `use1-az${i + 1}`), id: r, state: "available" };
    }
    default:
      return { ...args };
  }
}
