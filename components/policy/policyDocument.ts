/**
 * The IAM policy language as meshkit writes it: key policies, bucket policies, identity policies
 * and permissions boundaries are all built as these plain structures, so tests and guardrails can
 * read every statement before anything is deployed.
 */
export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: "*" | Record<string, string | string[]>;
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}
