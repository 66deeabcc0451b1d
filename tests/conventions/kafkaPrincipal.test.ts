import { describe, expect, it } from "vitest";
import { kafkaPrincipal, parseKafkaPrincipal } from "../../conventions";

describe("parseKafkaPrincipal", () => {
  it("reads back what kafkaPrincipal builds", () => {
    expect(parseKafkaPrincipal(kafkaPrincipal("orders", "producer"))).toEqual({ domain: "orders", role: "producer" });
    expect(parseKafkaPrincipal(kafkaPrincipal("customer-profile", "consumer"))).toEqual({ domain: "customer-profile", role: "consumer" });
  });

  it("rejects principals that follow no domain convention", () => {
    expect(parseKafkaPrincipal("User:orders-admin")).toBeUndefined();
    expect(parseKafkaPrincipal("User:*")).toBeUndefined();
    expect(parseKafkaPrincipal("Group:orders-producer")).toBeUndefined();
    expect(parseKafkaPrincipal("User:Orders-producer")).toBeUndefined();
    expect(parseKafkaPrincipal("User:orders-producer-x")).toBeUndefined();
    expect(parseKafkaPrincipal("")).toBeUndefined();
  });
});
