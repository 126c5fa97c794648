// The recipient step (optional): the badge names the learner the verifier expects, by wallet
// (did:pkh) or by e-mail (the salted identity hash, or a plain identity).
import { type Address, getAddress } from "viem";
import { emailMatches } from "../../documents/recipient.ts";
import { parseRecipientDid } from "../../ids.ts";
import { parseOb2RecipientUrl } from "../../urls.ts";
import { asArray, isJson, type Json } from "../json.ts";
import type { Run } from "../run.ts";

/** The wallet a did:pkh subject id names (OB 2.0: a `url` recipient identity), or undefined. */
export function walletOf(subject: Json): Address | undefined {
  const recipient = isJson(subject.recipient) ? subject.recipient : undefined;
  const id =
    typeof subject.id === "string" && subject.id.startsWith("did:")
      ? subject.id
      : recipient?.hashed === false
        ? recipient.identity
        : undefined;
  // A wallet badge's OB 2.0 recipient is an https url identity naming the wallet (ob2RecipientUrl).
  const named = parseOb2RecipientUrl(id);
  if (named) return named.wallet;
  if (typeof id !== "string" || !id.startsWith("did:pkh:")) return undefined;
  try {
    return parseRecipientDid(id).wallet;
  } catch {
    return undefined;
  }
}

/** OB 3.0 `credentialSubject.identifier`, OB 2.0 `recipient`. */
function namesEmail(document: Json, subject: Json, email: string) {
  const identities = [...asArray(subject.identifier), ...asArray(document.recipient)].filter(isJson);
  return identities.some((identity) => {
    const hash = identity.identityHash ?? identity.identity;
    if (typeof hash !== "string") return false;
    if (identity.hashed === false) return hash.trim().toLowerCase() === email.trim().toLowerCase();
    return emailMatches(email, hash, typeof identity.salt === "string" ? identity.salt : "");
  });
}

/** `document`: an OB 3.0 credential or an OB 2.0 assertion. */
export function checkRecipient(run: Run, document: Json) {
  const expected = run.options.expectedRecipient;
  if (!expected || (!expected.email && !expected.wallet)) {
    run.log.skipped("recipient", "No recipient was given to compare with.");
    return;
  }
  const subject = isJson(document.credentialSubject) ? document.credentialSubject : document;
  if (expected.wallet) {
    const wallet = walletOf(subject);
    if (!wallet || getAddress(wallet) !== getAddress(expected.wallet)) {
      run.log.failed("recipient", `This badge was not issued to wallet ${expected.wallet}.`);
      return;
    }
  }
  if (expected.email && !namesEmail(document, subject, expected.email)) {
    run.log.failed("recipient", `This badge was not issued to ${expected.email}.`);
    return;
  }
  run.log.passed("recipient", `Issued to ${[expected.email, expected.wallet].filter(Boolean).join(" and ")}.`);
}
