// Where a Chancery credential says it is anchored, read from its issuer id and credentialStatus
// (see ../urls.ts). The two must name the same deployment and issuer: otherwise a credential could
// show one issuer and point the verifier at another's registry entry. Two status forms are ours:
// the W3C BitstringStatusListEntry of a class's or a Merkle batch's status list (badges issued
// since contracts 3.0.0) and the issuer's 1EdTechRevocationList (badges issued before).
import { ChanceryError } from "../documents/errors.ts";
import type { Bytes32 } from "../ids.ts";
import { parseHostedUrl, parseIssuerProfileId, parseStatusUrl, REVOCATION_LIST_TYPE, type StatusAnchor } from "../urls.ts";
import { BITSTRING_STATUS_LIST_ENTRY } from "./statusList.ts";

/** What one of our status list URLs names, or undefined for any other URL. */
export function parseStatusListUrl(url: unknown): (StatusAnchor & { classId?: number; list?: number }) | undefined {
  try {
    const p = parseHostedUrl(url, ["ob3StatusList", "ob3BatchStatusList"]);
    const anchor = { gatewayBase: p.gatewayBase, deployment: { chainId: p.chainId, registry: p.registry }, issuerId: p.issuerId };
    return p.kind === "ob3StatusList" ? { ...anchor, classId: p.classId, list: p.list } : { ...anchor, batchId: p.batchId as Bytes32 };
  } catch {
    return undefined;
  }
}

/** The anchor one `credentialStatus` entry names, when it is one of ours (undefined otherwise). */
export function statusEntryAnchor(entry: unknown): StatusAnchor | undefined {
  if (!entry || typeof entry !== "object") return undefined;
  const { type, id, statusListCredential } = entry as { type?: unknown; id?: unknown; statusListCredential?: unknown };
  if (type === REVOCATION_LIST_TYPE && typeof id === "string") {
    try {
      return parseStatusUrl(id);
    } catch {
      return undefined;
    }
  }
  if (type === BITSTRING_STATUS_LIST_ENTRY) {
    const list = parseStatusListUrl(statusListCredential);
    if (!list) return undefined;
    const anchor: StatusAnchor = { gatewayBase: list.gatewayBase, deployment: list.deployment, issuerId: list.issuerId };
    if (list.batchId) anchor.batchId = list.batchId;
    return anchor;
  }
  return undefined;
}

export function credentialAnchor(credential: { issuer?: unknown; credentialStatus?: unknown }): StatusAnchor {
  const status = Array.isArray(credential.credentialStatus) ? credential.credentialStatus : [credential.credentialStatus];
  const ours = status.filter((s) => {
    const t = (s as { type?: unknown } | undefined)?.type;
    return t === REVOCATION_LIST_TYPE || t === BITSTRING_STATUS_LIST_ENTRY;
  });
  const anchors = ours.map(statusEntryAnchor);
  const [anchor, ...others] = anchors;
  if (anchor === undefined || others.length > 0) {
    throw new ChanceryError(
      "invalid-input",
      ours.length === 0
        ? `The credential has no ${BITSTRING_STATUS_LIST_ENTRY} or ${REVOCATION_LIST_TYPE} credentialStatus, so it does not name a Chancery anchor.`
        : ours.length > 1
          ? `The credential has more than one ${BITSTRING_STATUS_LIST_ENTRY} / ${REVOCATION_LIST_TYPE} credentialStatus, so it does not name one Chancery anchor.`
          : `The credential's credentialStatus does not point at a Chancery status list or revocation list.`,
    );
  }
  const issuer = credential.issuer;
  const issuerUrl = typeof issuer === "string" ? issuer : (issuer as { id?: unknown } | undefined)?.id;
  const fromIssuer = parseIssuerProfileId(issuerUrl);
  if (
    fromIssuer.deployment.chainId !== anchor.deployment.chainId ||
    fromIssuer.deployment.registry !== anchor.deployment.registry ||
    fromIssuer.issuerId !== anchor.issuerId
  ) {
    const entry = ours[0] as { id?: unknown; statusListCredential?: unknown };
    throw new ChanceryError(
      "invalid-input",
      `The credential's issuer (${String(issuerUrl)}) and its credentialStatus (${String(entry.statusListCredential ?? entry.id)}) name different anchors.`,
    );
  }
  return anchor;
}
