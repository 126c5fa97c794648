export * from "./errors.ts";
export * from "./registry.ts";
export * from "./issuing.ts";
export * from "./delegation.ts";
export * from "./queries.ts";
export * from "./authority.ts";
export * from "./batched.ts";
export * from "./signingKey.ts";
