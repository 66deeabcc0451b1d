import { describe, expect, it } from "vitest";
import { suggestedPiiCategory } from "../../../components/schemas/piiNames";

describe("field names that look like personal data", () => {
  it.each([
    ["email", "email"],
    ["customer_email", "email"],
    ["emailAddress", "email"],
    ["phoneNumber", "phone"],
    ["mobile", "phone"],
    ["name", "name"],
    ["first_name", "name"],
    ["lastName", "name"],
    ["cardholder_name", "name"],
    ["shipping_address", "postal-address"],
    ["zip_code", "postal-address"],
    ["dob", "birth-date"],
    ["date_of_birth", "birth-date"],
    ["birthDate", "birth-date"],
    ["ssn", "national-id"],
    ["national_id", "national-id"],
    ["passport_no", "national-id"],
    ["ip", "ip-address"],
    ["client_ip", "ip-address"],
    ["ipAddress", "ip-address"],
    ["card_number", "payment-card"],
    ["cardNumber", "payment-card"],
  ])("%s suggests %s", (name, category) => {
    expect(suggestedPiiCategory(name)).toBe(category);
  });

  it.each(["order_id", "customer_id", "product_name", "segment", "domain", "region", "card_token", "zipped", "shipping_cost"])("%s looks harmless", (name) => {
    expect(suggestedPiiCategory(name)).toBeUndefined();
  });
});
