// A fake viem public client answering the registry reads the app makes, from an in-memory state.
// It stands at the app's boundary (the RPC): the sdk's real chain client runs on top of it.
import { type Address, type Hex, HttpRequestError, keccak256, type PublicClient, toHex } from "viem";

export const REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3" as Address;
export const ADMIN = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" as Address;
export const LEARNER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC" as Address;
export const AUTHORITY = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266" as Address;
const ZERO = "0x0000000000000000000000000000000000000000";
const ZERO32 = `0x${"0".repeat(64)}` as Hex;
const ROLE = keccak256(toHex("REGISTRY_AUTHORITY_ROLE"));

export type FakeIssuer = {
  issuerId: number;
  admin: Address;
  name: string;
  url?: string;
  status?: 1 | 2 | 3;
  reason?: string;
  statusChangedAt?: number;
};
export type FakeClass = { classId: number; issuerId: number; content: Record<string, unknown>; retired?: boolean };
export type FakeBadge = {
  uid: Hex;
  issuerId: number;
  classId: number;
  recipient?: Address;
  issuedAt: number;
  expiresAt?: number;
  revokedAt?: number;
  reason?: string;
  erased?: boolean;
  block?: number;
};
export type FakeState = {
  issuers?: FakeIssuer[];
  classes?: FakeClass[];
  badges?: FakeBadge[];
  keys?: Record<number, Hex[]>;
  authorities?: Address[];
  chainId?: number;
  down?: boolean;
  notDeployed?: boolean;
  /** Reads that fail (by function or event name) with this message. */
  failing?: Record<string, string>;
};

export function uid(n: number): Hex {
  return `0x${n.toString(16).padStart(64, "0")}` as Hex;
}

const profileHash = (i: FakeIssuer) => keccak256(toHex(JSON.stringify({ name: i.name })));
const profileJson = (i: FakeIssuer) =>
  JSON.stringify({
    id: `https://gw.example/ob3/issuers/31337/${REGISTRY}/${i.issuerId}`,
    type: ["Profile"],
    name: i.name,
    url: i.url ?? "https://issuer.example",
  });
const issuerRecord = (i: FakeIssuer) => ({
  admin: i.admin,
  pendingAdmin: ZERO,
  status: i.status ?? 1,
  accredited: i.status === 2,
  statusChangedAt: i.statusChangedAt ?? 0,
  statusChangedBlock: i.statusChangedAt ? 9 : 0,
  profileHash: profileHash(i),
  profileBlock: 2,
});
const same = (a: unknown, b: unknown) => String(a).toLowerCase() === String(b).toLowerCase();

export function fakeClient(state: FakeState): PublicClient & { calls: string[] } {
  const issuers = state.issuers ?? [];
  const classes = state.classes ?? [];
  const badges = state.badges ?? [];
  const calls: string[] = [];
  const guard = (name: string) => {
    calls.push(name);
    if (state.down) throw new HttpRequestError({ url: "http://127.0.0.1:8545" });
    if (state.failing?.[name]) throw new Error(state.failing[name]);
  };
  const status = (b: FakeBadge) => {
    const issuer = issuers.find((i) => i.issuerId === b.issuerId);
    return {
      exists: true,
      issuerId: b.issuerId,
      issuerStatus: issuer?.status ?? 1,
      classId: b.classId,
      classHash: ZERO32,
      classRetired: false,
      batchId: ZERO32,
      issuedAt: b.issuedAt,
      issuedBlock: b.block ?? 5,
      expiresAt: b.expiresAt ?? 0,
      revokedAt: b.revokedAt ?? 0,
      revokedBlock: b.revokedAt ? 7 : 0,
      revocationReason: b.revokedAt ? 1 : 0,
      erased: !!b.erased,
      keyValidAtIssue: false,
    };
  };
  const client = {
    calls,
    chain: { id: state.chainId ?? 31337 },
    async getChainId() {
      guard("getChainId");
      return state.chainId ?? 31337;
    },
    async getCode() {
      guard("getCode");
      return state.notDeployed ? "0x" : "0x6080604052";
    },
    async getBlockNumber() {
      guard("getBlockNumber");
      return 100n;
    },
    async getTransaction() {
      guard("getTransaction");
      // An issuing call the readers cannot decode: its way of issue reads "unknown".
      return { input: "0x" };
    },
    async getBlock() {
      guard("getBlock");
      // The chain's time is the wall clock here (readChainNow takes the later of the two).
      return { number: 100n, timestamp: BigInt(Math.floor(Date.now() / 1000)) };
    },
    async readContract({ functionName, args = [] }: { functionName: string; args?: readonly unknown[] }) {
      guard(functionName);
      switch (functionName) {
        case "issuerCount":
          return issuers.length;
        case "badgeClassCount":
          return classes.length;
        case "getIssuer": {
          const i = issuers.find((x) => x.issuerId === Number(args[0]));
          if (!i) throw new Error(`IssuerRegistryUnknownIssuer(${args[0]})`);
          return issuerRecord(i);
        }
        case "getIssuers": {
          // One page of records in id order from `fromId`, and the total (as the registry answers).
          const fromId = Number(args[0]);
          const page = issuers.filter((i) => i.issuerId >= fromId).sort((a, b) => a.issuerId - b.issuerId);
          return [page.slice(0, Number(args[1])).map(issuerRecord), issuers.length];
        }
        case "getSigners": {
          const i = issuers.find((x) => x.issuerId === Number(args[0]))!;
          return [[i.admin], [{ validFrom: 1_700_000_000, validUntil: 0 }]];
        }
        case "getKeys": {
          const keys = state.keys?.[Number(args[0])] ?? [];
          return [keys, keys.map(() => ({ validFrom: 1_700_000_000, validUntil: 0 }))];
        }
        case "getBadgeClass": {
          const c = classes.find((x) => x.classId === Number(args[0]));
          if (!c) throw new Error(`BadgeRegistryUnknownClass(${args[0]})`);
          return {
            issuerId: c.issuerId,
            previousVersion: 0,
            createdAt: 1_700_000_000,
            createdBlock: 3,
            retired: !!c.retired,
            contentHash: ZERO32,
          };
        }
        case "verifyAssertion":
        case "getAssertion": {
          const b = badges.find((x) => same(x.uid, args[0]));
          if (!b)
            return {
              ...status({ uid: ZERO32, issuerId: 0, classId: 0, issuedAt: 0 }),
              exists: false,
              issuerId: 0,
              classId: 0,
              issuedAt: 0,
            };
          return status(b);
        }
        case "REGISTRY_AUTHORITY_ROLE":
          return ROLE;
        case "hasRole":
          return (state.authorities ?? []).some((a) => same(a, args[1]));
        default:
          throw new Error(`fake client: no readContract ${functionName}`);
      }
    },
    async getContractEvents({ eventName, args = {} }: { eventName: string; args?: Record<string, unknown> }) {
      guard(eventName);
      const log = (a: Record<string, unknown>, blockNumber = 5n) => ({
        args: a,
        blockNumber,
        transactionHash: ZERO32,
        logIndex: 0,
        eventName,
      });
      switch (eventName) {
        case "IssuerRegistered":
          return issuers
            .filter(
              (i) =>
                (args.admin === undefined || same(i.admin, args.admin)) && (args.issuerId === undefined || i.issuerId === args.issuerId),
            )
            .map((i) => log({ issuerId: i.issuerId, admin: i.admin, profileHash: profileHash(i), profile: profileJson(i) }, 2n));
        case "BadgeClassCreated":
          return classes
            .filter(
              (c) =>
                (args.issuerId === undefined || c.issuerId === args.issuerId) && (args.classId === undefined || c.classId === args.classId),
            )
            .map((c) =>
              log(
                { classId: c.classId, issuerId: c.issuerId, previousVersion: 0, contentHash: ZERO32, content: JSON.stringify(c.content) },
                3n,
              ),
            );
        case "BadgeClassRetired":
          return classes
            .filter((c) => c.retired && (args.issuerId === undefined || c.issuerId === args.issuerId))
            .map((c) => log({ classId: c.classId, issuerId: c.issuerId }));
        case "AssertionIssued":
          return badges
            .filter((b) => args.issuerId === undefined || b.issuerId === args.issuerId)
            .map((b) => log({ uid: b.uid, issuerId: b.issuerId, recipient: b.recipient ?? ZERO }, BigInt(b.block ?? 5)));
        case "AssertionRevoked":
          return badges
            .filter(
              (b) =>
                b.revokedAt &&
                (args.issuerId === undefined || b.issuerId === args.issuerId) &&
                (args.uid === undefined || same(b.uid, args.uid)),
            )
            .map((b) => log({ uid: b.uid, issuerId: b.issuerId, reasonCode: 1, reason: b.reason ?? "" }, 7n));
        case "IssuerSuspended":
          return issuers
            .filter((i) => i.status === 3 && i.issuerId === args.issuerId)
            .map((i) => log({ issuerId: i.issuerId, authority: AUTHORITY, reason: i.reason ?? "" }, 9n));
        default:
          return [];
      }
    },
    async getLogs({ args = {} }: { args?: Record<string, unknown> }) {
      guard("getLogs");
      return badges
        .filter((b) => b.recipient && same(b.recipient, args.recipient))
        .map((b) => ({
          eventName: "AssertionIssued",
          args: { uid: b.uid, issuerId: b.issuerId, recipient: b.recipient },
          blockNumber: BigInt(b.block ?? 5),
          transactionHash: ZERO32,
        }));
    },
  };
  return client as unknown as PublicClient & { calls: string[] };
}

export const BADGE_IMAGE = "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=";

export function achievement(name: string): Record<string, unknown> {
  return {
    id: "https://gw.example/ob2/badges/31337/1",
    type: ["Achievement"],
    name,
    description: `Awarded for ${name}.`,
    criteria: { narrative: "Passed." },
    image: { id: BADGE_IMAGE, type: "Image" },
    tag: ["data"],
  };
}
