// Open Badges 3.0 with an eddsa-rdfc-2022 Data Integrity proof: ours, anchored on a Chancery
// registry (the chain answers for anchor, issuer, status and expiry), or another issuer's
// (checked by its proof and its own status list, and "unanchored" at best).
import type { Hex } from "viem";
import type { Json } from "../json.ts";
import type { Run } from "../run.ts";
import { anchoredOn, checkAnchor, notAnchored } from "../steps/anchor.ts";
import { checkOb3Format } from "../steps/format.ts";
import { checkIssuer, issuerNotRecorded } from "../steps/issuer.ts";
import { checkDataIntegrityProof } from "../steps/proof.ts";
import { checkRecipient } from "../steps/recipient.ts";
import { checkChainStatus } from "../steps/status.ts";
import { checkThirdPartyStatus } from "../steps/statusLists.ts";
import { checkValidity } from "../steps/validity.ts";

/** `expectedUid`: the badge a share link named, which the credential must hash to. */
export async function verifyOb3(run: Run, document: Json, expected: { expectedUid?: Hex } = {}) {
  run.credential = document;
  run.format = "ob3-data-integrity";
  const credential = checkOb3Format(run, document);
  const anchored = await anchoredOn(run, credential);
  const proof = await checkDataIntegrityProof(run, credential, anchored);
  if (!anchored) {
    notAnchored(run, "a genuine Open Badge checked by its proof alone");
    issuerNotRecorded(run);
    await checkThirdPartyStatus(run, credential);
    checkValidity(run, credential);
    checkRecipient(run, credential);
    return;
  }
  const status = await checkAnchor(run, credential, anchored, { publicKey: proof.publicKeyHex, expectedUid: expected.expectedUid });
  checkIssuer(run, status, Boolean(proof.publicKeyHex));
  await checkChainStatus(run, anchored.registry, status);
  checkValidity(run, credential, status);
  checkRecipient(run, credential);
}
