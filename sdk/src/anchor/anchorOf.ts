// Where a Chancery credential says it is anchored, read from its issuer id and credentialStatus
// (see ../urls.ts). The two must name the same deployment and issuer: otherwise a credential could
// show one issuer and point the verifier at another's registry entry.
import { ChanceryError } from "../documents/errors.ts";
import { parseIssuerProfileId, parseStatusUrl, REVOCATION_LIST_TYPE, type StatusAnchor } from "../urls.ts";

export function credentialAnchor(credential: { issuer?: unknown; credentialStatus?: unknown }): StatusAnchor {
  const status = Array.isArray(credential.credentialStatus) ? credential.credentialStatus : [credential.credentialStatus];
  const ours = status.filter(
    (s): s is { id: string; type: string } =>
      !!s &&
      typeof s === "object" &&
      (s as { type?: unknown }).type === REVOCATION_LIST_TYPE &&
      typeof (s as { id?: unknown }).id === "string",
  );
  const [entry, ...others] = ours;
  if (entry === undefined || others.length > 0) {
    throw new ChanceryError(
      "invalid-input",
      `The credential has ${ours.length === 0 ? "no" : "more than one"} ${REVOCATION_LIST_TYPE} credentialStatus, so it does not name one Chancery anchor.`,
    );
  }
  const anchor = parseStatusUrl(entry.id);
  const issuer = credential.issuer;
  const issuerUrl = typeof issuer === "string" ? issuer : (issuer as { id?: unknown } | undefined)?.id;
  const fromIssuer = parseIssuerProfileId(issuerUrl);
  if (
    fromIssuer.deployment.chainId !== anchor.deployment.chainId ||
    fromIssuer.deployment.registry !== anchor.deployment.registry ||
    fromIssuer.issuerId !== anchor.issuerId
  ) {
    throw new ChanceryError(
      "invalid-input",
      `The credential's issuer (${String(issuerUrl)}) and its credentialStatus (${entry.id}) name different anchors.`,
    );
  }
  return anchor;
}
