// The registry lists live in the sdk (one implementation for the app, the gateway and the CLI).
export {
  findIssuersOf,
  isRegistryAuthority,
  listIssuedBadges,
  listIssuerClasses,
  listIssuers,
  readStatusReason,
  type IssuedBadge,
  type IssuerClass,
  type IssuerMembership,
} from "@chancery/sdk/chain";
