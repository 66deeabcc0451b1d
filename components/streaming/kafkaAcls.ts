/**
 * The Kafka ACLs a domain needs, derived from its manifest. The mapping from declared access
 * (accessModel) to Kafka principals:
 *
 * - `User:<domain>-producer` writes every topic of the domain (main, dead-letter, quarantine);
 * - `User:<domain>-consumer` reads every topic of the domain, and joins consumer groups named
 *   `<domain>.…` (one prefixed group ACL, created by the domain's own EventStreams so a
 *   consumer domain's group grant exists once however many domains it reads from);
 * - `User:<consumer>-consumer` of each domain in a product's `consumers` reads that product's
 *   main topic only, by its literal name, and only the main topic of the major it is pinned to
 *   (`consumers[].major`, else the current one): a previous major kept until its sunset keeps
 *   exactly the ACLs of the consumers still reading it.
 *
 * Every pattern is literal except the group prefix; no ACL names a wildcard principal or a topic
 * outside the domain's prefix. READ and WRITE imply DESCRIBE in Kafka's authorizer, so no separate
 * DESCRIBE ACLs are needed.
 */
import { consumerGroupPrefix, kafkaPrincipal } from "../../conventions";
import { consumersOfMajor } from "../manifest/majors";
import type { DomainSpec } from "../manifest";
import { domainTopics } from "./streamTopics";

/** One ACL binding, in the provider's (kafka.Acl) spelling. */
export interface AclBinding {
  readonly principal: string;
  readonly host: "*";
  readonly operation: "Read" | "Write";
  readonly permission: "Allow";
  readonly resourceType: "Topic" | "Group";
  readonly resourceName: string;
  readonly patternType: "Literal" | "Prefixed";
}

export function domainAclBindings(spec: DomainSpec): AclBinding[] {
  const domain = spec.metadata.name;
  const producer = kafkaPrincipal(domain, "producer");
  const consumer = kafkaPrincipal(domain, "consumer");
  const topicAcl = (principal: string, operation: AclBinding["operation"], topic: string): AclBinding => ({
    principal,
    host: "*",
    operation,
    permission: "Allow",
    resourceType: "Topic",
    resourceName: topic,
    patternType: "Literal",
  });
  const bindings: AclBinding[] = [];
  for (const topic of domainTopics(spec)) {
    bindings.push(topicAcl(producer, "Write", topic.name), topicAcl(consumer, "Read", topic.name));
    if (topic.role === "main") {
      for (const granted of consumersOfMajor(topic.product, topic.major)) {
        bindings.push(topicAcl(kafkaPrincipal(granted.domain, "consumer"), "Read", topic.name));
      }
    }
  }
  bindings.push({
    principal: consumer,
    host: "*",
    operation: "Read",
    permission: "Allow",
    resourceType: "Group",
    resourceName: consumerGroupPrefix(domain),
    patternType: "Prefixed",
  });
  return bindings;
}
