import { describe, expect, it } from "vitest";
import { Deferral } from "../../policies/lib/deferral";
import { baseTopic, readTopic, topicsOf } from "../../policies/lib/kafkaTopics";
import { isUnknownValueError } from "../../policies/lib/preview";
import { policyResources, resource, unknown, urnOf } from "./harness";

const TOPIC = "kafka:index/topic:Topic";
const topic = (name: string, props: Record<string, unknown>) => resource(TOPIC, name, props);

describe("readTopic", () => {
  it("reads a topic's URN, name and config", () => {
    const [r] = policyResources([topic("t", { name: "orders.order-events.v1", config: { "retention.ms": "86400000" } })]);
    expect(readTopic(r!)).toEqual({ urn: urnOf(TOPIC, "t"), name: "orders.order-events.v1", config: { "retention.ms": "86400000" } });
  });

  it("gives an empty config when none is set and nothing for a topic without a name", () => {
    const [named, nameless] = policyResources([topic("t", { name: "a.b.v1" }), topic("u", { partitions: 3 })]);
    expect(readTopic(named!)?.config).toEqual({});
    expect(readTopic(nameless!)).toBeUndefined();
  });

  it("meets an unknown config value while reading, not later", () => {
    const [r] = policyResources([topic("t", { name: "a.b.v1", config: { "retention.ms": unknown.string } })]);
    let thrown: unknown;
    try {
      readTopic(r!);
    } catch (e) {
      thrown = e;
    }
    expect(isUnknownValueError(thrown)).toBe(true);
  });
});

describe("topicsOf", () => {
  it("keeps named topics, skips other types, and defers topics with unknown values", () => {
    const deferral = new Deferral();
    const resources = policyResources([
      topic("known", { name: "a.b.v1" }),
      topic("unknown-name", { name: unknown.string }),
      resource("kafka:index/acl:Acl", "acl", { aclResourceName: "a.b.v1" }),
    ]);
    expect(topicsOf(resources, deferral).map((t) => t.name)).toEqual(["a.b.v1"]);
    expect(deferral.pending).toBe(true);
  });
});

describe("baseTopic", () => {
  it("strips the dead-letter and quarantine suffixes only", () => {
    expect(baseTopic("orders.order-events.v1.dlq")).toBe("orders.order-events.v1");
    expect(baseTopic("orders.order-events.v1.quarantine")).toBe("orders.order-events.v1");
    expect(baseTopic("orders.order-events.v1")).toBe("orders.order-events.v1");
    expect(baseTopic("orders.dlq-events.v1")).toBe("orders.dlq-events.v1");
  });
});
