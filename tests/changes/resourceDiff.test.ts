// The resource diff on hand-made registrations: what the engine would do to each resource, with the
// replace-property table, secrets shown only as paths, and aliases (own or inherited) as renames.
import { describe, expect, it } from "vitest";
import type { CapturedResource } from "../../engine";
import { SECRET_SIG, SIG_KEY } from "../../engine/values";
import { diffResources } from "../../cli/changes/resourceDiff";
import { REPLACE_PROPERTIES } from "../../cli/changes/replaceProperties";
import { capturedResource } from "../engine/capturedResource";

const STACK = "urn:pulumi:production::platform::";
const urn = (qualifiedType: string, name: string) => `${STACK}${qualifiedType}::${name}`;
const secret = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, value });

function resource(type: string, name: string, inputs: Record<string, unknown>, extra: Partial<CapturedResource> = {}, parentType?: string): CapturedResource {
  const qualified = parentType ? `${parentType}$${type}` : type;
  return capturedResource(urn(qualified, name), type, { name, inputs, ...extra });
}

const BUCKET = "aws:s3/bucket:Bucket";
const TOPIC = "kafka:index/topic:Topic";

describe("diffResources", () => {
  it("adds, deletes and leaves unchanged resources out", () => {
    const kept = resource(BUCKET, "kept", { bucket: "kept" });
    const changes = diffResources([kept, resource(BUCKET, "old", { bucket: "old" })], [kept, resource(BUCKET, "new", { bucket: "new" })]);
    expect(changes.map((c) => [c.urn, c.action, c.stateful])).toEqual([
      [urn(BUCKET, "new"), "add", true],
      [urn(BUCKET, "old"), "delete", true],
    ]);
  });

  it("updates in place with the changed property paths, and names a secret's path without its value", () => {
    const before = resource("aws:iam/role:Role", "r", { name: "r", tags: { team: "a" }, inlinePolicies: [{ policy: secret("x") }] });
    const after = resource("aws:iam/role:Role", "r", { name: "r", tags: { team: "b" }, inlinePolicies: [{ policy: secret("y") }] });
    const [change] = diffResources([before], [after]);
    expect(change).toMatchObject({ action: "update", changedProperties: ["inlinePolicies[0].policy", "tags.team"], replaceReasons: [] });
    expect(JSON.stringify(change)).not.toMatch(/"x"|"y"/);
  });

  it("replaces on a property that fixes the physical name, masking secret values in the reason", () => {
    const [bucket] = diffResources([resource(BUCKET, "b", { bucket: "one" })], [resource(BUCKET, "b", { bucket: "two" })]);
    expect(bucket).toMatchObject({ action: "replace", replaceReasons: ['bucket changes from "one" to "two"'] });
    const [alias] = diffResources([resource("aws:kms/alias:Alias", "a", { name: secret("alias/one") })], [resource("aws:kms/alias:Alias", "a", { name: secret("alias/two") })]);
    expect(alias.replaceReasons).toEqual(["name changes from [secret] to [secret]"]);
  });

  it("replaces a topic whose partitions go down, and updates it when they go up", () => {
    const topic = (partitions: number) => resource(TOPIC, "t", { name: "orders.x.v1", partitions });
    expect(diffResources([topic(12)], [topic(6)])[0]).toMatchObject({ action: "replace", replaceReasons: ["partitions changes from 12 to 6"] });
    expect(diffResources([topic(6)], [topic(12)])[0]).toMatchObject({ action: "update", changedProperties: ["partitions"] });
  });

  it("replaces on a property the program lists in replaceOnChanges", () => {
    const options = { ...resource(BUCKET, "b", {}).options, replaceOnChanges: ["tags"] };
    const [change] = diffResources([resource(BUCKET, "b", { bucket: "b", tags: { a: "1" } })], [resource(BUCKET, "b", { bucket: "b", tags: { a: "2" } }, { options })]);
    expect(change.action).toBe("replace");
  });

  it("renames through an alias of the resource's own, neither deleting nor adding", () => {
    const before = resource(BUCKET, "old", { bucket: "data" });
    const options = { ...before.options, aliases: [before.urn] };
    const [change, ...rest] = diffResources([before], [resource(BUCKET, "new", { bucket: "data" }, { options })]);
    expect(rest).toEqual([]);
    expect(change).toMatchObject({ action: "rename", urn: urn(BUCKET, "new"), previousUrn: before.urn });
  });

  it("renames the children of a component whose type changed under an alias", () => {
    const parentOf = (type: string, aliases: string[] = []): CapturedResource => ({
      ...resource(type, "catalog", {}, { custom: false }),
      options: { ...resource(type, "c", {}).options, aliases },
    });
    const oldParent = parentOf("meshkit:catalog:DomainCatalog");
    const newParent = parentOf("meshkit:catalog:Catalog", [oldParent.urn]);
    const child = (parent: CapturedResource) => resource("aws:glue/catalogDatabase:CatalogDatabase", "db", { name: "db" }, { parent: parent.urn }, parent.type);
    const withAlias = diffResources([oldParent, child(oldParent)], [newParent, child(newParent)]);
    expect(withAlias.map((c) => c.action)).toEqual(["rename"]);
    const without = diffResources([oldParent, child(oldParent)], [parentOf("meshkit:catalog:Catalog"), child(parentOf("meshkit:catalog:Catalog"))]);
    expect(without.map((c) => c.action).sort()).toEqual(["add", "delete"]);
  });

  it("cites a provider documentation page for every replace rule", () => {
    for (const [type, rule] of Object.entries(REPLACE_PROPERTIES)) {
      expect(rule.source, type).toMatch(/^https:\/\/www\.pulumi\.com\/registry\/packages\/(aws|kafka|kubernetes)\/api-docs\//);
      expect(rule.properties.length, type).toBeGreaterThan(0);
    }
  });
});
