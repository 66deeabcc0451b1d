// Real-engine acceptance, Kubernetes half: the Pulumi CLI with a local file backend, the real Kubernetes
// provider (pulumi-resource-kubernetes, built from its Go module) and meshkit's policy pack in the engine's
// analyzer, against a real kube-apiserver (etcd, kube-controller-manager; RBAC, Pod Security, quota, limit
// ranges). Run through `npm run test:e2e` (e2e/run.sh), which provides the binaries and starts the control plane.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { eventually, KubeClient, runningControlPlane, type ControlPlane } from "./support/kube";
import { fixtureDir, policyEvents, PulumiCli, repoRoot, stateDir, stepOps, type PolicyEvent } from "./support/pulumi";

const policyPack = path.join(repoRoot, "policies");
const policyArgs = ["--policy-pack", policyPack, "--policy-pack-config", path.join(policyPack, "config/production.json")];

// The production stack of two domains that run jobs (fixture/domains/ledger.yaml and payroll.yaml).
const STACK = "workspaces-production";
const NS = "ledger-production";
const OTHER_NS = "payroll-production";
const TEAM_USER = "ledger-dev"; // a member of ledger-engineers (KUBE_E2E_USERS in e2e/run.sh)
const STRANGER = "stranger"; // authenticated, in no group
const PIPELINE_ROLE = "arn:aws:iam::000000000000:role/meshkit/meshkit-production-ledger-pipeline";

const TAG_LABELS = {
  domain: "ledger",
  environment: "production",
  owner: "ledger-team",
  "cost-center": "CC-2003",
  "data-classification": "internal",
  "managed-by": "meshkit",
  compliance: "soc2",
};

let plane: ControlPlane;
let admin: KubeClient;
let team: KubeClient;
let stranger: KubeClient;
let cli: PulumiCli;
let previewFindings: PolicyEvent[] = [];
const manifests: Record<string, string> = {};

const mandatory = (events: PolicyEvent[]) => events.filter((e) => e.enforcementLevel === "mandatory");
const ns = (namespace: string) => `/api/v1/namespaces/${namespace}`;

/** A pod that meets Pod Security `restricted`; `container` overrides fields of its one container. */
function pod(name: string, container: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name },
    spec: {
      securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: "RuntimeDefault" } },
      containers: [
        {
          name: "job",
          image: "registry.invalid/ledger/job:1",
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
          ...container,
        },
      ],
    },
  };
}

beforeAll(async () => {
  plane = runningControlPlane();
  admin = new KubeClient(plane, "admin");
  team = new KubeClient(plane, TEAM_USER);
  stranger = new KubeClient(plane, STRANGER);
  expect(plane.users[TEAM_USER]).toEqual(["ledger-engineers"]);

  // This file shares e2e/.state with realEngine.test.ts (files run one after the other): it clears only
  // its own stack, config and manifest copies.
  const stacks = path.join(stateDir, "stacks");
  fs.mkdirSync(stacks, { recursive: true });
  fs.rmSync(path.join(stacks, `Pulumi.${STACK}.yaml`), { force: true });
  for (const f of [`${STACK}.json`, `${STACK}.json.bak`]) fs.rmSync(path.join(stateDir, "backend/.pulumi/stacks/meshkit-e2e", f), { force: true });
  const copies = path.join(stateDir, "workspace-domains");
  fs.rmSync(copies, { recursive: true, force: true });
  fs.mkdirSync(copies, { recursive: true });
  for (const name of ["ledger", "payroll"]) {
    manifests[name] = path.join(copies, `${name}.yaml`);
    fs.copyFileSync(path.join(fixtureDir, "domains", `${name}.yaml`), manifests[name]);
  }

  cli = new PulumiCli(path.join(stateDir, "backend"));
  cli.must(["stack", "init", STACK]);
  const set = (...args: string[]) => cli.must(["config", "set", "-s", STACK, ...args]);
  set("meshkit:environment", "production");
  set("--path", "meshkit:domains[0]", manifests.ledger);
  set("--path", "meshkit:domains[1]", manifests.payroll);
  // The platform is the suite's copies, which it edits: the fixture's originals would declare the same domains again.
  set("--path", "meshkit:platformDomains[0]", path.join(copies, "*.yaml"));
  // The admin kubeconfig (client certificate and key embedded) reaches the provider only as a secret.
  set("--secret", "meshkit-e2e:kubeconfig", KubeClient.adminKubeconfig(plane));
});

describe("the stack config", () => {
  it("holds the kubeconfig encrypted, never in plain text", () => {
    const file = fs.readFileSync(path.join(stateDir, "stacks", `Pulumi.${STACK}.yaml`), "utf8");
    expect(file).toMatch(/meshkit-e2e:kubeconfig:\s*\n\s*secure: /);
    expect(file).not.toMatch(/client-key-data/);
  });
});

describe("pulumi with the real Kubernetes provider against kube-apiserver", () => {
  it("previews the workspaces with no mandatory finding, the Kubernetes guardrails passed", () => {
    const res = cli.run(["preview", "-s", STACK, ...policyArgs], { events: true });
    previewFindings = policyEvents(res);
    expect(res.code, res.output).toBe(0);
    expect(mandatory(previewFindings), res.output).toEqual([]);
    // The analyzer judged the workspace: the Kubernetes guardrails ran and passed, on the stack and on each object.
    type Summaries = { policyAnalyzeSummaryEvent?: { resourceUrn: string; passed?: string[] }; policyAnalyzeStackSummaryEvent?: { passed?: string[] } };
    const events = res.events as Summaries[];
    const stackPassed = events.flatMap((e) => e.policyAnalyzeStackSummaryEvent?.passed ?? []);
    expect(stackPassed).toEqual(expect.arrayContaining(["kubernetes-namespace-resource-quota", "kubernetes-namespace-limit-range", "kubernetes-namespace-default-deny"]));
    const passedOn = (suffix: string) => events.flatMap((e) => (e.policyAnalyzeSummaryEvent?.resourceUrn.endsWith(suffix) ? (e.policyAnalyzeSummaryEvent.passed ?? []) : []));
    expect(passedOn("kubernetes:core/v1:Namespace::ledger-workspace-namespace")).toEqual(
      expect.arrayContaining(["kubernetes-namespace-pod-security", "tagging-kubernetes-required-labels"]),
    );
    expect(passedOn("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding::ledger-workspace-team-edit")).toEqual(expect.arrayContaining(["kubernetes-binding-no-cluster-admin"]));

    const k8sOps = [...stepOps(res).entries()].filter(([urn]) => /[:$]kubernetes:(core|networking|rbac)/.test(urn)).map(([, op]) => op);
    expect(k8sOps).toEqual(Array(12).fill("create"));
  });

  it("creates each object of the workspace with the manifest's values", async () => {
    const res = cli.run(["up", "--yes", "-s", STACK, ...policyArgs], { events: true });
    expect(res.code, res.output).toBe(0);
    expect(mandatory(policyEvents(res)), res.output).toEqual([]);

    const namespace = await admin.must(`/api/v1/namespaces/${NS}`);
    expect(namespace.status.phase).toBe("Active");
    expect(namespace.metadata.labels).toEqual({
      ...TAG_LABELS,
      "kubernetes.io/metadata.name": NS,
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/enforce-version": "latest",
      "pod-security.kubernetes.io/audit": "restricted",
      "pod-security.kubernetes.io/warn": "restricted",
    });

    const quota = await admin.must(`${ns(NS)}/resourcequotas/domain-quota`);
    const hard = { "requests.cpu": "2", "limits.cpu": "2", "requests.memory": "4Gi", "limits.memory": "4Gi" };
    expect(quota.metadata.labels).toEqual(TAG_LABELS);
    expect(quota.spec).toEqual({ hard });
    // The quota controller has taken it up: admission can enforce it.
    const status = await eventually("quota status", async () => (await admin.must(`${ns(NS)}/resourcequotas/domain-quota`)).status?.hard);
    expect(status).toEqual(hard);

    const limits = await admin.must(`${ns(NS)}/limitranges/domain-limits`);
    expect(limits.metadata.labels).toEqual(TAG_LABELS);
    expect(limits.spec).toEqual({
      limits: [{ type: "Container", default: { cpu: "1", memory: "2Gi" }, defaultRequest: { cpu: "250m", memory: "512Mi" } }],
    });

    const netpol = await admin.must(`/apis/networking.k8s.io/v1/namespaces/${NS}/networkpolicies/default-deny`);
    expect(netpol.metadata.labels).toEqual(TAG_LABELS);
    expect(netpol.spec).toEqual({
      podSelector: {},
      policyTypes: ["Ingress", "Egress"],
      ingress: [{ from: [{ podSelector: {} }] }],
      egress: [
        { to: [{ podSelector: {} }] },
        {
          to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } } }],
          ports: [
            { protocol: "UDP", port: 53 },
            { protocol: "TCP", port: 53 },
          ],
        },
      ],
    });

    const sa = await admin.must(`${ns(NS)}/serviceaccounts/pipeline`);
    expect(sa.metadata.labels).toEqual(TAG_LABELS);
    expect(sa.metadata.annotations).toEqual({ "eks.amazonaws.com/role-arn": PIPELINE_ROLE });
    expect(sa.automountServiceAccountToken).toBe(false);

    const binding = await admin.must(`/apis/rbac.authorization.k8s.io/v1/namespaces/${NS}/rolebindings/team-edit`);
    expect(binding.metadata.labels).toEqual(TAG_LABELS);
    expect(binding.roleRef).toEqual({ apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "edit" });
    expect(binding.subjects).toEqual([{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "ledger-engineers" }]);

    // The other domain's workspace is there too, bound to its own group.
    const other = await admin.must(`/apis/rbac.authorization.k8s.io/v1/namespaces/${OTHER_NS}/rolebindings/team-edit`);
    expect(other.subjects).toEqual([{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "payroll-engineers" }]);
  });
});

describe("admission in the domain's namespace", () => {
  beforeAll(async () => {
    // Without a `default` service account, ServiceAccount admission refuses every pod; the controller
    // manager's service-account controller makes it.
    await eventually("default service account", async () => ((await admin.get(`${ns(NS)}/serviceaccounts/default`)).status === 200 ? true : undefined));
  });

  it("refuses a privileged pod through Pod Security `restricted`", async () => {
    const res = await team.post(`${ns(NS)}/pods`, pod("privileged", { securityContext: { privileged: true } }));
    expect(res.status, JSON.stringify(res.body)).toBe(403);
    expect(res.body.message).toMatch(/violates PodSecurity "restricted:latest"/);
    expect(res.body.message).toMatch(/privileged \(container "job" must not set securityContext\.privileged=true\)/);

    // The same pod is admitted where Pod Security is not enforced: what refused it is Pod Security
    // (the API server runs with --allow-privileged=true).
    const scratch = "e2e-no-pod-security";
    expect((await admin.post("/api/v1/namespaces", { metadata: { name: scratch } })).status).toBe(201);
    await eventually("default service account", async () => ((await admin.get(`${ns(scratch)}/serviceaccounts/default`)).status === 200 ? true : undefined));
    const elsewhere = await admin.post(`${ns(scratch)}/pods`, pod("privileged", { securityContext: { privileged: true } }));
    expect(elsewhere.status, JSON.stringify(elsewhere.body)).toBe(201);
  });

  it("gives a pod without resources the limit range's defaults", async () => {
    const res = await team.post(`${ns(NS)}/pods`, pod("defaults"));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.spec.containers[0].resources).toEqual({
      limits: { cpu: "1", memory: "2Gi" },
      requests: { cpu: "250m", memory: "512Mi" },
    });
  });

  it("refuses a pod beyond the quota", async () => {
    const big = { resources: { requests: { cpu: "3", memory: "1Gi" }, limits: { cpu: "3", memory: "1Gi" } } };
    const res = await team.post(`${ns(NS)}/pods`, pod("too-big", big));
    expect(res.status, JSON.stringify(res.body)).toBe(403);
    expect(res.body.message).toMatch(/exceeded quota: domain-quota/);
    expect(res.body.message).toMatch(/limits\.cpu=3/);
    // One that fits beside the first pod (1 CPU of 2 used) is admitted.
    const fits = { resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } } };
    const ok = await team.post(`${ns(NS)}/pods`, pod("fits", fits));
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });
});

describe("who may do what (RBAC)", () => {
  async function review(user: string, groups: string[], namespace: string | undefined, verb: string, group: string, resource: string): Promise<boolean> {
    const res = await admin.post("/apis/authorization.k8s.io/v1/subjectaccessreviews", {
      apiVersion: "authorization.k8s.io/v1",
      kind: "SubjectAccessReview",
      spec: { user, groups: [...groups, "system:authenticated"], resourceAttributes: { namespace, verb, group, resource } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.status.allowed === true;
  }

  const JOB_VERBS = ["create", "get", "list", "watch", "update", "patch", "delete"];

  it("lets the team's group manage jobs in its namespace and not in another domain's", async () => {
    for (const verb of JOB_VERBS) {
      expect(await review(TEAM_USER, ["ledger-engineers"], NS, verb, "batch", "jobs"), `${verb} jobs in ${NS}`).toBe(true);
      expect(await review(TEAM_USER, ["ledger-engineers"], OTHER_NS, verb, "batch", "jobs"), `${verb} jobs in ${OTHER_NS}`).toBe(false);
    }
    // edit, not admin: no RBAC changes, no quota changes in its own namespace.
    expect(await review(TEAM_USER, ["ledger-engineers"], NS, "create", "rbac.authorization.k8s.io", "rolebindings")).toBe(false);
    expect(await review(TEAM_USER, ["ledger-engineers"], NS, "update", "", "resourcequotas")).toBe(false);

    // The same, for real, with the team member's client certificate.
    const job = {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "nightly" },
      spec: { template: { spec: { ...(pod("nightly").spec as object), restartPolicy: "Never" } } },
    };
    const created = await team.post(`/apis/batch/v1/namespaces/${NS}/jobs`, job);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await team.get(`/apis/batch/v1/namespaces/${NS}/jobs`)).status).toBe(200);
    const foreign = await team.post(`/apis/batch/v1/namespaces/${OTHER_NS}/jobs`, job);
    expect(foreign.status).toBe(403);
    expect(foreign.body.message).toMatch(/User "ledger-dev" cannot create resource "jobs" in API group "batch" in the namespace "payroll-production"/);
  });

  it("lets a stranger do nothing", async () => {
    for (const namespace of [NS, OTHER_NS]) {
      for (const [group, resource] of [["batch", "jobs"], ["", "pods"], ["", "secrets"], ["", "configmaps"], ["", "serviceaccounts"]]) {
        for (const verb of ["get", "list", "create", "delete"]) {
          expect(await review(STRANGER, [], namespace, verb, group, resource), `${verb} ${resource} in ${namespace}`).toBe(false);
        }
      }
    }
    expect(await review(STRANGER, [], undefined, "list", "", "namespaces")).toBe(false);
    // And for real, with the stranger's client certificate: authenticated, refused.
    for (const p of [`/apis/batch/v1/namespaces/${NS}/jobs`, `${ns(NS)}/pods`, "/api/v1/namespaces"]) {
      const res = await stranger.get(p);
      expect(res.status, p).toBe(403);
      expect(res.body.message).toMatch(/User "stranger" cannot/);
    }
  });
});

describe("changes", () => {
  it("changes nothing on a second up", () => {
    const res = cli.run(["up", "--yes", "--expect-no-changes", "-s", STACK, ...policyArgs], { events: true });
    expect(res.code, res.output).toBe(0);
    expect([...stepOps(res).entries()].filter(([, op]) => op !== "same")).toEqual([]);
  });

  it("updates the quota in place when the manifest changes it", async () => {
    const text = fs.readFileSync(manifests.ledger, "utf8");
    expect(text).toMatch(/cpu: "2"\n/);
    fs.writeFileSync(manifests.ledger, text.replace(/cpu: "2"\n/, 'cpu: "3"\n'));

    const res = cli.run(["up", "--yes", "-s", STACK, ...policyArgs], { events: true });
    expect(res.code, res.output).toBe(0);
    const changed = [...stepOps(res).entries()].filter(([, op]) => op !== "same");
    expect(changed).toEqual([[expect.stringMatching(/kubernetes:core\/v1:ResourceQuota::ledger-workspace-quota$/), "update"]]);

    const quota = await admin.must(`${ns(NS)}/resourcequotas/domain-quota`);
    expect(quota.spec.hard).toEqual({ "requests.cpu": "3", "limits.cpu": "3", "requests.memory": "4Gi", "limits.memory": "4Gi" });
  });
});

describe("offline review", () => {
  const cliEntry = path.join(repoRoot, "cli/main.ts");

  it("gives the same findings and exit status as the engine's analyzer for this stack", () => {
    // The manifest as the preview saw it.
    fs.copyFileSync(path.join(fixtureDir, "domains", "ledger.yaml"), manifests.ledger);
    const res = spawnSync(
      process.execPath,
      ["-r", "ts-node/register", cliEntry, "review", "--cwd", fixtureDir, "--stack", STACK, ...policyArgs, "--format", "json"],
      {
        cwd: repoRoot,
        env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true", PULUMI_CONFIG_PASSPHRASE: cli.env.PULUMI_CONFIG_PASSPHRASE },
        encoding: "utf8",
        timeout: 300_000,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    expect(res.status, res.stderr).toBe(mandatory(previewFindings).length > 0 ? 1 : 0);
    const report = JSON.parse(res.stdout) as {
      violations: { policyPack: string; policy: string; enforcementLevel: string; urn: string; message: string }[];
    };
    const key = (pack: string, policy: string, level: string, urn: string | undefined) => `${pack} ${policy} ${level} ${urn ?? ""}`;
    const offline = report.violations.map((v) => key(v.policyPack, v.policy, v.enforcementLevel, v.urn)).sort();
    const engine = previewFindings.map((e) => key(e.policyPackName, e.policyName, e.enforcementLevel, e.resourceUrn)).sort();
    expect(offline).toEqual(engine);
  });
});
