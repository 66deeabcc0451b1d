/** A stack's `meshkit:*` config: one error that names every missing or malformed key, each as it is. */
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { readStackSettings } from "../../stacks/settings";

const COMPLETE: Record<string, string> = {
  "meshkit:environment": "production",
  "meshkit:domains": JSON.stringify(["domains/*.yaml"]),
  "meshkit:accountId": "444455556666",
  "meshkit:eksOidcProviderArn": "arn:aws:iam::444455556666:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE",
  "meshkit:kafka": JSON.stringify({ bootstrapServers: ["b-1.kafka.example.internal:9096"] }),
  "aws:region": "eu-west-1",
};

/** The settings error for `config`: COMPLETE with the given keys changed, or removed where undefined. */
function settingsError(config: Record<string, string | undefined>): string {
  const merged = Object.fromEntries(Object.entries({ ...COMPLETE, ...config }).filter(([, v]) => v !== undefined)) as Record<string, string>;
  pulumi.runtime.setAllConfig(merged);
  try {
    readStackSettings();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("readStackSettings accepted the config");
}

beforeAll(async () => {
  await pulumi.runtime.setMocks({ newResource: (args) => ({ id: args.name, state: args.inputs }), call: (args) => args.inputs }, "meshkit", "orders-production");
});

describe("readStackSettings", () => {
  it("reads a complete config", () => {
    pulumi.runtime.setAllConfig(COMPLETE);
    expect(readStackSettings().profile.environment).toBe("production");
  });

  it("says what meshkit:environment is set to when it is not an environment", () => {
    expect(settingsError({ "meshkit:environment": "prod" })).toBe(
      'stack orders-production cannot deploy; fix its config:\n  - meshkit:environment is "prod"; it must be staging or production',
    );
  });

  it("says meshkit:environment is unset when the stack's name is no environment either", () => {
    expect(settingsError({ "meshkit:environment": undefined })).toBe(
      'stack orders-production cannot deploy; fix its config:\n  - meshkit:environment is not set, and the stack\'s name "orders-production" is not staging or production; set meshkit:environment',
    );
  });

  it("names every missing or malformed key at once", () => {
    expect(
      settingsError({
        "meshkit:environment": "prod",
        "meshkit:accountId": "4444",
        "meshkit:eksOidcProviderArn": undefined,
        "aws:region": undefined,
        "meshkit:domains": undefined,
        "meshkit:kafka": JSON.stringify({ bootstrapServers: [] }),
      }).split("\n"),
    ).toEqual([
      "stack orders-production cannot deploy; fix its config:",
      '  - meshkit:environment is "prod"; it must be staging or production',
      '  - meshkit:accountId must be a 12-digit AWS account id, not "4444"',
      "  - aws:region is required",
      "  - meshkit:eksOidcProviderArn is required",
      "  - meshkit:domains is required",
      "  - meshkit:kafka must be a map whose bootstrapServers lists at least one broker",
    ]);
  });

  it("refuses a list key that is not a list", () => {
    expect(settingsError({ "meshkit:domains": "domains/*.yaml" })).toBe(
      "stack orders-production cannot deploy; fix its config:\n  - meshkit:domains must be a list of manifest paths or globs",
    );
  });
});
