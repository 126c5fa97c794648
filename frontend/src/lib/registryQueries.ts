// The registry lists live in the sdk (one implementation for the app, the gateway and the CLI).
export {
  findIssuersOf,
  type IssuedBadge,
  type IssuerClass,
  type IssuerMembership,
  isRegistryAuthority,
  listIssuedBadges,
  listIssuerClasses,
  listIssuers,
  readStatusReason,
} from "@chancery/sdk/chain";
