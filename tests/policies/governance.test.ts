import { governancePolicies } from "../../policies/rules/governance";
import { T, TAGS } from "./awsFixtures";
import { resource, unknown, urnOf } from "./harness";
import { describeRules } from "./ruleCases";

const schema = (name: string, compatibility: unknown) =>
  resource(T.glueSchema, name, { schemaName: name, dataFormat: "AVRO", schemaDefinition: "{}", compatibility, tags: TAGS });

const EU = { type: T.awsProvider, name: "eu", props: { region: "eu-central-1" } };
const US = { type: T.awsProvider, name: "us", props: { region: "us-east-1" } };
const GDPR = { ...TAGS, compliance: "gdpr.soc2" };
const bucket = (name: string, tags: Record<string, string>, provider: typeof EU | undefined, props: Record<string, unknown> = {}) =>
  resource(T.bucket, name, { bucket: name, tags, ...props }, provider === undefined ? {} : { provider });

describeRules("governance", governancePolicies, {
  "governance-schema-compatibility": {
    compliant: [schema("a", "BACKWARD"), schema("b", "FULL_ALL")],
    violating: [schema("none", "NONE"), schema("disabled", "DISABLED")],
    violatingUrns: [urnOf(T.glueSchema, "none"), urnOf(T.glueSchema, "disabled")],
    unknown: [schema("s", unknown.string)],
    config: [{ config: { allowNoneCompatibility: true }, resources: [schema("none", "NONE")], violates: false }],
  },

  "governance-pii-classification": {
    compliant: [
      resource(T.bucket, "b", { tags: { ...TAGS, pii: "email" } }),
      resource(T.bucket, "public", { tags: { ...TAGS, "data-classification": "public", pii: "none" } }),
    ],
    violating: [
      resource(T.bucket, "internal", { tags: { ...TAGS, "data-classification": "internal", pii: "email.phone" } }),
      resource(T.namespace, "ns", { metadata: { labels: { ...TAGS, "data-classification": "public", pii: "email" } } }),
    ],
    violatingUrns: [urnOf(T.bucket, "internal"), urnOf(T.namespace, "ns")],
    message: /personal data/,
    unknown: [resource(T.bucket, "b", { tags: { ...TAGS, pii: unknown.string } })],
  },

  "governance-gdpr-region-allowed": {
    compliant: [
      bucket("eu", GDPR, EU),
      // Not under GDPR: any region.
      bucket("us", { ...TAGS }, US),
      // The resource's own region (AWS provider 7.x) overrides the provider's.
      bucket("own-region", GDPR, US, { region: "eu-west-1" }),
    ],
    violating: [bucket("us", GDPR, US), bucket("us-2", GDPR, US), bucket("implicit", GDPR, undefined)],
    // One finding per provider at fault, and one for the resource without any region.
    violatingUrns: [urnOf(T.awsProvider, "us"), urnOf(T.bucket, "implicit")],
    unknown: [bucket("eu", GDPR, { ...EU, props: { region: unknown.string } })],
    config: [{ config: { allowedRegions: ["eu-central-1", "us-east-1"] }, resources: [bucket("us", GDPR, US)], violates: false }],
  },
});
