/**
 * Credentials stay Pulumi secrets all the way to the providers: a `secure:` Kafka password and
 * kubeconfig in a stack's config reach the Kafka and Kubernetes providers as secrets, never as plain
 * values, and no stack output carries them; an incident endpoint's key in a manifest is a secret too.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { isSecret, runProgram, SECRET_PLACEHOLDER, type RunResult } from "../../engine";
import { PROJECT_DIR } from "../support/stackRuns";

/** The repository's program and manifests, with a production stack config that carries secrets. */
function projectWithSecrets(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-secrets-"));
  fs.writeFileSync(
    path.join(dir, "Pulumi.yaml"),
    `name: meshkit-platform\nruntime: nodejs\nmain: ${path.join(PROJECT_DIR, "stacks/index.ts")}\nstackConfigDir: stacks\n`,
  );
  // The program compiles with the repository's settings, whatever tsconfig lies above the temp dir.
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ extends: path.join(PROJECT_DIR, "tsconfig.json") }));
  for (const shared of ["domains", "node_modules"]) fs.symlinkSync(path.join(PROJECT_DIR, shared), path.join(dir, shared));
  fs.mkdirSync(path.join(dir, "stacks"));
  const config = fs.readFileSync(path.join(PROJECT_DIR, "stacks/Pulumi.production.yaml"), "utf8");
  fs.writeFileSync(
    path.join(dir, "stacks/Pulumi.production.yaml"),
    config.trimEnd() + "\n" +
      "  meshkit:kafkaSaslPassword:\n    secure: v1:c2VjcmV0IGthZmthIHBhc3N3b3Jk\n" +
      "  meshkit:kubeconfig:\n    secure: v1:c2VjcmV0IGt1YmVjb25maWc=\n",
  );
  return dir;
}

describe("stack secrets", () => {
  let run: RunResult;
  beforeAll(async () => {
    run = await runProgram({ projectDir: projectWithSecrets(), stack: "production" });
  });

  it("reach the Kafka and Kubernetes providers as secrets", () => {
    const kafka = run.resources.find((r) => r.type === "pulumi:providers:kafka")!;
    const kubernetes = run.resources.find((r) => r.type === "pulumi:providers:kubernetes")!;
    expect(isSecret(kafka.inputs.saslPassword)).toBe(true);
    expect(isSecret(kubernetes.inputs.kubeconfig)).toBe(true);
  });

  it("keep an incident endpoint whose URL carries a key a secret, and leave one without a key readable", () => {
    const endpoint = (name: string) => run.resources.find((r) => r.name === name)!.inputs.endpoint;
    expect(isSecret(endpoint("orders-alerts-endpoint-pagerduty"))).toBe(true);
    expect(endpoint("payments-alerts-endpoint-status-page")).toBe("https://status.example.com/hooks/payments");
  });

  it("appear in no resource input or stack output in the clear", () => {
    const plain = JSON.stringify(
      run.resources.map((r) => Object.values(r.inputs).filter((v) => !isSecret(v))),
    ) + JSON.stringify(run.exports);
    expect(plain).not.toContain(SECRET_PLACEHOLDER);
  });
});
