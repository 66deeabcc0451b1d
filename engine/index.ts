// The offline engine: run a Pulumi program under mocks and drive policy packs over the analyzer
// protocol. Knows nothing of meshkit.
export * from "./types";
export { EngineError, isEngineError } from "./errors";
export type { EngineErrorCode } from "./errors";
export { loadProject, loadStack } from "./project";
export { SECRET_PLACEHOLDER } from "./stackConfig";
export { runProgram } from "./runProgram";
export type { RunTuning } from "./runProgram";
export { analyze, PolicySession, sortDiagnostics } from "./policy/session";
export type { SessionOptions, StreamingAnalysis } from "./policy/session";
export { runAndAnalyze } from "./review";
export type { ReviewOptions } from "./review";
export { isUnknown, isSecret, isResourceReference, containsUnknown, plainValue, UNKNOWN, SIG_KEY } from "./values";
export { makeUrn, urnName, urnType, qualifiedType, parseProviderRef, ROOT_STACK_TYPE } from "./urn";
