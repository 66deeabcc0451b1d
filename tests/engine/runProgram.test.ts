import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { CapturedResource, isSecret, plainValue, runProgram, RunResult, SECRET_PLACEHOLDER, UNKNOWN } from "../../engine";
import { MEMORY_ENV } from "../../engine/runProgram";
import { engineFailure } from "./engineFailure";

const FIXTURES = path.join(__dirname, "..", "fixtures", "engine");
const PROJECT = path.join(FIXTURES, "basic-program");
const U = (qualifiedType: string, name: string) => `urn:pulumi:dev::engine-fixture::${qualifiedType}::${name}`;
const STACK = U("pulumi:pulumi:Stack", "engine-fixture-dev");
const STORAGE = U("fixture:index:Storage", "data");
const DATA_BUCKET = U("fixture:index:Storage$aws:s3/bucket:Bucket", "data-bucket");
const VERSIONING = U("fixture:index:Storage$aws:s3/bucketVersioning:BucketVersioning", "data-versioning");
const KEY = U("aws:kms/key:Key", "key");
const EU = U("pulumi:providers:aws", "eu");
const EU_BUCKET = U("aws:s3/bucket:Bucket", "eu-bucket");
const READER = U("aws:iam/rolePolicy:RolePolicy", "reader");
const PARAM = U("aws:ssm/parameter:Parameter", "db-password");

describe("runProgram on a fixture project", () => {
  let preview: RunResult;
  let update: RunResult;
  const get = (r: RunResult, urn: string): CapturedResource => {
    const found = r.resources.find((x) => x.urn === urn);
    if (!found) throw new Error(`${urn} not captured; got ${r.resources.map((x) => x.urn).join(", ")}`);
    return found;
  };

  beforeAll(async () => {
    [preview, update] = await Promise.all([
      runProgram({ projectDir: PROJECT, stack: "dev" }),
      runProgram({ projectDir: PROJECT, stack: "dev", dryRun: false }),
    ]);
  });

  it("captures every registration with engine-form URNs, in parent-first order", () => {
    const defaultProvider = U("pulumi:providers:aws", "default_7_48_0");
    expect(preview.resources.map((r) => r.urn)).toEqual([
      STACK,
      READER,
      KEY,
      EU_BUCKET,
      PARAM,
      STORAGE,
      DATA_BUCKET,
      VERSIONING,
      EU,
      defaultProvider,
    ]);
    expect(get(preview, STORAGE)).toMatchObject({ type: "fixture:index:Storage", name: "data", custom: false, parent: STACK });
    expect(get(preview, DATA_BUCKET)).toMatchObject({ type: "aws:s3/bucket:Bucket", custom: true, parent: STORAGE });
    expect(get(preview, STACK).parent).toBeUndefined();
  });

  it("records dependencies, property dependencies and providers", () => {
    expect(get(preview, EU_BUCKET).dependencies).toEqual([KEY]);
    expect(get(preview, EU_BUCKET).provider).toBe(`${EU}::${UNKNOWN}`);
    expect(get(preview, VERSIONING).propertyDependencies.bucket).toEqual([DATA_BUCKET]);
    expect(get(preview, READER).propertyDependencies.policy).toEqual([DATA_BUCKET]);
    // Custom resources without an explicit provider get the engine's default provider, configured from
    // the stack's aws: keys.
    const def = get(preview, U("pulumi:providers:aws", "default_7_48_0"));
    expect(get(preview, KEY).provider).toBe(`${def.urn}::${UNKNOWN}`);
    expect(def.inputs).toEqual({ region: "eu-west-1", version: "7.48.0" });
    expect(get(preview, EU).inputs.region).toBe("eu-central-1");
  });

  it("records resource options", () => {
    expect(get(preview, DATA_BUCKET).options).toMatchObject({ protect: true, retainOnDelete: false });
    expect(get(preview, KEY).options).toMatchObject({ protect: false, retainOnDelete: true, ignoreChanges: ["description"] });
    // An alias spec naming only the old name resolves to the old URN under the same parent.
    expect(get(preview, VERSIONING).options.aliases).toContain(
      U("fixture:index:Storage$aws:s3/bucketVersioning:BucketVersioning", "data-old-versioning"),
    );
    expect(get(preview, EU_BUCKET).options.deleteBeforeReplace).toBeUndefined();
  });

  it("passes the stack config to the program, secrets as secret placeholders", () => {
    expect(get(preview, DATA_BUCKET).inputs.bucket).toBe("acme-data");
    expect(get(preview, DATA_BUCKET).inputs.tags).toEqual({ team: "platform", zones: "a,b" });
    const value = get(preview, PARAM).inputs.value;
    expect(isSecret(value)).toBe(true);
    expect(plainValue(value)).toBe(SECRET_PLACEHOLDER);
  });

  it("leaves what the cloud computes unknown in preview, and fills it in update mode", () => {
    expect(get(preview, VERSIONING).inputs.bucket).toBe(UNKNOWN);
    expect(get(preview, READER).inputs.policy).toBe(UNKNOWN);
    expect(get(preview, DATA_BUCKET).id).toBeUndefined();
    expect(preview.exports).toEqual({ bucketName: "acme-data", keyArn: UNKNOWN });

    // Update mode: IDs and ARNs in AWS's formats (a bucket's ID is its name; a key's a UUID).
    expect(get(update, DATA_BUCKET).id).toBe("acme-data");
    expect(get(update, VERSIONING).inputs.bucket).toBe("acme-data");
    const policy = JSON.parse(get(update, READER).inputs.policy as string);
    expect(policy.Statement[0].Resource).toBe("arn:aws:s3:::acme-data/*");
    expect(policy.Statement[0].Principal).toBe("123456789012");
    const key = get(update, KEY);
    expect(key.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(key.outputs).toMatchObject({ keyId: key.id, arn: `arn:aws:kms:eu-west-1:123456789012:key/${key.id}` });
    expect(get(update, EU_BUCKET).outputs).toMatchObject({ bucket: "eu-bucket", arn: "arn:aws:s3:::eu-bucket" });
    expect(update.exports).toEqual({ bucketName: "acme-data", keyArn: key.outputs.arn });
  });

  it("hands over a state equal to the inputs as the inputs themselves, and a different state apart", () => {
    // Preview: a new resource's state is its inputs, received as one object (held once, not twice).
    const key = get(preview, KEY);
    expect(key.outputs).toBe(key.inputs);
    expect(key.inputs).toMatchObject({ description: "fixture key", deletionWindowInDays: 7 });
    // Update: the state has what AWS adds, the inputs do not.
    const updated = get(update, KEY);
    expect(updated.outputs).not.toBe(updated.inputs);
    expect(updated.inputs).not.toHaveProperty("arn");
    expect(updated.outputs).toMatchObject({ description: "fixture key", arn: expect.stringMatching(/^arn:aws:kms:/) });
  });

  it("records component outputs and invokes", () => {
    expect(get(preview, STORAGE).outputs).toEqual({ bucketName: "acme-data" });
    expect(preview.invokes).toEqual([{ token: "aws:index/getCallerIdentity:getCallerIdentity", args: {} }]);
  });

  it("gives the same result on a second run", async () => {
    const again = await runProgram({ projectDir: PROJECT, stack: "dev" });
    expect(JSON.stringify(again.resources)).toBe(JSON.stringify(preview.resources));
  });
});

describe("runProgram failures", () => {
  it("names the program and the thrown message when the program throws", async () => {
    const e = await engineFailure(runProgram({ projectDir: path.join(FIXTURES, "throwing-program"), stack: "dev" }));
    expect(e.code).toBe("PROGRAM_FAILED");
    expect(e.message).toMatch(/^the program .*throwing-program\/index\.ts \(stack 'dev'\) failed: bucket prefix must be lowercase$/);
    // Where it threw, from a second run with stack traces on.
    expect(e.details?.split("\n")).toEqual([`at Object.<anonymous> (${path.join(FIXTURES, "throwing-program", "index.ts")}:7:28)`]);
  });

  it("says in one line what to do when the program runs out of memory", async () => {
    process.env[MEMORY_ENV] = "48";
    try {
      const e = await engineFailure(runProgram({ projectDir: path.join(FIXTURES, "many-resources"), stack: "large" }));
      expect(e.code).toBe("PROGRAM_OUT_OF_MEMORY");
      expect(e.message).toMatch(
        /^the program .*many-resources\/index\.ts \(stack 'large'\) ran out of memory \(48 MB\) with \d+ resources registered; split the platform into per-domain stacks \(see README\) or raise the limit in MB with MESHKIT_PROGRAM_MEMORY_MB$/,
      );
      expect(e.details).toBeUndefined();
    } finally {
      delete process.env[MEMORY_ENV];
    }
  });

  it("reports a throw inside an apply", async () => {
    const e = await engineFailure(runProgram({ projectDir: path.join(FIXTURES, "throwing-program"), stack: "async" }));
    expect(e.message).toMatch(/failed: RangeError: bucket first is in the wrong region$/);
    expect(e.details).toContain(`${path.join(FIXTURES, "throwing-program", "index.ts")}:9:9`);
  });

  it("refuses a second resource with the same URN, as the engine does", async () => {
    const e = await engineFailure(runProgram({ projectDir: path.join(FIXTURES, "duplicate-urn"), stack: "dev" }));
    expect(e.code).toBe("PROGRAM_FAILED");
    expect(e.message).toContain("Duplicate resource URN 'urn:pulumi:dev::engine-duplicate-urn::aws:s3/bucket:Bucket::logs'; try giving it a unique name");
  });

  it("reports the SDK's own error for missing required config", async () => {
    const e = await engineFailure(runProgram({ projectDir: PROJECT, stack: "empty" }));
    expect(e.code).toBe("PROGRAM_FAILED");
    expect(e.message).toContain("Missing required configuration variable 'engine-fixture:bucketPrefix'");
  });

  it("refuses a stack without a config file before starting anything", async () => {
    const e = await engineFailure(runProgram({ projectDir: PROJECT, stack: "staging" }));
    expect(e.code).toBe("STACK_CONFIG_MISSING");
    expect(e.message).toContain("Pulumi.staging.yaml does not exist");
  });
});

describe("runProgram with source positions", () => {
  it("records where the program constructed each resource", async () => {
    const run = await runProgram({ projectDir: PROJECT, stack: "dev", sourcePositions: true });
    const bucket = run.resources.find((r) => r.urn === DATA_BUCKET);
    expect(bucket?.sourcePosition).toEqual({ file: path.join(PROJECT, "index.ts"), line: 15, column: 19 });
  });
});
