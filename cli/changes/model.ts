// What the change review adds to a review: the base it compared with, the resource diff, the contract
// verdicts, and its rules and findings (which reports list with the packs').
import type { Finding, ReportPolicy } from "../review/model";
import type { ResourceChange } from "./resourceDiff";

export interface ContractChange {
  readonly domain: string;
  readonly product: string;
  readonly fromVersion: string;
  readonly toVersion: string;
  readonly compatibility: string;
  readonly compatible: boolean;
  readonly reasons: readonly string[];
}

export interface ChangeReview {
  readonly base: { readonly revision: string; readonly commit: string };
  readonly pack: { readonly name: string; readonly version: string };
  readonly policies: ReportPolicy[];
  readonly findings: Finding[];
  readonly resources: ResourceChange[];
  readonly contracts: ContractChange[];
}
