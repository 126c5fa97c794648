// @chancery/sdk — the one implementation of Open Badges for Chancery: used by the app, the
// gateway, the scripts and the tests.
export * from "./chain/index.ts";
export { badgeRegistryAbi } from "./generated/abi.ts";
export { deployments } from "./generated/deployments.ts";
