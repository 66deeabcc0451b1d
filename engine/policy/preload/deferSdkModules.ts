// Preloaded (`node -r`) into each policy pack process the engine starts: the pack's SDK loads without
// the modules an analyzer never uses, and its runner opens no debugger session (see lazySdk). The pack
// itself is untouched.
import * as path from "path";
import { deferUnusedSdkModules, skipClosureDebuggerSession } from "../../lazySdk";

try {
  const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [process.cwd()] }));
  deferUnusedSdkModules(sdkDir);
  skipClosureDebuggerSession(sdkDir);
} catch {
  // no SDK beside the pack: the runner reports that itself
}
