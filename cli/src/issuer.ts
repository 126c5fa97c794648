// `chancery issuer register`, `issuer add-key`, `class create` and `revoke`.
import { readFileSync, statSync } from "node:fs";
import { extname } from "node:path";
import { badgeRegistryAbi } from "@chancery/sdk/abi";
import { STATUS_LIST_LENGTH } from "@chancery/sdk/anchor";
import {
  addIssuerKey,
  createBadgeClass,
  REVOCATION_REASONS,
  type RevocationReasonName,
  readIssuer,
  rebuildRevokedEntries,
  registerIssuer,
  republishStatusList,
  revokeAndPublish,
} from "@chancery/sdk/chain";
import { buildOb3Achievement, buildRegisteredIssuerProfile } from "@chancery/sdk/documents";
import { badgeArtPng, hueOf, initialsOf, locateBadge, parseImageDataUri, toDataUri } from "@chancery/sdk/hosted";
import { normalizeBytes32 } from "@chancery/sdk/ids";
import { batchStatusListUrl, issuerProfileId, ob2BadgeClassUrl, ob2IssuerUrl, statusListUrl } from "@chancery/sdk/urls";
import { type Hex, zeroHash } from "viem";
import { CliError, type Connection } from "./connect.ts";
import { issuerSigningKey, loadClass } from "./issuing.ts";

/** The registry's limit for an Open Badges document (profile or class JSON). */
const MAX_DOCUMENT_BYTES = 16_384;

function byteLength(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

/** A PNG or SVG file as a data: URI, small enough to travel in the document on chain. */
export function imageFileToDataUri(path: string, budget: number): string {
  const size = statSync(path).size;
  if (size > budget)
    throw new CliError(
      `${path} is ${size} bytes: a document on chain holds at most ${MAX_DOCUMENT_BYTES} bytes in all. Use a smaller PNG or SVG (about ${Math.floor(budget / 1024)} kB at most).`,
      2,
    );
  const ext = extname(path).toLowerCase();
  const type = ext === ".png" ? "image/png" : ext === ".svg" ? "image/svg+xml" : undefined;
  if (!type) throw new CliError(`${path}: the image must be a .png or an .svg file.`, 2);
  const uri = toDataUri(type, new Uint8Array(readFileSync(path)));
  if (!parseImageDataUri(uri))
    throw new CliError(`${path} is not a ${type === "image/png" ? "PNG" : "safe SVG (no scripts, no external references)"} image.`, 2);
  return uri;
}

async function nextId(conn: Connection, functionName: "issuerCount" | "badgeClassCount"): Promise<number> {
  return Number(await conn.client.readContract({ address: conn.registry, abi: badgeRegistryAbi, functionName })) + 1;
}

export async function registerIssuerCommand(
  conn: Connection,
  options: { name: string; url: string; email?: string; description?: string; image?: string },
) {
  const admin = conn.account;
  if (!admin) throw new CliError("Registering an issuer needs a wallet: its address becomes the issuer's admin.");
  // The profile names its own ids (as the app does); registration takes the next issuer id.
  const guess = await nextId(conn, "issuerCount");
  // The gateway's host goes on chain in verification.allowedOrigins: verifiers fetch hosted assertions only from there.
  const profile = buildRegisteredIssuerProfile(
    {
      issuerId: guess,
      name: options.name,
      url: options.url,
      ...(options.email ? { email: options.email } : {}),
      ...(options.description ? { description: options.description } : {}),
      ...(options.image ? { image: imageFileToDataUri(options.image, 14_000) } : {}),
    },
    conn.gatewayBase,
    { chainId: conn.chainId, registry: conn.registry },
  );
  const size = byteLength(profile);
  if (size > MAX_DOCUMENT_BYTES)
    throw new CliError(
      `The profile is ${size} bytes; the registry takes at most ${MAX_DOCUMENT_BYTES}. Use a smaller image or description.`,
      2,
    );
  let issuerId: number;
  let hash: Hex;
  try {
    ({ issuerId, hash } = await registerIssuer(conn.ctx, profile));
  } catch (error) {
    throw CliError.from(error);
  }
  // The issuer's Ed25519 key for OB 3.0 proofs, derived from the admin wallet's signature.
  const key = await issuerSigningKey(conn, issuerId, { mustBeRegistered: false });
  try {
    await addIssuerKey(conn.ctx, issuerId, key.publicKeyHex);
  } catch (error) {
    throw new CliError(
      `Issuer #${issuerId} is registered, but its signing key could not be added: ${(error as Error).message} Run: chancery issuer add-key --issuer ${issuerId}`,
    );
  }
  return {
    issuerId,
    admin,
    transactionHash: hash,
    publicKeyMultibase: key.publicKeyMultibase,
    ob3Profile: issuerProfileId(conn.gatewayBase, { chainId: conn.chainId, registry: conn.registry }, issuerId),
    ob2Profile: ob2IssuerUrl(conn.gatewayBase, conn.chainId, issuerId),
  };
}

export async function addKeyCommand(conn: Connection, options: { issuerId: number; publicKey?: string }) {
  const publicKey = options.publicKey
    ? normalizeBytes32(options.publicKey, "--public-key", true)
    : (await issuerSigningKey(conn, options.issuerId, { mustBeRegistered: false })).publicKeyHex;
  try {
    await addIssuerKey(conn.ctx, options.issuerId, publicKey);
  } catch (error) {
    throw CliError.from(error);
  }
  return { issuerId: options.issuerId, publicKey };
}

export async function createClassCommand(
  conn: Connection,
  options: {
    issuerId: number;
    name: string;
    description: string;
    criteria?: string;
    criteriaUrl?: string;
    image?: string;
    tags?: string[];
    type?: string;
  },
) {
  if (!options.criteria && !options.criteriaUrl)
    throw new CliError("Say how the badge is earned: --criteria TEXT and/or --criteria-url URL.", 2);
  try {
    await readIssuer(conn.ctx, options.issuerId);
  } catch {
    throw new CliError(`Issuer #${options.issuerId} is not registered on chain ${conn.chainId}.`);
  }
  const guess = await nextId(conn, "badgeClassCount");
  // Without an image file, the class gets a medallion drawn from its name (a small PNG).
  const image = options.image
    ? imageFileToDataUri(options.image, 13_000)
    : toDataUri("image/png", badgeArtPng({ initials: initialsOf(options.name), hue: hueOf(options.name), size: 96 }));
  const achievement = buildOb3Achievement(
    {
      name: options.name,
      description: options.description,
      criteria: {
        ...(options.criteria ? { narrative: options.criteria } : {}),
        ...(options.criteriaUrl ? { id: options.criteriaUrl } : {}),
      },
      image,
      ...(options.tags?.length ? { tags: options.tags } : {}),
      achievementType: options.type ?? "Badge",
    },
    ob2BadgeClassUrl(conn.gatewayBase, conn.chainId, guess),
  );
  const size = byteLength(achievement);
  if (size > MAX_DOCUMENT_BYTES)
    throw new CliError(
      `The badge class is ${size} bytes; the registry takes at most ${MAX_DOCUMENT_BYTES}. Use a smaller image or shorter texts.`,
      2,
    );
  try {
    const { classId, hash } = await createBadgeClass(conn.ctx, options.issuerId, achievement);
    return {
      classId,
      issuerId: options.issuerId,
      transactionHash: hash,
      ob2BadgeClass: ob2BadgeClassUrl(conn.gatewayBase, conn.chainId, classId),
    };
  } catch (error) {
    throw CliError.from(error);
  }
}

export async function revokeCommand(conn: Connection, options: { uid: string; reason: string; code?: string }) {
  const uid = normalizeBytes32(options.uid, "the badge uid", true);
  const code = (options.code ?? "unspecified") as RevocationReasonName;
  if (!REVOCATION_REASONS.includes(code)) throw new CliError(`--code must be one of ${REVOCATION_REASONS.join(", ")}.`, 2);
  if (!options.reason?.trim()) throw new CliError("Give the reason the learner and verifiers will read: --reason TEXT.", 2);
  const latest = await conn.client.getBlockNumber();
  const badge = await locateBadge(conn.ctx, uid, { scan: { fromBlock: conn.deployedOnBlock, toBlock: latest } });
  if (!badge) throw new CliError(`No badge ${uid} is recorded by registry ${conn.registry} on chain ${conn.chainId}.`);
  if (badge.status.revokedAt) throw new CliError(`Badge ${uid} is already revoked (revocation is final).`);
  // The badge's status list (what verifiers that do not read the chain see) says revoked in the same
  // transaction: the list is signed with the issuer's key, derived from this wallet.
  const signingKey = await issuerSigningKey(conn, badge.status.issuerId);
  try {
    const { hash } = await revokeAndPublish(
      conn.ctx,
      {
        uid,
        reason: options.reason.trim(),
        code,
        ...(badge.batchId ? { batch: { batchId: badge.batchId, proof: badge.proof ?? [] } } : {}),
      },
      { gatewayBase: conn.gatewayBase, deployment: { chainId: conn.chainId, registry: conn.registry }, signingKey },
    );
    return { uid, issuerId: badge.status.issuerId, batchId: badge.batchId ?? zeroHash, transactionHash: hash, code };
  } catch (error) {
    throw CliError.from(error);
  }
}

/**
 * `chancery class publish-status`: signs and publishes a status list of a class (or of one of its
 * Merkle batches) as the chain has it, rebuilt from the registry alone — what the gateway asks for
 * when a list is behind (X-Chancery-Status-List: behind), e.g. after a revocation sent without it.
 */
export async function publishStatusCommand(conn: Connection, options: { classId: number; list?: number; batchId?: string }) {
  const klass = await loadClass(conn, options.classId);
  const signingKey = await issuerSigningKey(conn, klass.issuerId);
  const target = options.batchId
    ? { issuerId: klass.issuerId, batchId: normalizeBytes32(options.batchId, "--batch", true) }
    : { issuerId: klass.issuerId, classId: options.classId, statusIndex: (options.list ?? 0) * STATUS_LIST_LENGTH };
  const deployment = { chainId: conn.chainId, registry: conn.registry };
  try {
    const { hash } = await republishStatusList(conn.ctx, target, { gatewayBase: conn.gatewayBase, deployment, signingKey });
    const revoked = await rebuildRevokedEntries(conn.ctx, target);
    const listUrl = options.batchId
      ? batchStatusListUrl(conn.gatewayBase, deployment, klass.issuerId, target.batchId as Hex)
      : statusListUrl(conn.gatewayBase, deployment, klass.issuerId, options.classId, options.list ?? 0);
    return { classId: options.classId, issuerId: klass.issuerId, listUrl, revokedEntries: revoked.length, transactionHash: hash };
  } catch (error) {
    throw CliError.from(error);
  }
}
