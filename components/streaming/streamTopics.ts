/**
 * The Kafka topics a stream product owns: per deployed major (the current one and each previous
 * major kept until its sunset), its main topic and, when declared, the dead-letter and quarantine
 * topics. Names come from the conventions only, never random: other stacks rely on them.
 */
import { DEAD_LETTER_SUFFIX, QUARANTINE_SUFFIX, topicName } from "../../conventions";
import { deployedMajors } from "../manifest/majors";
import { isStream, majorVersion } from "../manifest/products";
import type { DomainSpec, StreamProduct } from "../manifest";

export type TopicRole = "main" | "dlq" | "quarantine";

export interface StreamTopic {
  readonly name: string;
  readonly role: TopicRole;
  readonly domain: string;
  readonly product: StreamProduct;
  /** The contract major the topic carries. */
  readonly major: number;
  /** Whether `major` is the contract's current major rather than a previous one kept until its sunset. */
  readonly current: boolean;
}

/**
 * The topics of one major of a product, named exactly as when that major was current: the planned
 * topic names per major.
 */
export function majorTopics(spec: DomainSpec, product: StreamProduct, major: number): StreamTopic[] {
  const domain = spec.metadata.name;
  const main = topicName(domain, product.name, major);
  const topic = (name: string, role: TopicRole): StreamTopic => ({ name, role, domain, product, major, current: major === majorVersion(product) });
  const topics = [topic(main, "main")];
  if (product.stream.deadLetter) topics.push(topic(main + DEAD_LETTER_SUFFIX, "dlq"));
  if (product.stream.quarantine) topics.push(topic(main + QUARANTINE_SUFFIX, "quarantine"));
  return topics;
}

/** Every topic of a product: the current major's, then each previous major's. */
export function productTopics(spec: DomainSpec, product: StreamProduct): StreamTopic[] {
  return deployedMajors(product).flatMap((major) => majorTopics(spec, product, major));
}

/** Every topic of a domain, in manifest order. */
export function domainTopics(spec: DomainSpec): StreamTopic[] {
  return spec.spec.products.filter(isStream).flatMap((p) => productTopics(spec, p));
}
