/**
 * Bucket policy builders, without Pulumi: TLS only, the right key only, and the data perimeter
 * that denies reads to every non-reader and writes to every non-writer; the access-log bucket's
 * delivery grant.
 */
import { describe, expect, it } from "vitest";
import { accessLogBucketPolicy, ACCESS_LOG_PREFIX } from "../../../components/storage/accessLogDelivery";
import { dataPerimeter, denyInsecureTransport, denyWrongEncryption, productBucketPolicy } from "../../../components/storage/bucketPolicy";
import { allPrincipals } from "../../../components/grants/productPrincipals";
import { contextFor, exampleManifest } from "../../support/exampleDomains";
import { isPermitted, type Policy } from "../../access/simulator";

const ACCOUNT = "123456789012";
const BUCKET = "arn:aws:s3:::orders-order-facts-prd-123456789012";
const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const role = (domain: string, r: string) => `arn:aws:iam::123456789012:role/meshkit/meshkit-production-${domain}-${r}`;

function orderFactsPrincipals() {
  const manifest = exampleManifest("orders");
  const facts = manifest.spec.spec.products.find((p) => p.name === "order-facts")!;
  return allPrincipals(contextFor(manifest, "production"), facts);
}

describe("denyInsecureTransport", () => {
  it("denies every S3 action on the bucket and its objects when the request is not TLS", () => {
    expect(denyInsecureTransport(BUCKET)).toEqual({
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [BUCKET, `${BUCKET}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
  });
});

describe("denyWrongEncryption", () => {
  it("denies puts naming another algorithm or another key, and only puts that carry the header", () => {
    const [algorithm, key] = denyWrongEncryption(BUCKET, KEY);
    expect(algorithm).toMatchObject({ Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${BUCKET}/*` });
    expect(algorithm.Condition).toEqual({
      StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" },
      Null: { "s3:x-amz-server-side-encryption": "false" },
    });
    expect(key).toMatchObject({ Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${BUCKET}/*` });
    expect(key.Condition).toEqual({
      StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": KEY },
      Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" },
    });
  });
});

describe("dataPerimeter of orders/order-facts (example manifests, production)", () => {
  const principals = orderFactsPrincipals();
  const [read, write] = dataPerimeter(BUCKET, principals);

  it("excepts exactly the product's readers from the read deny: orders' four roles and payments' consumer and pipeline", () => {
    expect(read.Effect).toBe("Deny");
    expect(read.Principal).toBe("*");
    expect(read.Resource).toEqual([BUCKET, `${BUCKET}/*`]);
    expect(read.Action).toEqual(expect.arrayContaining(["s3:GetObject*", "s3:ListBucket*"]));
    expect(read.Condition).toEqual({
      ArnNotEquals: {
        "aws:PrincipalArn": [
          role("orders", "consumer"),
          role("orders", "pipeline"),
          role("orders", "producer"),
          role("orders", "steward"),
          role("payments", "consumer"),
          role("payments", "pipeline"),
        ],
      },
    });
  });

  it("excepts exactly orders' producer and pipeline from the write deny, which covers puts, deletes and restores", () => {
    expect(write.Effect).toBe("Deny");
    expect(write.Principal).toBe("*");
    expect(write.Resource).toBe(`${BUCKET}/*`);
    expect(write.Action).toEqual(expect.arrayContaining(["s3:PutObject*", "s3:DeleteObject*", "s3:RestoreObject"]));
    expect(write.Condition).toEqual({ ArnNotEquals: { "aws:PrincipalArn": [role("orders", "pipeline"), role("orders", "producer")] } });
  });

  it("grants nothing: every statement of the product bucket policy is a Deny", () => {
    const policy = productBucketPolicy(BUCKET, KEY, principals);
    expect(policy.Statement.map((s) => s.Sid)).toEqual(["DenyInsecureTransport", "DenyWrongEncryptionAlgorithm", "DenyOtherKmsKey", "DenyReadOutsideGrants", "DenyWriteOutsideGrants"]);
    expect(policy.Statement.every((s) => s.Effect === "Deny")).toBe(true);
  });
});

describe("productBucketPolicy under the IAM policy simulator (identity side allows everything)", () => {
  const policy = productBucketPolicy(BUCKET, KEY, orderFactsPrincipals()) as unknown as Policy;
  const ALLOW_ALL: Policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
  const OBJECT = `${BUCKET}/order_date=2026-01-01/part-0.parquet`;
  const ask = (principalArn: string, action: string, extra: Record<string, string> = {}) =>
    isPermitted(
      {
        principal: `arn:aws:sts::${ACCOUNT}:assumed-role/${principalArn.split("/").pop()}/test`,
        action,
        resource: OBJECT,
        accountId: ACCOUNT,
        context: { "aws:PrincipalArn": principalArn, "aws:PrincipalAccount": ACCOUNT, "aws:SecureTransport": "true", ...extra },
      },
      { identity: [ALLOW_ALL], resource: policy },
    );
  const SSE = { "s3:x-amz-server-side-encryption": "aws:kms", "s3:x-amz-server-side-encryption-aws-kms-key-id": KEY };

  it("lets readers read and denies every other principal, the platform administrator included", async () => {
    expect(await ask(role("payments", "consumer"), "s3:GetObject")).toBe(true);
    expect(await ask(role("orders", "steward"), "s3:GetObject")).toBe(true);
    expect(await ask(role("payments", "steward"), "s3:GetObject")).toBe(false);
    expect(await ask(role("customer-profile", "consumer"), "s3:GetObject")).toBe(false);
    expect(await ask("arn:aws:iam::123456789012:role/platform-admin", "s3:GetObject")).toBe(false);
  });

  it("lets only writers write: a consumer domain and the owner's consumer role are denied", async () => {
    expect(await ask(role("orders", "producer"), "s3:PutObject", SSE)).toBe(true);
    expect(await ask(role("payments", "pipeline"), "s3:PutObject", SSE)).toBe(false);
    expect(await ask(role("orders", "consumer"), "s3:DeleteObject")).toBe(false);
  });

  it("denies a writer a put under another key, and any reader a read without TLS", async () => {
    expect(await ask(role("orders", "producer"), "s3:PutObject", { ...SSE, "s3:x-amz-server-side-encryption-aws-kms-key-id": KEY.replace("1234abcd", "deadbeef") })).toBe(false);
    expect(await ask(role("orders", "producer"), "s3:PutObject", { "s3:x-amz-server-side-encryption": "AES256" })).toBe(false);
    expect(await ask(role("orders", "producer"), "s3:PutObject")).toBe(true);
    expect(await ask(role("orders", "steward"), "s3:GetObject", { "aws:SecureTransport": "false" })).toBe(false);
  });
});

describe("accessLogBucketPolicy", () => {
  const LOGS = "arn:aws:s3:::orders-access-logs-prd-123456789012";
  const sources = [BUCKET, "arn:aws:s3:::orders-audit-prd-123456789012"];
  const policy = accessLogBucketPolicy(LOGS, ACCOUNT, sources);

  it("is TLS only, and lets only S3's logging service of this account, for the given buckets, put under the log prefix", () => {
    expect(ACCESS_LOG_PREFIX).toBe("s3-access/");
    expect(policy.Statement).toEqual([
      denyInsecureTransport(LOGS),
      {
        Sid: "AllowS3ServerAccessLogDelivery",
        Effect: "Allow",
        Principal: { Service: "logging.s3.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${LOGS}/s3-access/*`,
        Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT }, ArnLike: { "aws:SourceArn": sources } },
      },
    ]);
  });

  it("does not share the caller's array: later changes to the source list do not leak into the policy", () => {
    const list = [BUCKET];
    const built = accessLogBucketPolicy(LOGS, ACCOUNT, list);
    list.push("arn:aws:s3:::someone-else");
    expect(built.Statement[1].Condition!.ArnLike!["aws:SourceArn"]).toEqual([BUCKET]);
  });
});
