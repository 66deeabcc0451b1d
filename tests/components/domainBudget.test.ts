import { beforeEach, describe, expect, it } from "vitest";
import { installMocks } from "../support/mocks";
import { captureRegistrations } from "../support/registrations";
import { settle } from "../support/settle";
import { contextFor, exampleManifest } from "../support/exampleDomains";
import { expectedRequiredTags } from "../support/requiredTags";
import { DomainBudget } from "../../components/finops/domainBudget";

const mocks = installMocks();
const registrations = captureRegistrations();

beforeEach(() => {
  mocks.resources.length = 0;
  registrations.length = 0;
});

describe("DomainBudget", () => {
  it("budgets the manifest's monthly limit over the domain's cost tag", async () => {
    const manifest = exampleManifest("payments");
    new DomainBudget("payments-budget", { context: contextFor(manifest, "production") });
    await settle();
    const [budget] = mocks.ofType("aws:budgets/budget:Budget");
    expect(budget.inputs).toMatchObject({
      name: "meshkit-production-payments-monthly",
      budgetType: "COST",
      timeUnit: "MONTHLY",
      limitAmount: "4000.00",
      limitUnit: "USD",
      costFilters: [{ name: "TagKeyValue", values: ["user:domain$payments"] }],
    });
    expect(budget.inputs.tags).toMatchObject(expectedRequiredTags(manifest.spec, "production"));
  });

  it("alerts every address at 80 % of actual and 100 % of forecast spend", async () => {
    new DomainBudget("payments-alerts", { context: contextFor(exampleManifest("payments"), "staging") });
    await settle();
    const [budget] = mocks.ofType("aws:budgets/budget:Budget");
    const recipients = ["payments-leads@example.com", "finops@example.com"];
    expect(budget.inputs.notifications).toEqual([
      { notificationType: "ACTUAL", comparisonOperator: "GREATER_THAN", threshold: 80, thresholdType: "PERCENTAGE", subscriberEmailAddresses: recipients },
      { notificationType: "FORECASTED", comparisonOperator: "GREATER_THAN", threshold: 100, thresholdType: "PERCENTAGE", subscriberEmailAddresses: recipients },
    ]);
  });

  it("takes other thresholds when given", async () => {
    new DomainBudget("orders-thresholds", { context: contextFor(exampleManifest("orders"), "staging"), actualAlertPercent: 50, forecastAlertPercent: 90 });
    await settle();
    const [budget] = mocks.ofType("aws:budgets/budget:Budget");
    expect(budget.inputs.notifications.map((n: { threshold: number }) => n.threshold)).toEqual([50, 90]);
  });

  it("is parented and never protected (a budget holds no data)", async () => {
    new DomainBudget("orders-budget", { context: contextFor(exampleManifest("orders"), "production") });
    await settle();
    const component = registrations.find((r) => r.type === "meshkit:finops:DomainBudget")!;
    const [budget] = registrations.filter((r) => r.type === "aws:budgets/budget:Budget");
    expect(budget.parent).toBe(component.urn);
    expect(budget.protect).toBe(false);
  });

  it("refuses a domain without a budget, naming it", () => {
    expect(() => new DomainBudget("customer-profile-budget", { context: contextFor(exampleManifest("customer-profile"), "staging") })).toThrow(
      /customer-profile declares no metadata\.budget/,
    );
  });
});
