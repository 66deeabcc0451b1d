import * as path from "path";
import { describe, expect, it } from "vitest";
import { EngineError, loadStack, SECRET_PLACEHOLDER } from "../../engine";
import { applyProjectConfig, parseStackConfig } from "../../engine/stackConfig";

const FIXTURES = path.join(__dirname, "..", "fixtures", "engine");

describe("stack config as the engine passes it", () => {
  it("namespaces bare keys, keeps scalars' source text and JSON-encodes objects with sorted keys", () => {
    const { config, secretKeys } = parseStackConfig(
      [
        "config:",
        "  aws:region: us-west-2",
        "  replicas: 3",
        "  ratio: 1.50",
        "  enabled: yes",
        "  quoted: '007'",
        "  empty:",
        "  settings: { zeta: 1, alpha: [b, 2.0, true] }",
      ].join("\n"),
      "Pulumi.dev.yaml",
      "proj",
    );
    expect(config).toEqual({
      "aws:region": "us-west-2",
      "proj:replicas": "3",
      "proj:ratio": "1.50",
      "proj:enabled": "yes",
      "proj:quoted": "007",
      "proj:empty": "",
      "proj:settings": '{"alpha":["b",2,true],"zeta":1}',
    });
    expect(secretKeys).toEqual([]);
  });

  it("replaces secure values, even nested ones, with a placeholder and lists them as secret", () => {
    const { config, secretKeys } = parseStackConfig(
      "config:\n  password:\n    secure: AAAA\n  db:\n    user: app\n    pass:\n      secure: BBBB\n",
      "f",
      "proj",
    );
    expect(config["proj:password"]).toBe(SECRET_PLACEHOLDER);
    expect(JSON.parse(config["proj:db"])).toEqual({ pass: SECRET_PLACEHOLDER, user: "app" });
    expect(secretKeys).toEqual(["proj:db", "proj:password"]);
  });

  it("accepts a file without config and refuses one that is not a mapping", () => {
    expect(parseStackConfig("# nothing yet\n", "f", "p").config).toEqual({});
    expect(() => parseStackConfig("config: [a, b]\n", "Pulumi.x.yaml", "p")).toThrow(/Pulumi.x.yaml: 'config' must be a mapping/);
    expect(() => parseStackConfig("config:\n  a: [\n", "Pulumi.x.yaml", "p")).toThrow(/Pulumi.x.yaml:\d+:\d+: invalid YAML/);
  });

  it("applies the project's declared defaults and refuses a declared key without value or default", () => {
    const declared = [
      { key: "p:team", hasDefault: true, default: "platform", secret: false },
      { key: "p:limits", hasDefault: true, default: { b: 2, a: 1 }, secret: false },
      { key: "p:set", hasDefault: true, default: "ignored", secret: false },
    ];
    const out = applyProjectConfig({ config: { "p:set": "mine" }, secretKeys: [] }, declared, "dev", "f");
    expect(out.config).toEqual({ "p:team": "platform", "p:limits": '{"a":1,"b":2}', "p:set": "mine" });
    expect(() =>
      applyProjectConfig({ config: {}, secretKeys: [] }, [{ key: "p:env", hasDefault: false, secret: false }], "prod", "Pulumi.prod.yaml"),
    ).toThrow("stack 'prod' is missing configuration value 'p:env'");
  });

  it("reads Pulumi.<stack>.yaml from the project's stackConfigDir", () => {
    const ctx = loadStack(path.join(FIXTURES, "basic-program"), "dev");
    expect(ctx.configFile).toBe(path.join(FIXTURES, "basic-program", "config", "Pulumi.dev.yaml"));
    expect(ctx.project).toBe("engine-fixture");
    expect(ctx.main).toBe(path.join(FIXTURES, "basic-program", "index.ts"));
    expect(ctx.config).toEqual({
      "aws:region": "eu-west-1",
      "engine-fixture:bucketPrefix": "acme",
      "engine-fixture:replicas": "3",
      "engine-fixture:settings": '{"enabled":true,"retention":7,"zones":["a","b"]}',
      "engine-fixture:dbPassword": SECRET_PLACEHOLDER,
      "engine-fixture:team": "platform",
    });
    expect(ctx.secretKeys).toEqual(["engine-fixture:dbPassword"]);
  });

  it("names the missing file and the stacks that do have one", () => {
    let error: unknown;
    try {
      loadStack(path.join(FIXTURES, "basic-program"), "prod");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe("STACK_CONFIG_MISSING");
    expect((error as EngineError).message).toBe(
      `no stack config for stack 'prod': ${path.join(FIXTURES, "basic-program", "config", "Pulumi.prod.yaml")} does not exist (stacks with a config file: dev, empty)`,
    );
  });

  it("refuses a directory without Pulumi.yaml", () => {
    expect(() => loadStack(FIXTURES, "dev")).toThrow(`no Pulumi.yaml in ${FIXTURES}`);
  });
});
