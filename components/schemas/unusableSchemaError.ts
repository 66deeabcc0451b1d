/** Thrown when a schema cannot be parsed at all; its message says why, as a manifest error or `meshkit compat` prints it. */
export class UnusableSchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnusableSchemaError";
  }
}
