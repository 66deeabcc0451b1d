/**
 * meshkit's CrossGuard pack. Only constructs the pack: the constructor starts the analyzer's gRPC
 * server and allows one pack per process, so the rules live in importable modules (./pack, ./rules).
 */
import { PolicyPack } from "@pulumi/policy";
import { meshkitPolicies, PACK_NAME } from "./pack";

new PolicyPack(PACK_NAME, {
  description: "meshkit's guardrails for data platforms on AWS, Kafka and Kubernetes.",
  enforcementLevel: "advisory",
  policies: meshkitPolicies().policies,
});
