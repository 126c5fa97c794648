// One of our share links (…/verify/<chain>/<registry>/<uid>[?batch=…]#k=<key>): the chain says
// whether the badge stands; the key, which never leaves the link's fragment, opens the credential
// published encrypted with it, which is then verified like any of ours. Without the key, the
// record alone is checked and shown (record.ts): "record-valid" at best, never "valid".
import type { Hex } from "viem";
import {
  chainImageReader,
  leftChainImages,
  openPublishedCredential,
  PublishedCredentialError,
  restoreChainImages,
} from "../../chain/published.ts";
import { type RegistryContext, readPayload } from "../../chain/registry.ts";
import type { BadgeKey } from "../../crypto/envelope.ts";
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

/** The published badge could not be read (an RPC or a registry that does not answer): "error", never a verdict on the badge. */
function payloadUnreadable(link: { chainId: number }, error: unknown) {
  const detail = messageOf(error);
  return failParse(
    said(
      "parse.payload-unreadable",
      { chainId: link.chainId, detail },
      `The published badge could not be read from chain ${link.chainId} (${detail}).`,
    ),
    "error",
  );
}

/** The registry the link names, read through a client for its chain (only once it is trusted). */
async function registryOf(run: Run, chainId: number, trusted: ReturnType<typeof requireTrusted>): Promise<RegistryContext> {
  return { client: await clientForChain(chainId, run.options), registry: trusted.registry, deployedOnBlock: trusted.deployedOnBlock };
}

/** The encrypted credential published with the badge, if any (a registry that cannot be read: "error"). */
async function publishedPayload(registry: RegistryContext, link: { chainId: number; uid: Hex }, issuedBlock: bigint) {
  try {
    return await readPayload(registry, link.uid, issuedBlock);
  } catch (error) {
    throw payloadUnreadable(link, error);
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
  return openPayload(registry, link, payload, key);
}

/**
 * The payload opened with the key (chain/published.ts, as every reader does): decrypted, shape-checked
 * like any badge text (duplicate keys, depth, size), and the images it left on chain put back.
 */
async function openPayload(
  registry: RegistryContext,
  link: { chainId: number; registry: Hex; uid: Hex },
  payload: Hex,
  key: BadgeKey,
  badge?: { issuerId: number; classId: number },
): Promise<Json> {
  try {
    const credential = await openPublishedCredential(
      chainImageReader(registry),
      { ...link, ...(badge ? { issuerId: badge.issuerId, classId: badge.classId } : {}) },
      payload,
      key,
      {
        parse: parseJsonDocument,
      },
    );
    if (!isJson(credential)) throw new PublishedCredentialError("not-json", "not JSON");
    return credential;
  } catch (error) {
    if (!(error instanceof PublishedCredentialError)) throw error;
    if (error.problem === "key-does-not-open") {
      const detail = messageOf(error.cause ?? error);
      throw failParse(
        said("parse.key-does-not-open", { detail }, `The link's key does not open the badge published on chain (${detail}).`),
      );
    }
    if (error.problem === "not-json")
      throw failParse(said("parse.payload-not-json", {}, "The badge published on chain is not valid JSON."));
    throw payloadUnreadable(link, error.cause ?? error);
  }
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
  const registry = await registryOf(run, link.chainId, trusted);
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
  const credential = await openPayload(registry, link, payload, link.key, status);
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
  const signed = leftChainImages(credential) ? await withChainImages(run, link, trusted, credential) : credential;
  await verifyOb3(run, signed, { expectedUid: link.uid });
}

/**
 * The link left images out (they would not fit in a link): put back the image of the badge's class
 * as the chain records it (a class never changes), and the issuer's logo of the profile version the
 * link names. Were either not the one signed, the proof step fails.
 */
async function withChainImages(run: Run, link: ShareLinkParts, trusted: ReturnType<typeof requireTrusted>, credential: Json) {
  const registry = await registryOf(run, link.chainId, trusted);
  const status = await readStatus(registry, { uid: link.uid, batchId: link.batchId }, link);
  if (!status.exists)
    throw failAnchor(
      said(
        "anchor.link-not-recorded",
        { uid: link.uid, registry: link.registry, chainId: link.chainId },
        `No badge ${short(link.uid)} is recorded by the registry ${link.registry} on chain ${link.chainId}.`,
      ),
    );
  let signed: Json;
  try {
    signed = await restoreChainImages(chainImageReader(registry), link.uid, credential, status);
  } catch (error) {
    throw payloadUnreadable(link, error);
  }
  // An image the chain does not have: the stand-in stays, and the proof says the credential is not the one signed.
  return signed;
}
