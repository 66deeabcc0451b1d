/** Checks only several manifests together can decide: unique domain names, consumers that exist. */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue, loadManifestFile, loadPlatform, type PlatformResult } from "../../components/manifest";
import { DOMAINS, fixture } from "./fixtures";

const shipping = fixture("valid", "shipping.yaml");
const shippingAgain = fixture("platform", "shipping-again.yaml");
const examples = ["orders", "payments", "customer-profile"].map((d) => path.join(DOMAINS, `${d}.yaml`));

function issues(result: PlatformResult): string[] {
  if (result.ok) throw new Error("the platform loaded, but it should have been refused");
  return result.issues.map(formatIssue);
}

describe("loadPlatform", () => {
  it("refuses a domain name declared in two files, pointing at the second", () => {
    expect(issues(loadPlatform([shipping, shippingAgain], { knownDomains: ["orders"] }))).toEqual([
      `${shippingAgain}:4:9 metadata.name: domain shipping is already declared in ${shipping}`,
    ]);
  });

  it("blames the newcomer even when it comes first: the file named after the domain owns the name", () => {
    expect(issues(loadPlatform([shippingAgain, shipping], { knownDomains: ["orders"] }))).toEqual([
      `${shippingAgain}:4:9 metadata.name: domain shipping is already declared in ${shipping}`,
    ]);
  });

  it("refuses a checked manifest that takes the name of a manifest another stack deploys", () => {
    const deployedElsewhere = loadPlatform([shipping], { knownDomains: ["orders"] });
    if (!deployedElsewhere.ok) throw new Error("shipping.yaml should load");
    expect(issues(loadPlatform([shippingAgain], { otherManifests: deployedElsewhere.manifests }))).toEqual([
      `${shippingAgain}:4:9 metadata.name: domain shipping is already declared in ${shipping}`,
    ]);
  });

  it("refuses a consumer naming a domain the platform does not have", () => {
    expect(issues(loadPlatform([shipping]))).toEqual([
      `${shipping}:28:19 spec.products[0].consumers[0].domain: consumer domain orders does not exist on this platform`,
    ]);
  });

  it("accepts that consumer when knownDomains names it (a domain team's own stack)", () => {
    const result = loadPlatform([shipping], { knownDomains: ["orders"] });
    expect(result.ok && result.manifests.map((m) => m.spec.metadata.name)).toEqual(["shipping"]);
  });

  it("accepts that consumer when another loaded manifest declares it", () => {
    const result = loadPlatform([shipping, ...examples]);
    expect(result.ok && result.manifests.map((m) => m.spec.metadata.name)).toEqual(["shipping", "orders", "payments", "customer-profile"]);
  });

  it("reports one file's own mistakes next to the cross-manifest ones", () => {
    const broken = fixture("invalid", "partitions-zero.yaml");
    expect(issues(loadPlatform([broken, shipping]))).toEqual([
      `${broken}:26:21 spec.products[0].stream.partitions: partitions must be 1–128`,
      `${shipping}:28:19 spec.products[0].consumers[0].domain: consumer domain orders does not exist on this platform`,
    ]);
  });

  it("refuses a table whose bucket would be named like another domain's access-log bucket, at the newcomer's line", () => {
    const ordersAccess = fixture("platform", "orders-access.yaml");
    expect(issues(loadPlatform([...examples, ordersAccess]))).toEqual([
      `${ordersAccess}:12:13 spec.products[0].name: the bucket of table product logs would be named orders-access-logs, as is the access-logs bucket of domain orders (${examples[0]}); rename the product or the domain`,
    ]);
  });

  it("refuses two domains whose domain and product names join to the same string", () => {
    const [a, ab] = [fixture("platform", "a.yaml"), fixture("platform", "a-b.yaml")];
    expect(issues(loadPlatform([a, ab]))).toEqual([
      `${ab}:12:13 spec.products[0].name: the bucket of table product ccc would be named aaa-bbb-ccc, as is the bucket of table product bbb-ccc of domain aaa (${a}); rename the product or the domain`,
    ]);
  });

  it("refuses a collision with a manifest another stack deploys, naming that manifest", () => {
    const ordersAccess = fixture("platform", "orders-access.yaml");
    const orders = loadManifestFile(examples[0]!);
    if (!orders.ok) throw new Error("orders must load");
    expect(issues(loadPlatform([ordersAccess], { otherManifests: [orders.manifest] }))).toEqual([
      `${ordersAccess}:12:13 spec.products[0].name: the bucket of table product logs would be named orders-access-logs, as is the access-logs bucket of domain orders (${examples[0]}); rename the product or the domain`,
    ]);
  });

  it("reports a file that cannot be read instead of throwing", () => {
    const missing = fixture("platform", "no-such-domain.yaml");
    expect(issues(loadPlatform([missing]))).toEqual([
      `${missing}:1:1 cannot read: ENOENT: no such file or directory, open '${missing}'`,
    ]);
  });
});
