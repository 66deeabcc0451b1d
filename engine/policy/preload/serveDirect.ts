// Preloaded (`node -r`) into a pack process the offline engine starts, never into one the Pulumi
// engine starts: keeps the pack's analyzer handlers as its gRPC server is set up, and serves them on
// the direct channel the engine opened as fd 3 (see directServer).
import { usePlainStructs } from "../../plainStructs";
import { DIRECT_FD } from "../directProtocol";
import { serveDirect } from "../directServer";
import { captureAnalyzerService, shareStackViews } from "../policyLibrary";

// The requests are built with the engine's own google-protobuf, the one resolved from here.
usePlainStructs(__dirname);
const captured = captureAnalyzerService(process.cwd());
const stackViews = shareStackViews(process.cwd());
// Said only where the direct channel works, since stack views are shared on it alone.
if (captured.applied && !stackViews.applied) process.stderr.write(`meshkit: stack policies get views of their own (slower): ${stackViews.reason}\n`);
serveDirect(
  DIRECT_FD,
  () => {
    if (!captured.applied) return captured.reason;
    return captured.handlers() ?? "the pack has not set up its analyzer service";
  },
  stackViews.applied ? stackViews.during : undefined,
);
