// The formats a review's report comes in. The names stand apart from the reports themselves so that the
// command line can offer them without loading a report (reviewReports.ts).
export const REVIEW_FORMATS = ["text", "markdown", "json", "sarif", "junit"] as const;

export type ReviewFormat = (typeof REVIEW_FORMATS)[number];
