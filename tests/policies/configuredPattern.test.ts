import { describe, expect, it } from "vitest";
import { compiledPattern, invalidPattern } from "../../policies/lib/configuredPattern";

describe("compiledPattern", () => {
  it("compiles a valid pattern once and reuses it", () => {
    const re = compiledPattern("^User:[a-z]+$");
    expect(re?.test("User:orders")).toBe(true);
    expect(re?.test("User:*")).toBe(false);
    expect(compiledPattern("^User:[a-z]+$")).toBe(re);
  });

  it("gives nothing for an invalid pattern", () => {
    expect(compiledPattern("([a-z")).toBeUndefined();
  });
});

describe("invalidPattern", () => {
  it("names the config key and its value", () => {
    expect(invalidPattern("pattern", "([a-z")).toBe(
      "the policy's config 'pattern' (([a-z) is not a valid regular expression, so nothing can match it; fix the policy config.",
    );
  });
});
