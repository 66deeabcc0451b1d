// A resource provider for the `kafka` package (plugin `pulumi-resource-kafka`), for the e2e suite only.
//
// Why it exists: the real provider (github.com/pulumi/pulumi-kafka/provider/v3, a Terraform bridge) cannot be
// built here: the Go module proxy refuses it, and the bridge, at every version (see e2e/README.md). This
// stand-in serves the two resources meshkit's EventStreams creates, with the tokens, inputs, ids and
// replace rules of the real provider, against a real broker through the Kafka protocol:
//   kafka:index/topic:Topic  id = topic name; name and replicationFactor replace, fewer partitions replace,
//                            more partitions and config changes update in place
//   kafka:index/acl:Acl      every input replaces; id = the binding's fields joined with "|"
// Provider config as the real provider names it: bootstrapServers, saslMechanism (plain | scram-sha256 |
// scram-sha512), saslUsername, saslPassword, tlsEnabled (only false is served: the e2e cluster is loopback
// plaintext), timeout (seconds).
import * as fs from "node:fs";
import * as grpc from "@grpc/grpc-js";
import * as providerRpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provider from "@pulumi/pulumi/proto/provider_pb";
import * as plugin from "@pulumi/pulumi/proto/plugin_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import {
  Admin,
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ConfigResourceTypes,
  Kafka,
  ResourcePatternTypes,
  SASLOptions,
  logLevel,
} from "kafkajs";

const TOPIC = "kafka:index/topic:Topic";
const ACL = "kafka:index/acl:Acl";
/** The engine's marker for a value not known until apply (preview). */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

type Props = Record<string, unknown>;

const version = JSON.parse(fs.readFileSync(require.resolve("@pulumi/kafka/package.json"), "utf8")).version as string;

let admin: Promise<Admin> | undefined;

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Plain values from the engine's wire form: secrets unwrapped (Configure sends them wrapped regardless). */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value !== "object" || value === null) return value;
  const obj = value as Record<string, unknown>;
  if (obj[SIG_KEY] === SECRET_SIG) return plain(obj.value);
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, plain(v)]));
}

/** Config values arrive as strings when the engine has no schema to type them: lists and booleans JSON-encoded. */
function decode(raw: unknown): unknown {
  const value = plain(raw);
  if (typeof value !== "string" || !/^(\[|\{|true$|false$)/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function readConfig(req: provider.ConfigureRequest): Props {
  const out: Props = {};
  const args = req.getArgs()?.toJavaScript();
  if (args && Object.keys(args).length > 0) {
    for (const [key, value] of Object.entries(args)) out[key] = decode(value);
    return out;
  }
  req.getVariablesMap().forEach((value, key) => (out[key.replace(/^kafka:(config:)?/, "")] = decode(value)));
  return out;
}

function connect(config: Props): Promise<Admin> {
  const brokers = config.bootstrapServers;
  if (!Array.isArray(brokers) || brokers.length === 0) throw new Error("kafka: bootstrapServers is required");
  if (config.tlsEnabled !== false) {
    throw new Error("kafka (e2e provider): set kafka:tlsEnabled to false; the e2e cluster serves SASL_PLAINTEXT on loopback");
  }
  const mechanisms: Record<string, SASLOptions["mechanism"]> = {
    plain: "plain",
    "scram-sha256": "scram-sha-256",
    "scram-sha512": "scram-sha-512",
  };
  let sasl: SASLOptions | undefined;
  if (config.saslUsername !== undefined) {
    const mechanism = mechanisms[String(config.saslMechanism ?? "plain")];
    if (!mechanism) throw new Error(`kafka: saslMechanism ${String(config.saslMechanism)} is not served here`);
    sasl = { mechanism, username: String(config.saslUsername), password: String(config.saslPassword ?? "") } as SASLOptions;
  }
  const timeoutMs = Number(config.timeout ?? 120) * 1000;
  const kafka = new Kafka({
    clientId: "pulumi-kafka-e2e",
    brokers: brokers.map(String),
    sasl,
    ssl: false,
    requestTimeout: Math.min(timeoutMs, 30_000),
    logLevel: logLevel.ERROR,
  });
  const client = kafka.admin();
  return client.connect().then(() => client);
}

function client(): Promise<Admin> {
  if (!admin) throw new Error("kafka: the provider was not configured");
  return admin;
}

// --- topics ---------------------------------------------------------------------------------------------

function topicConfig(props: Props): Record<string, string> {
  const config = (props.config ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, String(v)]));
}

async function createTopic(props: Props): Promise<string> {
  const name = String(props.name);
  const kafka = await client();
  const created = await kafka.createTopics({
    // kafkajs's own leader wait fails on brokers that have not seen the topic yet; wait below instead.
    waitForLeaders: false,
    topics: [
      {
        topic: name,
        numPartitions: Number(props.partitions),
        replicationFactor: Number(props.replicationFactor),
        configEntries: Object.entries(topicConfig(props)).map(([name, value]) => ({ name, value })),
      },
    ],
  });
  if (!created) throw new Error(`topic ${name} already exists`);
  await waitForLeaders(kafka, name);
  return name;
}

/** Polls the topic's metadata until every partition has a leader, as the real provider does before returning. */
async function waitForLeaders(kafka: Admin, name: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const meta = (await kafka.fetchTopicMetadata({ topics: [name] })).topics[0];
      if (meta && meta.partitions.length > 0 && meta.partitions.every((p) => p.leader >= 0)) return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    if (Date.now() > deadline) throw new Error(`topic ${name}: partitions have no leader after 60 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function updateTopic(name: string, olds: Props, news: Props): Promise<void> {
  const kafka = await client();
  if (Number(news.partitions) > Number(olds.partitions)) {
    await kafka.createPartitions({ topicPartitions: [{ topic: name, count: Number(news.partitions) }] });
  }
  if (JSON.stringify(topicConfig(olds)) !== JSON.stringify(topicConfig(news))) {
    // Non-incremental AlterConfigs sets the topic's whole dynamic config: keys left out return to defaults.
    await kafka.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name,
          configEntries: Object.entries(topicConfig(news)).map(([name, value]) => ({ name, value })),
        },
      ],
    });
  }
}

async function readTopic(name: string): Promise<Props | undefined> {
  const kafka = await client();
  const topics = await kafka.listTopics();
  if (!topics.includes(name)) return undefined;
  const meta = (await kafka.fetchTopicMetadata({ topics: [name] })).topics[0];
  const described = await kafka.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: ConfigResourceTypes.TOPIC, name }],
  });
  const config: Record<string, string> = {};
  for (const entry of described.resources[0]?.configEntries ?? []) {
    if (!entry.isDefault && entry.configSource === 1 /* TOPIC_CONFIG */) config[entry.configName] = entry.configValue;
  }
  return { name, partitions: meta.partitions.length, replicationFactor: meta.partitions[0]?.replicas.length ?? 0, config };
}

// --- ACLs -----------------------------------------------------------------------------------------------

function enumValue<T extends Record<string, string | number>>(table: T, label: string, value: unknown): T[keyof T] {
  const key = String(value ?? "").replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
  const found = table[key as keyof T];
  if (found === undefined || typeof found !== "number") throw new Error(`kafka: unknown ${label} ${String(value)}`);
  return found;
}

function aclEntry(props: Props) {
  return {
    resourceType: enumValue(AclResourceTypes, "aclResourceType", props.aclResourceType),
    resourceName: String(props.aclResourceName),
    resourcePatternType: enumValue(ResourcePatternTypes, "resourcePatternTypeFilter", props.resourcePatternTypeFilter ?? "Literal"),
    principal: String(props.aclPrincipal),
    host: String(props.aclHost ?? "*"),
    operation: enumValue(AclOperationTypes, "aclOperation", props.aclOperation),
    permissionType: enumValue(AclPermissionTypes, "aclPermissionType", props.aclPermissionType),
  };
}

function aclId(props: Props): string {
  return [
    props.aclPrincipal,
    props.aclHost ?? "*",
    props.aclOperation,
    props.aclPermissionType,
    props.aclResourceType,
    props.aclResourceName,
    props.resourcePatternTypeFilter ?? "Literal",
  ].join("|");
}

async function aclExists(props: Props): Promise<boolean> {
  const found = await (await client()).describeAcls(aclEntry(props));
  return found.resources.some((r) => r.acls.length > 0);
}

// --- the generic CRUD surface ---------------------------------------------------------------------------

const topicInputs = ["name", "partitions", "replicationFactor", "config"];
const aclInputs = ["aclResourceName", "aclResourceType", "aclPrincipal", "aclHost", "aclOperation", "aclPermissionType", "resourcePatternTypeFilter"];

function isUnknown(v: unknown): boolean {
  return v === UNKNOWN || (typeof v === "object" && v !== null && Object.values(v).some(isUnknown));
}

function check(type: string, news: Props): { inputs: Props; failures: Array<[string, string]> } {
  const failures: Array<[string, string]> = [];
  const inputs = { ...news };
  if (type === TOPIC) {
    for (const key of ["name", "partitions", "replicationFactor"]) if (news[key] === undefined) failures.push([key, `${key} is required`]);
    for (const key of ["partitions", "replicationFactor"]) {
      const v = news[key];
      if (v !== undefined && !isUnknown(v) && !(Number.isInteger(v) && Number(v) > 0)) failures.push([key, `${key} must be a positive integer`]);
    }
  } else if (type === ACL) {
    for (const key of ["aclResourceName", "aclResourceType", "aclPrincipal", "aclHost", "aclOperation", "aclPermissionType"]) {
      if (news[key] === undefined) failures.push([key, `${key} is required`]);
    }
    if (inputs.resourcePatternTypeFilter === undefined) inputs.resourcePatternTypeFilter = "Literal";
  } else {
    failures.push(["", `the e2e kafka provider does not serve ${type}`]);
  }
  return { inputs, failures };
}

function diff(type: string, olds: Props, news: Props): { changed: string[]; replaces: string[] } {
  const keys = type === TOPIC ? topicInputs : aclInputs;
  const same = (k: string) => !isUnknown(news[k]) && JSON.stringify(olds[k] ?? null) === JSON.stringify(news[k] ?? null);
  const changed = keys.filter((k) => !same(k));
  const replaces =
    type === ACL
      ? changed
      : changed.filter(
          (k) =>
            k === "name" ||
            k === "replicationFactor" ||
            (k === "partitions" && (isUnknown(news.partitions) || Number(news.partitions) < Number(olds.partitions))),
        );
  return { changed, replaces };
}

function struct(props: Props): Struct {
  return Struct.fromJavaScript(props as Parameters<typeof Struct.fromJavaScript>[0]);
}

function js(s: Struct | undefined): Props {
  return plain(s?.toJavaScript() ?? {}) as Props;
}

function unary<Req, Res>(fn: (req: Req) => Promise<Res>): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    fn(call.request).then(
      (res) => callback(null, res),
      (err: Error) => callback({ code: grpc.status.UNKNOWN, details: err.message }),
    );
  };
}

const service: Partial<providerRpc.IResourceProviderServer> = {
  getPluginInfo: unary(async () => new plugin.PluginInfo().setVersion(version)),
  getSchema: unary(async () => new provider.GetSchemaResponse().setSchema("{}")),
  checkConfig: unary(async (req: provider.CheckRequest) => new provider.CheckResponse().setInputs(req.getNews())),
  diffConfig: unary(async () => new provider.DiffResponse().setChanges(provider.DiffResponse.DiffChanges.DIFF_NONE)),
  configure: unary(async (req: provider.ConfigureRequest) => {
    const config = readConfig(req);
    if (!isUnknown(config)) admin = connect(config);
    return new provider.ConfigureResponse().setAcceptsecrets(false).setSupportspreview(false);
  }),
  check: unary(async (req: provider.CheckRequest) => {
    const { inputs, failures } = check(req.getType() || req.getUrn().split("::")[2], js(req.getNews()));
    return new provider.CheckResponse()
      .setInputs(struct(inputs))
      .setFailuresList(failures.map(([property, reason]) => new provider.CheckFailure().setProperty(property).setReason(reason)));
  }),
  diff: unary(async (req: provider.DiffRequest) => {
    const type = req.getType() || req.getUrn().split("::")[2];
    const olds = req.hasOldInputs() ? js(req.getOldInputs()) : js(req.getOlds());
    const { changed, replaces } = diff(type, olds, js(req.getNews()));
    return new provider.DiffResponse()
      .setChanges(changed.length ? provider.DiffResponse.DiffChanges.DIFF_SOME : provider.DiffResponse.DiffChanges.DIFF_NONE)
      .setDiffsList(changed)
      .setReplacesList(replaces)
      .setDeletebeforereplace(replaces.length > 0);
  }),
  create: unary(async (req: provider.CreateRequest) => {
    const type = req.getType() || req.getUrn().split("::")[2];
    const props = js(req.getProperties());
    let id: string;
    if (type === TOPIC) id = await createTopic(props);
    else {
      await (await client()).createAcls({ acl: [aclEntry(props)] });
      id = aclId(props);
    }
    return new provider.CreateResponse().setId(id).setProperties(struct(props));
  }),
  read: unary(async (req: provider.ReadRequest) => {
    const type = req.getType() || req.getUrn().split("::")[2];
    const res = new provider.ReadResponse();
    if (type === TOPIC) {
      const props = await readTopic(req.getId());
      if (props) res.setId(req.getId()).setProperties(struct(props)).setInputs(struct(props));
    } else {
      const props = js(req.getProperties());
      if (await aclExists(props)) res.setId(req.getId()).setProperties(struct(props)).setInputs(struct(props));
    }
    return res;
  }),
  update: unary(async (req: provider.UpdateRequest) => {
    const olds = js(req.getOlds());
    const news = js(req.getNews());
    await updateTopic(req.getId(), olds, news);
    return new provider.UpdateResponse().setProperties(struct(news));
  }),
  delete: unary(async (req: provider.DeleteRequest) => {
    const type = req.getType() || req.getUrn().split("::")[2];
    const props = js(req.getProperties());
    if (type === TOPIC) await (await client()).deleteTopics({ topics: [req.getId()] });
    else await (await client()).deleteAcls({ filters: [aclEntry(props)] });
    return new Empty();
  }),
  attach: unary(async () => new Empty()),
  cancel: unary(async () => new Empty()),
};

const server = new grpc.Server();
server.addService(providerRpc.ResourceProviderService, service as grpc.UntypedServiceImplementation);
server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) {
    console.error(`kafka provider: cannot listen: ${err.message}`);
    process.exit(1);
  }
  process.stdout.write(`${port}\n`);
});
