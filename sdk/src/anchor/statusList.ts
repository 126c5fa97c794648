// Revocation as independent verifiers read it: a W3C BitstringStatusList per badge class (131,072
// entries a list, status index n = list n / 131072, entry n % 131072) and per Merkle batch (entry =
// the badge's leaf position), each published by the issuer as a signed BitstringStatusListCredential
// on chain (BadgeRegistry.publishStatusList). Our own verdict on our badges comes from the registry
// (verifyAssertion); these lists are what verifiers that know nothing of the chain see.
import { gzipSync } from "fflate";
import { type Hex, pad, toHex } from "viem";
import { base64urlEncode } from "../codecs/base64.ts";
import { CREDENTIALS_V2_URL } from "../contexts/index.ts";
import { ChanceryError } from "../errors.ts";
import type { Deployment } from "../ids.ts";
import { batchStatusListUrl, statusListUrl } from "../urls.ts";

/** Entries of one list: the W3C minimum of 16 KB (BadgeRegistry.STATUS_LIST_LENGTH). */
export const STATUS_LIST_LENGTH = 131_072;
export const BITSTRING_STATUS_LIST_ENTRY = "BitstringStatusListEntry";
export const BITSTRING_STATUS_LIST_CREDENTIAL = "BitstringStatusListCredential";

/** Where a class's status index `n` sits: list `n / 131072`, entry `n % 131072`. */
export function statusPosition(statusIndex: number): { list: number; entry: number } {
  if (!Number.isSafeInteger(statusIndex) || statusIndex < 0) {
    throw new ChanceryError("invalid-input", `A status index is a whole number from 0; got ${String(statusIndex)}.`);
  }
  return { list: Math.floor(statusIndex / STATUS_LIST_LENGTH), entry: statusIndex % STATUS_LIST_LENGTH };
}

/** The registry's key of a class's list: `bytes32((classId << 32) | list)` (BadgeRegistry.classStatusListKey). */
export function classStatusListKey(classId: number, list: number): Hex {
  return pad(toHex((BigInt(classId) << 32n) | BigInt(list)), { size: 32 });
}

/** Where a badge's status lives: its list's URL and registry key, and its entry in the list. */
export type StatusSlot = { listUrl: string; listKey: Hex; entry: number };

/** The slot of a badge recorded on its own (status index from the class cursor) or inside a Merkle batch (leaf position). */
export function statusSlot(
  gatewayBase: string,
  deployment: Deployment,
  issuerId: number,
  at: { classId: number; statusIndex: number } | { batchId: Hex; position: number },
): StatusSlot {
  if ("batchId" in at) {
    if (!Number.isSafeInteger(at.position) || at.position < 0 || at.position >= STATUS_LIST_LENGTH) {
      throw new ChanceryError("invalid-input", `A badge's position in its batch is 0 to ${STATUS_LIST_LENGTH - 1}; got ${at.position}.`);
    }
    return { listUrl: batchStatusListUrl(gatewayBase, deployment, issuerId, at.batchId), listKey: at.batchId, entry: at.position };
  }
  const { list, entry } = statusPosition(at.statusIndex);
  return {
    listUrl: statusListUrl(gatewayBase, deployment, issuerId, at.classId, list),
    listKey: classStatusListKey(at.classId, list),
    entry,
  };
}

/** A credential's `credentialStatus`: one BitstringStatusListEntry (the 1EdTech schema wants one object). */
export function bitstringStatusEntry(slot: { listUrl: string; entry: number }) {
  return {
    id: `${slot.listUrl}#${slot.entry}`,
    type: BITSTRING_STATUS_LIST_ENTRY,
    statusPurpose: "revocation",
    statusListIndex: String(slot.entry),
    statusListCredential: slot.listUrl,
  };
}

/** The list's bits with `revoked` entries set (bit 0 = the first byte's most significant bit), GZIP, multibase base64url. */
export function encodeStatusBits(revoked: Iterable<number>, length = STATUS_LIST_LENGTH): string {
  const bits = new Uint8Array(length / 8);
  for (const entry of revoked) {
    if (!Number.isSafeInteger(entry) || entry < 0 || entry >= length) {
      throw new ChanceryError("invalid-input", `Status list entry ${String(entry)} is outside the list (0 to ${length - 1}).`);
    }
    bits[entry >> 3] = (bits[entry >> 3] ?? 0) | (0x80 >> (entry & 7));
  }
  return `u${base64urlEncode(gzipSync(bits, { mtime: 0 }))}`;
}

export type StatusListCredential = {
  "@context": string[];
  id: string;
  type: string[];
  issuer: string;
  validFrom: string;
  credentialSubject: { id: string; type: string; statusPurpose: "revocation"; encodedList: string };
  proof?: unknown;
};

/** The unsigned BitstringStatusListCredential of a list (sign it with the issuer's registered key: signCredential). */
export function buildStatusListCredential(input: {
  listUrl: string;
  /** The issuer's OB 3.0 profile id: the same `issuer` as its badges, as verifiers require. */
  issuerId: string;
  revoked: Iterable<number>;
  validFrom?: Date;
}): StatusListCredential {
  const validFrom = (input.validFrom ?? new Date()).toISOString().replace(/\.\d{3}Z$/, "Z");
  return {
    "@context": [CREDENTIALS_V2_URL],
    id: input.listUrl,
    type: ["VerifiableCredential", BITSTRING_STATUS_LIST_CREDENTIAL],
    issuer: input.issuerId,
    validFrom,
    credentialSubject: {
      id: `${input.listUrl}#list`,
      type: "BitstringStatusList",
      statusPurpose: "revocation",
      encodedList: encodeStatusBits(input.revoked),
    },
  };
}
