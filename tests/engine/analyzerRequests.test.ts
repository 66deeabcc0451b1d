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
});
