// URNs as the Pulumi engine builds them. The mock monitor of the Node SDK only prefixes the parent's last
// type segment and keeps the root stack's type; the engine prefixes the parent's whole qualified type and
// leaves the root stack out, and the engine's form is what a real `pulumi up` records.

export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** The `parent$type` part of a URN. */
export function qualifiedType(urn: string): string {
  return urn.split("::")[2] ?? "";
}

/** The resource's own type: the last segment of the qualified type. */
export function urnType(urn: string): string {
  return qualifiedType(urn).split("$").pop() ?? "";
}

/** The name part (names may themselves contain `::`). */
export function urnName(urn: string): string {
  return urn.split("::").slice(3).join("::");
}

export function makeUrn(stack: string, project: string, parentUrn: string | undefined, type: string, name: string): string {
  let qualified = type;
  if (parentUrn) {
    const parentType = qualifiedType(parentUrn);
    if (parentType !== ROOT_STACK_TYPE) qualified = `${parentType}$${type}`;
  }
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** Splits a provider reference `<urn>::<id>`. */
export function parseProviderRef(ref: string): { urn: string; id: string } {
  const i = ref.lastIndexOf("::");
  return { urn: ref.slice(0, i), id: ref.slice(i + 2) };
}
