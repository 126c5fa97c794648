// Open Badges 3.0 as a VC-JWT (another issuer's: we sign with Data Integrity): the signature, then
// the credential inside it, checked by its own status list; "unanchored" at best.
import type { Run } from "../run.ts";
import { notAnchored } from "../steps/anchor.ts";
import { checkOb3Format } from "../steps/format.ts";
import { issuerNotRecorded } from "../steps/issuer.ts";
import { checkJwtSignature, recordJwtProof } from "../steps/proof.ts";
import { checkRecipient } from "../steps/recipient.ts";
import { checkThirdPartyStatus } from "../steps/statusLists.ts";
import { checkValidity } from "../steps/validity.ts";

export async function verifyOb3Jwt(run: Run, jwt: string) {
  run.format = "ob3-jwt";
  const verified = await checkJwtSignature(run, jwt);
  const credential = checkOb3Format(run, verified.credential);
  recordJwtProof(run, verified);
  notAnchored(run, "anchor.unanchored-proof");
  issuerNotRecorded(run);
  await checkThirdPartyStatus(run, credential);
  checkValidity(run, credential);
  checkRecipient(run, credential);
}
