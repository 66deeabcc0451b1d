/**
 * Whether an incident endpoint's URL carries a credential, and so must be a Pulumi secret: SNS
 * HTTPS integrations authenticate by the URL itself (PagerDuty's integration key in the path,
 * Opsgenie's apiKey and ServiceNow's token in the query, or basic-auth user info).
 */

/** Query parameters named like a credential. */
const CREDENTIAL_PARAMETER = /(token|key|secret|signature|sig|password|passwd|auth|code|credential)/i;
/** A path segment that looks generated: 20+ URL-safe characters, digits among them (an integration key). */
const GENERATED_SEGMENT = /^(?=.*\d)[A-Za-z0-9_-]{20,}$/;

export function carriesCredential(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL at all (the manifest schema refuses those): keep it secret rather than print it.
    return true;
  }
  if (parsed.username !== "" || parsed.password !== "") return true;
  if ([...parsed.searchParams.keys()].some((name) => CREDENTIAL_PARAMETER.test(name))) return true;
  return parsed.pathname.split("/").some((segment) => GENERATED_SEGMENT.test(segment));
}
