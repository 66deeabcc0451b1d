// meshkit's own pure functions, compiled (dist/, built by `npm ci` or the bench's `npm run build`): the
// peer takes names, burn-rate windows, schema fields, Glue columns and DQDL from them, so both tools
// build the same values by construction rather than from a second copy. None of these modules loads
// @pulumi/pulumi; the components that do (domainBudget.js, dataQualityRules.js …) are not loaded.
import { createRequire } from "node:module";

const require = createRequire(new URL("../../dist/", import.meta.url));

export const conventions = require("./conventions");
export const { KMS_TOPIC_PUBLISHING } = require("./components/policy/kmsActions");
export const { burnRateAlarmPairs, staleMinuteExpression } = require("./components/observability/burnRateWindows");
export const { dqdlRuleset } = require("./components/observability/dqdl");
export const { qualityScoreEventPattern } = require("./components/observability/qualityEventPattern");
export const { schemaFields } = require("./components/schemas/schemaFields");
export const { glueColumn, tableColumns } = require("./components/catalog/hiveColumns");
