/**
 * The @pulumi/aws services meshkit builds with, each loaded from its own module. The package's index
 * sets up every service and function of the provider when it loads (about 150 ms in every process
 * that runs a program, more than a one-domain program takes to construct its resources); the classes
 * are the same ones the index exports.
 */
export * as budgets from "@pulumi/aws/budgets";
export * as cloudwatch from "@pulumi/aws/cloudwatch";
export * as glue from "@pulumi/aws/glue";
export * as iam from "@pulumi/aws/iam";
export * as kms from "@pulumi/aws/kms";
export * as s3 from "@pulumi/aws/s3";
export * as sns from "@pulumi/aws/sns";
export { Provider } from "@pulumi/aws/provider";
export type { Region, types } from "@pulumi/aws";
