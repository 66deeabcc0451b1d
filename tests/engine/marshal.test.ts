import { describe, expect, it } from "vitest";
import { makeUrn, plainValue, UNKNOWN } from "../../engine";
import { durationSeconds, toAnalyzerProperties } from "../../engine/policy/marshal";
import { treeOrder } from "../../engine/order";
import type { CapturedResource } from "../../engine";
import { ARCHIVE_SIG, ASSET_SIG, RESOURCE_SIG, SECRET_SIG, SIG_KEY } from "../../engine/values";

describe("analyzer property marshalling", () => {
  it("downgrades resource references to the ID, unknown while the ID is, or a component's URN", () => {
    const custom = { [SIG_KEY]: RESOURCE_SIG, urn: "urn:a", id: "bucket-1" };
    const pending = { [SIG_KEY]: RESOURCE_SIG, urn: "urn:b", id: "" };
    const previewId = { [SIG_KEY]: RESOURCE_SIG, urn: "urn:c", id: UNKNOWN };
    const component = { [SIG_KEY]: RESOURCE_SIG, urn: "urn:d" };
    expect(toAnalyzerProperties({ custom, nested: [{ pending }], previewId, component })).toEqual({
      custom: "bucket-1",
      nested: [{ pending: UNKNOWN }],
      previewId: UNKNOWN,
      component: "urn:d",
    });
  });

  it("keeps unknowns, secrets, assets and archives as the engine sends them", () => {
    const secret = { [SIG_KEY]: SECRET_SIG, value: { [SIG_KEY]: RESOURCE_SIG, urn: "urn:k", id: "key-1" } };
    const asset = { [SIG_KEY]: ASSET_SIG, text: "hello" };
    const archive = { [SIG_KEY]: ARCHIVE_SIG, assets: { a: asset } };
    expect(toAnalyzerProperties({ u: UNKNOWN, secret, asset, archive })).toEqual({
      u: UNKNOWN,
      secret: { [SIG_KEY]: SECRET_SIG, value: "key-1" },
      asset,
      archive,
    });
  });

  it("sends custom timeouts in seconds, parsed as Go durations", () => {
    expect(durationSeconds("5m")).toBe(300);
    expect(durationSeconds("1h30m10s")).toBe(5410);
    expect(durationSeconds("1500ms")).toBe(1.5);
    expect(durationSeconds("")).toBe(0);
  });

  it("plainValue unwraps secrets and references but keeps unknowns recognisable", () => {
    expect(plainValue({ s: { [SIG_KEY]: SECRET_SIG, value: [1, UNKNOWN] }, r: { [SIG_KEY]: RESOURCE_SIG, urn: "urn:x", id: "i" } })).toEqual({
      s: [1, UNKNOWN],
      r: "urn:x",
    });
  });
});

describe("URNs and order", () => {
  it("builds URNs the engine's way: the parent's whole qualified type, never the root stack's", () => {
    const stack = makeUrn("dev", "p", undefined, "pulumi:pulumi:Stack", "p-dev");
    const outer = makeUrn("dev", "p", stack, "my:x:Outer", "o");
    const inner = makeUrn("dev", "p", outer, "my:x:Inner", "i");
    expect(outer).toBe("urn:pulumi:dev::p::my:x:Outer::o");
    expect(makeUrn("dev", "p", inner, "aws:s3/bucket:Bucket", "b")).toBe("urn:pulumi:dev::p::my:x:Outer$my:x:Inner$aws:s3/bucket:Bucket::b");
  });

  it("orders the stack first, parents before children and siblings by URN, whatever the input order", () => {
    const r = (urn: string, parent?: string, type = "t:t:T") => ({ urn, parent, type }) as CapturedResource;
    const input = [r("u:c2", "u:b"), r("u:b", "u:s"), r("u:a", "u:s"), r("u:s", undefined, "pulumi:pulumi:Stack"), r("u:c1", "u:b"), r("u:p")];
    expect(treeOrder(input).map((x) => x.urn)).toEqual(["u:s", "u:a", "u:b", "u:c1", "u:c2", "u:p"]);
    expect(treeOrder([...input].reverse()).map((x) => x.urn)).toEqual(["u:s", "u:a", "u:b", "u:c1", "u:c2", "u:p"]);
  });
});
