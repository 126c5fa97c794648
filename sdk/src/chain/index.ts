export * from "./errors.ts";
export * from "./registry.ts";
export * from "./issuing.ts";
