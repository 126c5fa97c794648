/**
 * The credential published encrypted with a badge (AssertionPayloadPublished), sealed and opened in
 * one place for every writer (award, bulk) and reader (share-link verifier, roster, gateway, app).
 *
 * A credential embeds its class image and its issuer's logo as data: URIs of up to tens of kB, which
 * the chain already stores in the class record and the issuer profile. Published as such, the chain
 * would store them once more per badge: about 16 gas a calldata byte plus 8 an event byte, some
 * 500,000 gas for a 12 kB image and an 8 kB logo. So a payload carries the stand-ins of full-badge
 * links in their place (links/credential.ts: CLASS_IMAGE_IN_LINK, ISSUER_IMAGE_IN_LINK:<digest>)
 * when they are the chain's, and opening a payload puts the chain's images back before anyone sees
 * the credential: what comes out is the credential as signed, whose proof and uid hash hold.
 *
 * No version marker: the stand-ins name themselves (a URN no real image is), so a payload published
 * before, with its images in full, has none to put back and opens exactly as it did.
 */
import { type Hex, hexToBytes, toHex } from "viem";
import { type BadgeKey, badgeAad, decryptCredential, encryptCredential } from "../crypto/envelope.ts";
import { ChanceryError } from "../errors.ts";
import {
  imageDigest,
  issuerImageDigest,
  leaveChainImages,
  restoreClassImage,
  restoreIssuerImage,
  usesClassImage,
} from "../links/credential.ts";
import { badgeRegistryAbi, getLogsInChunks, type RegistryContext, readAssertionStatus, readBadgeClass, readIssuer } from "./registry.ts";

/** The images the chain holds for a badge's class and issuer: what a payload or a link may leave out. */
export type ChainImages = { classImage?: string | undefined; issuerImage?: string | undefined };

/** The URI of a document's `image` (a URI, or an Image object's `id`). */
export const imageUriOf = (document: unknown): string | undefined => {
  const image = (document as { image?: unknown } | undefined)?.image;
  const uri = typeof image === "string" ? image : (image as { id?: unknown } | undefined)?.id;
  return typeof uri === "string" ? uri : undefined;
};

/** The class image and its issuer's current logo, as the chain records them (the class, then its issuer). */
export async function readChainImages(ctx: RegistryContext, classId: number): Promise<ChainImages> {
  const klass = await readBadgeClass(ctx, classId);
  const issuer = await readIssuer(ctx, klass.issuerId);
  return { classImage: imageUriOf(klass.content), issuerImage: imageUriOf(issuer.profile) };
}

/**
 * The payload of a badge: its credential, with the images the chain holds left out, encrypted under
 * `key` and bound to this chain, registry and uid.
 */
export async function sealPublishedCredential(
  credential: object,
  key: BadgeKey | string,
  badge: { chainId: number; registry: string; uid: string },
  images: ChainImages,
): Promise<Hex> {
  return toHex(await encryptCredential(leaveChainImages(credential, images), key, badgeAad(badge)));
}

/**
 * Where a reader finds the images a payload left out. Memoised per reader (a class never changes; a
 * logo is named by its digest), so a roster of 5,000 badges of one class reads its class once.
 */
export type ChainImageReader = {
  classImage(classId: number): Promise<string | undefined>;
  issuerLogo(issuerId: number, digest: string): Promise<string | undefined>;
  badgeOf(uid: Hex): Promise<{ issuerId: number; classId: number }>;
};

const MEMO_LIMIT = 512;

function memo<T>(read: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const known = new Map<string, Promise<T>>();
  return (key) => {
    let hit = known.get(key);
    if (!hit) {
      if (known.size >= MEMO_LIMIT) known.clear();
      hit = read(key);
      known.set(key, hit);
      hit.catch(() => known.delete(key)); // a failed read is asked again next time
    }
    return hit;
  };
}

/** The issuer's logo whose digest a credential names: its current profile's, else an earlier version's (from the profile events). */
async function findIssuerLogo(ctx: RegistryContext, issuerId: number, digest: string): Promise<string | undefined> {
  const current = imageUriOf((await readIssuer(ctx, issuerId)).profile);
  if (current !== undefined && imageDigest(current) === digest) return current;
  const head = await ctx.client.getBlockNumber({ cacheTime: 0 });
  const versions = await getLogsInChunks(ctx.deployedOnBlock ?? 0n, head, async (fromBlock, toBlock) => {
    const query = { address: ctx.registry, fromBlock, toBlock, args: { issuerId } } as const;
    const [registered, updated] = await Promise.all([
      ctx.client.getContractEvents({ ...query, abi: badgeRegistryAbi, eventName: "IssuerRegistered" }),
      ctx.client.getContractEvents({ ...query, abi: badgeRegistryAbi, eventName: "IssuerProfileUpdated" }),
    ]);
    return [...registered, ...updated].map((log) => log.args.profile);
  });
  for (const profile of versions) {
    try {
      const uri = imageUriOf(JSON.parse(profile ?? "null"));
      if (uri !== undefined && imageDigest(uri) === digest) return uri;
    } catch {
      // a profile that is not JSON names no logo
    }
  }
  return undefined;
}

/** A reader of the chain's images for one registry (keep one per registry to share its memo). */
export function chainImageReader(ctx: RegistryContext): ChainImageReader {
  const classImage = memo(async (id) => imageUriOf((await readBadgeClass(ctx, Number(id))).content));
  const issuerLogo = memo(async (at) => {
    const [issuerId, digest] = at.split(":") as [string, string];
    return findIssuerLogo(ctx, Number(issuerId), digest);
  });
  return {
    classImage: (classId) => classImage(String(classId)),
    issuerLogo: (issuerId, digest) => issuerLogo(`${issuerId}:${digest}`),
    badgeOf: async (uid) => {
      const status = await readAssertionStatus(ctx, { uid });
      return { issuerId: status.issuerId, classId: status.classId };
    },
  };
}

/** Whether a credential (from a payload or a link) left images out that the chain must put back. */
export const leftChainImages = (credential: unknown): boolean => usesClassImage(credential) || issuerImageDigest(credential) !== undefined;

/**
 * The credential as signed: the class image and the issuer's logo put back from the chain where it
 * carries their stand-ins (a class never changes; the logo is the profile version whose digest it
 * names). An image the chain does not have leaves the stand-in, and the proof then says the
 * credential is not the one signed. `badge` (issuer and class) is read from the chain when not given.
 */
export async function restoreChainImages<T extends object>(
  images: ChainImageReader,
  uid: Hex,
  credential: T,
  badge?: { issuerId: number; classId: number },
): Promise<T> {
  if (!leftChainImages(credential)) return credential;
  const { issuerId, classId } = badge ?? (await images.badgeOf(uid));
  let signed: object = credential;
  const classImage = usesClassImage(signed) ? await images.classImage(classId) : undefined;
  if (classImage !== undefined) signed = restoreClassImage(signed, classImage);
  const digest = issuerImageDigest(signed);
  const logo = digest !== undefined ? await images.issuerLogo(issuerId, digest) : undefined;
  if (logo !== undefined) signed = restoreIssuerImage(signed, logo);
  return signed as T;
}

export type PublishedCredentialProblem = "key-does-not-open" | "not-json" | "chain-unreadable";

/** A payload that does not open to a credential: the key is not its key, it is not JSON, or the chain's images could not be read. */
export class PublishedCredentialError extends ChanceryError {
  readonly problem: PublishedCredentialProblem;
  constructor(problem: PublishedCredentialProblem, message: string, cause?: unknown) {
    const kind = problem === "key-does-not-open" ? "crypto" : problem === "not-json" ? "invalid-input" : "unavailable";
    super(problem, message, { cause, kind });
    this.name = "PublishedCredentialError";
    this.problem = problem;
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Opens a badge's payload with its key: decrypts it (bound to chain, registry and uid), parses it
 * (`parse`, default JSON.parse; the verifier passes its stricter one), and puts back the images the
 * chain holds. The one way any reader turns a payload into the signed credential.
 */
export async function openPublishedCredential(
  images: ChainImageReader,
  badge: { chainId: number; registry: string; uid: Hex; issuerId?: number; classId?: number },
  payload: Hex | Uint8Array,
  key: BadgeKey | string,
  options: { parse?: (text: string) => unknown } = {},
): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await decryptCredential(typeof payload === "string" ? hexToBytes(payload) : payload, key, badgeAad(badge));
  } catch (error) {
    throw new PublishedCredentialError(
      "key-does-not-open",
      `The key does not open the badge published on chain (${messageOf(error)}).`,
      error,
    );
  }
  let credential: unknown;
  try {
    credential = (options.parse ?? JSON.parse)(text);
  } catch {
    credential = undefined;
  }
  if (credential === null || typeof credential !== "object" || Array.isArray(credential))
    throw new PublishedCredentialError("not-json", "The badge published on chain is not a JSON object.");
  const known =
    badge.issuerId !== undefined && badge.classId !== undefined ? { issuerId: badge.issuerId, classId: badge.classId } : undefined;
  try {
    return await restoreChainImages(images, badge.uid, credential as Record<string, unknown>, known);
  } catch (error) {
    throw new PublishedCredentialError(
      "chain-unreadable",
      `The images the badge left on chain could not be read (${messageOf(error)}).`,
      error,
    );
  }
}
