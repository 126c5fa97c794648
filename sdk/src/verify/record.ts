// A share link without its key (…/verify/<chain>/<registry>/<uid>[?batch=…]): what the badge says
// stays withheld (encrypted on chain, or only in the holder's file), so only what the registry
// records for the uid is checked — the record itself, its issuer's standing, revocation or erasure,
// the dates it records — and shown: the public badge class and the wallet bound into the badge.
// The verdict is "record-valid" at best, never "valid": no word of the credential was read.
import { type Address, getAddress, type Hex } from "viem";
import { BatchRootMismatchError } from "../chain/batched.ts";
import { type AssertionStatus, type RegistryContext, readBadgeClass, readIssuer } from "../chain/registry.ts";
import { type LocatedBadge, locateBadge } from "../hosted/chain.ts";
import type { Deployment } from "../ids.ts";
import { isJson, type Json } from "./json.ts";
import { failuresOf, type Run } from "./run.ts";
import { batchRootMismatch, recordHostedAnchor, registryUnreadable } from "./steps/anchor.ts";
import { checkIssuer } from "./steps/issuer.ts";
import { checkChainStatus, recordErased } from "./steps/status.ts";
import { checkChainValidity } from "./steps/validity.ts";
import { said } from "./steps.ts";
import type { RecordReport } from "./types.ts";
import { short } from "./words.ts";

const fail = failuresOf("anchor");

export type RecordQuery = Deployment & { uid: Hex; batchId?: Hex };

/**
 * The badge as the registry records it: one `verifyAssertion` call (plus the single-block event that
 * names its wallet); inside a Merkle batch, the batch's record and leaves, then the call with the
 * rebuilt proof. No such badge: "invalid", saying what to check; a registry that cannot be read: "error".
 */
async function locateRecord(registry: RegistryContext, query: RecordQuery): Promise<LocatedBadge> {
  const { uid, batchId, chainId } = query;
  let located: LocatedBadge | undefined;
  try {
    located = await locateBadge(registry, uid, batchId ? { batchId } : {});
  } catch (error) {
    if (error instanceof BatchRootMismatchError) throw fail(batchRootMismatch(error.batchId));
    throw fail(registryUnreadable(query.registry, chainId, error), "error");
  }
  if (located) return located;
  const where = { uid, registry: query.registry, chainId };
  throw fail(
    batchId
      ? said(
          "anchor.record-not-in-batch",
          { ...where, batchId },
          `The registry ${query.registry} on chain ${chainId} has no badge ${short(uid)} in batch ${short(batchId)}: check that the link was copied whole.`,
        )
      : said(
          "anchor.record-not-found",
          where,
          `The registry ${query.registry} on chain ${chainId} has no badge ${short(uid)}: check that the link was copied whole (a badge of a Merkle batch needs the link's ?batch=… part).`,
        ),
  );
}

const text = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim() : undefined);
const imageOf = (value: unknown) => text(value) ?? (isJson(value) ? text(value.id) : undefined);

/** The public badge class the registry published (its Achievement JSON, hashed by the contract); only its id if it cannot be read. */
async function publicClass(registry: RegistryContext, status: AssertionStatus): Promise<RecordReport["badgeClass"]> {
  const read = await readBadgeClass(registry, status.classId).catch(() => undefined);
  const content: Json = isJson(read?.content) ? read.content : {};
  const name = text(content.name);
  const description = text(content.description);
  const image = imageOf(content.image);
  return {
    id: status.classId,
    ...(name ? { name } : {}),
    ...(description ? { description } : {}),
    ...(image ? { image } : {}),
    retired: read?.retired ?? status.classRetired,
  };
}

/** The name on the issuer's on-chain profile (what the class card shows), or undefined when it cannot be read. */
async function issuerName(registry: RegistryContext, issuerId: number): Promise<string | undefined> {
  const issuer = await readIssuer(registry, issuerId).catch(() => undefined);
  return isJson(issuer?.profile) ? text(issuer.profile.name) : undefined;
}

/**
 * The recipient step from the chain alone: a wallet is compared with the one the registry binds into
 * the badge; an e-mail address is inside the withheld content, so it cannot be checked (a warning,
 * never a pass or a "not issued to").
 */
function checkRecordRecipient(run: Run, recorded: Address | undefined) {
  const expected = run.options.expectedRecipient;
  if (!expected || (!expected.email && !expected.wallet)) {
    run.log.skipped("recipient", said("recipient.none-given", {}, "No recipient was given to compare with."));
    return;
  }
  if (expected.wallet) {
    const wallet = getAddress(expected.wallet);
    const match = !recorded ? "not-named" : getAddress(recorded) === wallet ? "matched" : "not-matched";
    run.recipient = { wallet: match };
    if (match === "not-matched") {
      run.log.failed(
        "recipient",
        said(
          "recipient.record-wallet-not-matched",
          { wallet },
          `This badge was not issued to wallet ${wallet}: the registry records another wallet for it.`,
        ),
      );
      return;
    }
    if (match === "not-named" && !expected.email) {
      run.log.warning(
        "recipient",
        said(
          "recipient.record-no-wallet",
          {},
          "The registry records no wallet for this badge, so it cannot be checked against the one given: its recipient is in the withheld content.",
        ),
      );
      return;
    }
    if (!expected.email) {
      run.log.passed(
        "recipient",
        said("recipient.record-wallet-matched", { wallet }, `Issued to wallet ${wallet}, the wallet the registry records for this badge.`),
      );
      return;
    }
  }
  run.log.warning(
    "recipient",
    said(
      "recipient.record-email-unchecked",
      {},
      "An e-mail address cannot be checked from a link without its key: the badge's recipient is in the withheld content. Ask the holder for the full link or the badge file.",
    ),
  );
}

/** A share link without its key: the record, never the content (see the top of this file). */
export async function verifyRecord(run: Run, registry: RegistryContext, query: RecordQuery, how: { keyUnused?: boolean } = {}) {
  const located = await locateRecord(registry, query);
  const { status } = located;
  run.anchor = { chainId: query.chainId, registry: query.registry, uid: query.uid, batchId: located.batchId, status };
  recordHostedAnchor(run, { registry, located }, query.chainId);
  // Nothing more of an erased badge is disclosed, not even its class.
  if (status.erased) return recordErased(run);
  // The finding that caps the verdict: the content was not read, so the best it can be is "record-valid".
  run.log.record(
    "format",
    "skipped",
    how.keyUnused
      ? said(
          "format.withheld-not-published",
          {},
          "Content withheld: the link carries a key, but no content was published on chain for this badge, so the badge's content (the learner's name, the details the issuer wrote) was not read. Ask the holder for the badge file to check it.",
        )
      : said(
          "format.withheld",
          {},
          "Content withheld: the link carries no key (#k=…), so the badge's content (the learner's name, the details the issuer wrote) was not read. Ask the holder for the full link or the badge file to check it.",
        ),
    "record-valid",
  );
  run.log.skipped(
    "proof",
    said(
      "proof.withheld",
      {},
      "Content withheld: the issuer's signature covers the badge's content, which this link does not open; the record on chain was checked instead.",
    ),
  );
  const [badgeClass, name] = await Promise.all([publicClass(registry, status), issuerName(registry, status.issuerId)]);
  run.record = {
    badgeClass,
    issuedAt: new Date(status.issuedAt * 1000).toISOString(),
    ...(status.expiresAt ? { expiresAt: new Date(status.expiresAt * 1000).toISOString() } : {}),
    ...(located.recipient ? { recipientWallet: getAddress(located.recipient) } : {}),
  };
  await checkIssuer(run, status, false, { registry, name });
  await checkChainStatus(run, registry, status);
  checkChainValidity(run, status);
  checkRecordRecipient(run, located.recipient);
}
