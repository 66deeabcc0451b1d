/**
 * `meshkit:finops:DomainBudget`: a monthly AWS cost budget over everything tagged with the
 * domain's name, alerting the manifest's addresses at 80 % of actual and 100 % of forecast spend.
 * Construct it only for a manifest with `metadata.budget`.
 *
 * The `domain` tag must be activated as a cost-allocation tag in the payer account for the filter
 * to match anything; that is an account setting, not a resource.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "../aws";
import { DOMAIN_TAG_KEY, resourcePrefix } from "../../conventions";
import type { DomainContext } from "../domain/context";

export interface DomainBudgetArgs {
  readonly context: DomainContext;
  /** Percent of the limit that actual spend may reach before the first alert. Default 80. */
  readonly actualAlertPercent?: pulumi.Input<number>;
  /** Percent of the limit that forecast spend may reach before an alert. Default 100. */
  readonly forecastAlertPercent?: pulumi.Input<number>;
}

export const DEFAULT_ACTUAL_ALERT_PERCENT = 80;
export const DEFAULT_FORECAST_ALERT_PERCENT = 100;

/** The cost-filter value selecting a domain's resources: `user:<tag key>$<tag value>`. */
export function domainCostFilterValue(domain: string): string {
  return `user:${DOMAIN_TAG_KEY}$${domain}`;
}

export class DomainBudget extends pulumi.ComponentResource {
  public readonly budget: aws.budgets.Budget;

  constructor(name: string, args: DomainBudgetArgs, opts?: pulumi.ComponentResourceOptions) {
    super("meshkit:finops:DomainBudget", name, {}, opts);
    const { spec, profile, tags } = args.context;
    const domain = spec.metadata.name;
    const budget = spec.metadata.budget;
    if (budget === undefined) {
      throw new Error(`DomainBudget: domain ${domain} declares no metadata.budget; create the component only for domains that do`);
    }
    const alert = (notificationType: string, threshold: pulumi.Input<number>) => ({
      notificationType,
      comparisonOperator: "GREATER_THAN",
      threshold,
      thresholdType: "PERCENTAGE",
      subscriberEmailAddresses: [...budget.alertEmails],
    });
    const budgetName = `${resourcePrefix(profile.environment, domain)}-monthly`;
    this.budget = new aws.budgets.Budget(
      budgetName,
      {
        name: budgetName,
        budgetType: "COST",
        timeUnit: "MONTHLY",
        limitAmount: budget.monthlyUsd.toFixed(2),
        limitUnit: "USD",
        costFilters: [{ name: "TagKeyValue", values: [domainCostFilterValue(domain)] }],
        notifications: [
          alert("ACTUAL", args.actualAlertPercent ?? DEFAULT_ACTUAL_ALERT_PERCENT),
          alert("FORECASTED", args.forecastAlertPercent ?? DEFAULT_FORECAST_ALERT_PERCENT),
        ],
        tags: { ...tags },
      },
      { parent: this },
    );
    this.registerOutputs({ budget: this.budget });
  }
}
