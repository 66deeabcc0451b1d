// The engine gives every custom resource registered without an explicit provider a default provider per
// package and version (`pulumi:providers:aws::default_7_12_0`), configured from the stack config in the
// package's namespace. Analyzers see that provider, so it is added here the same way.
import type { CapturedResource } from "./types";
import { SECRET_SIG, SIG_KEY, UNKNOWN } from "./values";

const DEFAULT_PROVIDER_ID = "00000000-0000-4000-8000-000000000000";

export function addDefaultProviders(
  resources: CapturedResource[],
  ctx: { stack: string; project: string; dryRun: boolean; config: Record<string, string>; secretKeys: string[] },
): CapturedResource[] {
  const providers = new Map<string, CapturedResource>();
  const withProviders = resources.map((r) => {
    if (!r.custom || r.provider || r.type.startsWith("pulumi:providers:")) return r;
    const pkg = r.type.split(":")[0];
    const version = r.options.version;
    const name = version ? `default_${version.replace(/[.+-]/g, "_")}` : "default";
    const type = `pulumi:providers:${pkg}`;
    const urn = `urn:pulumi:${ctx.stack}::${ctx.project}::${type}::${name}`;
    const id = ctx.dryRun ? UNKNOWN : DEFAULT_PROVIDER_ID;
    if (!providers.has(urn)) {
      const inputs: Record<string, unknown> = {};
      for (const key of Object.keys(ctx.config).sort()) {
        if (!key.startsWith(`${pkg}:`)) continue;
        const value = ctx.config[key];
        inputs[key.slice(pkg.length + 1)] = ctx.secretKeys.includes(key) ? { [SIG_KEY]: SECRET_SIG, value } : value;
      }
      if (version) inputs.version = version;
      providers.set(urn, {
        urn,
        type,
        name,
        custom: true,
        read: false,
        id: ctx.dryRun ? undefined : id,
        dependencies: [],
        propertyDependencies: {},
        inputs,
        outputs: inputs,
        options: { protect: false, retainOnDelete: false, ignoreChanges: [], replaceOnChanges: [], hideDiffs: [], additionalSecretOutputs: [], aliases: [], ...(version ? { version } : {}) },
      });
    }
    return { ...r, provider: `${urn}::${id}` };
  });
  return [...providers.values(), ...withProviders];
}
