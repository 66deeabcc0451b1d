/**
 * The Kafka topics a stream product owns: its main topic and, when declared, the dead-letter and
 * quarantine topics. Names come from the conventions only, never random: other stacks rely on them.
 */
import { DEAD_LETTER_SUFFIX, QUARANTINE_SUFFIX, topicName } from "../../conventions";
import { isStream, majorVersion, type DomainSpec, type StreamProduct } from "../manifest";

export type TopicRole = "main" | "dlq" | "quarantine";

export interface StreamTopic {
  readonly name: string;
  readonly role: TopicRole;
  readonly domain: string;
  readonly product: StreamProduct;
}

export function productTopics(spec: DomainSpec, product: StreamProduct): StreamTopic[] {
  const domain = spec.metadata.name;
  const main = topicName(domain, product.name, majorVersion(product));
  const topics: StreamTopic[] = [{ name: main, role: "main", domain, product }];
  if (product.stream.deadLetter) topics.push({ name: main + DEAD_LETTER_SUFFIX, role: "dlq", domain, product });
  if (product.stream.quarantine) topics.push({ name: main + QUARANTINE_SUFFIX, role: "quarantine", domain, product });
  return topics;
}

/** Every topic of a domain, in manifest order. */
export function domainTopics(spec: DomainSpec): StreamTopic[] {
  return spec.spec.products.filter(isStream).flatMap((p) => productTopics(spec, p));
}
