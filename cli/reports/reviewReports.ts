// Each review format's report (the names: reviewFormats.ts).
import type { Review } from "../review/model";
import { jsonReport } from "./json";
import { junitReport } from "./junit";
import { markdownReport } from "./markdown";
import type { ReviewFormat } from "./reviewFormats";
import { sarifReport } from "./sarif";
import { textReport } from "./text";

export const REVIEW_REPORTS: Record<ReviewFormat, (r: Review) => string> = {
  text: textReport,
  markdown: markdownReport,
  json: jsonReport,
  sarif: sarifReport,
  junit: junitReport,
};
