// The status step's checks for badges anchored with us (the registry: revoked with the issuer's
// words, erased, and whether the credential's status list entry is the one the registry gave it)
// and for Open Badges 2.0 (410 Gone from the host, the issuer's revocation list).
// Other issuers' OB 3.0 status lists are in statusLists.ts.
import { parseStatusListUrl } from "../../anchor/anchorOf.ts";
import { BITSTRING_STATUS_LIST_ENTRY, statusPosition } from "../../anchor/statusList.ts";
import { type AssertionStatus, type RegistryContext, readRevocationReason } from "../../chain/registry.ts";
import { fetchJson } from "../fetch.ts";
import { asArray, isJson, type Json } from "../json.ts";
import { failuresOf, type Run } from "../run.ts";
import { type Said, said } from "../steps.ts";
import { isoDate, isoInstant } from "../words.ts";

const fail = failuresOf("status");
const quoted = (reason: string | undefined) => (reason ? `: “${reason}”` : "");

export function recordErased(run: Run) {
  run.hideCredential = true;
  run.log.failed(
    "status",
    said("status.erased", {}, "This badge was erased by its issuer or its holder: it is no longer disclosed."),
    "erased",
  );
}

/** What the registry says: erased, revoked (its reason code, and the issuer's words from the event), or standing. */
export async function checkChainStatus(run: Run, registry: RegistryContext, status: AssertionStatus) {
  if (status.erased) return recordErased(run);
  if (status.revokedAt) {
    // The code in storage is enough to say revoked; the issuer's words come from the event.
    const anchor = run.anchor;
    const reason =
      anchor && status.revokedBlock !== undefined
        ? await readRevocationReason(registry, anchor.uid, status.revokedBlock).catch(() => undefined)
        : undefined;
    if (anchor) anchor.revocationReason = reason;
    const reasonCode = status.revocationReason && status.revocationReason !== "unspecified" ? status.revocationReason : undefined;
    const code = reasonCode ? ` (${reasonCode.replace(/-/g, " ")})` : "";
    run.log.failed(
      "status",
      said(
        "status.revoked",
        { revokedAt: isoInstant(status.revokedAt), reasonCode, reason },
        `Revoked by the issuer on ${isoDate(status.revokedAt)}${code}${quoted(reason)}.`,
      ),
      "revoked",
    );
    return;
  }
  const mismatch = statusEntryMismatch(run.credential, status);
  if (mismatch) {
    run.log.warning("status", {
      ...mismatch,
      message: `Not revoked: the registry says this badge stands. But ${mismatch.message}, so verifiers that read the status list instead of the chain would not see a revocation of it.`,
    });
    return;
  }
  run.log.passed("status", said("status.standing", {}, "Not revoked: the registry says this badge stands."));
}

/**
 * What is wrong when the credential's BitstringStatusListEntry is not the entry the registry gave the
 * badge (its class's list and index, or its own Merkle batch's list); undefined when it is, or when
 * the credential names the older 1EdTechRevocationList. The message is the clause ("its status list …").
 */
export function statusEntryMismatch(credential: unknown, status: AssertionStatus): Said | undefined {
  const entry = asArray(isJson(credential) ? credential.credentialStatus : undefined).find(
    (e): e is Json => isJson(e) && e.type === BITSTRING_STATUS_LIST_ENTRY,
  );
  if (!entry) return undefined;
  const list = parseStatusListUrl(entry.statusListCredential);
  if (!list) {
    const url = String(entry.statusListCredential);
    return said("status.standing-list-foreign", { url }, `its status list (${url}) is not a list of this registry`);
  }
  if (status.batchId !== undefined || list.batchId !== undefined) {
    return list.batchId?.toLowerCase() === status.batchId?.toLowerCase()
      ? undefined
      : said("status.standing-list-not-batch", {}, "its status list is not its Merkle batch's");
  }
  if (status.statusIndex === undefined) return undefined;
  const { list: expectedList, entry: expectedEntry } = statusPosition(status.statusIndex);
  if (list.classId !== status.classId || list.list !== expectedList || String(entry.statusListIndex) !== String(expectedEntry)) {
    return said(
      "status.standing-entry-other",
      {
        classId: String(list.classId),
        list: String(list.list),
        entry: String(entry.statusListIndex),
        expectedClassId: status.classId,
        expectedList,
        expectedEntry,
      },
      `its status list entry (class #${list.classId}, list ${list.list}, entry ${String(entry.statusListIndex)}) is not the one the registry gave it (class #${status.classId}, list ${expectedList}, entry ${expectedEntry})`,
    );
  }
  return undefined;
}

/** A hosted assertion answered 410 Gone: the spec's answer for a revoked one. */
export function revokedByHost(run: Run, reason: string | undefined) {
  run.log.failed("status", said("status.revoked-by-host", { reason }, `Revoked by the issuer${quoted(reason)}.`), "revoked");
}

/** The OB 2.0 issuer's revocation list, when its profile names one (unless the chain already answered). */
export async function checkOb2RevocationList(run: Run, assertion: Json, issuer: Json | undefined) {
  if (run.log.has("status")) return;
  const listUrl = issuer && typeof issuer.revocationList === "string" ? issuer.revocationList : undefined;
  if (!listUrl) {
    run.log.passed(
      "status",
      said("status.no-revocation-list", {}, "The issuer publishes no revocation list, and the hosted assertion is live."),
    );
    return;
  }
  const list = await fetchJson({ fetch: run.fetch, fail }, listUrl, "revocation-list");
  const id = String(assertion.id);
  const uid = typeof assertion.uid === "string" ? assertion.uid : undefined;
  const entry = asArray(isJson(list) ? list.revokedAssertions : undefined).find((e) =>
    typeof e === "string" ? e === id : isJson(e) && (e.id === id || (uid !== undefined && e.uid === uid)),
  );
  if (entry !== undefined) {
    const reason = isJson(entry) && typeof entry.revocationReason === "string" ? entry.revocationReason : undefined;
    run.log.failed(
      "status",
      said("status.revocation-list-listed", { reason }, `Listed as revoked in the issuer's revocation list${quoted(reason)}.`),
      "revoked",
    );
    return;
  }
  run.log.passed("status", said("status.not-in-revocation-list", {}, "Not in the issuer's revocation list."));
}
