// What the mocks answer in place of providers. In preview a new resource's state is just its inputs, so
// every value the cloud would compute stays unknown, as in `pulumi preview`. In update mode resources get
// an ID and AWS resources an ARN; invokes get plausible answers for the calls programs commonly make.

export const MOCK_ACCOUNT = "123456789012";

export interface AnswerContext {
  dryRun: boolean;
  config: Record<string, string>;
}

function region(ctx: AnswerContext): string {
  return ctx.config["aws:region"] ?? "us-east-1";
}

/** The state a custom resource resolves to, and its ID (undefined = unknown in preview). */
export function newResourceState(
  ctx: AnswerContext,
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  importId: string | undefined,
): { id: string | undefined; state: Record<string, unknown> } {
  if (ctx.dryRun && !importId) return { id: undefined, state: inputs };
  const id = importId || `${name}-id`;
  const state: Record<string, unknown> = { ...inputs };
  const [pkg, mod] = type.split(":");
  if (pkg === "aws" && state.arn === undefined) {
    const service = (mod ?? "").split("/")[0];
    state.arn = `arn:aws:${service}:${region(ctx)}:${MOCK_ACCOUNT}:${name}`;
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
