// meshkit's pack, compiled, on a plain Pulumi program a careless team wrote (tests/fixtures/careless-program):
// in production every careless resource gets a mandatory violation of the policy it breaks, and its
// hand-written compliant twin, like everything else meant to be compliant, gets none.
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, json, meshkit, ROOT, type Result } from "./meshkit";

const PROJECT = path.join(ROOT, "tests", "fixtures", "careless-program");
const PACK = path.join(ROOT, "dist", "policies");
const CONFIG = path.join(ROOT, "policies", "config", "production.json");
const urn = (type: string, name: string) => `urn:pulumi:production::careless-program::${type}::${name}`;

const BUCKET = "aws:s3/bucket:Bucket";
const KEY = "aws:kms/key:Key";
const TOPIC = "kafka:index/topic:Topic";
const ACL = "kafka:index/acl:Acl";
const IAM_POLICY = "aws:iam/policy:Policy";
const NAMESPACE = "kubernetes:core/v1:Namespace";
const SNS_TOPIC = "aws:sns/topic:Topic";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const GLUE_TABLE = "aws:glue/catalogTable:CatalogTable";

/** Each careless resource: the mandatory policies it must fail, and its compliant twin. */
const CARELESS: { name: string; type: string; fails: string[]; twin: string }[] = [
  {
    name: "careless-bucket",
    type: BUCKET,
    fails: ["storage-bucket-has-encryption", "storage-bucket-acl-private", "storage-bucket-has-public-access-block"],
    twin: "events",
  },
  { name: "careless-key", type: KEY, fails: ["keys-kms-rotation-enabled"], twin: "events-key" },
  { name: "careless-topic", type: TOPIC, fails: ["streaming-topic-replication-factor"], twin: "clicks-topic" },
  { name: "careless-insync-topic", type: TOPIC, fails: ["streaming-topic-min-insync-replicas"], twin: "sessions-topic" },
  { name: "careless-acl", type: ACL, fails: ["streaming-acl-no-wildcard-principal"], twin: "consumer-read" },
  { name: "careless-policy", type: IAM_POLICY, fails: ["iam-policy-no-wildcard-action"], twin: "events-reader" },
  { name: "careless-namespace", type: NAMESPACE, fails: ["kubernetes-namespace-resource-quota"], twin: "workspace" },
  { name: "careless-alerts", type: SNS_TOPIC, fails: ["observability-alert-topic-encrypted"], twin: "alerts" },
  { name: "careless-alarm", type: ALARM, fails: ["observability-alarm-has-action"], twin: "clicks-freshness" },
  { name: "careless-table", type: GLUE_TABLE, fails: ["governance-table-quality-alerted"], twin: "clicks-table" },
];
const CARELESS_URNS = new Set(CARELESS.map((c) => urn(c.type, c.name)));

interface JsonReview {
  resources: { urn: string; type: string; name: string }[];
  violations: { policy: string; urn: string | null; enforcementLevel: string; message: string; exempted: boolean }[];
  summary: { resources: number; mandatory: number; advisory: number; exempted: number };
}

beforeAll(() => ensureBuilt());

describe("meshkit review on a careless team's program in production", () => {
  let result: Result;
  let doc: JsonReview;
  beforeAll(async () => {
    result = await meshkit([
      "review",
      "--cwd",
      PROJECT,
      "--stack",
      "production",
      "--policy-pack",
      PACK,
      "--policy-pack-config",
      CONFIG,
      "--format",
      "json",
    ]);
    doc = json<JsonReview>(result);
  });

  const mandatoryOn = (target: string | null) =>
    doc.violations.filter((v) => v.urn === target && v.enforcementLevel === "mandatory" && !v.exempted);

  it("fails the review (exit 1) on mandatory violations", () => {
    expect(result.code).toBe(1);
    expect(doc.summary.mandatory).toBeGreaterThan(0);
    expect(result.stderr).toMatch(/^meshkit: \d+ mandatory policy violations in stack production\n$/);
  });

  it("reviews every careless resource and every twin", () => {
    const reviewed = new Set(doc.resources.map((r) => r.urn));
    for (const c of CARELESS) {
      expect(reviewed).toContain(urn(c.type, c.name));
      expect(reviewed).toContain(urn(c.type, c.twin));
    }
  });

  it.each(CARELESS.map((c) => ({ ...c, expected: c.fails.join(", ") })))("$name gets mandatory $expected", ({ name, type, fails }) => {
    const policies = mandatoryOn(urn(type, name)).map((v) => v.policy);
    expect(policies).toEqual(expect.arrayContaining(fails));
  });

  it("finds no mandatory violation on the twins or anything else meant to be compliant", () => {
    const elsewhere = doc.violations.filter((v) => v.enforcementLevel === "mandatory" && !v.exempted && !CARELESS_URNS.has(v.urn ?? ""));
    expect(elsewhere.map((v) => `${v.urn} ${v.policy}: ${v.message}`)).toEqual([]);
  });

  it.each(CARELESS)("$twin, the twin of $name, has no finding at all", ({ type, twin }) => {
    const findings = doc.violations.filter((v) => v.urn === urn(type, twin));
    expect(findings.map((v) => `${v.policy}: ${v.message}`)).toEqual([]);
  });
});
