// The running e2e Kafka cluster (e2e/scripts/kafka-cluster.sh), and questions put to it through Kafka's
// own Java clients (e2e/kafka/BrokerProbe.java), compiled once per run.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface Cluster {
  version: string;
  bootstrap: string[];
  adminUser: string;
  adminPassword: string;
  libs: string;
  /** SCRAM users created at format time: name → password. */
  users: Record<string, string>;
}

/** Reads the env file the cluster script wrote (KEY='value' lines), named by KAFKA_E2E_ENV. */
export function runningCluster(): Cluster {
  const file = process.env.KAFKA_E2E_ENV;
  if (!file || !fs.existsSync(file)) {
    throw new Error("KAFKA_E2E_ENV does not name a cluster env file: run the suite through `npm run test:e2e` (e2e/run.sh)");
  }
  const env: Record<string, string> = {};
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    const m = /^([A-Z0-9_]+)='(.*)'$/.exec(line);
    if (m) env[m[1]] = m[2];
  }
  const users = Object.fromEntries(
    (env.KAFKA_E2E_USERS ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .map((u) => [u.slice(0, u.indexOf(":")), u.slice(u.indexOf(":") + 1)]),
  );
  return {
    version: env.KAFKA_E2E_VERSION,
    bootstrap: env.KAFKA_E2E_BOOTSTRAP.split(","),
    adminUser: env.KAFKA_E2E_ADMIN_USER,
    adminPassword: env.KAFKA_E2E_ADMIN_PASSWORD,
    libs: env.KAFKA_E2E_LIBS,
    users,
  };
}

const probeSource = path.resolve(__dirname, "../kafka/BrokerProbe.java");

export interface TopicView {
  missing?: true;
  partitions: number;
  replicationFactor: number;
  minIsr: number;
  configs: Record<string, string>;
}

export interface AclView {
  principal: string;
  host: string;
  operation: string;
  permissionType: string;
  resourceType: string;
  resourceName: string;
  patternType: string;
}

export interface Attempt {
  ok: boolean;
  error?: string;
}

export class BrokerProbe {
  private readonly classes: string;

  constructor(private readonly cluster: Cluster) {
    this.classes = fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-probe-"));
    execFileSync("javac", ["-nowarn", "-cp", `${cluster.libs}/*`, "-d", this.classes, probeSource], { stdio: "pipe" });
  }

  private run(args: string[], user = this.cluster.adminUser): unknown {
    const password = user === this.cluster.adminUser ? this.cluster.adminPassword : this.cluster.users[user];
    if (password === undefined) throw new Error(`no SCRAM user ${user} in the e2e cluster`);
    const log4j = path.join(this.classes, "log4j.properties");
    if (!fs.existsSync(log4j)) fs.writeFileSync(log4j, "log4j.rootLogger=OFF\n");
    const out = execFileSync(
      "java",
      [`-Dlog4j.configuration=file:${log4j}`, "-cp", `${this.classes}:${this.cluster.libs}/*`, "BrokerProbe", ...args],
      {
        env: { ...process.env, KAFKA_E2E_BOOTSTRAP: this.cluster.bootstrap.join(","), KAFKA_E2E_USER: user, KAFKA_E2E_PASSWORD: password },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
        timeout: 120_000,
      },
    );
    return JSON.parse(out);
  }

  topics(...names: string[]): Record<string, TopicView> {
    return this.run(["topics", ...names]) as Record<string, TopicView>;
  }

  acls(): AclView[] {
    return this.run(["acls"]) as AclView[];
  }

  produce(user: string, topic: string): Attempt {
    return this.run(["produce", topic], user) as Attempt;
  }

  consume(user: string, topic: string, group: string): Attempt {
    return this.run(["consume", topic, group], user) as Attempt;
  }

  dispose(): void {
    fs.rmSync(this.classes, { recursive: true, force: true });
  }
}
