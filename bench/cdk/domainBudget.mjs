// A domain's monthly cost budget, as components/finops/domainBudget.ts builds it: everything tagged with the
// domain's name, alerting the manifest's addresses at 80 % of actual and 100 % of forecast spend (that
// component's defaults; domainBudget.js itself loads @pulumi/pulumi, so the peer does not import it).
import { createRequire } from "node:module";
import { conventions } from "./meshkit.mjs";

const require = createRequire(import.meta.url);
const cdk = require("aws-cdk-lib");
const { aws_budgets: budgets } = cdk;
const { DOMAIN_TAG_KEY, resourcePrefix } = conventions;

const ALERTS = [
  ["ACTUAL", 80],
  ["FORECASTED", 100],
];

/** For a manifest with `metadata.budget` only. */
export function domainBudget(stack, spec, env) {
  const domain = spec.metadata.name;
  const { monthlyUsd, alertEmails } = spec.metadata.budget;
  return new budgets.CfnBudget(stack, "Budget", {
    budget: {
      budgetName: `${resourcePrefix(env, domain)}-monthly`,
      budgetType: "COST",
      timeUnit: "MONTHLY",
      budgetLimit: { amount: monthlyUsd, unit: "USD" },
      costFilters: { TagKeyValue: [`user:${DOMAIN_TAG_KEY}$${domain}`] },
    },
    notificationsWithSubscribers: ALERTS.map(([notificationType, threshold]) => ({
      notification: { notificationType, comparisonOperator: "GREATER_THAN", threshold, thresholdType: "PERCENTAGE" },
      subscribers: alertEmails.map((address) => ({ subscriptionType: "EMAIL", address })),
    })),
  });
}
