// The format step's checks: the Open Badges 3.0 data model and JSON Schema, the Open Badges 2.0
// rules, and what hosted verification needs of an assertion.
import type { Problem } from "../../documents/problems.ts";
import { validateOb2 } from "../../documents/validateOb2.ts";
import { isVc11Credential, validateReceivedOb3Credential } from "../../documents/validateOb3.ts";
import type { Credential } from "../../proofs/dataIntegrity.ts";
import { isJson, type Json } from "../json.ts";
import { failuresOf, type Run } from "../run.ts";
import { said } from "../steps.ts";

const fail = failuresOf("format");

/** "The credential breaks the … rules (n problems): …", with the first few: enough to see what is wrong. */
function breaks(code: "format.ob3-broken" | "format.ob2-broken", problems: Problem[]) {
  const list = problems
    .slice(0, 5)
    .map((p) => (p.path ? `${p.path}: ${p.message}` : p.message))
    .join("; ");
  const [what, rules] = code === "format.ob3-broken" ? ["The credential", "Open Badges 3.0"] : ["The assertion", "Open Badges 2.0"];
  const count = problems.length;
  return said(code, { count, problems: list }, `${what} breaks the ${rules} rules (${count} problem${count > 1 ? "s" : ""}): ${list}`);
}

/** What the proof step relies on; the OB 3.0 schema requires both. */
function hasContextAndIssuer(credential: Json): credential is Credential {
  const issuer = credential.issuer;
  return credential["@context"] !== undefined && (typeof issuer === "string" || (isJson(issuer) && typeof issuer.id === "string"));
}

/** The credential, once it follows the OB 3.0 data model and its JSON Schema. */
export function checkOb3Format(run: Run, credential: Json): Credential {
  // VC 2.0, or VC 1.1 (issuanceDate / expirationDate) as other issuers' badges still often are.
  const problems = validateReceivedOb3Credential(credential);
  if (problems.length > 0) throw fail(breaks("format.ob3-broken", problems));
  if (!hasContextAndIssuer(credential))
    throw fail(said("format.ob3-no-context-issuer", {}, "The credential has no @context or no issuer id."));
  run.log.passed(
    "format",
    isVc11Credential(credential)
      ? said(
          "format.ob3-ok-vc11",
          {},
          "The credential follows the Open Badges 3.0 data model and its JSON Schema (as a VC 1.1 credential: issuanceDate / expirationDate).",
        )
      : said("format.ob3-ok", {}, "The credential follows the Open Badges 3.0 data model and its JSON Schema."),
  );
  return credential;
}

export function checkOb2Format(run: Run, assertion: Json) {
  const problems = validateOb2(assertion);
  if (problems.length > 0) throw fail(breaks("format.ob2-broken", problems));
  run.log.passed("format", said("format.ob2-ok", {}, "The assertion follows the Open Badges 2.0 rules."));
}

/** The URL a hosted assertion is verified at: its own id. */
export function hostedId(assertion: Json): string {
  const id = typeof assertion.id === "string" ? assertion.id : undefined;
  if (!id || !/^https:\/\//i.test(id))
    throw fail(said("format.hosted-no-https-id", {}, "A hosted Open Badges 2.0 assertion must have an https id to fetch it from."));
  return id;
}
