// The status step for OB 3.0 badges of other issuers: the two status methods credentials use in
// the wild, 1EdTechRevocationList and Bitstring Status List (and its predecessor StatusList2021).
import { gunzipSync, inflateSync } from "fflate";
import { base64DecodeForgiving } from "../../codecs/base64.ts";
import { type Fetching, fetchJson } from "../fetch.ts";
import { asArray, isJson, type Json } from "../json.ts";
import { failuresOf, type Run } from "../run.ts";

const fail = failuresOf("status");
const fetching = (run: Run): Fetching => ({ fetch: run.fetch, fail });
/** A status list bitstring is at least 16 kB; cap what a hostile list may inflate to. */
const MAX_BITSTRING_BYTES = 16 * 1024 * 1024;

/** Each status entry the credential declares, until one decides. */
export async function checkThirdPartyStatus(run: Run, credential: Json) {
  const entries = asArray(credential.credentialStatus).filter(isJson);
  if (entries.length === 0) {
    run.log.passed("status", "The credential declares no revocation method, so it cannot be revoked.");
    return;
  }
  for (const entry of entries) {
    if (entry.type === "1EdTechRevocationList") await checkRevocationList(run, credential, entry);
    else if (entry.type === "BitstringStatusListEntry" || entry.type === "StatusList2021Entry") await checkBitstring(run, entry);
    else
      run.log.failed(
        "status",
        `The credential's status method (${String(entry.type)}) is not one this verifier knows, so its revocation could not be checked.`,
        "error",
      );
    if (run.log.has("status")) return;
  }
}

async function checkRevocationList(run: Run, credential: Json, entry: Json) {
  const list = await fetchJson(fetching(run), String(entry.id), "the issuer's revocation list");
  const listed = isJson(list) ? list.revokedCredentials : undefined;
  // A list that is not one (an array, no revokedCredentials) cannot say the badge stands.
  if (!Array.isArray(listed))
    throw fail(
      `The issuer's revocation list at ${String(entry.id)} is not a 1EdTech revocation list (no revokedCredentials array), so revocation could not be checked.`,
      "error",
    );
  const revoked = listed.filter(isJson);
  const hit = revoked.find((item) => item.id === credential.id);
  if (hit) {
    const reason = typeof hit.revocationReason === "string" ? `: “${hit.revocationReason}”` : "";
    run.log.failed("status", `Listed as revoked in the issuer's revocation list${reason}.`, "revoked");
  } else {
    run.log.passed("status", "Not in the issuer's revocation list.");
  }
}

/** The entry's bit in the list: set means revoked (or suspended, by the entry's purpose). */
export async function checkBitstring(run: Run, entry: Json) {
  const purpose = typeof entry.statusPurpose === "string" ? entry.statusPurpose : "revocation";
  const index = Number(entry.statusListIndex);
  if (!Number.isSafeInteger(index) || index < 0)
    throw fail(`The status list index ${String(entry.statusListIndex)} is not a whole number.`);
  const listCredential = await fetchJson(fetching(run), String(entry.statusListCredential), "the status list");
  const subject = isJson(listCredential) && isJson(listCredential.credentialSubject) ? listCredential.credentialSubject : {};
  const encoded = typeof subject.encodedList === "string" ? subject.encodedList : undefined;
  if (!encoded) throw fail("The status list has no encodedList.", "error");
  const bits = decodeBitstring(encoded);
  const byte = Math.floor(index / 8);
  if (byte >= bits.length) throw fail(`Index ${index} lies outside the status list (${bits.length * 8} entries).`);
  // Bit 0 is the most significant bit of the first byte (Bitstring Status List).
  const set = ((bits[byte] ?? 0) >> (7 - (index % 8))) & 1;
  if (set && (purpose === "revocation" || purpose === "suspension")) {
    run.log.failed(
      "status",
      purpose === "revocation"
        ? "Revoked: its bit is set in the issuer's status list."
        : "Suspended: its bit is set in the issuer's status list.",
      "revoked",
    );
  } else {
    run.log.passed("status", `Not ${purpose === "suspension" ? "suspended" : "revoked"} according to the issuer's status list.`);
  }
}

/** Bitstring Status List: multibase base64url ('u' prefix) of GZIP; StatusList2021: plain base64url of GZIP. */
export function decodeBitstring(encoded: string): Uint8Array {
  const text = encoded.startsWith("u") ? encoded.slice(1) : encoded;
  // Read as leniently as lists are written in the wild (padding or not, either alphabet).
  const compressed = base64DecodeForgiving(text.replace(/-/g, "+").replace(/_/g, "/"));
  if (!compressed) throw fail("The status list is not valid base64url.");
  try {
    const out = new Uint8Array(MAX_BITSTRING_BYTES);
    return compressed[0] === 0x1f && compressed[1] === 0x8b ? gunzipSync(compressed, { out }) : inflateSync(compressed, { out });
  } catch {
    throw fail("The status list could not be decompressed (corrupt, or larger than 16 MiB).");
  }
}
