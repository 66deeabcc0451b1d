/** Kafka topics as the streaming rules read them: name, URN and topic config. */
import type { PolicyResource } from "@pulumi/policy";
import { DEAD_LETTER_SUFFIX, QUARANTINE_SUFFIX } from "../../conventions";
import type { Deferral } from "./deferral";
import { KAFKA_TOPIC } from "./types";
import { record, text } from "./values";

export interface TopicView {
  readonly urn: string;
  readonly name: string;
  readonly config: Readonly<Record<string, unknown>>;
}

/** A topic's name and config, or undefined when it has no name. */
export function readTopic(r: PolicyResource): TopicView | undefined {
  const name = text(r.props.name);
  if (name === undefined) return undefined;
  // Copy every value now, so an unknown one is met here, where it is deferred, not mid-rule.
  return { urn: r.urn, name, config: { ...record(r.props.config) } };
}

/** The named topics of a stack; a topic with an unknown value is left to the deferral. */
export function topicsOf(resources: readonly PolicyResource[], deferral: Deferral): TopicView[] {
  const topics: TopicView[] = [];
  for (const r of resources) {
    if (r.type !== KAFKA_TOPIC) continue;
    const topic = deferral.read(() => readTopic(r));
    if (topic !== undefined) topics.push(topic);
  }
  return topics;
}

/** The main topic a dead-letter or quarantine topic belongs to (any other topic is its own). */
export function baseTopic(name: string): string {
  for (const suffix of [DEAD_LETTER_SUFFIX, QUARANTINE_SUFFIX]) {
    if (name.endsWith(suffix)) return name.slice(0, -suffix.length);
  }
  return name;
}
