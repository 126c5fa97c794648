// Bundled JSON-LD contexts. Every context an Open Badges credential, its Data Integrity
// proof or an issuer's controller document needs is shipped here, so canonicalisation and
// proof checks never touch the network (a fetched context could change what a badge means,
// and verification must work offline and in the browser). Provenance: README.md.
import credentialsV2 from "./credentials-v2.json" with { type: "json" };
import obV3p0Context303 from "./ob-v3p0-context-3.0.3.json" with { type: "json" };
import obV3p0Context302 from "./ob-v3p0-context-3.0.2.json" with { type: "json" };
import obV3p0Extensions from "./ob-v3p0-extensions.json" with { type: "json" };
import dataIntegrityV2 from "./data-integrity-v2.json" with { type: "json" };
import multikeyV1 from "./multikey-v1.json" with { type: "json" };
import ed25519Suite2020 from "./suites-ed25519-2020.json" with { type: "json" };
import securityV1 from "./security-v1.json" with { type: "json" };
import securityV2 from "./security-v2.json" with { type: "json" };
import openBadgesV2 from "./openbadges-v2.json" with { type: "json" };
// VC 1.1 Open Badges 3.0 credentials of other issuers (and their status lists).
import credentialsV1 from "./credentials-v1.json" with { type: "json" };
import credentialsStatusV1 from "./credentials-status-v1.json" with { type: "json" };
import obV3p0Context300 from "./ob-v3p0-context-3.0.0.json" with { type: "json" };
import obV3p0Context301 from "./ob-v3p0-context-3.0.1.json" with { type: "json" };
import statusList2021V1 from "./vc-status-list-2021-v1.json" with { type: "json" };
// Controller documents (ours, did:web ones): listed first, it lets Data Integrity verifiers read them without framing.
import didV1 from "./did-v1.json" with { type: "json" };
// Other issuers' proofs under the 2022 draft name of eddsa-rdfc-2022 (cryptosuite "eddsa-2022").
import dataIntegrityV1 from "./data-integrity-v1.json" with { type: "json" };

export const CREDENTIALS_V2_URL = "https://www.w3.org/ns/credentials/v2";
export const OB3_CONTEXT_URL = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
export const OB3_CONTEXT_302_URL = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json";
export const OB3_EXTENSIONS_URL = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json";
export const DATA_INTEGRITY_V2_URL = "https://w3id.org/security/data-integrity/v2";
export const MULTIKEY_V1_URL = "https://w3id.org/security/multikey/v1";
export const ED25519_2020_URL = "https://w3id.org/security/suites/ed25519-2020/v1";
export const SECURITY_V1_URL = "https://w3id.org/security/v1";
export const SECURITY_V2_URL = "https://w3id.org/security/v2";
export const OB2_CONTEXT_URL = "https://w3id.org/openbadges/v2";
export const CREDENTIALS_V1_URL = "https://www.w3.org/2018/credentials/v1";
export const CREDENTIALS_STATUS_V1_URL = "https://www.w3.org/ns/credentials/status/v1";
export const OB3_CONTEXT_300_URL = "https://purl.imsglobal.org/spec/ob/v3p0/context.json";
export const OB3_CONTEXT_301_URL = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json";
export const STATUS_LIST_2021_URL = "https://w3id.org/vc/status-list/2021/v1";
export const DID_V1_URL = "https://www.w3.org/ns/did/v1";
export const DATA_INTEGRITY_V1_URL = "https://w3id.org/security/data-integrity/v1";

/** Context URL → the JSON document served at that URL (with its top-level `@context`). */
export const bundledContexts: ReadonlyMap<string, object> = new Map<string, object>([
  [CREDENTIALS_V2_URL, credentialsV2],
  [OB3_CONTEXT_URL, obV3p0Context303],
  [OB3_CONTEXT_302_URL, obV3p0Context302],
  [OB3_EXTENSIONS_URL, obV3p0Extensions],
  [DATA_INTEGRITY_V2_URL, dataIntegrityV2],
  [MULTIKEY_V1_URL, multikeyV1],
  [ED25519_2020_URL, ed25519Suite2020],
  // jsonld-signatures frames controller documents with the security v2 context, which imports v1.
  [SECURITY_V1_URL, securityV1],
  [SECURITY_V2_URL, securityV2],
  [OB2_CONTEXT_URL, openBadgesV2],
  [CREDENTIALS_V1_URL, credentialsV1],
  [CREDENTIALS_STATUS_V1_URL, credentialsStatusV1],
  [OB3_CONTEXT_300_URL, obV3p0Context300],
  [OB3_CONTEXT_301_URL, obV3p0Context301],
  [STATUS_LIST_2021_URL, statusList2021V1],
  [DID_V1_URL, didV1],
  [DATA_INTEGRITY_V1_URL, dataIntegrityV1],
]);
