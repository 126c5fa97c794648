// Recipient identity without personal data in clear: an e-mail becomes the OB salted hash
// "sha256$" + hex(sha256(email + salt)) (same rule in OB 2.0 and 3.0, so one salt serves both).
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { normalizeAddress, recipientDid } from "../ids.ts";
import { check } from "./errors.ts";
import type { PreparedRecipient, RecipientInput } from "./types.ts";

/** Trimmed and lower-cased, as issuers and verifiers must both hash the same string. */
export function normalizeEmail(email: string): string {
  check(typeof email === "string", "The recipient e-mail must be a string.");
  const normalized = email.trim().toLowerCase();
  check(/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(normalized), `${JSON.stringify(email)} is not an e-mail address.`);
  return normalized;
}

/** 16 random bytes as hex: enough that the hash cannot be reversed by guessing e-mails. */
export function randomSalt(): string {
  return bytesToHex(globalThis.crypto.getRandomValues(new Uint8Array(16)));
}

/** "sha256$" + hex(sha256(identity + salt)) — the Open Badges hashed identity. */
export function hashIdentity(identity: string, salt: string): string {
  return `sha256$${bytesToHex(sha256(new TextEncoder().encode(identity + salt)))}`;
}

/** Whether `email` is the one behind an OB "sha256$…" hashed identity with this salt. */
export function emailMatches(email: string, identityHash: string, salt = ""): boolean {
  return hashIdentity(normalizeEmail(email), salt) === identityHash.toLowerCase();
}

export function prepareRecipient(recipient: RecipientInput, chainId: number, emailSalt?: string): PreparedRecipient {
  check(recipient && typeof recipient === "object", "recipient must be an object { email?, wallet?, name? }.");
  check(
    recipient.email !== undefined || recipient.wallet !== undefined,
    "The recipient needs an e-mail or a wallet: without either nobody can prove the badge is theirs.",
  );
  const prepared: PreparedRecipient = {};
  if (recipient.wallet !== undefined) {
    prepared.wallet = normalizeAddress(recipient.wallet, "recipient.wallet");
    prepared.did = recipientDid(chainId, prepared.wallet);
  }
  if (recipient.email !== undefined) {
    const salt = emailSalt ?? randomSalt();
    check(typeof salt === "string" && salt.length > 0, "emailSalt must be a non-empty string.");
    prepared.email = { salt, identityHash: hashIdentity(normalizeEmail(recipient.email), salt) };
  }
  if (recipient.name !== undefined) {
    check(typeof recipient.name === "string" && recipient.name.trim().length > 0, "recipient.name must be a non-empty string when given.");
    prepared.name = recipient.name.trim();
  }
  return prepared;
}
