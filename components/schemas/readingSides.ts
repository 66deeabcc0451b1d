/** Which schema version reads and which wrote, as the compatibility direction being checked sees them. */
export interface ReadingSides {
  readonly reader: "new" | "old";
  readonly writer: "new" | "old";
  /** The direction's name, as Confluent calls it: backward reads old data with the new schema, forward the reverse. */
  readonly mode: "backward" | "forward";
}
