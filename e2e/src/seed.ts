// Clients on the stack's chain for seeding data through the sdk (as the CLI or a script would).

import { badgeRegistryAbi } from "@chancery/sdk/abi";
import { type AnchoredBadge, anchorBadge, prepareBadge } from "@chancery/sdk/award";
import { addIssuerKey, createBadgeClass, deriveIssuerSigningKey, registerIssuer, type WriteContext } from "@chancery/sdk/chain";
import type { AchievementInput, AwardInput, IssuerInput } from "@chancery/sdk/documents";
import { buildOb3Achievement, buildRegisteredIssuerProfile } from "@chancery/sdk/documents";
import { badgeClassImages, toDataUri } from "@chancery/sdk/hosted";
import type { Ed25519SigningKey } from "@chancery/sdk/proofs";
import { ob2BadgeClassUrl } from "@chancery/sdk/urls";
import type { TestChain } from "@chancery/testing/chain";
import { type Address, createPublicClient, createWalletClient, http, type PublicClient, type WalletClient } from "viem";
import { hardhat } from "viem/chains";
import type { Stack } from "./stack.ts";

/** What the app writes into credentials when no VITE_GATEWAY_URL is set (the stack sets none). */
export const APP_GATEWAY = "http://127.0.0.1:8787";

/** The stack seen as a test chain (the shape of @chancery/testing/chain). */
export function chainOf(stack: Stack): TestChain {
  const chain = { ...hardhat, id: stack.chainId };
  const transport = http(stack.rpcUrl, { retryCount: 0 });
  // Reads may retry: the app's build can outlast the node's keep-alive, leaving a pooled socket the
  // node has closed ("fetch failed" on the first call). Writes never retry.
  const reads = http(stack.rpcUrl, { retryCount: 2, retryDelay: 100 });
  return {
    rpcUrl: stack.rpcUrl,
    chainId: stack.chainId,
    registry: stack.registry,
    deployedOnBlock: BigInt(stack.deployedOnBlock),
    publicClient: createPublicClient({ chain, transport: reads }) as PublicClient,
    wallets: stack.accounts.map((account) => createWalletClient({ account, chain, transport })) as WalletClient[],
    stop: stack.stop,
  };
}

/** A write context for one of the node's unlocked accounts. */
export function writerOf(stack: Stack, accountIndex: number): WriteContext {
  const chain = chainOf(stack);
  return {
    client: chain.publicClient,
    registry: chain.registry,
    deployedOnBlock: chain.deployedOnBlock,
    wallet: chain.wallets[accountIndex]!,
  };
}

export type SeededIssuer = {
  admin: WriteContext;
  issuerId: number;
  classId: number;
  issuer: IssuerInput;
  achievement: AchievementInput;
  signingKey: Ed25519SigningKey;
  /** An award of the class to `recipient`, ready for prepareBadge. */
  award: (recipient: AwardInput["recipient"], overrides?: Partial<AwardInput>) => AwardInput;
  /** Signs, anchors and publishes (encrypted, key in the share link) one badge. */
  issue: (recipient: AwardInput["recipient"], options?: { expiresAt?: Date; overrides?: Partial<AwardInput> }) => Promise<AnchoredBadge>;
};

/**
 * An institution registered the way the app registers one (same OB 3.0 Profile and Achievement
 * documents, images included), with its wallet-derived signing key registered: what the issuer
 * console would have left on chain. `accountIndex` is the Hardhat account that administers it.
 */
export async function seedIssuer(
  stack: Stack,
  options: {
    accountIndex: number;
    name: string;
    url?: string;
    className: string;
    classDescription?: string;
    tags?: string[];
    /** The class image as a data: URI (default: the sdk's medallion SVG). */
    classImage?: string;
  },
): Promise<SeededIssuer> {
  const admin = writerOf(stack, options.accountIndex);
  const deployment = { chainId: stack.chainId, registry: stack.registry };
  const issuerId =
    Number(await admin.client.readContract({ address: stack.registry, abi: badgeRegistryAbi, functionName: "issuerCount" })) + 1;
  const logo = badgeClassImages({ name: options.name, classId: 0 }).svg;
  const issuer: IssuerInput = {
    issuerId,
    name: options.name,
    url: options.url ?? "https://www.example.edu",
    email: "registrar@example.edu",
    description: `${options.name} awards micro-credentials for its professional programmes.`,
    image: toDataUri("image/svg+xml", logo),
  };
  const registered = await registerIssuer(admin, buildRegisteredIssuerProfile(issuer, APP_GATEWAY, deployment));
  if (registered.issuerId !== issuerId) throw new Error(`registered issuer #${registered.issuerId}, expected #${issuerId}`);

  const classCount = Number(
    await admin.client.readContract({ address: stack.registry, abi: badgeRegistryAbi, functionName: "badgeClassCount" }),
  );
  const art = badgeClassImages({ name: options.className, classId: classCount + 1 }).svg;
  const achievement: AchievementInput = {
    name: options.className,
    description: options.classDescription ?? `Awarded to learners who completed ${options.className}.`,
    criteria: { narrative: "Passed the final assessment with at least 70 %." },
    image: options.classImage ?? toDataUri("image/svg+xml", art),
    tags: options.tags ?? ["data", "skills"],
    achievementType: "Badge",
  };
  const { classId } = await createBadgeClass(
    admin,
    issuerId,
    buildOb3Achievement(achievement, ob2BadgeClassUrl(APP_GATEWAY, stack.chainId, classCount + 1)),
  );

  // The key the console derives: the wallet's signature over the sdk's fixed message.
  const { key: signingKey } = await deriveIssuerSigningKey(admin, { issuerId, signer: admin.wallet, chainId: stack.chainId });
  await addIssuerKey(admin, issuerId, signingKey.publicKeyHex);

  const award = (recipient: AwardInput["recipient"], overrides: Partial<AwardInput> = {}): AwardInput => ({
    issuer,
    achievement,
    recipient,
    validFrom: new Date(Date.now() - 60_000),
    deployment,
    gatewayBase: APP_GATEWAY,
    classId,
    ...overrides,
  });
  const issue = async (recipient: AwardInput["recipient"], opts: { expiresAt?: Date; overrides?: Partial<AwardInput> } = {}) => {
    const badge = await prepareBadge(
      award(recipient, { ...(opts.expiresAt ? { validUntil: opts.expiresAt } : {}), ...opts.overrides }),
      signingKey,
    );
    return anchorBadge(admin, badge, { classId, expiresAt: opts.expiresAt, publish: { appBase: stack.appUrl } });
  };
  return { admin, issuerId, classId, issuer, achievement, signingKey, award, issue };
}

/** The address of a Hardhat account. */
export function accountOf(stack: Stack, index: number): Address {
  return stack.accounts[index]!;
}
