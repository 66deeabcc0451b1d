// Outputs made on first read (engine/worker/lazyOutputs.ts) must be the Outputs the SDK makes at
// construction: the same value, known-ness, secrecy and dependencies, read before the registration
// answers or after, in preview and in update, and a class's own assignment still wins.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { lazyOutputs } from "../../engine/worker/lazyOutputs";

const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const rpc = require(path.join(sdkDir, "runtime", "rpc")) as { transferProperties: unknown };
const original = rpc.transferProperties;
lazyOutputs(sdkDir);
const lazy = rpc.transferProperties;

class Thing extends pulumi.CustomResource {
  declare readonly arn: pulumi.Output<string>;
  declare readonly size: pulumi.Output<number>;
  declare readonly token: pulumi.Output<string>;
  declare readonly later: pulumi.Output<string | undefined>;
  declare readonly label: pulumi.Output<string>;
  constructor(name: string, args: { size: pulumi.Input<number>; label?: pulumi.Input<string> }, opts?: pulumi.CustomResourceOptions) {
    super("test:index:Thing", name, { size: args.size, label: args.label, arn: undefined, token: undefined, later: undefined }, opts);
  }
}

interface Seen {
  value: unknown;
  isKnown: boolean;
  isSecret: boolean;
  deps: string[];
}

async function seen(o: pulumi.Output<unknown>): Promise<Seen> {
  const internal = o as unknown as { promise(): Promise<unknown>; isKnown: Promise<boolean>; isSecret: Promise<boolean>; allResources?: () => Promise<Set<pulumi.Resource>> };
  const deps = internal.allResources ? [...(await internal.allResources())] : [];
  return {
    value: await internal.promise(),
    isKnown: await internal.isKnown,
    isSecret: await internal.isSecret,
    deps: await Promise.all(deps.map((d) => new Promise<string>((resolve) => d.urn.apply(resolve)))),
  };
}

async function scenario(preview: boolean): Promise<Record<string, Seen>> {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({
        id: `${args.name}-id`,
        state: { ...args.inputs, arn: `arn:test:${args.name}`, token: pulumi.secret("s3cr3t"), ...(preview ? {} : { later: "done" }) },
      }),
      call: (args) => args.inputs,
    },
    "project",
    "stack",
    preview,
  );
  const first = new Thing("first", { size: 3 });
  const early = { arn: first.arn, token: first.token }; // read before the registration answers
  const second = new Thing("second", { size: first.size.apply((s) => s + 1), label: first.arn });
  await new Promise((resolve) => setTimeout(resolve, 50));
  const out: Record<string, Seen> = {};
  out.earlyArn = await seen(early.arn);
  out.earlyToken = await seen(early.token);
  for (const [name, r] of Object.entries({ first, second })) {
    for (const k of ["arn", "size", "token", "later", "label"] as const) out[`${name}.${k}`] = await seen(r[k] as pulumi.Output<unknown>);
  }
  return out;
}

describe.each([true, false])("lazy outputs, preview %s", (preview) => {
  it("give what the SDK's own outputs give", async () => {
    rpc.transferProperties = original;
    const expected = await scenario(preview);
    rpc.transferProperties = lazy;
    const actual = await scenario(preview);
    expect(actual).toEqual(expected);
    expect(actual["first.token"].isSecret).toBe(true);
    expect(actual["second.label"].deps.length).toBeGreaterThan(0);
  });
});

it("lets a class assign its own field over the lazy one", () => {
  rpc.transferProperties = lazy;
  const r = new Thing("assigned", { size: 1 });
  (r as unknown as { arn: string }).arn = "mine";
  expect(r.arn).toBe("mine");
  expect(Object.keys(r)).toContain("size");
});
