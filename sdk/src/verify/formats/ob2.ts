// Open Badges 2.0: hosted assertions (the copy at the assertion's own URL is the authority; ours
// are also found on chain) and signed ones (an RS256 JWS by a key the issuer's profile lists).
import { isJson, type Json } from "../json.ts";
import type { Run } from "../run.ts";
import { checkHostedAnchor, notAnchored } from "../steps/anchor.ts";
import { checkOb2Format, hostedId } from "../steps/format.ts";
import { checkIssuer, issuerNotRecorded } from "../steps/issuer.ts";
import { checkHostedOrigin, checkOb2Signature, fetchHostedAssertion, recordOb2Signature, signatureMissing } from "../steps/proof.ts";
import { checkRecipient } from "../steps/recipient.ts";
import { checkChainStatus, checkOb2RevocationList, revokedByHost } from "../steps/status.ts";
import { checkOb2Validity } from "../steps/validity.ts";

/** An assertion given as JSON: verified at its own URL. */
export async function verifyOb2Hosted(run: Run, given: Json) {
  const signed = isJson(given.verification) && given.verification.type === "signed";
  run.format = signed ? "ob2-signed" : "ob2-hosted";
  run.credential = given;
  if (signed) throw signatureMissing();
  const id = hostedId(given);
  const hosted = await fetchHostedAssertion(run, id);
  if (hosted.revoked) {
    run.log.passed("format", "The issuer's server answers for this assertion.");
    run.log.passed("proof", `The assertion is hosted at ${id}.`);
    revokedByHost(run, hosted.reason);
    return;
  }
  const assertion = hosted.document;
  run.credential = assertion;
  checkOb2Format(run, assertion);
  const issuer = await checkHostedOrigin(run, assertion);
  const anchored = await checkHostedAnchor(run, assertion);
  if (anchored) {
    checkIssuer(run, anchored.status, false);
    await checkChainStatus(run, anchored.registry, anchored.status);
  } else {
    issuerNotRecorded(run);
  }
  await checkOb2RevocationList(run, assertion, issuer);
  checkOb2Validity(run, assertion);
  checkRecipient(run, assertion);
}

/** A signed assertion (a JWS): checked by its signature alone. */
export async function verifyOb2Signed(run: Run, jws: string) {
  run.format = "ob2-signed";
  const { assertion, issuer } = await checkOb2Signature(run, jws);
  checkOb2Format(run, assertion);
  recordOb2Signature(run);
  notAnchored(run, "checked by its signature alone");
  issuerNotRecorded(run);
  await checkOb2RevocationList(run, assertion, issuer);
  checkOb2Validity(run, assertion);
  checkRecipient(run, assertion);
}
