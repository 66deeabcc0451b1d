export * from "./schema";
export * from "./errors";
export * from "./load";
export * from "./platform";
export * from "./jsonSchema";
export * from "./productSchemaFile";
export * from "./stackManifests";
export * from "./nameCollisions";
