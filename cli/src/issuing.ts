// What every issuing command needs: the class and its issuer read back from the chain, the checks
// the registry would make (so a refusal is explained before anything is signed or sent), the
// issuer's wallet-derived Ed25519 key, and a transaction sender that reports its hash before
// waiting (so the journal of a CSV run knows about a transaction even if the run is killed).

import { badgeRegistryAbi } from "@chancery/sdk/abi";
import {
  type BadgeClassOnChain,
  deriveIssuerSigningKey,
  explainError,
  type IssuerOnChain,
  readBadgeClass,
  readChainNow,
  readIssuer,
} from "@chancery/sdk/chain";
import type { AchievementInput, IssuerInput } from "@chancery/sdk/documents";
import { achievementInputFromClass, badgeClassImages, issuerInputFromProfile } from "@chancery/sdk/hosted";
import type { Ed25519SigningKey } from "@chancery/sdk/proofs";
import { type RosterSecret, unlockRoster } from "@chancery/sdk/roster";
import { ob2IssuerUrl } from "@chancery/sdk/urls";
import { CliError, type Connection } from "./connect.ts";

export type ClassContext = {
  classId: number;
  issuerId: number;
  record: BadgeClassOnChain;
  issuer: IssuerOnChain;
  issuerInput: IssuerInput;
  achievement: AchievementInput;
  /** The class image (or a drawn medallion) that badges are baked into. */
  png: Uint8Array;
};

export async function loadClass(conn: Connection, classId: number): Promise<ClassContext> {
  let record: BadgeClassOnChain;
  try {
    record = await readBadgeClass(conn.ctx, classId);
  } catch (error) {
    throw new CliError(
      explainError(error).message.includes("UnknownClass") || /revert/i.test(String(error))
        ? `Badge class #${classId} does not exist on chain ${conn.chainId}.`
        : explainError(error).message,
    );
  }
  const issuer = await readIssuer(conn.ctx, record.issuerId);
  const issuerInput = issuerInputFromProfile(
    record.issuerId,
    issuer.profile,
    ob2IssuerUrl(conn.gatewayBase, conn.chainId, record.issuerId),
  );
  const achievement = achievementInputFromClass(record.content);
  const images = badgeClassImages({ name: achievement.name, classId, image: achievement.image });
  return { classId, issuerId: record.issuerId, record, issuer, issuerInput, achievement, png: images.png };
}

/** The registry's own checks, made before anything is signed so a refusal comes first. */
export async function checkCanIssue(conn: Connection, klass: ClassContext): Promise<void> {
  if (klass.record.retired)
    throw new CliError(`Badge class #${klass.classId} is retired and takes no new badges: issue from its latest version.`);
  if (klass.issuer.status === "suspended")
    throw new CliError(`Issuer #${klass.issuerId} is suspended by the registry authority and cannot issue.`);
  const account = conn.account;
  if (!account) throw new CliError("Issuing needs a wallet: set CHANCERY_PRIVATE_KEY (or use a local node's account).");
  const now = BigInt(await readChainNow(conn.ctx));
  const signer = await conn.client.readContract({
    address: conn.registry,
    abi: badgeRegistryAbi,
    functionName: "isSignerValidAt",
    args: [klass.issuerId, account, now],
  });
  if (!signer)
    throw new CliError(
      `Wallet ${conn.account} (${conn.keySource}) is not a current signer of issuer #${klass.issuerId}. Ask its admin to add it, or use the signer's key.`,
    );
}

/**
 * The issuer's Ed25519 signing key, derived from this wallet's signature over the documented
 * message (the sdk's one flow, so the same key the app derives), and checked to be registered
 * and valid on chain (at the chain's time: a local node may run ahead of the wall clock).
 */
export async function issuerSigningKey(
  conn: Connection,
  issuerId: number,
  options: { mustBeRegistered?: boolean } = {},
): Promise<Ed25519SigningKey> {
  const wallet = conn.wallet;
  if (!wallet)
    throw new CliError(
      "This command signs credentials: it needs a wallet (CHANCERY_PRIVATE_KEY, the keystore, or a local node's account).",
    );
  const { key, valid } = await deriveIssuerSigningKey(conn.ctx, {
    issuerId,
    signer: wallet,
    account: wallet.account ?? conn.account,
    chainId: conn.chainId,
    now: await readChainNow(conn.ctx),
  });
  if (options.mustBeRegistered !== false && !valid) {
    throw new CliError(
      `The signing key derived from wallet ${conn.account} (${key.publicKeyMultibase}) is not a valid key of issuer #${issuerId}. ` +
        `The issuer's admin registers it with: chancery issuer add-key --issuer ${issuerId} --public-key ${key.publicKeyHex}`,
    );
  }
  return key;
}

/**
 * The wallet's roster secret (one more local signature, sdk/roster): published badges get keys derived
 * from it and Merkle batches carry their names encrypted for it, so the app's console names them on any
 * device where this wallet signs — the same secret the app derives.
 */
export async function walletRoster(conn: Connection): Promise<RosterSecret> {
  const wallet = conn.wallet;
  if (!wallet) throw new CliError("Naming the badges for the console needs the issuing wallet (CHANCERY_PRIVATE_KEY, the keystore, …).");
  return unlockRoster(conn.ctx, { signer: wallet, account: wallet.account ?? conn.account, chainId: conn.chainId });
}
