/**
 * The data classification of a Kafka topic. Topics carry no tags, so it is resolved at stack level,
 * in order: the `topicClassifications` config (longest matching name prefix), then a Glue
 * schema-registry schema in the stack named exactly like the topic and tagged
 * `data-classification` (meshkit's EventStreams registers one per stream product with a schema),
 * then a Glue catalog table whose `topicName` parameter (or, for a previous major kept until its
 * sunset, `previous-major-topics` list) names the topic and whose parameters carry
 * `data-classification` (meshkit's DomainCatalog registers one per stream product), then
 * `defaultClassification` (restricted, the strictest, so an unclassified topic is never given a
 * looser cap than it might need). Dead-letter and quarantine topics take their main topic's.
 */
import type { PolicyResource } from "@pulumi/policy";
import { CLASSIFICATION_TAG_KEY, CLASSIFICATIONS, PREVIOUS_MAJOR_TOPICS_PARAMETER, type Classification } from "../../conventions";
import { Deferral } from "./deferral";
import { baseTopic, topicsOf, type TopicView } from "./kafkaTopics";
import type { ConfigProperties } from "./rule";
import { GLUE_SCHEMA, GLUE_TABLE } from "./types";
import { record, text, type Props } from "./values";

export interface ClassificationConfig {
  topicClassifications: Record<string, Classification>;
  defaultClassification: Classification;
}

/** Config every classification-driven rule takes, so a platform classifies its topics the same way for each. */
export const classificationSchema: ConfigProperties = {
  topicClassifications: {
    type: "object",
    additionalProperties: { enum: [...CLASSIFICATIONS] },
    default: {},
    description: "Topic name prefix to classification, overriding tagged schemas; the longest prefix wins.",
  },
  defaultClassification: {
    enum: [...CLASSIFICATIONS],
    default: "restricted",
    description: "Classification of a topic neither the config nor a tagged schema classifies.",
  },
};

const isClassification = (v: unknown): v is Classification =>
  typeof v === "string" && (CLASSIFICATIONS as readonly string[]).includes(v);

/** Classifications of topics, each read from a resource of `type` as its topics' names and classification. */
function classificationsFrom(
  resources: readonly PolicyResource[],
  deferral: Deferral,
  type: string,
  read: (props: Props) => { topics: readonly string[]; classification: unknown },
): Map<string, Classification> {
  const found = new Map<string, Classification>();
  for (const r of resources) {
    if (r.type !== type) continue;
    deferral.read(() => {
      const { topics, classification } = read(r.props);
      if (isClassification(classification)) for (const topic of topics) found.set(topic, classification);
    });
  }
  return found;
}

/** Classifications of topics declared by the Glue schemas named like them. */
export function schemaClassifications(resources: readonly PolicyResource[], deferral: Deferral): Map<string, Classification> {
  return classificationsFrom(resources, deferral, GLUE_SCHEMA, (props) => ({
    topics: [text(props.schemaName)].filter((t) => t !== undefined),
    classification: record(props.tags)?.[CLASSIFICATION_TAG_KEY],
  }));
}

/** Classifications of topics declared by the Glue catalog tables whose data is the topic, current or previous major. */
export function catalogClassifications(resources: readonly PolicyResource[], deferral: Deferral): Map<string, Classification> {
  return classificationsFrom(resources, deferral, GLUE_TABLE, (props) => {
    const parameters = record(props.parameters);
    const previous = text(parameters?.[PREVIOUS_MAJOR_TOPICS_PARAMETER])?.split(",").map((t) => t.trim()) ?? [];
    return { topics: [text(parameters?.topicName), ...previous].filter((t): t is string => t !== undefined && t !== ""), classification: parameters?.[CLASSIFICATION_TAG_KEY] };
  });
}

/** The classification the longest configured prefix of `name` gives, if any. */
export function configuredClassification(name: string, configured: Record<string, Classification>): Classification | undefined {
  let best: string | undefined;
  for (const prefix of Object.keys(configured)) {
    if (name.startsWith(prefix) && (best === undefined || prefix.length > best.length)) best = prefix;
  }
  return best === undefined ? undefined : configured[best];
}

/**
 * Calls `judge` with every topic of the stack whose classification is certain, then rethrows any
 * value left unknown in preview.
 */
export function forEachClassifiedTopic(
  resources: readonly PolicyResource[],
  config: ClassificationConfig,
  judge: (topic: TopicView, classification: Classification) => void,
): void {
  const topicDeferral = new Deferral();
  const schemaDeferral = new Deferral();
  const topics = topicsOf(resources, topicDeferral);
  const fromSchemas = schemaClassifications(resources, schemaDeferral);
  const fromCatalog = catalogClassifications(resources, schemaDeferral);
  for (const topic of topics) {
    const base = baseTopic(topic.name);
    const explicit = configuredClassification(base, config.topicClassifications) ?? fromSchemas.get(base) ?? fromCatalog.get(base);
    // The default is only certain when no schema or catalog table was left unread: it might describe this topic.
    if (explicit === undefined && schemaDeferral.pending) continue;
    judge(topic, explicit ?? config.defaultClassification);
  }
  topicDeferral.rethrow();
  schemaDeferral.rethrow();
}
