import { describe, expect, it } from "vitest";
import { grants, isReadOnly, readAcl, within } from "../../policies/lib/kafkaAcls";
import { unknownCheckingProxy, UNKNOWN_SENTINELS } from "../../policies/lib/preview";

const acl = (props: Record<string, unknown>) => readAcl(unknownCheckingProxy(props));

describe("readAcl", () => {
  it("normalises the enum fields to lower case and keeps names as given", () => {
    expect(
      acl({
        aclPrincipal: "User:orders-producer",
        aclResourceType: "Topic",
        aclResourceName: "orders.",
        resourcePatternTypeFilter: "Prefixed",
        aclOperation: "Write",
        aclPermissionType: "Allow",
      }),
    ).toEqual({ principal: "User:orders-producer", resourceType: "topic", resourceName: "orders.", pattern: "prefixed", operation: "write", allow: true });
  });

  it("fills missing fields: empty strings, Kafka's literal pattern, not allowed", () => {
    expect(acl({})).toEqual({ principal: "", resourceType: "", resourceName: "", pattern: "literal", operation: "", allow: false });
    expect(acl({ aclPermissionType: "Deny" }).allow).toBe(false);
  });

  it("throws on an unknown value instead of guessing", () => {
    expect(() => acl({ aclPrincipal: UNKNOWN_SENTINELS.string })).toThrow();
  });
});

describe("grants", () => {
  it("grants the operation itself, and every operation for All", () => {
    expect(grants(acl({ aclOperation: "Read" }), "read")).toBe(true);
    expect(grants(acl({ aclOperation: "Read" }), "write")).toBe(false);
    expect(grants(acl({ aclOperation: "All" }), "write")).toBe(true);
  });
});

describe("isReadOnly", () => {
  it("counts Read, Describe and DescribeConfigs as reads only", () => {
    expect(["Read", "Describe", "DescribeConfigs"].map((op) => isReadOnly(acl({ aclOperation: op })))).toEqual([true, true, true]);
    expect(["Write", "All", "Alter", ""].map((op) => isReadOnly(acl({ aclOperation: op })))).toEqual([false, false, false, false]);
  });
});

describe("within", () => {
  it("accepts literal names and prefixes inside the prefix, nothing else", () => {
    expect(within(acl({ aclResourceName: "orders.order-events.v1" }), "orders.")).toBe(true);
    expect(within(acl({ aclResourceName: "orders.x", resourcePatternTypeFilter: "Prefixed" }), "orders.")).toBe(true);
    expect(within(acl({ aclResourceName: "orders", resourcePatternTypeFilter: "Prefixed" }), "orders.")).toBe(false);
    expect(within(acl({ aclResourceName: "payments.payment-events.v3" }), "orders.")).toBe(false);
    expect(within(acl({ aclResourceName: "orders.x", resourcePatternTypeFilter: "Match" }), "orders.")).toBe(false);
  });
});
