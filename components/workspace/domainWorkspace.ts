/**
 * A Kubernetes namespace for a domain's jobs, locked down by default: quota and limit range,
 * default-deny network policy (DNS and in-namespace traffic allowed), Pod Security `restricted`,
 * a ServiceAccount bound to the domain's pipeline role (IRSA) and the team group as editors.
 */
import * as k8s from "../kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { namespaceName, PIPELINE_SERVICE_ACCOUNT } from "../../conventions";
import type { DomainContext } from "../domain/context";

export interface DomainWorkspaceArgs {
  readonly context: DomainContext;
  /** ARN of the IAM role the pipeline ServiceAccount assumes through IRSA. */
  readonly pipelineRoleArn: pulumi.Input<string>;
  /** Default container limits applied by the LimitRange. Defaults: 1 CPU, 2Gi. */
  readonly defaultContainerLimits?: { cpu: string; memory: string };
  /** Default container requests applied by the LimitRange. Defaults: 250m, 512Mi. */
  readonly defaultContainerRequests?: { cpu: string; memory: string };
}

const POD_SECURITY_LABELS = {
  "pod-security.kubernetes.io/enforce": "restricted",
  "pod-security.kubernetes.io/enforce-version": "latest",
  "pod-security.kubernetes.io/audit": "restricted",
  "pod-security.kubernetes.io/warn": "restricted",
};

export class DomainWorkspace extends pulumi.ComponentResource {
  public readonly namespace: k8s.core.v1.Namespace;
  public readonly namespaceName: pulumi.Output<string>;
  public readonly quota: k8s.core.v1.ResourceQuota;
  public readonly limitRange: k8s.core.v1.LimitRange;
  public readonly networkPolicy: k8s.networking.v1.NetworkPolicy;
  /** The pipelines' ServiceAccount, annotated with the pipeline role (IRSA). */
  public readonly serviceAccount: k8s.core.v1.ServiceAccount;
  /** Binds the manifest's `teamGroup` to `edit` in the namespace. */
  public readonly teamBinding: k8s.rbac.v1.RoleBinding;

  constructor(name: string, args: DomainWorkspaceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("meshkit:platform:DomainWorkspace", name, {}, opts);
    const { spec, profile, tags } = args.context;
    const workloads = spec.spec.workloads;
    if (workloads === undefined) {
      throw new Error(`domain ${spec.metadata.name} declares no spec.workloads; create a DomainWorkspace only for domains that run jobs`);
    }
    const labels = { ...tags };
    const ns = namespaceName(profile.environment, spec.metadata.name);
    const child = { parent: this };
    const meta = (objectName: string) => ({ name: objectName, namespace: ns, labels });

    this.namespace = new k8s.core.v1.Namespace(`${name}-namespace`, {
      metadata: { name: ns, labels: { ...labels, ...POD_SECURITY_LABELS } },
    }, child);
    const inNamespace = { parent: this, dependsOn: [this.namespace] };

    this.quota = new k8s.core.v1.ResourceQuota(`${name}-quota`, {
      metadata: meta("domain-quota"),
      spec: {
        hard: {
          "requests.cpu": workloads.cpu,
          "limits.cpu": workloads.cpu,
          "requests.memory": workloads.memory,
          "limits.memory": workloads.memory,
        },
      },
    }, inNamespace);

    const limits = args.defaultContainerLimits ?? { cpu: "1", memory: "2Gi" };
    const requests = args.defaultContainerRequests ?? { cpu: "250m", memory: "512Mi" };
    this.limitRange = new k8s.core.v1.LimitRange(`${name}-limits`, {
      metadata: meta("domain-limits"),
      spec: { limits: [{ type: "Container", default: limits, defaultRequest: requests }] },
    }, inNamespace);

    this.networkPolicy = new k8s.networking.v1.NetworkPolicy(`${name}-default-deny`, {
      metadata: meta("default-deny"),
      spec: {
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
      },
    }, inNamespace);

    this.serviceAccount = new k8s.core.v1.ServiceAccount(`${name}-pipeline`, {
      metadata: { ...meta(PIPELINE_SERVICE_ACCOUNT), annotations: { "eks.amazonaws.com/role-arn": args.pipelineRoleArn } },
      automountServiceAccountToken: false,
    }, inNamespace);

    this.teamBinding = new k8s.rbac.v1.RoleBinding(`${name}-team-edit`, {
      metadata: meta("team-edit"),
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "edit" },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: workloads.teamGroup }],
    }, inNamespace);

    this.namespaceName = this.namespace.metadata.name;
    this.registerOutputs({
      namespace: this.namespace,
      namespaceName: this.namespaceName,
      quota: this.quota,
      limitRange: this.limitRange,
      networkPolicy: this.networkPolicy,
      serviceAccount: this.serviceAccount,
      teamBinding: this.teamBinding,
    });
  }
}
