/** Names inside a domain's Kubernetes workspace that the IAM side relies on too (IRSA trust). */

/** The ServiceAccount a domain's pipelines run as; the pipeline role trusts exactly this subject. */
export const PIPELINE_SERVICE_ACCOUNT = "pipeline";
