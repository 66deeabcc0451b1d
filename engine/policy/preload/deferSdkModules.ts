// Preloaded (`node -r`) into each policy pack process the engine starts: the pack's SDK loads without
// the modules an analyzer never uses (see lazySdk). The pack itself is untouched.
import * as path from "path";
import { deferUnusedSdkModules } from "../../lazySdk";

try {
  deferUnusedSdkModules(path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [process.cwd()] })));
} catch {
  // no SDK beside the pack: the runner reports that itself
}
