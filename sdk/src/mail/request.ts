// Award e-mails: the request an issuer's signer signs so that a gateway mails the learners of its
// badges. The gateway is not a relay: it sends only what a current signer of the issuer signed
// (EIP-712 over the chain, registry, issuer, the badges' uids, the recipients' addresses, a hash of
// what else goes into the mails, a time and a nonce), and only to the address each badge's salted
// e-mail hash names. One signature covers a whole bulk; the credentials travel in parts (`slice`).
import { type Address, getAddress, type Hex, isAddress, keccak256, toBytes, type WalletClient } from "viem";
import { ChanceryError } from "../errors.ts";

export const MAIL_LOCALES = ["en", "fr", "zh"] as const;
export type MailLocale = (typeof MAIL_LOCALES)[number];

/** Most recipients one signed request names (a wallet shows them all when signing). */
export const MAX_MAIL_RECIPIENTS = 1000;
/** How long a signed request may be used after it was signed (and how far ahead a clock may run). */
export const MAIL_REQUEST_TTL_SECONDS = 15 * 60;
export const MAIL_CLOCK_SKEW_SECONDS = 2 * 60;

/** One learner's message: the badge (by uid), the address, and what goes into the message besides the credential. */
export type AwardMailRecipient = {
  uid: Hex;
  email: string;
  /** The badge key: the share link in the message then opens the full badge (the e-mail is the learner's channel). */
  key?: string;
  /** A Merkle-batched badge's batch (its share link names it). */
  batchId?: Hex;
  /** The attached baked file; default: the class image's own format. */
  format?: "png" | "svg";
  /** An OpenID4VCI credential offer for the learner's wallet, shown as a button when present. */
  walletOfferUrl?: string;
};

/** What the signer signs (with the EIP-712 domain of the chain and registry). */
export type AwardMailEnvelope = {
  chainId: number;
  registry: Address;
  issuerId: number;
  locale: MailLocale;
  /** Unix seconds at signing. */
  issuedAt: number;
  /** 32 random bytes: a gateway mails each (nonce, uid) once. */
  nonce: Hex;
  recipients: AwardMailRecipient[];
};

export type SignedAwardMails = AwardMailEnvelope & { signer: Address; signature: Hex };

/** One HTTP request: the signed envelope and the credentials of some of its recipients. */
export type AwardMailRequest = { envelope: SignedAwardMails; credentials: Record<Hex, object> };

/**
 * Why one learner's mail was refused or not delivered (`AwardMailOutcome.code`), so an app can say
 * it in its reader's language; `message` stays the English sentence (CLI, logs).
 */
export const AWARD_MAIL_OUTCOME_PARAMS = {
  "no-credential": [],
  "not-a-credential": ["detail"],
  "other-badge": ["uid", "hashedUid"],
  "not-on-chain": ["uid", "chainId"],
  "other-issuer": ["uid", "issuerId", "expectedIssuerId"],
  erased: ["uid"],
  revoked: ["uid"],
  "no-email": ["uid"],
  "other-email": ["uid", "email"],
  "not-published": ["uid"],
  "key-does-not-open": ["uid"],
  "smtp-refused": ["detail"],
} as const satisfies Record<string, readonly string[]>;
export type AwardMailOutcomeCode = keyof typeof AWARD_MAIL_OUTCOME_PARAMS;
/** Exactly the parameters an outcome code carries. */
export type AwardMailOutcomeParams<C extends AwardMailOutcomeCode> = Record<(typeof AWARD_MAIL_OUTCOME_PARAMS)[C][number], string | number>;
export const AWARD_MAIL_OUTCOME_CODES = Object.keys(AWARD_MAIL_OUTCOME_PARAMS) as AwardMailOutcomeCode[];

/**
 * Why a gateway refused a whole award-mail request (`AwardMailRefused.error`): the mail route's own
 * codes, the gateway's generic ones, and `mail-refused` when the answer named none.
 */
export const AWARD_MAIL_REQUEST_CODES = [
  "bad-request",
  "too-many",
  "expired-request",
  "bad-signature",
  "not-a-signer",
  "issuer-suspended",
  "mail-not-configured",
  "rate-limited",
  "not-found",
  "replayed",
  "chain-unavailable",
  "internal-error",
  "mail-refused",
] as const;
export type AwardMailRequestCode = (typeof AWARD_MAIL_REQUEST_CODES)[number];

/** The per-recipient answer of the gateway; a refusal or failure has its code and the code's parameters. */
export type AwardMailOutcome = {
  uid: Hex;
  email: string;
  status: "sent" | "refused" | "failed";
  message?: string;
  code?: AwardMailOutcomeCode;
  params?: Record<string, string | number>;
  messageId?: string;
};

export const AWARD_MAIL_TYPES = {
  AwardMail: [
    { name: "issuerId", type: "uint256" },
    { name: "uids", type: "bytes32[]" },
    { name: "recipients", type: "string[]" },
    { name: "contentHash", type: "bytes32" },
    { name: "issuedAt", type: "uint64" },
    { name: "nonce", type: "bytes32" },
  ],
} as const;

export function awardMailDomain(chainId: number, registry: Address) {
  return { name: "Chancery award mail", version: "1", chainId, verifyingContract: registry } as const;
}

/** keccak256 of what the message carries besides the credential (which its uid commits to): locale, keys, batches, formats, offers. */
export function awardMailContentHash(envelope: Pick<AwardMailEnvelope, "locale" | "recipients">): Hex {
  const content = [
    envelope.locale,
    envelope.recipients.map((r) => [
      r.uid.toLowerCase(),
      r.key ?? "",
      r.batchId?.toLowerCase() ?? "",
      r.format ?? "",
      r.walletOfferUrl ?? "",
    ]),
  ];
  return keccak256(toBytes(JSON.stringify(content)));
}

/** The EIP-712 typed data of an envelope (what a wallet shows and signs). */
export function awardMailTypedData(envelope: AwardMailEnvelope) {
  return {
    domain: awardMailDomain(envelope.chainId, envelope.registry),
    types: AWARD_MAIL_TYPES,
    primaryType: "AwardMail" as const,
    message: {
      issuerId: BigInt(envelope.issuerId),
      uids: envelope.recipients.map((r) => r.uid.toLowerCase() as Hex),
      recipients: envelope.recipients.map((r) => r.email.trim().toLowerCase()),
      contentHash: awardMailContentHash(envelope),
      issuedAt: BigInt(envelope.issuedAt),
      nonce: envelope.nonce,
    },
  };
}

/** An award-mail request that cannot be built or read: the message says which field and why. */
export class AwardMailError extends ChanceryError {
  constructor(message: string) {
    super("award-mail-invalid", message, { kind: "invalid-input" });
    this.name = "AwardMailError";
  }
}

const BYTES32 = /^0x[0-9a-f]{64}$/;
const KEY = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks an envelope's shape (before any signature or chain check); throws AwardMailError naming what is wrong. */
export function checkAwardMailEnvelope(value: unknown): SignedAwardMails {
  const fail = (message: string): never => {
    throw new AwardMailError(message);
  };
  if (!value || typeof value !== "object")
    fail("The request has no envelope: send { envelope, credentials } as built by the sdk (buildAwardMails).");
  const e = value as Record<string, unknown>;
  if (!Number.isSafeInteger(e.chainId) || (e.chainId as number) <= 0) fail("envelope.chainId must be a positive integer.");
  if (typeof e.registry !== "string" || !isAddress(e.registry, { strict: false }))
    fail("envelope.registry must be the registry's 0x address.");
  if (!Number.isSafeInteger(e.issuerId) || (e.issuerId as number) <= 0) fail("envelope.issuerId must be a positive integer.");
  if (!MAIL_LOCALES.includes(e.locale as MailLocale)) fail(`envelope.locale must be one of ${MAIL_LOCALES.join(", ")}.`);
  if (!Number.isSafeInteger(e.issuedAt)) fail("envelope.issuedAt must be the signing time in Unix seconds.");
  if (typeof e.nonce !== "string" || !BYTES32.test(e.nonce)) fail("envelope.nonce must be 32 random bytes in lower-case hex.");
  if (typeof e.signer !== "string" || !isAddress(e.signer, { strict: false }))
    fail("envelope.signer must be the signing wallet's address.");
  if (typeof e.signature !== "string" || !/^0x[0-9a-fA-F]{130}$/.test(e.signature)) fail("envelope.signature must be a 65-byte signature.");
  const list = e.recipients;
  if (!Array.isArray(list) || list.length === 0) fail("envelope.recipients must list at least one recipient.");
  const recipients = list as unknown[];
  if (recipients.length > MAX_MAIL_RECIPIENTS)
    fail(`One request names at most ${MAX_MAIL_RECIPIENTS} recipients; got ${recipients.length}: sign several.`);
  const seen = new Set<string>();
  const out: AwardMailRecipient[] = recipients.map((raw, i) => {
    const r = (raw ?? {}) as Record<string, unknown>;
    const at = `envelope.recipients[${i}]`;
    if (typeof r.uid !== "string" || !BYTES32.test(r.uid)) fail(`${at}.uid must be the badge's uid (0x + 64 lower-case hex).`);
    if (seen.has(r.uid as string)) fail(`${at}.uid ${String(r.uid)} is listed twice.`);
    seen.add(r.uid as string);
    if (typeof r.email !== "string" || r.email.length > 254 || !EMAIL.test(r.email.trim())) fail(`${at}.email is not an e-mail address.`);
    if (r.key !== undefined && (typeof r.key !== "string" || !KEY.test(r.key)))
      fail(`${at}.key must be the badge key (43 base64url characters).`);
    if (r.batchId !== undefined && (typeof r.batchId !== "string" || !BYTES32.test(r.batchId)))
      fail(`${at}.batchId must be 0x + 64 lower-case hex.`);
    if (r.format !== undefined && r.format !== "png" && r.format !== "svg") fail(`${at}.format must be png or svg.`);
    if (r.walletOfferUrl !== undefined) {
      const ok =
        typeof r.walletOfferUrl === "string" &&
        r.walletOfferUrl.length <= 2048 &&
        /^(openid-credential-offer|https?):\/\//.test(r.walletOfferUrl);
      if (!ok) fail(`${at}.walletOfferUrl must be an openid-credential-offer:// or http(s) URL of at most 2048 characters.`);
    }
    return {
      uid: r.uid as Hex,
      email: (r.email as string).trim().toLowerCase(),
      ...(r.key !== undefined ? { key: r.key as string } : {}),
      ...(r.batchId !== undefined ? { batchId: r.batchId as Hex } : {}),
      ...(r.format !== undefined ? { format: r.format as "png" | "svg" } : {}),
      ...(r.walletOfferUrl !== undefined ? { walletOfferUrl: r.walletOfferUrl as string } : {}),
    };
  });
  return {
    chainId: e.chainId as number,
    registry: getAddress(e.registry as string),
    issuerId: e.issuerId as number,
    locale: e.locale as MailLocale,
    issuedAt: e.issuedAt as number,
    nonce: e.nonce as Hex,
    recipients: out,
    signer: getAddress(e.signer as string),
    signature: e.signature as Hex,
  };
}

function randomNonce(): Hex {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
  return `0x${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}` as Hex;
}

/**
 * Builds and signs the award mails of many badges with one wallet signature (EIP-712, `eth_signTypedData_v4`).
 * `wallet` must carry the signer's account (a local account, or a browser wallet's connected one).
 */
export async function signAwardMails(
  wallet: WalletClient,
  input: Omit<AwardMailEnvelope, "issuedAt" | "nonce" | "locale"> & { locale?: MailLocale; issuedAt?: number; nonce?: Hex },
): Promise<SignedAwardMails> {
  const account = wallet.account;
  if (!account) throw new AwardMailError("The wallet has no account: connect the issuer's signer wallet before sending award e-mails.");
  const envelope: AwardMailEnvelope = {
    chainId: input.chainId,
    registry: getAddress(input.registry),
    issuerId: input.issuerId,
    locale: input.locale ?? "en",
    issuedAt: input.issuedAt ?? Math.floor(Date.now() / 1000),
    nonce: input.nonce ?? randomNonce(),
    recipients: input.recipients.map((r) => ({ ...r, uid: r.uid.toLowerCase() as Hex, email: r.email.trim().toLowerCase() })),
  };
  const signature = await wallet.signTypedData({ account, ...awardMailTypedData(envelope) });
  return checkAwardMailEnvelope({ ...envelope, signer: account.address, signature });
}
