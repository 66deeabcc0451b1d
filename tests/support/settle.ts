/**
 * Waits until every resource registration issued so far has reached the mocks, so a test can read
 * what one component registered. Uses the SDK's own RPC drain (the one `disconnect` waits on).
 */
import * as settings from "@pulumi/pulumi/runtime/settings";

export function settle(): Promise<void> {
  return (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
}
