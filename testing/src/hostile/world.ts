// The world the hostile corpus attacks, built once per test file: a real Hardhat node with the real
// registry, the demo university (accredited) and its genuine badges in every shape, a cloned
// registry where an impostor under the same name accredited itself, impostors registered under
// look-alike names on the real registry, and the attacker's HTTP host and RPC proxies on loopback.
import { type AnchoredBadge, anchorBadge, anchorMerkleBatch, type PreparedBadge, prepareBadge } from "@chancery/sdk/award";
import { accreditIssuer, readAssertionStatus, revokeBadge, updateIssuerProfile, type WriteContext } from "@chancery/sdk/chain";
import {
  buildHostedAssertion,
  buildHostedAssertionFromCredential,
  buildHostedBadgeClass,
  buildHostedIssuer,
  type LocatedBadge,
} from "@chancery/sdk/hosted";
import { ob2AssertionUrl } from "@chancery/sdk/urls";
import { type Address, type Hex, keccak256, toHex } from "viem";
import { freePort, startTestChain, type TestChain } from "../chain.ts";
import { setUpIssuer, type TestIssuer } from "../issuer.ts";
import { type HostileHost, startHostileHost } from "./hosts.ts";
import { deployClonedRegistry } from "./registry.ts";
import { type HostileRpc, startHostileRpc } from "./rpc.ts";

export const UNIVERSITY = "Université Exemple";
export const APP = "https://app.example.org";
/** An attacker's public https origin; the world's `fetch` serves it from the loopback attacker host. */
export const ATTACKER_ORIGIN = "https://attacker.chancery-test.example";
/** The gateway origin the `gw` issuer's on-chain profile allows; served from the attacker host under /gw. */
export const GATEWAY_ORIGIN = "https://gw.chancery-test.example";
/** Look-alike names an impostor registers on the real registry (all must be flagged). */
export const LOOKALIKE_NAMES = [
  UNIVERSITY,
  "UNIVERSITÉ EXEMPLE",
  "  Université   Exemple ",
  "Universite\u0301 Exemple", // NFD: the accent as a combining mark
  "Université-Exemple.",
] as const;

export type Batch = { batchId: Hex; badges: (PreparedBadge & { proof: Hex[] })[] };
export type IssuerWorld = TestIssuer & {
  name: string;
  ctx: WriteContext;
  plain: AnchoredBadge;
  published: AnchoredBadge;
};

export type World = {
  chain: TestChain;
  /** The real registry: the one trusted (passed as `trust`, as a user would). */
  trusted: { chainId: number; registry: Address; deployedOnBlock: bigint };
  uni: IssuerWorld & { published2: AnchoredBadge; revoked: AnchoredBadge; unanchored: PreparedBadge; batch: Batch; batch2: Batch };
  clone: { chain: TestChain; issuer: IssuerWorld; batch: Batch };
  impostors: IssuerWorld[];
  /** An issuer whose on-chain profile allows GATEWAY_ORIGIN for its hosted badges (its gateway turned hostile). */
  gw: IssuerWorld & { revoked: AnchoredBadge };
  /**
   * A fetch that serves ATTACKER_ORIGIN and GATEWAY_ORIGIN from the loopback attacker host (name
   * resolution and TLS are the only parts not real) and everything else as globalThis.fetch.
   */
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
  host: HostileHost;
  rpc: HostileRpc;
  /** An RPC URL nobody listens on. */
  downRpc: string;
  /** The genuine OB 2.0 hosted documents of a badge (default `uni.plain`), as a gateway at `gatewayBase` would serve them. */
  hostedDocs: (
    gatewayBase: string,
    badge?: PreparedBadge,
    issuer?: IssuerWorld,
  ) => { assertion: Record<string, unknown>; badgeClass: Record<string, unknown>; issuer: Record<string, unknown> };
  stop: () => Promise<void>;
};

async function issuerWorld(chain: TestChain, walletIndex: number, name: string): Promise<IssuerWorld> {
  const issuer = await setUpIssuer(chain, { walletIndex, name });
  const plain = await anchorBadge(issuer.admin, await prepareBadge(issuer.award(), issuer.signingKey), { classId: issuer.classId });
  const published = await anchorBadge(issuer.admin, await prepareBadge(issuer.award(), issuer.signingKey), {
    classId: issuer.classId,
    publish: { appBase: APP },
  });
  return { ...issuer, name, ctx: issuer.admin, plain, published };
}

async function batchOf(issuer: TestIssuer, label: string, size: number): Promise<Batch> {
  const key = keccak256(toHex(`${label} ${issuer.issuerId}`));
  const awards = Array.from({ length: size }, (_, i) => issuer.award({ recipient: { email: `learner${i}@example.org` } }));
  // The batch is named by a key of the issuer's (`batchKey`, namespaced by the registry) or, before
  // batch ids were namespaced, by the id itself (`batchId`): pass both, read back the id.
  const batch = { classId: issuer.classId, batchKey: key, batchId: key, signingKey: issuer.signingKey, awards };
  const anchored = (await anchorMerkleBatch(issuer.admin, batch as never)) as { badges: Batch["badges"]; batchId?: Hex };
  return { batchId: anchored.batchId ?? key, badges: anchored.badges };
}

export async function buildWorld(): Promise<World> {
  const chain = await startTestChain();
  const stops: (() => Promise<void>)[] = [chain.stop];
  try {
    const authority: WriteContext = { client: chain.publicClient, registry: chain.registry, wallet: chain.wallets[0] };
    const base = await issuerWorld(chain, 1, UNIVERSITY);
    await accreditIssuer(authority, base.issuerId, UNIVERSITY);
    const published2 = await anchorBadge(base.admin, await prepareBadge(base.award(), base.signingKey), {
      classId: base.classId,
      publish: { appBase: APP },
    });
    const revoked = await anchorBadge(base.admin, await prepareBadge(base.award(), base.signingKey), { classId: base.classId });
    await revokeBadge(base.admin, { uid: revoked.uid, reason: "Awarded by mistake", code: "issued-in-error" });
    const unanchored = await prepareBadge(base.award({ recipient: { email: "mallory@example.org" } }), base.signingKey);
    const uni = {
      ...base,
      published2,
      revoked,
      unanchored,
      batch: await batchOf(base, "cohort A", 3),
      batch2: await batchOf(base, "cohort B", 2),
    };

    // The clone: deployed by wallet #2, who registers as the university there and accredits itself.
    const cloneChain = await deployClonedRegistry(chain, 2);
    const cloneIssuer = await issuerWorld(cloneChain, 2, UNIVERSITY);
    await accreditIssuer(
      { client: chain.publicClient, registry: cloneChain.registry, wallet: chain.wallets[2] },
      cloneIssuer.issuerId,
      UNIVERSITY,
    );
    const clone = { chain: cloneChain, issuer: cloneIssuer, batch: await batchOf(cloneIssuer, "clone cohort", 2) };

    // Impostors on the real registry, self-declared, under the university's name and look-alikes.
    const impostors: IssuerWorld[] = [];
    const impostorWallets = [3, 4, 6, 7, 8];
    for (const [i, name] of LOOKALIKE_NAMES.entries()) impostors.push(await issuerWorld(chain, impostorWallets[i] ?? 9, name));

    // An issuer that declares its gateway on chain, as hosted verification requires.
    const gwBase = await issuerWorld(chain, 9, "Institut Passerelle");
    const gwHost = new URL(GATEWAY_ORIGIN).host;
    await updateIssuerProfile(gwBase.admin, gwBase.issuerId, {
      type: "Profile",
      name: "Institut Passerelle",
      url: GATEWAY_ORIGIN,
      verification: { allowedOrigins: [gwHost] },
    });
    const gwRevoked = await anchorBadge(gwBase.admin, await prepareBadge(gwBase.award(), gwBase.signingKey), { classId: gwBase.classId });
    await revokeBadge(gwBase.admin, { uid: gwRevoked.uid, reason: "Awarded by mistake", code: "issued-in-error" });
    const gw = { ...gwBase, revoked: gwRevoked };

    const host = await startHostileHost();
    stops.push(host.stop);
    const rpc = await startHostileRpc(chain.rpcUrl);
    stops.push(rpc.stop);
    const downRpc = `http://127.0.0.1:${await freePort()}`;

    // The gateway's view of an anchored badge is the chain's record (what its unkeyed URL serves).
    const located = new Map<string, LocatedBadge>();
    for (const badge of [uni.plain, uni.published, uni.revoked, gw.plain, gw.published, gw.revoked]) {
      const status = await readAssertionStatus({ client: chain.publicClient, registry: chain.registry }, { uid: badge.uid });
      located.set(badge.uid, { uid: badge.uid, status, ...(badge.recipient ? { recipient: badge.recipient } : {}) });
    }
    const hostedDocs = (gatewayBase: string, badge: PreparedBadge = uni.plain, by: IssuerWorld = uni) => {
      const onChain = located.get(badge.uid);
      const assertion = (
        onChain
          ? buildHostedAssertion({ gatewayBase, chainId: chain.chainId, badge: onChain })
          : buildHostedAssertionFromCredential(badge.credential as never, {
              gatewayBase,
              chainId: chain.chainId,
              uid: badge.uid,
              classId: by.classId,
              id: ob2AssertionUrl(gatewayBase, chain.chainId, badge.uid),
            })
      ) as Record<string, unknown>;
      const badgeClass = buildHostedBadgeClass({
        gatewayBase,
        chainId: chain.chainId,
        classId: by.classId,
        issuerId: by.issuerId,
        content: { type: ["Achievement"], name: "Data Literacy I" },
      });
      const issuer = buildHostedIssuer({
        gatewayBase,
        chainId: chain.chainId,
        issuerId: by.issuerId,
        profile: { type: "Profile", name: by.name },
      });
      return { assertion, badgeClass: badgeClass as Record<string, unknown>, issuer: issuer as Record<string, unknown> };
    };

    return {
      chain,
      trusted: { chainId: chain.chainId, registry: chain.registry, deployedOnBlock: chain.deployedOnBlock },
      uni,
      clone,
      impostors,
      gw,
      fetch: (url, init) => {
        const mapped = url.startsWith(ATTACKER_ORIGIN)
          ? host.origin + url.slice(ATTACKER_ORIGIN.length)
          : url.startsWith(GATEWAY_ORIGIN)
            ? `${host.origin}/gw${url.slice(GATEWAY_ORIGIN.length)}`
            : url;
        return globalThis.fetch(mapped, init);
      },
      host,
      rpc,
      downRpc,
      hostedDocs,
      stop: async () => {
        for (const stop of stops.reverse()) await stop().catch(() => undefined);
      },
    };
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw error;
  }
}
