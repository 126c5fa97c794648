// One of our share links (…/verify/<chain>/<registry>/<uid>[?batch=…]#k=<key>): the chain says
// whether the badge stands; the key, which never leaves the link's fragment, opens the credential
// published encrypted with it, which is then verified like any of ours.
import { type Hex, hexToBytes } from "viem";
import { type RegistryContext, readPayload } from "../../chain/registry.ts";
import { type BadgeKey, badgeAad, decryptCredential } from "../../crypto/envelope.ts";
import type { ShareLinkParts } from "../../links/share.ts";
import { clientForChain } from "../chain.ts";
import { verifyOb3 } from "../formats/ob3.ts";
import { isJson, type Json, parseJsonDocument } from "../json.ts";
import { failuresOf, type Run } from "../run.ts";
import { namedAnchor, readStatus } from "../steps/anchor.ts";
import { recordErased } from "../steps/status.ts";
import { requireTrusted } from "../trust.ts";
import { messageOf, short } from "../words.ts";

const failParse = failuresOf("parse");
const failAnchor = failuresOf("anchor");

/** The credential published on chain with the badge, opened with the link's key (share links and keyed hosted URLs). */
export async function publishedCredential(
  registry: RegistryContext,
  link: { chainId: number; registry: Hex; uid: Hex },
  key: BadgeKey,
  issuedBlock: bigint,
): Promise<Json> {
  let payload: Hex | undefined;
  try {
    payload = await readPayload(registry, link.uid, issuedBlock);
  } catch (error) {
    throw failParse(`The published badge could not be read from chain ${link.chainId} (${messageOf(error)}).`, "error");
  }
  if (!payload) throw failParse("This badge was not published on chain, so the link cannot open it: ask the holder for the badge file.");
  let json: string;
  try {
    json = await decryptCredential(hexToBytes(payload), key, badgeAad({ chainId: link.chainId, registry: link.registry, uid: link.uid }));
  } catch (error) {
    throw failParse(`The link's key does not open the badge published on chain (${messageOf(error)}).`);
  }
  let credential: unknown;
  try {
    credential = parseJsonDocument(json); // shape-checked like any badge text (duplicate keys, depth, size)
  } catch {
    credential = undefined;
  }
  if (!isJson(credential)) throw failParse("The badge published on chain is not valid JSON.");
  return credential;
}

export async function verifyShareLink(run: Run, link: ShareLinkParts) {
  run.log.passed(
    "parse",
    `Read a Chancery share link for badge ${short(link.uid)} on chain ${link.chainId}${link.key ? ", with its key" : ""}.`,
  );
  // The link names its registry: asked only when it is one this verifier trusts.
  const trusted = requireTrusted(run, link);
  const registry: RegistryContext = {
    client: await clientForChain(link.chainId, run.options),
    registry: trusted.registry,
    deployedOnBlock: trusted.deployedOnBlock,
  };
  const status = await readStatus(registry, { uid: link.uid, batchId: link.batchId }, link);
  run.anchor = { chainId: link.chainId, registry: link.registry, uid: link.uid, batchId: link.batchId, status };
  if (!status.exists)
    throw failAnchor(`No badge ${short(link.uid)} is recorded by the registry ${link.registry} on chain ${link.chainId}.`);
  if (status.erased) return recordErased(run);
  if (!link.key) {
    run.log.failed(
      "format",
      "The link has no key (#k=…), so the badge's content cannot be read or checked. Ask the holder for the full link, or for the badge file.",
      status.revokedAt ? "revoked" : "error",
    );
    return;
  }
  const credential = await publishedCredential(registry, link, link.key, status.issuedBlock);
  const named = namedAnchor(credential)?.deployment;
  if (named && (named.chainId !== link.chainId || named.registry.toLowerCase() !== link.registry.toLowerCase()))
    throw failParse(
      `The credential published for this link names registry ${named.registry} on chain ${named.chainId}, not the link's ${link.registry} on chain ${link.chainId}.`,
    );
  await verifyOb3(run, credential, { expectedUid: link.uid });
}
