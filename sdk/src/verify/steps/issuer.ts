// The issuer step's checks: the standing the registry authority gives the issuer (accredited,
// self-declared, suspended) and whether the signing key was the issuer's when the badge was issued.
import type { AssertionStatus } from "../../chain/registry.ts";
import { failuresOf, type Run } from "../run.ts";

const fail = failuresOf("issuer");

/** `askedKey`: the chain was asked about the signing key (verifyAssertion with it), so its answer counts. */
export function checkIssuer(run: Run, status: AssertionStatus, askedKey: boolean) {
  if (askedKey && !status.keyValidAtIssue) {
    throw fail("The key that signed this badge was not registered for the issuer, or was not valid, when the badge was issued.");
  }
  const keyNote = askedKey ? " The signing key was registered and valid when the badge was issued." : "";
  switch (status.issuerStatus) {
    case "accredited":
      run.log.passed("issuer", `Issuer #${status.issuerId} is accredited by the registry authority.${keyNote}`);
      return;
    case "self-declared":
      run.log.warning(
        "issuer",
        `Issuer #${status.issuerId} is registered but self-declared: no registry authority has accredited it.${keyNote}`,
      );
      return;
    case "suspended":
      run.log.failed(
        "issuer",
        `Issuer #${status.issuerId} is suspended by the registry authority: its badges cannot be trusted until it is reinstated.`,
        "suspended-issuer",
      );
      return;
    default:
      throw fail(`Issuer #${status.issuerId} is not registered.`);
  }
}

/** A badge that is not anchored with us: no registry records its issuer's standing. */
export function issuerNotRecorded(run: Run) {
  run.log.skipped("issuer", "The issuer's standing is recorded only for anchored badges.");
}
