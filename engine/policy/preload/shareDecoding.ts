// Preloaded (`node -r`) into a pack process the offline engine starts, never into one the Pulumi
// engine starts: the pack's working directory is its own directory, so the @pulumi/policy it loads
// resolves from there.
import { shareDecodedProperties } from "../policyLibrary";

const shared = shareDecodedProperties(process.cwd());
if (!shared.applied) process.stderr.write(`meshkit: policies decode properties per policy (slower): ${shared.reason}\n`);
