/**
 * Kubernetes guardrails: every namespace a program creates is fenced (quota, default limits,
 * default-deny network policy, Pod Security `restricted`), and RBAC grants no cluster-admin and no
 * wildcard or escalating verbs.
 *
 * The namespace checks are stack-level: the quota, limit range and network policy are separate
 * objects, matched to a namespace by `metadata.namespace` (else the provider's namespace, else
 * `default`, as Kubernetes itself would place them); findings point at the namespace.
 */
import type { Policies, PolicyResource, ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { Deferral } from "../lib/deferral";
import { resourceRule, stackRule, type ConfigProperties } from "../lib/rule";
import { LIMIT_RANGE, NAMESPACE, NETWORK_POLICY, RBAC_BINDING_TYPES, RBAC_ROLE_TYPES, RESOURCE_QUOTA } from "../lib/types";
import { list, record, records, text, type Props } from "../lib/values";

const SYSTEM_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"];
const POD_SECURITY_ENFORCE = "pod-security.kubernetes.io/enforce";
const POD_SECURITY_LEVELS = ["privileged", "baseline", "restricted"] as const;
type PodSecurityLevel = (typeof POD_SECURITY_LEVELS)[number];

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  const r = record(value);
  return r !== undefined && Object.keys(r).length === 0;
}

/** The namespace a namespaced object lands in. */
function namespaceOf(r: PolicyResource): string {
  const explicit = text(record(r.props.metadata)?.namespace);
  if (explicit !== undefined && explicit !== "") return explicit;
  const fromProvider = text(r.provider?.props.namespace);
  return fromProvider !== undefined && fromProvider !== "" ? fromProvider : "default";
}

interface FenceCheck {
  readonly type: string;
  readonly what: string;
  readonly fences: (props: Props) => boolean;
}

/**
 * Reports every namespace of the stack (outside `ignored`) that holds no object of the check's type
 * satisfying it. While some such object is unknown in preview, a missing fence is not reported,
 * since that object might be it.
 */
function requireInEveryNamespace(args: StackValidationArgs, report: ReportViolation, ignored: readonly string[], check: FenceCheck): void {
  const namespaceDeferral = new Deferral();
  const objectDeferral = new Deferral();
  const fenced = new Set<string>();
  const namespaces: { urn: string; name: string }[] = [];
  for (const r of args.resources) {
    if (r.type === NAMESPACE) {
      namespaceDeferral.read(() => {
        const name = text(record(r.props.metadata)?.name);
        if (name !== undefined) namespaces.push({ urn: r.urn, name });
      });
    } else if (r.type === check.type) {
      objectDeferral.read(() => {
        if (check.fences(r.props)) fenced.add(namespaceOf(r));
      });
    }
  }
  if (!objectDeferral.pending) {
    for (const ns of namespaces) {
      if (!ignored.includes(ns.name) && !fenced.has(ns.name)) report(`namespace '${ns.name}' has no ${check.what}.`, ns.urn);
    }
  }
  namespaceDeferral.rethrow();
  objectDeferral.rethrow();
}

const ignoredNamespacesConfig: ConfigProperties = {
  ignoredNamespaces: {
    type: "array",
    items: { type: "string" },
    default: SYSTEM_NAMESPACES,
    description: "Namespaces not checked (Kubernetes' own).",
  },
};

// ---------------------------------------------------------------------------------------------
// Namespace fences, per stack.

const COMPUTE_RESOURCES = ["cpu", "memory"];

/** A quota bounds a resource when `hard` caps it directly, or its requests or limits. */
function quotaBounds(hard: Props, resource: string): boolean {
  return [resource, `requests.${resource}`, `limits.${resource}`].some((k) => hard[k] !== undefined);
}

const EVERYWHERE_CIDRS = new Set(["0.0.0.0/0", "::/0"]);

/** A peer admitting every address, or every pod of every namespace. */
function isEverywhere(peer: unknown): boolean {
  const p = record(peer);
  if (p === undefined) return false;
  const ipBlock = record(p.ipBlock);
  if (ipBlock !== undefined) return EVERYWHERE_CIDRS.has(String(ipBlock.cidr)) && isEmpty(ipBlock.except);
  return p.namespaceSelector !== undefined && isEmpty(p.namespaceSelector) && isEmpty(p.podSelector);
}

/** A rule with no peers (or an everywhere peer) and no ports lets all traffic through. */
function allowsAll(rule: Props, peersKey: "from" | "to"): boolean {
  const peers = list(rule[peersKey]);
  return (peers.length === 0 || peers.some(isEverywhere)) && isEmpty(rule.ports);
}

/**
 * Whether a policy denies by default: it selects every pod (empty podSelector), governs the
 * directions, and none of its own rules reopens a direction to everything.
 */
function deniesByDefault(props: Props, directions: readonly string[]): boolean {
  const spec = record(props.spec);
  if (spec === undefined) return false;
  const selector = record(spec.podSelector) ?? {};
  if (!isEmpty(selector.matchLabels) || !isEmpty(selector.matchExpressions)) return false;
  const declared = list(spec.policyTypes).map(String);
  // Unset policyTypes mean Ingress, plus Egress when egress rules exist.
  const types = declared.length > 0 ? declared : ["Ingress", ...(spec.egress === undefined ? [] : ["Egress"])];
  if (!directions.every((d) => types.includes(d))) return false;
  if (records(spec.ingress).some((r) => allowsAll(r, "from"))) return false;
  return !records(spec.egress).some((r) => allowsAll(r, "to"));
}

const DIRECTIONS = ["Ingress", "Egress"];

// ---------------------------------------------------------------------------------------------
// Namespace and RBAC rules, per resource.

export const kubernetesPolicies: Policies = [
  stackRule<{ requiredResources: string[]; ignoredNamespaces: string[] }>({
    name: "kubernetes-namespace-resource-quota",
    description: "Every namespace has a ResourceQuota capping CPU and memory for all its pods, so one domain's jobs cannot starve the cluster.",
    meta: {
      area: "kubernetes",
      severity: "high",
      frameworks: ["soc2"],
      remediation: "Add a ResourceQuota in the namespace with spec.hard requests/limits for cpu and memory, and no scopes (meshkit: `workloads.cpu` and `workloads.memory`).",
    },
    config: {
      requiredResources: { type: "array", items: { type: "string" }, default: COMPUTE_RESOURCES, description: "Resources the quota must cap." },
      ...ignoredNamespacesConfig,
    },
    validate: (args, { requiredResources, ignoredNamespaces }, report) => {
      requireInEveryNamespace(args, report, ignoredNamespaces, {
        type: RESOURCE_QUOTA,
        what: `ResourceQuota capping ${requiredResources.join(" and ")} for every pod`,
        fences: (props) => {
          const spec = record(props.spec);
          // A scoped quota only counts some pods (say BestEffort), leaving the others unbounded.
          if (spec === undefined || !isEmpty(spec.scopes) || !isEmpty(spec.scopeSelector)) return false;
          const hard = record(spec.hard);
          return hard !== undefined && requiredResources.every((res) => quotaBounds(hard, res));
        },
      });
    },
  }),

  stackRule<{ requiredDefaults: string[]; ignoredNamespaces: string[] }>({
    name: "kubernetes-namespace-limit-range",
    description: "Every namespace has a LimitRange giving containers default CPU and memory limits, so pods without limits still count against the quota.",
    meta: {
      area: "kubernetes",
      severity: "medium",
      frameworks: ["soc2"],
      remediation: "Add a LimitRange in the namespace with a `type: Container` item whose `default` sets cpu and memory.",
    },
    config: {
      requiredDefaults: { type: "array", items: { type: "string" }, default: COMPUTE_RESOURCES, description: "Resources the Container item's `default` must set." },
      ...ignoredNamespacesConfig,
    },
    validate: (args, { requiredDefaults, ignoredNamespaces }, report) => {
      requireInEveryNamespace(args, report, ignoredNamespaces, {
        type: LIMIT_RANGE,
        what: `LimitRange with default container ${requiredDefaults.join(" and ")} limits`,
        fences: (props) =>
          records(record(props.spec)?.limits).some((l) => {
            const defaults = record(l.default);
            return l.type === "Container" && defaults !== undefined && requiredDefaults.every((res) => defaults[res] !== undefined);
          }),
      });
    },
  }),

  stackRule<{ policyTypes: string[]; ignoredNamespaces: string[] }>({
    name: "kubernetes-namespace-default-deny",
    description: "Every namespace has a default-deny NetworkPolicy selecting all pods for ingress and egress, so traffic is allowed only where a policy says so.",
    meta: {
      area: "kubernetes",
      severity: "high",
      frameworks: ["soc2", "pci-dss", "hipaa"],
      remediation: "Add a NetworkPolicy in the namespace with `podSelector: {}` and policyTypes [Ingress, Egress], allowing only in-namespace traffic and DNS.",
    },
    config: {
      policyTypes: { type: "array", items: { enum: DIRECTIONS }, default: DIRECTIONS, description: "Directions the default-deny policy must govern." },
      ...ignoredNamespacesConfig,
    },
    validate: (args, { policyTypes, ignoredNamespaces }, report) => {
      requireInEveryNamespace(args, report, ignoredNamespaces, {
        type: NETWORK_POLICY,
        what: `default-deny NetworkPolicy (empty podSelector, ${policyTypes.join(" and ")}, no allow-all rule)`,
        fences: (props) => deniesByDefault(props, policyTypes),
      });
    },
  }),

  resourceRule<{ level: PodSecurityLevel; ignoredNamespaces: string[] }>({
    name: "kubernetes-namespace-pod-security",
    description: "Namespaces enforce the Pod Security `restricted` standard, so no pod runs privileged, as root or with host access.",
    meta: {
      area: "kubernetes",
      severity: "high",
      frameworks: ["soc2", "pci-dss", "hipaa"],
      remediation: `Label the namespace \`${POD_SECURITY_ENFORCE}: restricted\` (and the matching warn and audit labels).`,
    },
    config: {
      level: { enum: [...POD_SECURITY_LEVELS], default: "restricted", description: "Least strict enforce level accepted." },
      ...ignoredNamespacesConfig,
    },
    types: [NAMESPACE],
    validate: (args, { level, ignoredNamespaces }, report) => {
      const metadata = record(args.props.metadata);
      const enforce: unknown = record(metadata?.labels)?.[POD_SECURITY_ENFORCE];
      if (POD_SECURITY_LEVELS.indexOf(enforce as PodSecurityLevel) >= POD_SECURITY_LEVELS.indexOf(level)) return;
      // Read the name only now: a compliant namespace passes even when its name is unknown in preview.
      const name = text(metadata?.name);
      if (name !== undefined && ignoredNamespaces.includes(name)) return;
      if (enforce === undefined) report(`label '${POD_SECURITY_ENFORCE}' is not set; the namespace admits privileged pods.`);
      else report(`'${POD_SECURITY_ENFORCE}' is '${String(enforce)}'; at least '${level}' is required.`);
    },
  }),

  resourceRule<{ deniedClusterRoles: string[] }>({
    name: "kubernetes-binding-no-cluster-admin",
    description: "No RoleBinding or ClusterRoleBinding grants the `cluster-admin` ClusterRole.",
    meta: {
      area: "kubernetes",
      severity: "critical",
      frameworks: ["soc2", "pci-dss", "hipaa", "cis-aws"],
      remediation: "Bind the team to `edit` (or a narrower Role) in its own namespace instead of cluster-admin.",
    },
    config: { deniedClusterRoles: { type: "array", items: { type: "string" }, default: ["cluster-admin"] } },
    types: [...RBAC_BINDING_TYPES],
    validate: (args, { deniedClusterRoles }, report) => {
      const roleRef = record(args.props.roleRef);
      const name = text(roleRef?.name);
      if (roleRef?.kind === "ClusterRole" && name !== undefined && deniedClusterRoles.includes(name)) {
        report(`the binding grants ClusterRole '${name}'.`);
      }
    },
  }),

  resourceRule<{ forbiddenVerbs: string[] }>({
    name: "kubernetes-role-no-wildcard",
    description: "Roles and ClusterRoles grant no wildcard verbs or resources and no privilege-escalating verbs (escalate, bind, impersonate).",
    meta: {
      area: "kubernetes",
      severity: "high",
      frameworks: ["soc2", "pci-dss"],
      remediation: "List the resources and verbs the subject needs (get, list, watch, create…), and leave escalate, bind and impersonate to the platform.",
    },
    config: { forbiddenVerbs: { type: "array", items: { type: "string" }, default: ["*", "escalate", "bind", "impersonate"] } },
    types: [...RBAC_ROLE_TYPES],
    validate: (args, { forbiddenVerbs }, report) => {
      list(args.props.rules).forEach((raw, i) => {
        const rule = record(raw);
        if (rule === undefined) return;
        const verbs = list(rule.verbs).filter((v) => forbiddenVerbs.includes(String(v)));
        if (verbs.length > 0) report(`rule ${i} grants verbs ${verbs.join(", ")}.`);
        if (list(rule.resources).includes("*")) report(`rule ${i} grants every resource ('*').`);
      });
    },
  }),
];
