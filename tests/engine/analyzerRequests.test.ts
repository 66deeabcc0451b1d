// The Analyze requests a session builds once per resource and shares between the packs that read over
// gRPC (engine/policy/requests.ts): kept until each of them has asked, then let go, so a large stack's
// requests are not all held at once.
import { describe, expect, it } from "vitest";
import { AnalyzerRequests } from "../../engine/policy/requests";
import { capturedResource } from "./capturedResource";

const bucket = capturedResource("urn:pulumi:production::meshkit::aws:s3/bucketV2:BucketV2::orders-raw", "aws:s3/bucketV2:BucketV2", { inputs: { bucket: "orders-raw" } });

describe("AnalyzerRequests", () => {
  it("hands every reader the same request, and lets it go after the last has asked", () => {
    const requests = new AnalyzerRequests([bucket], 2);
    const first = requests.analyzeRequest(bucket);
    expect(requests.analyzeRequest(bucket)).toBe(first);
    // Asked again after both readers had it: built anew, so it was not kept.
    const again = requests.analyzeRequest(bucket);
    expect(again).not.toBe(first);
    expect(again.toObject()).toEqual(first.toObject());
  });

  it("lets go of the requests the remaining readers have all asked for when a reader drops out", () => {
    const requests = new AnalyzerRequests([bucket], 2);
    const first = requests.analyzeRequest(bucket);
    requests.dropReader();
    expect(requests.analyzeRequest(bucket)).not.toBe(first);
  });

  it("keeps a request the remaining readers have not all asked for", () => {
    const other = capturedResource("urn:pulumi:production::meshkit::aws:s3/bucketV2:BucketV2::orders-curated", "aws:s3/bucketV2:BucketV2");
    const requests = new AnalyzerRequests([bucket, other], 3);
    const first = requests.analyzeRequest(bucket);
    requests.dropReader();
    expect(requests.analyzeRequest(bucket)).toBe(first);
  });

  it("answers the stack check's reads from the records as its protobuf messages answer them", () => {
    const PROVIDER = "urn:pulumi:production::meshkit::pulumi:providers:aws::eu";
    const provider = capturedResource(PROVIDER, "pulumi:providers:aws", { inputs: { region: "eu-west-1" }, custom: true });
    const key = capturedResource("urn:pulumi:production::meshkit::aws:kms/key:Key::orders", "aws:kms/key:Key", { outputs: { arn: "arn:aws:kms:eu-west-1:1:key/k" } });
    const policy = capturedResource("urn:pulumi:production::meshkit::aws:s3/bucketPolicy:BucketPolicy::orders", "aws:s3/bucketPolicy:BucketPolicy", {
      parent: key.urn,
      provider: `${PROVIDER}::id-1`,
      dependencies: [bucket.urn, key.urn],
      propertyDependencies: { policy: [key.urn], bucket: [bucket.urn] },
      outputs: { bucket: "orders-raw", policy: "{}", tags: { domain: "orders" } },
      options: { ...bucket.options, protect: true, ignoreChanges: ["tags"], deleteBeforeReplace: true, aliases: ["urn:old"], customTimeouts: { create: "5m" } },
    });
    const requests = new AnalyzerRequests([provider, bucket, key, policy]);
    const messages = requests.analyzeStackRequest().getResourcesList();
    const views = requests.stackResources();
    expect(views).toHaveLength(messages.length);
    const read = (r: (typeof messages)[number] | (typeof views)[number]) => ({
      urn: r.getUrn(),
      type: r.getType(),
      name: r.getName(),
      properties: r.getProperties()?.toJavaScript(),
      options: r.getOptions()?.toObject(),
      provider: r.getProvider()?.toObject(),
      parent: r.getParent(),
      dependencies: r.getDependenciesList(),
      propertyDependencies: [...r.getPropertydependenciesMap().entries()].map(([k, v]) => [k, v.getUrnsList()]),
    });
    views.forEach((view, i) => expect(read(view)).toEqual(read(messages[i])));
    expect(read(views[3]).propertyDependencies).toEqual([["bucket", [bucket.urn]], ["policy", [key.urn]]]);
    // One properties Struct per resource, however often it is read.
    expect(views[3].getProperties()).toBe(views[3].getProperties());
  });
});
