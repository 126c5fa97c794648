// @chancery/sdk — the one implementation of Open Badges for Chancery: used by the app, the
// gateway, the scripts and the tests.

export * from "./anchor/index.ts";
export * from "./award/index.ts";
export * from "./baking/index.ts";
export * from "./chain/index.ts";
export * from "./codecs/index.ts";
export * from "./crypto/index.ts";
export * from "./documents/index.ts";
export * from "./errors.ts";
export { badgeRegistryAbi } from "./generated/abi.ts";
export { deployments } from "./generated/deployments.ts";
export * from "./hosted/index.ts";
export * from "./ids.ts";
export * from "./links/index.ts";
export * from "./proofs/index.ts";
export * from "./urls.ts";
export * from "./verify/index.ts";
