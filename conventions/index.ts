/**
 * What meshkit's blueprints and its policy pack must agree on, in one place so they cannot drift.
 * Dependency-free: the policy pack imports it without importing any component.
 */
export * from "./tags";
export * from "./classification";
export * from "./environments";
export * from "./naming";
export * from "./taggable";
export * from "./layout";
export * from "./workspace";
export * from "./storageClasses";
export * from "./calendar";
export * from "./changeReview";
export * from "./contracts";
export * from "./observability";
export * from "./schemaAnnotations";
