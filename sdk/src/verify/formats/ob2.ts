// Open Badges 2.0: hosted assertions (the copy at the assertion's own URL is the authority; ours
// are bound to the chain first, see steps/hosted.ts) and signed ones (an RS256 JWS by a key the
// issuer's profile lists).
import type { Hex } from "viem";
import { keyFromString } from "../../crypto/envelope.ts";
import type { Ob2Resource } from "../../urls.ts";
import { publishedCredential } from "../inputs/shareLink.ts";
import { isJson, type Json } from "../json.ts";
import type { Run } from "../run.ts";
import { locateHosted, notAnchored, ourHostedAssertion, recordHostedAnchor } from "../steps/anchor.ts";
import { checkOb2Format, hostedId } from "../steps/format.ts";
import { allowedOriginsOf, checkAllowedOrigin, checkHostedBound, expectedHostedAssertion, readIssuerRecord } from "../steps/hosted.ts";
import { checkIssuer, issuerNotRecorded } from "../steps/issuer.ts";
import { checkHostedOrigin, checkOb2Signature, fetchHostedAssertion, recordOb2Signature, signatureMissing } from "../steps/proof.ts";
import { checkRecipient } from "../steps/recipient.ts";
import { checkChainStatus, checkOb2RevocationList, recordErased, revokedByHost } from "../steps/status.ts";
import { checkChainValidity, checkOb2Validity } from "../steps/validity.ts";
import { said } from "../steps.ts";
import { verifyOb3 } from "./ob3.ts";

const hostAnswers = said("format.host-answers", {}, "The issuer's server answers for this assertion.");

/** An assertion given as JSON: verified at its own URL (ours: bound to the chain first). */
export async function verifyOb2Hosted(run: Run, given: Json) {
  const signed = isJson(given.verification) && given.verification.type === "signed";
  run.format = signed ? "ob2-signed" : "ob2-hosted";
  run.credential = given;
  if (signed) throw signatureMissing();
  const ours = ourHostedAssertion(given.id);
  if (ours) return verifyChanceryHosted(run, String(given.id), ours, given);
  const id = hostedId(given);
  const hosted = await fetchHostedAssertion(run, id);
  if (hosted.revoked) {
    run.log.passed("format", hostAnswers);
    run.log.passed("proof", said("proof.hosted-at", { url: id }, `The assertion is hosted at ${id}.`));
    revokedByHost(run, hosted.reason);
    return;
  }
  const assertion = hosted.document;
  run.credential = assertion;
  checkOb2Format(run, assertion);
  const issuer = await checkHostedOrigin(run, assertion);
  notAnchored(run, "anchor.unanchored-hosted");
  issuerNotRecorded(run);
  await checkOb2RevocationList(run, assertion, issuer);
  checkOb2Validity(run, assertion);
  checkRecipient(run, assertion);
}

/**
 * An assertion at a Chancery gateway URL (`given`: the JSON the holder gave, if any). In this order,
 * so that nothing is fetched from a host nobody allowed: the badge on a trusted registry of the
 * URL's chain → its issuer's on-chain record → the hosts that record allows → the hosted copy,
 * whose fields must be the chain's. A keyed URL also opens the credential published with the
 * badge, which is then verified in full (its signature, anchor, issuer, status, dates).
 */
export async function verifyChanceryHosted(run: Run, url: string, parsed: Extract<Ob2Resource, { kind: "assertion" }>, given?: Json) {
  run.format = "ob2-hosted";
  const found = await locateHosted(run, parsed);
  const { registry, located } = found;
  const { status } = located;
  if (status.erased) {
    // Nothing about an erased badge is disclosed: its hosted copy is not even fetched.
    recordHostedAnchor(run, found, parsed.chainId);
    return recordErased(run);
  }
  const issuer = await readIssuerRecord(registry, status.issuerId, parsed.chainId);
  const allowed = allowedOriginsOf(issuer);
  checkAllowedOrigin(url, issuer, allowed, run.options.trustedOrigins);
  const hosted = await fetchHostedAssertion(run, url);
  const credential = parsed.key ? await keyedCredential(run, found, parsed, parsed.key) : undefined;
  const expected = expectedHostedAssertion({ gatewayBase: parsed.gatewayBase, chainId: parsed.chainId, url, located, credential });
  // A claim URL's e-mail recipient was sealed by the gateway from the credential it hashed against
  // the chain; the chain alone cannot answer for it, so it is left out here and said below.
  const except = parsed.claim ? ["recipient"] : [];
  if (given) checkHostedBound(given, expected, undefined, except);
  if (!hosted.revoked) {
    checkHostedBound(hosted.document, expected, url, except);
    // What the report shows is the issuer's host copy, checked against the chain, not the holder's.
    run.credential = hosted.document;
  }
  if (credential) {
    // The published credential answers for everything the hosted copy showed: verify it in full.
    await verifyOb3(run, credential, { expectedUid: parsed.uid });
    return;
  }
  recordHostedAnchor(run, found, parsed.chainId);
  const host = new URL(url).host;
  const { issuerId } = issuer;
  run.log.passed(
    "proof",
    said(
      parsed.claim ? "proof.hosted-chain-ok-claim" : "proof.hosted-chain-ok",
      { host, issuerId },
      `Hosted verification: the assertion is served by ${host}, a host issuer #${issuerId}'s on-chain profile allows, and it shows what the chain records.${
        parsed.claim
          ? " Its e-mail recipient (a claim URL) is vouched for by that gateway, which checked the badge's credential against the chain when it made the URL: verify the credential itself to check the recipient from the chain."
          : ""
      }`,
    ),
  );
  if (hosted.revoked) {
    run.log.passed("format", hostAnswers);
  } else {
    checkOb2Format(run, hosted.document);
  }
  const name = isJson(issuer.profile) && typeof issuer.profile.name === "string" ? issuer.profile.name : undefined;
  await checkIssuer(run, status, false, { registry, name });
  // The issuer's own host answering 410 Gone is taken at its word, even before the chain says so.
  if (hosted.revoked && !status.revokedAt) revokedByHost(run, hosted.reason);
  else await checkChainStatus(run, registry, status);
  checkChainValidity(run, status);
  if (!hosted.revoked) checkRecipient(run, hosted.document);
}

/** The credential published with the badge, opened with the key of a keyed hosted URL; it must be the badge the URL names. */
async function keyedCredential(
  run: Run,
  { registry, located }: Awaited<ReturnType<typeof locateHosted>>,
  parsed: { chainId: number; uid: Hex },
  key: string,
): Promise<Json> {
  const credential = await publishedCredential(
    registry,
    { chainId: parsed.chainId, registry: registry.registry, uid: parsed.uid },
    keyFromString(key),
    located.status.issuedBlock,
  );
  run.credential = credential;
  return credential;
}

/** A signed assertion (a JWS): checked by its signature alone. */
export async function verifyOb2Signed(run: Run, jws: string) {
  run.format = "ob2-signed";
  const { assertion, issuer } = await checkOb2Signature(run, jws);
  checkOb2Format(run, assertion);
  recordOb2Signature(run);
  notAnchored(run, "anchor.unanchored-signature");
  issuerNotRecorded(run);
  await checkOb2RevocationList(run, assertion, issuer);
  checkOb2Validity(run, assertion);
  checkRecipient(run, assertion);
}
