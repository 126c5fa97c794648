// A compact JWS: an OB 3.0 VC-JWT or a signed OB 2.0 assertion, told apart by its payload.
import { verifyOb2Signed } from "../formats/ob2.ts";
import { verifyOb3Jwt } from "../formats/ob3Jwt.ts";
import type { Run } from "../run.ts";
import { jwsKind, jwsPayload } from "../steps/parse.ts";
import { said } from "../steps.ts";
import { sourceText } from "../words.ts";

export async function verifyJws(run: Run, jws: string, source: string) {
  if (jwsKind(jwsPayload(jws, source)) === "ob3") {
    run.log.passed("parse", said("parse.read-ob3-jwt", { source }, `Read an Open Badges 3.0 VC-JWT from ${sourceText(source)}.`));
    return verifyOb3Jwt(run, jws);
  }
  run.log.passed(
    "parse",
    said("parse.read-ob2-jws", { source }, `Read a signed Open Badges 2.0 assertion (JWS) from ${sourceText(source)}.`),
  );
  return verifyOb2Signed(run, jws);
}
