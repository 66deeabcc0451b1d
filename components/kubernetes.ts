/**
 * The @pulumi/kubernetes API groups meshkit builds with, each loaded from its own module. The
 * package's index sets up every group when it loads (about 45 ms in every process that runs a
 * program); the classes are the same ones the index exports.
 */
export * as core from "@pulumi/kubernetes/core";
export * as networking from "@pulumi/kubernetes/networking";
export * as rbac from "@pulumi/kubernetes/rbac";
export { Provider } from "@pulumi/kubernetes/provider";
