// The running e2e control plane (e2e/scripts/kube-control-plane.sh), and requests to its API server made
// with the client certificates the script issued: the admin's, or one of KUBE_E2E_USERS'.
import * as fs from "node:fs";
import * as https from "node:https";
import * as path from "node:path";

export interface ControlPlane {
  server: string;
  dir: string;
  /** Client identities with a certificate: name → groups. */
  users: Record<string, string[]>;
}

/** Reads the env file the control-plane script wrote (KEY='value' lines), named by KUBE_E2E_ENV. */
export function runningControlPlane(): ControlPlane {
  const file = process.env.KUBE_E2E_ENV;
  if (!file || !fs.existsSync(file)) {
    throw new Error("KUBE_E2E_ENV does not name a control-plane env file: run the suite through `npm run test:e2e` (e2e/run.sh)");
  }
  const env: Record<string, string> = {};
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    const m = /^([A-Z0-9_]+)='(.*)'$/.exec(line);
    if (m) env[m[1]] = m[2];
  }
  const users = Object.fromEntries(
    (env.KUBE_E2E_USERS ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .map((u) => {
        const [name, groups = ""] = u.split(":");
        return [name, groups.split(",").filter(Boolean)];
      }),
  );
  return { server: env.KUBE_E2E_SERVER, dir: env.KUBE_E2E_DIR, users };
}

export interface ApiResponse {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** A client of the API server authenticated by one client certificate. */
export class KubeClient {
  private readonly ca: Buffer;
  private readonly cert: Buffer;
  private readonly key: Buffer;

  constructor(
    private readonly plane: ControlPlane,
    /** "admin", or a name from KUBE_E2E_USERS. */
    readonly identity: string,
  ) {
    const stem = identity === "admin" ? "admin" : `user-${identity}`;
    const pki = path.join(plane.dir, "pki");
    this.ca = fs.readFileSync(path.join(pki, "ca.crt"));
    this.cert = fs.readFileSync(path.join(pki, `${stem}.crt`));
    this.key = fs.readFileSync(path.join(pki, `${stem}.key`));
  }

  /** The admin's kubeconfig, every credential embedded: what the Pulumi provider gets, as a secret. */
  static adminKubeconfig(plane: ControlPlane): string {
    return fs.readFileSync(path.join(plane.dir, "admin.kubeconfig"), "utf8");
  }

  request(method: string, apiPath: string, body?: unknown): Promise<ApiResponse> {
    const url = new URL(apiPath, this.plane.server);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = https.request(
        url,
        {
          method,
          // A new connection per request: a kept-alive socket the server has since closed hangs up.
          agent: false,
          ca: this.ca,
          cert: this.cert,
          key: this.key,
          headers: { accept: "application/json", ...(payload ? { "content-type": "application/json" } : {}) },
          timeout: 30_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              // not JSON: keep the text
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
        },
      );
      req.on("timeout", () => req.destroy(new Error(`${method} ${apiPath}: timed out`)));
      req.on("error", reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  get(apiPath: string): Promise<ApiResponse> {
    return this.request("GET", apiPath);
  }

  post(apiPath: string, body: unknown): Promise<ApiResponse> {
    return this.request("POST", apiPath, body);
  }

  /** GET that must succeed: the object's JSON. */
  async must(apiPath: string): Promise<any> {
    const res = await this.get(apiPath);
    if (res.status !== 200) throw new Error(`GET ${apiPath} as ${this.identity}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
