// Declared access as JSON for tools: IAM roles and Kafka principals, each grant on its own row.
import type { AccessReport } from "../access/model";

export function accessJsonReport(report: AccessReport): string {
  return JSON.stringify({ stack: report.stack, environment: report.environment, iam: report.iam, kafka: report.kafka }, null, 2) + "\n";
}
