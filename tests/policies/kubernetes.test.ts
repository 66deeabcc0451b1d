import { describe, expect, it } from "vitest";
import { kubernetesPolicies } from "../../policies/rules/kubernetes";
import { findPolicy, productionFindings, resource, runResourcePolicy, runStackPolicy, unknown, urnOf, type TestResource } from "./harness";
import { describeRules } from "./ruleCases";

const NAMESPACE = "kubernetes:core/v1:Namespace";
const QUOTA = "kubernetes:core/v1:ResourceQuota";
const LIMIT_RANGE = "kubernetes:core/v1:LimitRange";
const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const ROLE_BINDING = "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding";
const CLUSTER_ROLE_BINDING = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding";
const CLUSTER_ROLE = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole";
const ROLE = "kubernetes:rbac.authorization.k8s.io/v1:Role";

const rule = (name: string) => findPolicy(kubernetesPolicies, name);
const messages = (r: { violations: { message: string }[] }) => r.violations.map((v) => v.message);

const RESTRICTED = { "pod-security.kubernetes.io/enforce": "restricted" };
const namespace = (name: unknown, labels: Record<string, unknown> = RESTRICTED) =>
  resource(NAMESPACE, `ns-${String(name)}`, { metadata: { name, labels } });

const quota = (ns: unknown, spec: Record<string, unknown> = { hard: { "requests.cpu": "8", "limits.memory": "32Gi" } }) =>
  resource(QUOTA, `quota-${String(ns)}`, { metadata: { name: "domain-quota", namespace: ns }, spec });

const limitRange = (ns: unknown, limits: unknown[] = [{ type: "Container", default: { cpu: "1", memory: "2Gi" } }]) =>
  resource(LIMIT_RANGE, `limits-${String(ns)}`, { metadata: { name: "domain-limits", namespace: ns }, spec: { limits } });

/** meshkit's own default-deny: all pods, both directions, in-namespace and DNS allowed. */
const DEFAULT_DENY = {
  podSelector: {},
  policyTypes: ["Ingress", "Egress"],
  ingress: [{ from: [{ podSelector: {} }] }],
  egress: [
    { to: [{ podSelector: {} }] },
    { to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } } }], ports: [{ protocol: "UDP", port: 53 }] },
  ],
};
const networkPolicy = (ns: unknown, spec: Record<string, unknown> = DEFAULT_DENY, name = `netpol-${String(ns)}`) =>
  resource(NETWORK_POLICY, name, { metadata: { name: "default-deny", namespace: ns }, spec });

const NS_URN = (name: string) => urnOf(NAMESPACE, `ns-${name}`);
/** A namespace with everything the namespace rules require. */
const fenced = (name: string) => [namespace(name), quota(name), limitRange(name), networkPolicy(name)];
const binding = (type: string, roleRef: unknown) =>
  resource(type, "b", { metadata: { name: "b", namespace: "orders" }, roleRef, subjects: [{ kind: "Group", name: "orders-engineers" }] });
const clusterRole = (name: unknown) => ({ kind: "ClusterRole", name });
const rbacRole = (type: string, rules: unknown) => resource(type, "r", { metadata: { name: "r" }, rules });
const podReader = [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] }];
const secretDeleter = [{ apiGroups: [""], resources: ["secrets"], verbs: ["delete"] }];

describeRules("kubernetes", kubernetesPolicies, {
  "kubernetes-namespace-resource-quota": {
    compliant: fenced("orders"),
    violating: [...fenced("orders"), namespace("payments"), namespace("billing"), quota("billing", { hard: { cpu: "8" } })],
    violatingUrns: [NS_URN("payments"), NS_URN("billing")],
    unknown: [namespace("orders"), quota(unknown.string)],
    config: [{ config: { ignoredNamespaces: ["sandbox"] }, resources: [namespace("sandbox")], violates: false }],
  },

  "kubernetes-namespace-limit-range": {
    compliant: fenced("orders"),
    violating: [...fenced("orders"), namespace("payments")],
    violatingUrns: [NS_URN("payments")],
    unknown: [namespace("orders"), limitRange("orders", unknown.array as unknown as unknown[])],
    config: [{ config: { requiredDefaults: ["cpu"] }, resources: [namespace("orders"), limitRange("orders", [{ type: "Container", default: { cpu: "1" } }])], violates: false }],
  },

  "kubernetes-namespace-default-deny": {
    compliant: fenced("orders"),
    violating: [...fenced("orders"), namespace("payments"), networkPolicy("payments", { podSelector: {}, policyTypes: ["Ingress"] })],
    violatingUrns: [NS_URN("payments")],
    unknown: [namespace("orders"), networkPolicy("orders", { ...DEFAULT_DENY, podSelector: unknown.object })],
    config: [{ config: { policyTypes: ["Ingress"] }, resources: [namespace("orders"), networkPolicy("orders", { podSelector: {}, policyTypes: ["Ingress"] })], violates: false }],
  },

  "kubernetes-namespace-pod-security": {
    compliant: [namespace("orders")],
    violating: [namespace("payments", {}), namespace("billing", { "pod-security.kubernetes.io/enforce": "baseline" })],
    violatingUrns: [NS_URN("payments"), NS_URN("billing")],
    unknown: [namespace("orders", { "pod-security.kubernetes.io/enforce": unknown.string })],
    config: [{ config: { level: "baseline" }, resources: [namespace("orders", { "pod-security.kubernetes.io/enforce": "baseline" })], violates: false }],
  },

  "kubernetes-binding-no-cluster-admin": {
    compliant: [binding(ROLE_BINDING, clusterRole("edit"))],
    violating: [binding(CLUSTER_ROLE_BINDING, clusterRole("cluster-admin"))],
    violatingUrns: [urnOf(CLUSTER_ROLE_BINDING, "b")],
    message: /cluster-admin/,
    unknown: [binding(ROLE_BINDING, clusterRole(unknown.string))],
    config: [{ config: { deniedClusterRoles: ["cluster-admin", "admin"] }, resources: [binding(ROLE_BINDING, clusterRole("admin"))], violates: true }],
  },

  "kubernetes-role-no-wildcard": {
    compliant: [rbacRole(ROLE, podReader)],
    violating: [rbacRole(CLUSTER_ROLE, [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }])],
    violatingUrns: [urnOf(CLUSTER_ROLE, "r"), urnOf(CLUSTER_ROLE, "r")],
    unknown: [rbacRole(ROLE, [{ resources: ["pods"], verbs: unknown.array }])],
    config: [{ config: { forbiddenVerbs: ["*", "delete"] }, resources: [rbacRole(ROLE, secretDeleter)], violates: true }],
  },
});

describe("kubernetes-namespace-resource-quota", () => {
  const p = rule("kubernetes-namespace-resource-quota");
  it("passes a namespace with a cpu and memory quota, and reports a bare one against the namespace's URN", async () => {
    const r = await runStackPolicy(p, [namespace("orders-production"), quota("orders-production"), namespace("payments-production")]);
    expect(r.violations).toEqual([
      {
        policy: p.name,
        message: "namespace 'payments-production' has no ResourceQuota capping cpu and memory for every pod.",
        urn: urnOf(NAMESPACE, "ns-payments-production"),
      },
    ]);
  });
  it("does not count a quota elsewhere, without memory, or scoped to some pods", async () => {
    for (const q of [
      quota("other"),
      quota("orders", { hard: { cpu: "8" } }),
      quota("orders", { hard: { cpu: "8", memory: "1Gi" }, scopes: ["BestEffort"] }),
      quota("orders", {}),
    ]) {
      expect((await runStackPolicy(p, [namespace("orders"), q])).violations).toHaveLength(1);
    }
  });
  it("places an object without a namespace in its provider's namespace", async () => {
    const viaProvider: TestResource = {
      ...resource(QUOTA, "q", { metadata: { name: "q" }, spec: { hard: { cpu: "1", memory: "1Gi" } } }),
      provider: { type: "pulumi:providers:kubernetes", props: { namespace: "orders" } },
    };
    expect((await runStackPolicy(p, [namespace("orders"), viaProvider])).violations).toEqual([]);
  });
  it("withholds findings while a quota is unknown and reports the unknown", async () => {
    const r = await runStackPolicy(p, [namespace("orders"), quota(unknown.string)]);
    expect(r).toMatchObject({ violations: [], unknown: expect.stringMatching(/namespace/) });
    const unknownNamespace = await runStackPolicy(p, [namespace(unknown.string), namespace("payments")]);
    expect(messages(unknownNamespace)).toEqual([expect.stringContaining("'payments'")]);
    expect(unknownNamespace.unknown).toMatch(/name/);
  });
  it("takes the required resources and ignored namespaces from config", async () => {
    const pods = [namespace("orders"), quota("orders", { hard: { cpu: "8", memory: "1Gi" } })];
    expect((await runStackPolicy(p, pods, { config: { requiredResources: ["cpu", "memory", "pods"] } })).violations).toHaveLength(1);
    expect((await runStackPolicy(p, [namespace("sandbox")], { config: { ignoredNamespaces: ["sandbox"] } })).violations).toEqual([]);
    expect((await runStackPolicy(p, [namespace("kube-system")])).violations).toEqual([]);
  });
});

describe("kubernetes-namespace-limit-range", () => {
  const p = rule("kubernetes-namespace-limit-range");
  it("passes a namespace with default container limits and flags one without", async () => {
    expect((await runStackPolicy(p, [namespace("orders"), limitRange("orders")])).violations).toEqual([]);
    const r = await runStackPolicy(p, [namespace("orders"), limitRange("orders", [{ type: "Pod", max: { cpu: "2" } }])]);
    expect(r.violations).toEqual([
      { policy: p.name, message: "namespace 'orders' has no LimitRange with default container cpu and memory limits.", urn: urnOf(NAMESPACE, "ns-orders") },
    ]);
    expect((await runStackPolicy(p, [namespace("orders"), limitRange("orders", [{ type: "Container", default: { cpu: "1" } }])])).violations).toHaveLength(1);
  });
  it("withholds findings while a limit range is unknown", async () => {
    const r = await runStackPolicy(p, [namespace("orders"), limitRange("orders", unknown.array as unknown as unknown[])]);
    expect(r).toMatchObject({ violations: [], unknown: expect.stringMatching(/limits/) });
  });
  it("takes the required defaults from config", async () => {
    const cpuOnly = [namespace("orders"), limitRange("orders", [{ type: "Container", default: { cpu: "1" } }])];
    expect((await runStackPolicy(p, cpuOnly, { config: { requiredDefaults: ["cpu"] } })).violations).toEqual([]);
  });
});

describe("kubernetes-namespace-default-deny", () => {
  const p = rule("kubernetes-namespace-default-deny");
  it("passes meshkit's default-deny policy and a bare deny-all", async () => {
    expect((await runStackPolicy(p, [namespace("orders"), networkPolicy("orders")])).violations).toEqual([]);
    const denyAll = { podSelector: {}, policyTypes: ["Ingress", "Egress"] };
    expect((await runStackPolicy(p, [namespace("orders"), networkPolicy("orders", denyAll)])).violations).toEqual([]);
  });
  it("flags a namespace without one, or whose policy selects some pods, misses a direction or reopens everything", async () => {
    expect(messages(await runStackPolicy(p, [namespace("orders")]))).toEqual([
      "namespace 'orders' has no default-deny NetworkPolicy (empty podSelector, Ingress and Egress, no allow-all rule).",
    ]);
    for (const spec of [
      { ...DEFAULT_DENY, podSelector: { matchLabels: { app: "x" } } },
      { podSelector: {} },
      { podSelector: {}, policyTypes: ["Ingress"] },
      { ...DEFAULT_DENY, ingress: [{}] },
      { ...DEFAULT_DENY, egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }] }] },
      { ...DEFAULT_DENY, ingress: [{ from: [{ namespaceSelector: {} }] }] },
    ]) {
      expect((await runStackPolicy(p, [namespace("orders"), networkPolicy("orders", spec)])).violations).toHaveLength(1);
    }
  });
  it("counts unset policyTypes as Ingress plus Egress when egress rules exist", async () => {
    const implicit = { podSelector: {}, ingress: [], egress: [] };
    expect((await runStackPolicy(p, [namespace("orders"), networkPolicy("orders", implicit)])).violations).toEqual([]);
  });
  it("withholds findings while a network policy is unknown", async () => {
    const r = await runStackPolicy(p, [namespace("orders"), networkPolicy("orders", { ...DEFAULT_DENY, podSelector: unknown.object })]);
    expect(r).toMatchObject({ violations: [], unknown: expect.stringMatching(/podSelector/) });
  });
  it("takes the governed directions from config", async () => {
    const ingressOnly = [namespace("orders"), networkPolicy("orders", { podSelector: {}, policyTypes: ["Ingress"] })];
    expect((await runStackPolicy(p, ingressOnly, { config: { policyTypes: ["Ingress"] } })).violations).toEqual([]);
  });
});

describe("kubernetes-namespace-pod-security", () => {
  const p = rule("kubernetes-namespace-pod-security");
  it("passes restricted and flags missing, weaker or bogus levels", async () => {
    expect((await runResourcePolicy(p, namespace("orders"))).violations).toEqual([]);
    expect(messages(await runResourcePolicy(p, namespace("orders", {})))).toEqual([
      "label 'pod-security.kubernetes.io/enforce' is not set; the namespace admits privileged pods.",
    ]);
    for (const level of ["baseline", "privileged", "strict"]) {
      expect((await runResourcePolicy(p, namespace("orders", { "pod-security.kubernetes.io/enforce": level }))).violations).toHaveLength(1);
    }
  });
  it("passes a compliant namespace whose name is unknown; reports an unknown label as unknown", async () => {
    expect(await runResourcePolicy(p, namespace(unknown.string))).toMatchObject({ violations: [], unknown: undefined });
    const r = await runResourcePolicy(p, namespace("orders", { "pod-security.kubernetes.io/enforce": unknown.string }));
    expect(r).toMatchObject({ violations: [], unknown: expect.stringMatching(/enforce/) });
  });
  it("takes the level and ignored namespaces from config", async () => {
    const baseline = namespace("orders", { "pod-security.kubernetes.io/enforce": "baseline" });
    expect((await runResourcePolicy(p, baseline, { config: { level: "baseline" } })).violations).toEqual([]);
    expect((await runResourcePolicy(p, namespace("monitoring", {}), { config: { ignoredNamespaces: ["monitoring"] } })).violations).toEqual([]);
  });
});

describe("kubernetes-binding-no-cluster-admin", () => {
  const p = rule("kubernetes-binding-no-cluster-admin");
  it("passes edit in a namespace and flags cluster-admin in either binding kind", async () => {
    expect((await runResourcePolicy(p, binding(ROLE_BINDING, { kind: "ClusterRole", name: "edit" }))).violations).toEqual([]);
    expect(messages(await runResourcePolicy(p, binding(CLUSTER_ROLE_BINDING, { kind: "ClusterRole", name: "cluster-admin" })))).toEqual([
      "the binding grants ClusterRole 'cluster-admin'.",
    ]);
    expect((await runResourcePolicy(p, binding(ROLE_BINDING, { kind: "ClusterRole", name: "cluster-admin" }))).violations).toHaveLength(1);
  });
  it("reports an unknown role reference as unknown", async () => {
    expect((await runResourcePolicy(p, binding(ROLE_BINDING, { kind: "ClusterRole", name: unknown.string }))).unknown).toMatch(/name/);
  });
  it("takes the denied roles from config", async () => {
    const admin = binding(ROLE_BINDING, { kind: "ClusterRole", name: "admin" });
    expect((await runResourcePolicy(p, admin)).violations).toEqual([]);
    expect((await runResourcePolicy(p, admin, { config: { deniedClusterRoles: ["cluster-admin", "admin"] } })).violations).toHaveLength(1);
  });
});

describe("kubernetes-role-no-wildcard", () => {
  const p = rule("kubernetes-role-no-wildcard");
  it("passes listed verbs and resources", async () => {
    expect((await runResourcePolicy(p, rbacRole(ROLE, [{ apiGroups: ["batch"], resources: ["jobs"], verbs: ["get", "list", "create"] }]))).violations).toEqual([]);
  });
  it("flags wildcard verbs, wildcard resources and escalating verbs", async () => {
    const r = await runResourcePolicy(p, rbacRole(CLUSTER_ROLE, [
      { apiGroups: [""], resources: ["pods"], verbs: ["get"] },
      { apiGroups: ["*"], resources: ["*"], verbs: ["*"] },
      { apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"], verbs: ["bind", "escalate"] },
    ]));
    expect(messages(r)).toEqual(["rule 1 grants verbs *.", "rule 1 grants every resource ('*').", "rule 2 grants verbs bind, escalate."]);
  });
  it("reports unknown rules as unknown", async () => {
    expect((await runResourcePolicy(p, rbacRole(ROLE, [{ resources: ["pods"], verbs: unknown.array }]))).unknown).toMatch(/verbs/);
  });
  it("takes the forbidden verbs from config", async () => {
    const deleter = rbacRole(ROLE, [{ apiGroups: [""], resources: ["secrets"], verbs: ["delete"] }]);
    expect((await runResourcePolicy(p, deleter)).violations).toEqual([]);
    expect((await runResourcePolicy(p, deleter, { config: { forbiddenVerbs: ["*", "delete"] } })).violations).toHaveLength(1);
  });
});

describe("production: a careless namespace and its compliant twin", () => {
  it("gives the bare namespace a mandatory finding and the fenced one none", async () => {
    const careless = namespace("scratch", {});
    const twin = [namespace("orders"), quota("orders"), limitRange("orders"), networkPolicy("orders")];
    const findings = await productionFindings(kubernetesPolicies, [careless, ...twin]);
    expect(findings.filter((f) => f.urn === urnOf(NAMESPACE, "ns-scratch") && f.level === "mandatory")).not.toEqual([]);
    for (const r of twin) expect(findings.filter((f) => f.urn === urnOf(r.type, r.name!))).toEqual([]);
  });
});
