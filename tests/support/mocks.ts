/**
 * Runs component code under Pulumi's mock runtime and collects what it registered, for unit tests
 * of single components. Whole stacks are tested through the offline engine instead (engine/).
 */
import * as pulumi from "@pulumi/pulumi";
import { bucketArn, genericArn, MOCK_ACCOUNT } from "../../engine/worker/mockAnswers";

/** Where component tests deploy; the account is the offline engine's. */
const MOCK_REGION = "eu-west-1";

export interface MockedResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, any>;
}

/** Outputs the mocks give back: inputs plus the computed attributes meshkit reads. */
function mockState(args: pulumi.runtime.MockResourceArgs): Record<string, unknown> {
  const state: Record<string, unknown> = { ...args.inputs };
  const name = (args.inputs.name as string | undefined) ?? args.name;
  if (args.type === "aws:s3/bucket:Bucket") state.arn = bucketArn(args.inputs.bucket ?? name);
  else if (args.type.startsWith("aws:") && state.arn === undefined) state.arn = genericArn(args.type, name, MOCK_REGION);
  if (args.type === "aws:kms/key:Key") state.keyId = `key-${args.name}`;
  return state;
}

/**
 * Installs mocks and returns the registry they fill. Call once per test file, before creating
 * resources (tests/support/settle.ts waits until every registration has been answered).
 */
export function installMocks(options: { dryRun?: boolean; project?: string; stack?: string } = {}) {
  const resources: MockedResource[] = [];
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        resources.push({ type: args.type, name: args.name, inputs: args.inputs });
        return { id: args.inputs.name ?? `${args.name}-id`, state: mockState(args) };
      },
      call(args) {
        if (args.token === "aws:index/getCallerIdentity:getCallerIdentity") {
          return { accountId: MOCK_ACCOUNT, arn: `arn:aws:iam::${MOCK_ACCOUNT}:user/test`, userId: "test" };
        }
        return args.inputs;
      },
    },
    options.project ?? "meshkit-test",
    options.stack ?? "test",
    options.dryRun ?? false,
  );
  return {
    resources,
    ofType: (type: string) => resources.filter((r) => r.type === type),
  };
}
