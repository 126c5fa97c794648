// The issuer step's checks: the standing the registry authority gives the issuer (accredited,
// self-declared, suspended), whether the signing key was the issuer's when the badge was issued,
// and whether the name the badge shows is already an accredited issuer's (impersonation by name).
// Asked only of a trusted registry (see trust.ts): an untrusted one is never read as authority.
import { readAccreditedIssuerByName } from "../../chain/queries.ts";
import { type AssertionStatus, type RegistryContext, readIssuer } from "../../chain/registry.ts";
import { ChanceryError } from "../../errors.ts";
import { isJson } from "../json.ts";
import { failuresOf, type Run } from "../run.ts";
import { said } from "../steps.ts";
import { messageOf } from "../words.ts";

const fail = failuresOf("issuer");

/** The issuer name a credential shows (OB 3.0 `issuer.name`, or an OB 2.0 profile's `name`). */
export function issuerNameOf(document: unknown): string | undefined {
  const issuer = isJson(document) && isJson(document.issuer) ? document.issuer : document;
  const name = isJson(issuer) ? issuer.name : undefined;
  return typeof name === "string" && name.trim() ? name.trim() : undefined;
}

/** A spelling with no letters or digits is no accredited issuer's name (issuerNameKey refuses it). */
function noLetters(error: unknown): number {
  if (error instanceof ChanceryError && error.code === "invalid-input") return 0;
  throw error;
}

/** An accredited issuer of the same registry, other than `issuerId`, that already uses `name`. */
async function accreditedNamesake(
  registry: RegistryContext,
  name: string,
  issuerId: number,
): Promise<{ id: number; name: string } | undefined> {
  // The registry keys names by issuerNameKey (punctuation dropped): also ask the spellings where a
  // hyphen or dot stands for a space ("Université-Exemple"), or spaces were left out.
  const spellings = [...new Set([name, name.replace(/[\p{P}\p{S}]+/gu, " "), name.replace(/[\s\p{P}\p{S}]+/gu, "")])];
  let id: number;
  try {
    const found = await Promise.all(spellings.map((spelling) => readAccreditedIssuerByName(registry, spelling).catch(noLetters)));
    id = found.find((candidate) => candidate && candidate !== issuerId) ?? 0;
  } catch (error) {
    const detail = messageOf(error);
    throw fail(
      said(
        "issuer.namesake-unreadable",
        { name, detail },
        `Whether an accredited issuer already uses the name '${name}' could not be read (${detail}).`,
      ),
      "error",
    );
  }
  if (!id || id === issuerId) return undefined;
  const accredited = await readIssuer(registry, id).catch(() => undefined);
  const accreditedName = isJson(accredited?.profile) && typeof accredited.profile.name === "string" ? accredited.profile.name : name;
  return { id, name: accreditedName };
}

/**
 * `askedKey`: the chain was asked about the signing key (verifyAssertion with it), so its answer
 * counts. `name`: the issuer name the badge shows, checked against the accredited issuers' names.
 */
export async function checkIssuer(
  run: Run,
  status: AssertionStatus,
  askedKey: boolean,
  shown: { registry: RegistryContext; name: string | undefined },
) {
  if (askedKey && !status.keyValidAtIssue) {
    throw fail(
      said(
        "issuer.key-invalid-at-issue",
        {},
        "The key that signed this badge was not registered for the issuer, or was not valid, when the badge was issued.",
      ),
    );
  }
  const id = status.issuerId;
  const { name } = shown;
  const called = name ? ` ('${name}')` : "";
  run.issuer = { id, ...(name ? { name } : {}), standing: status.issuerStatus };
  const keyNote = askedKey ? " The signing key was registered and valid when the badge was issued." : "";
  // The name the badge shows, if an accredited issuer other than this one holds it: impersonation.
  const namesake = name && status.issuerStatus !== "unregistered" ? await accreditedNamesake(shown.registry, name, id) : undefined;
  if (namesake) {
    run.issuer.sameNameAs = namesake;
    const standing = status.issuerStatus === "accredited" ? "accredited under another name" : status.issuerStatus;
    const message =
      `The name '${name}' is used by accredited issuer #${namesake.id}; this is issuer #${id}, ${standing}: ` +
      `no registry authority vouches for it under that name, and it may be impersonating '${namesake.name}'.${keyNote}`;
    const what = said(
      askedKey ? "issuer.namesake-key" : "issuer.namesake",
      {
        name: name ?? "",
        namesakeId: namesake.id,
        namesakeName: namesake.name,
        id,
        standing: status.issuerStatus === "accredited" ? "accredited-other-name" : status.issuerStatus,
      },
      message,
    );
    if (status.issuerStatus === "suspended") run.log.failed("issuer", what, "suspended-issuer");
    else run.log.warning("issuer", what);
    return;
  }
  const who = { id, name };
  switch (status.issuerStatus) {
    case "accredited":
      run.log.passed(
        "issuer",
        said(
          askedKey ? "issuer.accredited-key" : "issuer.accredited",
          who,
          `Issuer #${id}${called} is accredited by the registry authority.${keyNote}`,
        ),
      );
      return;
    case "self-declared":
      run.log.warning(
        "issuer",
        said(
          askedKey ? "issuer.self-declared-key" : "issuer.self-declared",
          who,
          `Issuer #${id}${called} is registered but self-declared: no registry authority vouches for it, so its name and details are its own claims.${keyNote}`,
        ),
      );
      return;
    case "suspended":
      run.log.failed(
        "issuer",
        said(
          "issuer.suspended",
          who,
          `Issuer #${id}${called} is suspended by the registry authority: its badges cannot be trusted until it is reinstated.`,
        ),
        "suspended-issuer",
      );
      return;
    default:
      throw fail(said("issuer.unregistered", { id }, `Issuer #${id} is not registered.`));
  }
}

/** A badge that is not anchored with us: no registry records its issuer's standing. */
export function issuerNotRecorded(run: Run) {
  run.log.skipped("issuer", said("issuer.not-recorded", {}, "The issuer's standing is recorded only for anchored badges."));
}
