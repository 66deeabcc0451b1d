// Types for the tests that generate a benchmark platform (tests/engine/sameResults.test.ts).
export const REPO: string;
export function domainName(i: number): string;
export function manifest(i: number, n: number): Record<string, unknown>;
export function generatePlatform(n: number, deployed?: number): string;
