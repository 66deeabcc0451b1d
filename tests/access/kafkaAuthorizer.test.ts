/** The test-side Kafka authorizer follows Kafka's documented ACL semantics, case by case. */
import { describe, expect, it } from "vitest";
import { isAuthorized, type KafkaAcl, type KafkaRequest } from "../support/kafkaAuthorizer";

const acl = (overrides: Partial<KafkaAcl>): KafkaAcl => ({
  aclPrincipal: "User:alice",
  aclHost: "*",
  aclOperation: "Read",
  aclPermissionType: "Allow",
  aclResourceType: "Topic",
  aclResourceName: "orders.events.v1",
  resourcePatternTypeFilter: "Literal",
  ...overrides,
});
const request = (overrides: Partial<KafkaRequest> = {}): KafkaRequest => ({
  principal: "User:alice",
  host: "10.0.0.1",
  operation: "Read",
  resourceType: "Topic",
  resourceName: "orders.events.v1",
  ...overrides,
});

describe("Kafka ACL semantics", () => {
  it("denies by default", () => {
    expect(isAuthorized([], request())).toBe(false);
  });

  it("matches literal names exactly, and the literal wildcard name everything", () => {
    expect(isAuthorized([acl({})], request())).toBe(true);
    expect(isAuthorized([acl({})], request({ resourceName: "orders.events.v1.dlq" }))).toBe(false);
    expect(isAuthorized([acl({ aclResourceName: "*" })], request({ resourceName: "anything" }))).toBe(true);
  });

  it("matches prefixed patterns by prefix only", () => {
    const prefixed = acl({ aclResourceName: "orders.", resourcePatternTypeFilter: "Prefixed" });
    expect(isAuthorized([prefixed], request({ resourceName: "orders.events.v1.dlq" }))).toBe(true);
    expect(isAuthorized([prefixed], request({ resourceName: "orders-archive.events" }))).toBe(false);
  });

  it("matches the wildcard principal, but no other principal", () => {
    expect(isAuthorized([acl({ aclPrincipal: "User:*" })], request({ principal: "User:mallory" }))).toBe(true);
    expect(isAuthorized([acl({})], request({ principal: "User:mallory" }))).toBe(false);
  });

  it("matches hosts exactly or by wildcard", () => {
    expect(isAuthorized([acl({ aclHost: "10.0.0.2" })], request())).toBe(false);
    expect(isAuthorized([acl({ aclHost: "10.0.0.1" })], request())).toBe(true);
  });

  it("lets READ and WRITE imply DESCRIBE, never the reverse, and ALL cover everything", () => {
    expect(isAuthorized([acl({ aclOperation: "Write" })], request({ operation: "Describe" }))).toBe(true);
    expect(isAuthorized([acl({ aclOperation: "Describe" })], request({ operation: "Read" }))).toBe(false);
    expect(isAuthorized([acl({ aclOperation: "Read" })], request({ operation: "Write" }))).toBe(false);
    expect(isAuthorized([acl({ aclOperation: "AlterConfigs" })], request({ operation: "DescribeConfigs" }))).toBe(true);
    expect(isAuthorized([acl({ aclOperation: "All" })], request({ operation: "Write" }))).toBe(true);
  });

  it("lets a DENY override any ALLOW, but only for its own operation or ALL", () => {
    const allowAll = acl({ aclPrincipal: "User:*", aclOperation: "All" });
    expect(isAuthorized([allowAll, acl({ aclPermissionType: "Deny" })], request())).toBe(false);
    expect(isAuthorized([allowAll, acl({ aclPermissionType: "Deny", aclOperation: "Describe" })], request())).toBe(true);
    expect(isAuthorized([allowAll, acl({ aclPermissionType: "Deny", aclOperation: "All", aclResourceName: "orders.", resourcePatternTypeFilter: "Prefixed" })], request())).toBe(false);
  });

  it("keeps resource types apart", () => {
    expect(isAuthorized([acl({ aclResourceType: "Group" })], request())).toBe(false);
  });
});
