// One of our share links (…/verify/<chain>/<registry>/<uid>[?batch=…]#k=<key>): the chain says
// whether the badge stands; the key, which never leaves the link's fragment, opens the credential
// published encrypted with it, which is then verified like any of ours. Without the key, the
// record alone is checked and shown (record.ts): "record-valid" at best, never "valid".
import { type Hex, hexToBytes } from "viem";
import { badgeRegistryAbi, getLogsInChunks, type RegistryContext, readBadgeClass, readIssuer, readPayload } from "../../chain/registry.ts";
import { type BadgeKey, badgeAad, decryptCredential } from "../../crypto/envelope.ts";
import { imageDigest, issuerImageDigest, restoreClassImage, restoreIssuerImage, usesClassImage } from "../../links/credential.ts";
import type { ShareLinkParts } from "../../links/share.ts";
import { clientForChain } from "../chain.ts";
import { verifyOb3 } from "../formats/ob3.ts";
import { isJson, type Json, parseJsonDocument } from "../json.ts";
import { verifyRecord } from "../record.ts";
import { failuresOf, type Run } from "../run.ts";
import { namedAnchor, readStatus } from "../steps/anchor.ts";
import { jsonObject } from "../steps/parse.ts";
import { recordErased } from "../steps/status.ts";
import { said } from "../steps.ts";
import { requireTrusted } from "../trust.ts";
import { messageOf, short } from "../words.ts";

const failParse = failuresOf("parse");
const failAnchor = failuresOf("anchor");

/** The encrypted credential published with the badge, if any (a registry that cannot be read: "error"). */
async function publishedPayload(registry: RegistryContext, link: { chainId: number; uid: Hex }, issuedBlock: bigint) {
  try {
    return await readPayload(registry, link.uid, issuedBlock);
  } catch (error) {
    const detail = messageOf(error);
    throw failParse(
      said(
        "parse.payload-unreadable",
        { chainId: link.chainId, detail },
        `The published badge could not be read from chain ${link.chainId} (${detail}).`,
      ),
      "error",
    );
  }
}

/** The credential published on chain with the badge, opened with the link's key (share links and keyed hosted URLs). */
export async function publishedCredential(
  registry: RegistryContext,
  link: { chainId: number; registry: Hex; uid: Hex },
  key: BadgeKey,
  issuedBlock: bigint,
): Promise<Json> {
  const payload = await publishedPayload(registry, link, issuedBlock);
  if (!payload)
    throw failParse(
      said(
        "parse.not-published",
        {},
        "This badge was not published on chain, so the link cannot open it: ask the holder for the badge file.",
      ),
    );
  return openPayload(payload, link, key);
}

async function openPayload(payload: Hex, link: { chainId: number; registry: Hex; uid: Hex }, key: BadgeKey): Promise<Json> {
  let json: string;
  try {
    json = await decryptCredential(hexToBytes(payload), key, badgeAad({ chainId: link.chainId, registry: link.registry, uid: link.uid }));
  } catch (error) {
    const detail = messageOf(error);
    throw failParse(said("parse.key-does-not-open", { detail }, `The link's key does not open the badge published on chain (${detail}).`));
  }
  let credential: unknown;
  try {
    credential = parseJsonDocument(json); // shape-checked like any badge text (duplicate keys, depth, size)
  } catch {
    credential = undefined;
  }
  if (!isJson(credential)) throw failParse(said("parse.payload-not-json", {}, "The badge published on chain is not valid JSON."));
  return credential;
}

export async function verifyShareLink(run: Run, link: ShareLinkParts) {
  if (link.credential !== undefined) return verifyLinkCredential(run, link, link.credential);
  run.log.passed(
    "parse",
    link.key
      ? said(
          "parse.read-share-link",
          { uid: link.uid, chainId: link.chainId },
          `Read a Chancery share link for badge ${short(link.uid)} on chain ${link.chainId}, with its key.`,
        )
      : said(
          "parse.read-share-link-record",
          { uid: link.uid, chainId: link.chainId },
          `Read a record-only Chancery share link for badge ${short(link.uid)} on chain ${link.chainId}: it carries no key, so only what the chain records is checked.`,
        ),
  );
  // The link names its registry: asked only when it is one this verifier trusts.
  const trusted = requireTrusted(run, link);
  const registry: RegistryContext = {
    client: await clientForChain(link.chainId, run.options),
    registry: trusted.registry,
    deployedOnBlock: trusted.deployedOnBlock,
  };
  if (!link.key) return verifyRecord(run, registry, link);
  const status = await readStatus(registry, { uid: link.uid, batchId: link.batchId }, link);
  run.anchor = { chainId: link.chainId, registry: link.registry, uid: link.uid, batchId: link.batchId, status };
  if (!status.exists)
    throw failAnchor(
      said(
        "anchor.link-not-recorded",
        { uid: link.uid, registry: link.registry, chainId: link.chainId },
        `No badge ${short(link.uid)} is recorded by the registry ${link.registry} on chain ${link.chainId}.`,
      ),
    );
  if (status.erased) return recordErased(run);
  const payload = await publishedPayload(registry, link, status.issuedBlock);
  // A key, but no content published for it (a badge held as a file): the record is all a link can show.
  if (!payload) return verifyRecord(run, registry, link, { keyUnused: true });
  const credential = await openPayload(payload, link, link.key);
  const named = namedAnchor(credential)?.deployment;
  if (named && !sameDeployment(named, link))
    throw failParse(
      said(
        "parse.payload-other-registry",
        { registry: named.registry, chainId: named.chainId, linkRegistry: link.registry, linkChainId: link.chainId },
        `The credential published for this link names registry ${named.registry} on chain ${named.chainId}, not the link's ${link.registry} on chain ${link.chainId}.`,
      ),
    );
  await verifyOb3(run, credential, { expectedUid: link.uid });
}

const sameDeployment = (named: { chainId: number; registry: string }, link: ShareLinkParts) =>
  named.chainId === link.chainId && named.registry.toLowerCase() === link.registry.toLowerCase();

/**
 * A full-badge link that carries the credential itself (`#c=`, a badge whose content is not on
 * chain): read with the rules for files (size, JSON shape), then verified as a dropped file would
 * be — format, proof, anchor (Merkle inclusion from the chain), issuer, status, validity — and it
 * must be the badge the link names.
 */
async function verifyLinkCredential(run: Run, link: ShareLinkParts, text: string) {
  const credential = jsonObject(text, "share-link");
  // Checked before the link is said to be read, so a mismatched link has one parse step: the failed one.
  const named = namedAnchor(credential)?.deployment;
  if (named && !sameDeployment(named, link))
    throw failParse(
      said(
        "parse.link-credential-other-badge",
        { registry: named.registry, chainId: named.chainId, linkRegistry: link.registry, linkChainId: link.chainId },
        `The credential in this link names registry ${named.registry} on chain ${named.chainId}, not the link's ${link.registry} on chain ${link.chainId}.`,
      ),
    );
  run.log.passed(
    "parse",
    said(
      "parse.read-share-link-credential",
      { uid: link.uid, chainId: link.chainId },
      `Read a Chancery full-badge link for badge ${short(link.uid)} on chain ${link.chainId}: the credential travels in the link itself.`,
    ),
  );
  const trusted = requireTrusted(run, link);
  const signed =
    usesClassImage(credential) || issuerImageDigest(credential) !== undefined
      ? await withChainImages(run, link, trusted, credential)
      : credential;
  await verifyOb3(run, signed, { expectedUid: link.uid });
}

const imageUriOf = (document: unknown): string | undefined => {
  const image = (document as { image?: unknown } | undefined)?.image;
  const uri = typeof image === "string" ? image : (image as { id?: unknown } | undefined)?.id;
  return typeof uri === "string" ? uri : undefined;
};

/** The issuer's logo whose digest the link names: its current profile's, else an earlier version's (from the profile events). */
async function issuerLogo(registry: RegistryContext, issuerId: number, digest: string): Promise<string | undefined> {
  const current = imageUriOf((await readIssuer(registry, issuerId)).profile);
  if (current !== undefined && imageDigest(current) === digest) return current;
  const head = await registry.client.getBlockNumber({ cacheTime: 0 });
  const versions = await getLogsInChunks(registry.deployedOnBlock ?? 0n, head, async (fromBlock, toBlock) => {
    const query = { address: registry.registry, fromBlock, toBlock, args: { issuerId } } as const;
    const [registered, updated] = await Promise.all([
      registry.client.getContractEvents({ ...query, abi: badgeRegistryAbi, eventName: "IssuerRegistered" }),
      registry.client.getContractEvents({ ...query, abi: badgeRegistryAbi, eventName: "IssuerProfileUpdated" }),
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

/**
 * The link left images out (they would not fit in a link): put back the image of the badge's class
 * as the chain records it (a class never changes), and the issuer's logo of the profile version the
 * link names. Were either not the one signed, the proof step fails.
 */
async function withChainImages(run: Run, link: ShareLinkParts, trusted: ReturnType<typeof requireTrusted>, credential: Json) {
  const registry: RegistryContext = {
    client: await clientForChain(link.chainId, run.options),
    registry: trusted.registry,
    deployedOnBlock: trusted.deployedOnBlock,
  };
  const status = await readStatus(registry, { uid: link.uid, batchId: link.batchId }, link);
  if (!status.exists)
    throw failAnchor(
      said(
        "anchor.link-not-recorded",
        { uid: link.uid, registry: link.registry, chainId: link.chainId },
        `No badge ${short(link.uid)} is recorded by the registry ${link.registry} on chain ${link.chainId}.`,
      ),
    );
  let signed: object = credential;
  try {
    const classImage = usesClassImage(signed) ? imageUriOf((await readBadgeClass(registry, status.classId)).content) : undefined;
    if (classImage !== undefined) signed = restoreClassImage(signed, classImage);
    const digest = issuerImageDigest(signed);
    const logo = digest !== undefined ? await issuerLogo(registry, status.issuerId, digest) : undefined;
    if (logo !== undefined) signed = restoreIssuerImage(signed, logo);
  } catch (error) {
    const detail = messageOf(error);
    throw failParse(
      said(
        "parse.payload-unreadable",
        { chainId: link.chainId, detail },
        `The published badge could not be read from chain ${link.chainId} (${detail}).`,
      ),
      "error",
    );
  }
  // An image the chain does not have: the stand-in stays, and the proof says the credential is not the one signed.
  return signed as Json;
}
