// The engine's side of the analyzer gRPC protocol, for one running policy pack: analyzer info,
// configure, configure-stack, analyze per resource and analyze stack (requests come from requests.ts).
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzerClient as GrpcAnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type { Diagnostic, PolicyInfo } from "../types";
import type { PackConfig } from "./packConfig";
import type { PackEnvironment } from "./packProcess";
import { LEVEL_FROM_PB, LEVEL_TO_PB, SEVERITY_FROM_PB, responseDiagnostics } from "./wireValues";

const MAX_MESSAGE = 400 * 1024 * 1024;

export interface RawPackInfo {
  name: string;
  version: string;
  displayName?: string;
  description?: string;
  policies: PolicyInfo[];
  initialConfig: PackConfig;
}

// Packs built on an older @pulumi/policy lack the newer calls; the engine skips those, as here.
function unimplemented(e: unknown): boolean {
  return (e as grpc.ServiceError).code === grpc.status.UNIMPLEMENTED;
}

function unary<Req, Res>(call: (req: Req, cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown, req: Req): Promise<Res> {
  return new Promise((resolve, reject) => call(req, (err, res) => (err ? reject(err) : resolve(res))));
}

export class AnalyzerConnection {
  private readonly client: GrpcAnalyzerClient;

  constructor(port: number) {
    this.client = new GrpcAnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      "grpc.max_receive_message_length": MAX_MESSAGE,
      "grpc.max_send_message_length": MAX_MESSAGE,
    });
  }

  async info(): Promise<RawPackInfo> {
    const ai = await unary<Empty, pb.AnalyzerInfo>((r, cb) => this.client.getAnalyzerInfo(r, cb), new Empty());
    const policies = ai.getPoliciesList().map((p): PolicyInfo => {
      const info: PolicyInfo = {
        name: p.getName(),
        description: p.getDescription(),
        type: p.getPolicyType() === pb.PolicyType.POLICY_TYPE_STACK ? "stack" : "resource",
        enforcementLevel: LEVEL_FROM_PB[p.getEnforcementlevel()] ?? "advisory",
        tags: p.getTagsList(),
      };
      if (p.getDisplayname()) info.displayName = p.getDisplayname();
      const severity = SEVERITY_FROM_PB[p.getSeverity()];
      if (severity) info.severity = severity;
      if (p.getMessage()) info.message = p.getMessage();
      if (p.getRemediationSteps()) info.remediationSteps = p.getRemediationSteps();
      if (p.getUrl()) info.url = p.getUrl();
      const f = p.getFramework();
      if (f) {
        info.framework = {};
        if (f.getName()) info.framework.name = f.getName();
        if (f.getVersion()) info.framework.version = f.getVersion();
        if (f.getReference()) info.framework.reference = f.getReference();
        if (f.getSpecification()) info.framework.specification = f.getSpecification();
      }
      const schema = p.getConfigschema();
      if (schema) {
        info.configSchema = { properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>, required: schema.getRequiredList() };
      }
      return info;
    });
    const initialConfig: PackConfig = {};
    ai.getInitialconfigMap().forEach((c: pb.PolicyConfig, name: string) => {
      const properties = c.getProperties()?.toJavaScript() as Record<string, unknown> | undefined;
      const hasProps = !!properties && Object.keys(properties).length > 0;
      // The wire has no "unset" level (0 is advisory): a pack that only sets properties keeps its level.
      const level = LEVEL_FROM_PB[c.getEnforcementlevel()];
      initialConfig[name] = {
        ...(hasProps && level === "advisory" ? {} : { enforcementLevel: level }),
        ...(hasProps ? { properties } : {}),
      };
    });
    const out: RawPackInfo = { name: ai.getName(), version: ai.getVersion(), policies, initialConfig };
    if (ai.getDisplayname()) out.displayName = ai.getDisplayname();
    if (ai.getDescription()) out.description = ai.getDescription();
    return out;
  }

  async configure(config: PackConfig): Promise<void> {
    const req = new pb.ConfigureAnalyzerRequest();
    const map = req.getPolicyconfigMap();
    for (const name of Object.keys(config).sort()) {
      const c = config[name];
      const pc = new pb.PolicyConfig();
      if (c.enforcementLevel) pc.setEnforcementlevel(LEVEL_TO_PB[c.enforcementLevel]);
      pc.setProperties(Struct.fromJavaScript((c.properties ?? {}) as never));
      map.set(name, pc);
    }
    await unary<pb.ConfigureAnalyzerRequest, Empty>((r, cb) => this.client.configure(r, cb), req);
  }

  async configureStack(env: PackEnvironment): Promise<void> {
    const req = new pb.AnalyzerStackConfigureRequest();
    req.setStack(env.stack);
    req.setProject(env.project);
    req.setOrganization(env.organization);
    req.setDryRun(env.dryRun);
    req.setConfigSecretKeysList(env.secretKeys);
    const config = req.getConfigMap();
    for (const k of Object.keys(env.config).sort()) config.set(k, env.config[k]);
    await unary<pb.AnalyzerStackConfigureRequest, pb.AnalyzerStackConfigureResponse>((r, cb) => this.client.configureStack(r, cb), req).catch(
      (e) => {
        if (!unimplemented(e)) throw e;
      },
    );
  }

  async analyze(req: pb.AnalyzeRequest): Promise<Diagnostic[]> {
    const res = await unary<pb.AnalyzeRequest, pb.AnalyzeResponse>((q, cb) => this.client.analyze(q, cb), req);
    return responseDiagnostics(res, "resource", req.getUrn());
  }

  async analyzeStack(req: pb.AnalyzeStackRequest): Promise<Diagnostic[]> {
    try {
      const res = await unary<pb.AnalyzeStackRequest, pb.AnalyzeResponse>((q, cb) => this.client.analyzeStack(q, cb), req);
      return responseDiagnostics(res, "stack");
    } catch (e) {
      if (unimplemented(e)) return [];
      throw e;
    }
  }

  close(): void {
    this.client.close();
  }
}
