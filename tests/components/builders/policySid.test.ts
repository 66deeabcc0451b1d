import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KEBAB_CASE } from "../../../conventions";
import { sid } from "../../../components/policy/policySid";

describe("sid", () => {
  it("joins kebab-case words into one alphanumeric id", () => {
    expect(sid("consume", "order-facts")).toBe("ConsumeOrderFacts");
    expect(sid("events-2")).toBe("EventsX2");
    expect(sid("x-ray")).toBe("XxRay");
  });

  it("gives different kebab-case names different ids", () => {
    const word = fc.stringMatching(/^[a-z0-9x]{1,3}$/);
    const name = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,2}$/), fc.array(word, { maxLength: 3 })).map(([first, rest]) => [first, ...rest].join("-"));
    fc.assert(
      fc.property(name, name, (a, b) => {
        fc.pre(a !== b && KEBAB_CASE.test(a) && KEBAB_CASE.test(b));
        expect(sid("consume", a)).not.toBe(sid("consume", b));
        expect(sid(a)).toMatch(/^[A-Za-z0-9]+$/);
      }),
      { numRuns: 2000 },
    );
  });
});
