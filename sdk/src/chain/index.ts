export * from "./errors.ts";
export * from "./registry.ts";
export * from "./issuing.ts";
export * from "./delegation.ts";
