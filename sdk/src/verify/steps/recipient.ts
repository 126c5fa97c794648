// The recipient step (optional): the badge names the learner the verifier expects, by wallet
// (did:pkh) or by e-mail (the salted identity hash, or a plain identity).
import { type Address, getAddress } from "viem";
import { emailMatches } from "../../documents/recipient.ts";
import { parseRecipientDid } from "../../ids.ts";
import { parseOb2RecipientUrl } from "../../urls.ts";
import { asArray, isJson, type Json } from "../json.ts";
import type { Run } from "../run.ts";
import { said } from "../steps.ts";

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

/** The e-mail identities a badge names: OB 3.0 `credentialSubject.identifier`, OB 2.0 `recipient` (a name identity is not one). */
function emailIdentities(document: Json, subject: Json): Json[] {
  return [...asArray(subject.identifier), ...asArray(document.recipient)].filter(isJson).filter((identity) => {
    const type = identity.identityType ?? identity.type;
    return type === undefined
      ? typeof (identity.identityHash ?? identity.identity) === "string"
      : type === "emailAddress" || type === "email";
  });
}

function namesEmail(identities: Json[], email: string) {
  return identities.some((identity) => {
    const hash = identity.identityHash ?? identity.identity;
    if (typeof hash !== "string") return false;
    if (identity.hashed === false) return hash.trim().toLowerCase() === email.trim().toLowerCase();
    return emailMatches(email, hash, typeof identity.salt === "string" ? identity.salt : "");
  });
}

/**
 * `document`: an OB 3.0 credential or an OB 2.0 assertion. A badge that names no identity of the kind
 * asked for is a warning, not a failure: "not issued to" would be untrue, and it is never a pass.
 */
export function checkRecipient(run: Run, document: Json) {
  const expected = run.options.expectedRecipient;
  if (!expected || (!expected.email && !expected.wallet)) {
    run.log.skipped("recipient", said("recipient.none-given", {}, "No recipient was given to compare with."));
    return;
  }
  const subject = isJson(document.credentialSubject) ? document.credentialSubject : document;
  const answer: NonNullable<Run["recipient"]> = {};
  if (expected.wallet) {
    const wallet = walletOf(subject);
    answer.wallet = !wallet ? "not-named" : getAddress(wallet) === getAddress(expected.wallet) ? "matched" : "not-matched";
  }
  if (expected.email) {
    const identities = emailIdentities(document, subject);
    answer.email = identities.length === 0 ? "not-named" : namesEmail(identities, expected.email) ? "matched" : "not-matched";
  }
  run.recipient = answer;
  const { email = "", wallet = "" } = expected;
  if (answer.wallet === "not-matched")
    run.log.failed("recipient", said("recipient.wallet-not-matched", { wallet }, `This badge was not issued to wallet ${wallet}.`));
  else if (answer.email === "not-matched")
    run.log.failed("recipient", said("recipient.email-not-matched", { email }, `This badge was not issued to ${email}.`));
  else if (answer.wallet === "not-named" || answer.email === "not-named") {
    const noEmail = answer.email === "not-named";
    const noWallet = answer.wallet === "not-named";
    const missing = [noEmail && "e-mail address", noWallet && "wallet"].filter(Boolean);
    const code = noEmail && noWallet ? "recipient.no-email-no-wallet" : noEmail ? "recipient.no-email" : "recipient.no-wallet";
    run.log.warning(
      "recipient",
      said(code, {}, `This badge names no ${missing.join(" and no ")}, so it cannot be checked against the one given.`),
    );
  } else {
    const message = `Issued to ${[email, wallet].filter(Boolean).join(" and ")}.`;
    run.log.passed(
      "recipient",
      email && wallet
        ? said("recipient.matched-both", { email, wallet }, message)
        : email
          ? said("recipient.matched-email", { email }, message)
          : said("recipient.matched-wallet", { wallet }, message),
    );
  }
}
