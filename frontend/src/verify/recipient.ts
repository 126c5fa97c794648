// "Is it this person's badge?": the employer's e-mail or wallet, read from one field, and the recipient
// step's answer as the app words it. The comparison itself is the sdk's (report.recipient).
import { getAddress, isAddress } from "viem";
import { isEmail } from "../pages/issue/forms.tsx";
import type { VerificationReport } from "./types.ts";

export type ExpectedRecipient = { email: string; wallet?: undefined } | { wallet: `0x${string}`; email?: undefined };

/** Why the field's value is neither an e-mail address nor a wallet address (an i18n key under verify.recipient.error). */
export type RecipientInputError = "wallet-length" | "wallet-characters" | "ens" | "not-an-address";

/** The field's value as what verifyBadge compares with, or what is wrong with it (empty: nothing to check). */
export function parseExpectedRecipient(
  value: string,
): { ok: true; expected?: ExpectedRecipient } | { ok: false; error: RecipientInputError } {
  const text = value.trim();
  if (!text) return { ok: true };
  if (/^0x/i.test(text)) {
    if (isAddress(text, { strict: false })) return { ok: true, expected: { wallet: getAddress(text) } };
    return { ok: false, error: /^0x[0-9a-f]*$/i.test(text) ? "wallet-length" : "wallet-characters" };
  }
  if (isEmail(text)) return { ok: true, expected: { email: text } };
  // The verifier asks no name service: an ENS name would be one more party to trust.
  if (!text.includes("@") && /\.eth$/i.test(text)) return { ok: false, error: "ens" };
  return { ok: false, error: "not-an-address" };
}

/** The recipient answer shown at the top of a result. */
export type RecipientAnswer =
  | {
      kind: "matched" | "not-matched" | "not-named";
      identity: "email" | "wallet";
      value: string;
      /** A wallet matched in a badge no on-chain record backs (unanchored): the document names it, the chain does not. */
      documentOnly?: boolean;
    }
  // The badge's content was never reached (an earlier step decided the verdict): nothing was compared.
  | { kind: "not-compared"; identity: "email" | "wallet"; value: string }
  // A record-only link: the e-mail is inside the withheld content, so it could not be compared.
  | { kind: "withheld"; identity: "email"; value: string };

export function recipientAnswer(report: VerificationReport, expected: ExpectedRecipient | undefined): RecipientAnswer | undefined {
  if (!expected) return undefined;
  const identity = expected.email !== undefined ? "email" : "wallet";
  const value = expected.email ?? expected.wallet ?? "";
  const match = report.recipient?.[identity];
  const step = report.steps.find((s) => s.id === "recipient");
  if (identity === "email" && report.record && step?.status === "warning") return { kind: "withheld", identity, value };
  if (!match || !step || step.status === "skipped") return { kind: "not-compared", identity, value };
  const anchored = report.steps.some((s) => s.id === "anchor" && s.status === "passed");
  return { kind: match, identity, value, ...(identity === "wallet" && match === "matched" && !anchored ? { documentOnly: true } : {}) };
}

/** A non-valid verdict whose own document is unproven (signature or chain record not passed): its fields are labelled unverified. */
export function contentUnverified(report: VerificationReport): boolean {
  if (report.verdict !== "invalid" && report.verdict !== "error") return false;
  const passed = (id: string) => report.steps.some((s) => s.id === id && s.status === "passed");
  return !passed("proof") || !passed("anchor");
}

/** The verdict is "invalid" only because the badge names someone else: it is genuine, just not this person's. */
export function onlyRecipientFailed(report: VerificationReport): boolean {
  const failed = report.steps.filter((s) => s.status === "failed");
  return report.verdict === "invalid" && failed.length === 1 && failed[0]?.id === "recipient";
}
