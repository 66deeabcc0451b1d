/**
 * Typed access to @pulumi/policy's preview machinery. Its typings strip the proxy module
 * (marked internal), but the library itself relies on it at run time: an unknown value in
 * preview throws UnknownValueError, which the analyzer server turns into an advisory
 * "can't run during preview". Rules must let that error reach the server.
 */
interface ProxyModule {
  UnknownValueError: new (sentinel: string, props: string[]) => Error;
  unknownCheckingProxy<T extends object>(value: T): T;
  unknownStringValue: string;
  unknownNumberValue: string;
  unknownBooleanValue: string;
  unknownArrayValue: string;
  unknownObjectValue: string;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("@pulumi/policy/proxy") as ProxyModule;

export function isUnknownValueError(e: unknown): e is Error {
  return e instanceof proxy.UnknownValueError;
}

export const unknownCheckingProxy = proxy.unknownCheckingProxy;

/** The sentinels the engine sends for values unknown during preview. */
export const UNKNOWN_SENTINELS = {
  string: proxy.unknownStringValue,
  number: proxy.unknownNumberValue,
  boolean: proxy.unknownBooleanValue,
  array: proxy.unknownArrayValue,
  object: proxy.unknownObjectValue,
} as const;
