// The pack's end of the direct channel (see directProtocol): runs in a pack process the offline engine
// started, calling the pack's own analyzer handlers — the very functions its gRPC server serves — with
// requests built as the engine builds them. Nothing is encoded to bytes, so their Structs stay plain
// values (see plainStructs, which the preload applies).
import * as net from "net";
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import { frame, readFrames } from "../frames";
import { SharedStrings } from "../sharedStrings";
import type { CapturedResource, Diagnostic } from "../types";
import type { DirectFailure, DirectRequest, DirectResponse } from "./directProtocol";
import type { AnalyzerHandlers, StackViewsScope } from "./policyLibrary";
import { AnalyzerRequests } from "./requests";
import { responseDiagnostics } from "./wireValues";

type Handler = AnalyzerHandlers["analyze"];

function call(handler: Handler, request: object): Promise<pb.AnalyzeResponse> {
  return new Promise((resolve, reject) => handler({ request }, (err, res) => (err ? reject(err) : resolve(res as pb.AnalyzeResponse))));
}

function failure(e: unknown): DirectFailure {
  const err = e as { message?: string; details?: string };
  return { message: err.message ?? String(e), ...(err.details ? { details: err.details } : {}) };
}

/**
 * Serves the channel on `fd`. `handlers()` is the pack's analyzer service once its gRPC server has been
 * set up, or a reason why there is none (the engine then stays on gRPC); AnalyzeStack runs within
 * `stackViews` when given (shareStackViews).
 */
export function serveDirect(fd: number, handlers: () => AnalyzerHandlers | string, stackViews?: StackViewsScope): void {
  const socket = new net.Socket({ fd, readable: true, writable: true });
  // The pack's gRPC server keeps its process alive; a pack that fails to load must still exit.
  socket.unref();
  const perResource = new AnalyzerRequests();
  const latest = new Map<string, CapturedResource>();
  // The pack keeps every record until the stack check; the engine's copies of a string arrive apart.
  const strings = new SharedStrings();
  const receive = (resources: CapturedResource[]) => {
    for (const r of strings.share(resources)) {
      perResource.add(r);
      latest.set(r.urn, r);
    }
  };

  const answer = async (msg: DirectRequest): Promise<DirectResponse> => {
    const service = handlers();
    if (typeof service === "string") return { id: msg.id, error: { message: service } };
    switch (msg.kind) {
      case "hello":
        return { id: msg.id, ok: true };
      case "analyze": {
        receive(msg.resources);
        const diagnostics: Diagnostic[][] = [];
        for (const urn of msg.urns) {
          const req = perResource.analyzeRequest(perResource.get(urn)!);
          const res = await call(service.analyze, req).catch((e: unknown) => ({ failed: { ...failure(e), urn } }));
          if ("failed" in res) return { id: msg.id, error: res.failed };
          diagnostics.push(responseDiagnostics(res, "resource", urn));
        }
        return { id: msg.id, diagnostics };
      }
      case "analyzeStack": {
        receive(msg.resources);
        // The handler reads only the request's resource list, here objects over the records themselves.
        const list = new AnalyzerRequests(msg.order.map((urn) => latest.get(urn)!)).stackResources();
        const stack = new pb.AnalyzeStackRequest();
        stack.getResourcesList = () => list as unknown as pb.AnalyzerResource[];
        const analyzed = () => call(service.analyzeStack, stack);
        const res = await (stackViews ? stackViews(list, analyzed) : analyzed());
        return { id: msg.id, diagnostics: [responseDiagnostics(res, "stack")] };
      }
    }
  };

  // One request at a time, in order, as the engine sends them.
  let queue = Promise.resolve();
  void readFrames<DirectRequest>(socket, (msg) => {
    queue = queue.then(async () => {
      const response = await answer(msg).catch((e: unknown): DirectResponse => ({ id: msg.id, error: failure(e) }));
      socket.write(frame(response));
    });
  });
}
