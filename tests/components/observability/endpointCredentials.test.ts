/** Which incident-endpoint URLs carry a credential and so become Pulumi secrets. */
import { describe, expect, it } from "vitest";
import { carriesCredential } from "../../../components/observability/endpointCredentials";

describe("carriesCredential", () => {
  it.each([
    ["PagerDuty's integration key in the path", "https://events.pagerduty.com/integration/0123456789abcdef0123456789abcdef/enqueue"],
    ["Opsgenie's apiKey in the query", "https://api.opsgenie.com/v1/json/amazonsns?apiKey=abc"],
    ["a token in the query", "https://hooks.example.com/alerts?token=t"],
    ["an integration_key in the query", "https://hooks.example.com/alerts?integration_key=x"],
    ["basic-auth user info", "https://user:pass@instance.service-now.com/api/sn_em_connector/em/inbound_event?source=sns"],
    ["a user name alone", "https://user@hooks.example.com/alerts"],
  ])("finds %s", (_what, url) => expect(carriesCredential(url)).toBe(true));

  it.each([
    ["a plain hook", "https://status.example.com/hooks/payments"],
    ["harmless query parameters", "https://hooks.example.com/alerts?team=orders&severity=high"],
    ["a long word without digits", "https://hooks.example.com/incident-response-notifications"],
  ])("leaves %s in the clear", (_what, url) => expect(carriesCredential(url)).toBe(false));
});
