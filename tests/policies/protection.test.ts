import { protectionPolicies } from "../../policies/rules/protection";
import { T, TAGS, kmsKey } from "./awsFixtures";
import { resource, unknown, urnOf } from "./harness";
import { describeRules } from "./ruleCases";

const topic = (name: string, protect: boolean, extra: Record<string, unknown> = {}) =>
  resource(T.topic, name, { name: `orders.${name}.v1`, partitions: 12, replicationFactor: 3 }, { opts: { protect, ...extra } });
const bucket = (name: string, props: Record<string, unknown> = {}, protect = true) =>
  resource(T.bucket, name, { bucket: name, tags: TAGS, ...props }, { opts: { protect } });

describeRules("protection", protectionPolicies, {
  "protection-stateful-resource-protected": {
    compliant: [bucket("b"), kmsKey(), topic("events", true), resource(T.role, "role", { name: "r" })],
    violating: [bucket("b", {}, false), kmsKey("k", {}, { opts: { protect: false } }), topic("events", false)],
    violatingUrns: [urnOf(T.bucket, "b"), urnOf(T.key, "k"), urnOf(T.topic, "events")],
    // `protect` is an option, never unknown: unknown props must not hide an unprotected resource.
    unknown: [resource(T.bucket, "b", { bucket: unknown.string, forceDestroy: unknown.boolean }, { opts: { protect: false } })],
    decidesWithoutProps: true,
    config: [{ config: { protectStateful: false }, resources: [bucket("b", {}, false)], violates: false }],
  },

  "protection-bucket-no-force-destroy": {
    compliant: [bucket("b"), bucket("explicit", { forceDestroy: false })],
    violating: [bucket("b", { forceDestroy: true })],
    violatingUrns: [urnOf(T.bucket, "b")],
    unknown: [bucket("b", { forceDestroy: unknown.boolean })],
    config: [{ config: { protectStateful: false }, resources: [bucket("b", { forceDestroy: true })], violates: false }],
  },

  "protection-stateful-no-delete-before-replace": {
    compliant: [bucket("b"), topic("events", true, { deleteBeforeReplace: false })],
    violating: [topic("events", true, { deleteBeforeReplace: true })],
    violatingUrns: [urnOf(T.topic, "events")],
    unknown: [resource(T.bucket, "b", { bucket: unknown.string }, { opts: { protect: true, deleteBeforeReplace: true } })],
    decidesWithoutProps: true,
    config: [{ config: { protectStateful: false }, resources: [topic("events", true, { deleteBeforeReplace: true })], violates: false }],
  },
});
