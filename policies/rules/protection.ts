/**
 * Protection guardrails: where the environment protects stateful resources (production), a
 * `pulumi destroy`, a replacement or a forced bucket deletion cannot lose data.
 */
import type { Policies } from "@pulumi/policy";
import { ENVIRONMENT_MINIMUMS } from "../../conventions";
import { resourceRule } from "../lib/rule";
import { BUCKET, STATEFUL_TYPES } from "../lib/types";
import { bool } from "../lib/values";

interface ProtectionConfig {
  protectStateful: boolean;
}

const protectStateful = {
  protectStateful: {
    type: "boolean",
    default: ENVIRONMENT_MINIMUMS.production.protectStateful,
    description: "Whether the environment protects stateful resources (production does).",
  },
} as const;

export const protectionPolicies: Policies = [
  resourceRule<ProtectionConfig>({
    name: "protection-stateful-resource-protected",
    description: "Stateful resources (buckets, keys, topics, catalog, schemas, databases) are `protect`ed where the environment requires it.",
    meta: {
      area: "protection",
      severity: "high",
      frameworks: ["soc2"],
      remediation: "Pass `{ protect: true, retainOnDelete: true }` in the resource options (meshkit's production profile does).",
    },
    types: STATEFUL_TYPES,
    config: protectStateful,
    validate: (args, config, report) => {
      if (config.protectStateful && args.opts.protect !== true) report(`${args.type} ${args.name} is not protected`);
    },
  }),

  resourceRule<ProtectionConfig>({
    name: "protection-bucket-no-force-destroy",
    description: "S3 buckets cannot be force-destroyed with their objects where the environment protects stateful resources.",
    meta: {
      area: "protection",
      severity: "high",
      frameworks: ["soc2"],
      remediation: "Remove `forceDestroy: true`; empty a bucket deliberately before deleting it.",
    },
    types: BUCKET,
    config: protectStateful,
    validate: (args, config, report) => {
      if (!config.protectStateful || !("forceDestroy" in args.props)) return;
      if (bool(args.props.forceDestroy) === true) report("forceDestroy deletes every object with the bucket");
    },
  }),

  resourceRule<ProtectionConfig>({
    name: "protection-stateful-no-delete-before-replace",
    description: "Stateful resources are never deleted before their replacement exists where the environment protects them.",
    meta: {
      area: "protection",
      severity: "medium",
      frameworks: ["soc2"],
      remediation: "Remove `deleteBeforeReplace: true`; replace stateful resources by migration, not deletion.",
    },
    types: STATEFUL_TYPES,
    config: protectStateful,
    validate: (args, config, report) => {
      if (config.protectStateful && args.opts.deleteBeforeReplace === true) {
        report(`${args.type} ${args.name} is deleted before it is replaced`);
      }
    },
  }),
];
