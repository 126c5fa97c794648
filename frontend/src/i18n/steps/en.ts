// What each verification step says, by its sdk code (sdk/src/verify/codes.ts: STEP_CODES), in
// English. {{variables}} are the code's params, already formatted for the reader's language
// (dates, numbers, shortened ids; a `name?`, `quote?` or `reason?` param arrives with its own
// punctuation, or empty). fr.ts and zh.ts have exactly these keys and variables (checked by a test).
export const stepsEn = {
  run: {
    "not-reached": "Not checked: an earlier step already decided the verdict.",
    "budget-exceeded":
      "The {{step}} check did not finish within the {{budget}} budget (a server or the chain was too slow), so no verdict could be given.",
    unexpected: "The check stopped on an unexpected problem: {{detail}}",
    "credential-left-out": "The credential is left out of this report: {{detail}}.",
    uncoded: "(no translation)",
  },
  fetch: {
    "not-http": "{{document}} is at {{url}}, which is not an http(s) URL this verifier can fetch.",
    "not-http-target": "{{url}} is not an http(s) URL this verifier can fetch.",
    "no-fetch": "No way to fetch {{document}} was given, so it could not be checked.",
    timeout: "{{document}} at {{url}} did not answer within the {{budget}} budget.",
    failed: "{{document}} at {{url}} could not be fetched ({{detail}}).",
    "http-status": "{{document}} at {{url}} answered HTTP {{httpStatus}}.",
    "not-json": "{{document}} at {{url}} is not a JSON document.",
    refused: "{{document}} at {{url}} is refused: {{detail}}",
    "too-many": "The badge makes the verifier fetch more than {{max}} documents; it is refused before fetching {{url}}.",
    "too-many-redirects": "{{url}} redirects more than {{max}} times.",
    "private-host": "{{url}} is refused: {{detail}}",
    "too-large": "{{document}} at {{url}} is larger than {{max}} bytes, the most a document may have.",
  },
  parse: {
    "file-too-large": "The file is {{bytes}} bytes; a badge document is at most {{max}}.",
    "not-utf8": "The file is not valid UTF-8 text, so it is not a badge document.",
    empty: "The badge data in {{source}} is empty.",
    "too-long": "The badge data is {{length}} characters; at most {{max}} are accepted.",
    "json-refused": "The badge data in {{source}} is refused: {{detail}}",
    "not-json": "The badge data in {{source}} is not valid JSON ({{detail}}).",
    "not-object": "The badge JSON must be an object.",
    "object-refused": "The badge object is refused: {{detail}}",
    "jws-payload-refused": "The payload of the JWS in {{source}} is refused: {{detail}}",
    "jws-no-payload": "The JWS in {{source}} has no readable JSON payload.",
    "vc-not-badge": "This is a Verifiable Credential but not an Open Badge (its type has no OpenBadgeCredential).",
    "not-badge-json": "This JSON is not an Open Badge: it is neither an OB 3.0 credential nor an OB 2.0 assertion.",
    "jws-not-badge": "The JWS payload is neither an Open Badges 2.0 assertion nor an OB 3.0 credential.",
    "baked-unreadable": "This {{format}} is not a readable badge: {{detail}}",
    "not-badge-file": "This file is not a badge: expected a baked PNG or SVG, a JSON credential or a JWS.",
    nothing: "Nothing to verify: give a badge file, its JSON, a share link or a hosted badge URL.",
    "not-badge-text": "This is not a badge: expected JSON, a JWS, a share link or an https URL of a hosted badge.",
    "read-ob3": "Read an Open Badges 3.0 credential from {{source}}.",
    "read-ob2": "Read an Open Badges 2.0 assertion from {{source}}.",
    "read-ob3-jwt": "Read an Open Badges 3.0 VC-JWT from {{source}}.",
    "read-ob2-jws": "Read a signed Open Badges 2.0 assertion (JWS) from {{source}}.",
    "read-hosted-url": "Read the URL of a Chancery hosted assertion for badge {{uid}} on chain {{chainId}}.",
    "read-hosted-url-keyed": "Read the URL of a Chancery hosted assertion for badge {{uid}} on chain {{chainId}}, with its key.",
    "hosted-answers": "The issuer's server answers for the hosted badge at {{url}}.",
    "read-share-link": "Read a Chancery share link for badge {{uid}} on chain {{chainId}}, with its key.",
    "read-share-link-record":
      "Read a record-only Chancery share link for badge {{uid}} on chain {{chainId}}: it carries no key, so only what the chain records is checked.",
    "read-share-link-credential":
      "Read a Chancery full-badge link for badge {{uid}} on chain {{chainId}}: the credential travels in the link itself.",
    "link-too-long": "The link is {{length}} characters; a badge link is at most {{max}}.",
    "link-credential-too-large": "The badge this link carries decompresses to more than {{max}} bytes, which no badge needs: refused.",
    "link-credential-damaged":
      "This full-badge link is damaged: the badge it carries cannot be read (cut or altered when copied). Copy the whole link again.",
    "link-credential-other-badge":
      "The credential in this link names registry {{registry}} on chain {{chainId}}, not the link's {{linkRegistry}} on chain {{linkChainId}}.",
    "payload-unreadable": "The published badge could not be read from chain {{chainId}} ({{detail}}).",
    "not-published": "This badge was not published on chain, so the link cannot open it: ask the holder for the badge file.",
    "key-does-not-open": "The link's key does not open the badge published on chain ({{detail}}).",
    "payload-not-json": "The badge published on chain is not valid JSON.",
    "payload-other-registry":
      "The credential published for this link names registry {{registry}} on chain {{chainId}}, not the link's {{linkRegistry}} on chain {{linkChainId}}.",
  },
  format: {
    "ob3-ok": "The credential follows the Open Badges 3.0 data model and its JSON Schema.",
    "ob3-ok-vc11":
      "The credential follows the Open Badges 3.0 data model and its JSON Schema (as a VC 1.1 credential: issuanceDate / expirationDate).",
    "ob3-broken": "The credential breaks the Open Badges 3.0 rules (problems: {{count}}): {{problems}}",
    "ob3-no-context-issuer": "The credential has no @context or no issuer id.",
    "ob2-ok": "The assertion follows the Open Badges 2.0 rules.",
    "ob2-broken": "The assertion breaks the Open Badges 2.0 rules (problems: {{count}}): {{problems}}",
    "hosted-no-https-id": "A hosted Open Badges 2.0 assertion must have an https id to fetch it from.",
    "host-answers": "The issuer's server answers for this assertion.",
    withheld:
      "Content withheld: the link carries no key (#k=…), so the badge's content (the learner's name, the details the issuer wrote) was not read. Ask the holder for the full link or the badge file to check it.",
    "withheld-not-published":
      "Content withheld: the link carries a key, but no content was published on chain for this badge, so its content was not read. Ask the holder for the badge file to check it.",
  },
  proof: {
    "valid-chain-key": "The {{suite}} signature is valid, made with a key the issuer registered on chain.",
    "valid-published-key": "The {{suite}} signature is valid for the issuer's published key.",
    "chain-keys-unreadable": "The issuer's keys could not be read from chain {{chainId}} ({{detail}}).",
    "key-not-registered": "The proof is signed with key {{key}}, which its issuer never registered on chain.",
    "key-not-issuers-chain":
      "The proof is signed with a key of {{controller}}, not of the credential's issuer {{issuer}}, whose keys are registered on chain.",
    "key-not-issuers": "The proof is signed with a key of {{controller}}, not of the credential's issuer {{issuer}}.",
    "method-unusable":
      "The proof's verification method {{method}} is neither an http(s) URL, a did:key nor a did:web, the forms a signing key is published in; it names no key of the issuer.",
    "did-web-invalid": "The issuer's did:web cannot be resolved: {{detail}}",
    "not-verified": "The credential's proof does not verify: {{detail}}",
    "remote-context": "{{detail}} So this credential could not be checked offline.",
    "json-ld-refused": "The credential's JSON-LD is refused: {{detail}}",
    "jwt-not-verified": "The VC-JWT signature does not verify: {{detail}}",
    "jwt-embedded-key":
      "The JWT signature ({{alg}}) is valid, but for a key carried in the token itself: nothing ties that key to the issuer.",
    "jwt-valid": "The JWT signature ({{alg}}) is valid for the issuer's key {{kid}}.",
    "ob2-no-fetch": "No way to fetch the issuer's key document was given, so the signature could not be checked.",
    "jws-not-verified": "The JWS signature does not verify: {{detail}}",
    "signature-missing":
      "This assertion says it is signed, but no signature came with it: verify the baked badge or the JWS instead of the bare JSON.",
    "ob2-signature-valid": "The RS256 signature is valid for a key the issuer lists in its profile.",
    "hosted-other-id": "The assertion hosted at {{url}} names another id ({{id}}).",
    "no-issuer-profile": "The badge class names no issuer profile.",
    "origin-not-allowed": "The assertion is hosted on {{host}}, which the issuer's profile does not allow for its badges.",
    "hosted-origin-ok": "Hosted verification: the assertion is served by {{host}}, an origin the issuer allows.",
    "hosted-at": "The assertion is hosted at {{url}}.",
    "issuer-record-unreadable": "Issuer #{{issuerId}}'s record could not be read from chain {{chainId}} ({{detail}}).",
    "hosted-no-allowed-host":
      "The hosted assertion is served by {{host}}, but issuer #{{issuerId}}'s on-chain profile lists no host allowed to serve its badges, and it is not one of this verifier's trusted origins, so no hosted copy can be trusted.",
    "hosted-host-not-allowed":
      "The hosted assertion is served by {{host}}, which issuer #{{issuerId}}'s on-chain profile does not allow (it allows {{allowed}}): it is a copy on another host.",
    "given-altered":
      "These fields of the assertion given are not what the chain records for this badge ({{count}}): {{fields}}. It was altered.",
    "hosted-altered":
      "These fields of the assertion hosted at {{url}} are not what the chain records for this badge ({{count}}): {{fields}}. It was altered.",
    "hosted-chain-ok":
      "Hosted verification: the assertion is served by {{host}}, a host issuer #{{issuerId}}'s on-chain profile allows, and it shows what the chain records.",
    "hosted-chain-ok-claim":
      "Hosted verification: the assertion is served by {{host}}, a host issuer #{{issuerId}}'s on-chain profile allows, and it shows what the chain records. Its e-mail recipient (a claim URL) is vouched for by that gateway: verify the credential itself to check the recipient from the chain.",
    "untrusted-no-rpc": "Not checked: no RPC endpoint for chain {{chainId}} answered, and the registry it names is not trusted anyway.",
    "untrusted-matches":
      "The signature matches a key listed by registry {{registry}}, which this verifier does not trust: that proves nothing about who issued it.",
    "untrusted-keys-unreadable":
      "Not checked: the keys of the registry it names could not be read, and that registry is not trusted anyway.",
    withheld:
      "Content withheld: the issuer's signature covers the badge's content, which this link does not open; the record on chain was checked instead.",
  },
  anchor: {
    recorded: "Recorded on chain {{chainId}} by registry {{registry}} on {{issuedAt}} (block {{block}}).",
    "recorded-batch":
      "Recorded on chain {{chainId}} by registry {{registry}} on {{issuedAt}} (block {{block}}), in Merkle batch {{batchId}}.",
    "recorded-hosted": "Recorded on chain {{chainId}} by registry {{registry}} on {{issuedAt}}.",
    "recorded-hosted-batch": "Recorded on chain {{chainId}} by registry {{registry}} on {{issuedAt}}, in Merkle batch {{batchId}}.",
    "unanchored-proof": "This badge is not anchored on a Chancery registry: it is a genuine Open Badge checked by its proof alone.",
    "unanchored-signature": "This badge is not anchored on a Chancery registry: it is checked by its signature alone.",
    "unanchored-hosted": "This badge is not anchored on a Chancery registry: it is checked by hosted verification alone.",
    inconsistent: "The credential names a Chancery anchor, but not one: {{detail}}",
    vc11: "The credential names a Chancery registry but is written in the VC 1.1 data model; Chancery badges are VC 2.0.",
    "not-in-batch": "Badge {{uid}} is not one of the {{count}} badges of batch {{batchId}}.",
    "batch-root-mismatch": "The leaves of batch {{batchId}} do not rebuild its root on chain.",
    "unknown-batch": "The registry {{registry}} on chain {{chainId}} records no batch {{batchId}}, so it has no badge {{uid}} there.",
    "registry-unreadable": "The registry {{registry}} on chain {{chainId}} could not be read ({{detail}}).",
    "recipient-not-wallet":
      "The credential's recipient {{recipient}} is not a wallet this registry can record on chain {{chainId}}: {{detail}}",
    "recipient-other-chain": "The recipient's wallet is given for chain {{walletChainId}}, but the badge is anchored on chain {{chainId}}.",
    "class-mismatch":
      "The credential's achievement names badge class #{{namedClassId}} on chain {{namedChainId}}, but the chain records this badge under class #{{classId}} on chain {{chainId}}.",
    "id-names-other": "The credential's id names another badge ({{id}}) than the one its content hashes to ({{uid}}): it was altered.",
    "altered-for-link": "The credential published for badge {{expectedUid}} hashes to another badge ({{uid}}): it was altered.",
    "not-recorded":
      "This credential's hash is not recorded by the registry {{registry}} on chain {{chainId}}: the issuer signed it but never anchored it, or it was anchored elsewhere.",
    "issuer-mismatch": "The chain records this badge for issuer #{{recordedIssuerId}}, but the credential names issuer #{{namedIssuerId}}.",
    "hosted-not-found":
      "The URL names badge {{uid}} on chain {{chainId}}, but no registry this verifier trusts there records it ({{registries}}).",
    "link-not-recorded": "No badge {{uid}} is recorded by the registry {{registry}} on chain {{chainId}}.",
    "record-not-found":
      "The registry {{registry}} on chain {{chainId}} has no badge {{uid}}: check that the link was copied whole (a badge of a Merkle batch needs the link's ?batch=… part).",
    "record-not-in-batch":
      "The registry {{registry}} on chain {{chainId}} has no badge {{uid}} in batch {{batchId}}: check that the link was copied whole.",
    "untrusted-registry":
      "The badge names registry {{registry}} on chain {{chainId}}, which is not one this verifier knows, so nothing it records is taken as authority: anyone can deploy such a registry. Add it to your trusted registries if you trust it.",
    "untrusted-chain":
      "The badge is served for chain {{chainId}}, on which this verifier knows no Chancery registry, so nothing can vouch for it.",
    "no-rpc": "The badge is anchored on chain {{chainId}}, and no RPC endpoint is configured for it, so its status could not be checked.",
    "rpc-down":
      "The RPC endpoint for chain {{chainId}} did not answer ({{detail}}), so the badge's status could not be checked. Try again later.",
    "rpc-wrong-chain": "The configured RPC serves chain {{actualChainId}}, but the badge is anchored on chain {{chainId}}.",
  },
  issuer: {
    accredited: "Issuer #{{id}}{{name}} is accredited by the registry authority.",
    "accredited-key":
      "Issuer #{{id}}{{name}} is accredited by the registry authority. The signing key was registered and valid when the badge was issued.",
    "self-declared":
      "Issuer #{{id}}{{name}} is registered but self-declared: no registry authority vouches for it, so its name and details are its own claims.",
    "self-declared-key":
      "Issuer #{{id}}{{name}} is registered but self-declared: no registry authority vouches for it, so its name and details are its own claims. The signing key was registered and valid when the badge was issued.",
    suspended: "Issuer #{{id}}{{name}} is suspended by the registry authority: its badges cannot be trusted until it is reinstated.",
    namesake:
      "The name “{{name}}” is used by accredited issuer #{{namesakeId}}; this is issuer #{{id}}, {{standing}}: no registry authority vouches for it under that name, and it may be impersonating “{{namesakeName}}”.",
    "namesake-key":
      "The name “{{name}}” is used by accredited issuer #{{namesakeId}}; this is issuer #{{id}}, {{standing}}: no registry authority vouches for it under that name, and it may be impersonating “{{namesakeName}}”. The signing key was registered and valid when the badge was issued.",
    unregistered: "Issuer #{{id}} is not registered.",
    "key-invalid-at-issue":
      "The key that signed this badge was not registered for the issuer, or was not valid, when the badge was issued.",
    "namesake-unreadable": "Whether an accredited issuer already uses the name “{{name}}” could not be read ({{detail}}).",
    "not-recorded": "The issuer's standing is recorded only for anchored badges.",
  },
  status: {
    standing: "Not revoked: the registry says this badge stands.",
    "standing-list-foreign":
      "Not revoked: the registry says this badge stands. But its status list ({{url}}) is not a list of this registry, so verifiers that read the list instead of the chain would not see a revocation.",
    "standing-list-not-batch":
      "Not revoked: the registry says this badge stands. But its status list is not its Merkle batch's, so verifiers that read the list instead of the chain would not see a revocation.",
    "standing-entry-other":
      "Not revoked: the registry says this badge stands. But its status list entry (class #{{classId}}, list {{list}}, entry {{entry}}) is not the one the registry gave it (class #{{expectedClassId}}, list {{expectedList}}, entry {{expectedEntry}}), so verifiers that read the list would not see a revocation.",
    revoked: "Revoked by the issuer on {{revokedAt}}{{reasonCode}}{{reason}}.",
    erased: "This badge was erased by its issuer or its holder: it is no longer disclosed.",
    "revoked-by-host": "Revoked by the issuer{{reason}}.",
    "no-revocation-list": "The issuer publishes no revocation list, and the hosted assertion is live.",
    "revocation-list-listed": "Listed as revoked in the issuer's revocation list{{reason}}.",
    "not-in-revocation-list": "Not in the issuer's revocation list.",
    "no-status-method": "The credential declares no revocation method, so it cannot be revoked.",
    "entry-not-object": "A credentialStatus entry is not an object, so the credential's status could not be read.",
    "method-unknown": "The credential's status method ({{type}}) is not one this verifier knows, so its status could not be checked.",
    "revocation-list-no-id": "The credential's 1EdTechRevocationList entry has no id (the list's URL).",
    "revocation-list-invalid":
      "The issuer's revocation list at {{url}} is not a 1EdTech revocation list, so revocation could not be checked.",
    "entry-no-purpose": "The {{kind}} has no statusPurpose, so what its bit means is unknown.",
    "entry-bad-index": "The status list index {{index}} is not a whole number.",
    "entry-no-url": "The {{kind}} names no status list URL (statusListCredential).",
    "entry-bad-size": "The {{kind}}'s statusSize {{size}} is not a whole number of bits.",
    "entry-size-unsupported":
      "The {{kind}} uses {{size}}-bit statuses; this verifier reads at most {{max}}, so its status could not be checked.",
    "entry-size-purpose": "A {{purpose}} status is one bit, but this {{kind}} says statusSize {{size}}.",
    "messages-missing": "A message status entry must list its statusMessage values (status and message).",
    "message-invalid": "A statusMessage value {{item}} is not { status, message } within {{size}} bits.",
    "index-outside": "Index {{index}} lies outside the status list at {{url}} ({{bits}} bits), so the status could not be read.",
    "message-unknown": "The status value {{value}} in the issuer's {{purpose}} list has no statusMessage, so what it means is unknown.",
    "revoked-message": "Revoked according to the issuer's revocation list: “{{message}}”.",
    "suspended-message": "Suspended according to the issuer's suspension list: “{{message}}”.",
    "issuer-message": "The issuer's status message for it: “{{message}}”.",
    "list-revoked": "Revoked: its bit is set in the issuer's revocation list.",
    "list-not-revoked": "Not revoked according to the issuer's revocation list.",
    "list-suspended": "Suspended: its bit is set in the issuer's suspension list. The issuer may lift a suspension.",
    "list-not-suspended": "Not suspended according to the issuer's suspension list.",
    "list-other-set": "Its {{purpose}} status is set (it does not bear on validity).",
    "list-other-clear": "Its {{purpose}} status is clear (it does not bear on validity).",
    "list-not-json": "The status list at {{url}} is not a JSON object, so it cannot say whether the badge stands.",
    "list-wrong-type": "The status list at {{url}} is not a {{type}}, so it cannot say whether the badge stands.",
    "list-no-subject": "The status list at {{url}} has no {{type}} subject, so it cannot say whether the badge stands.",
    "list-wrong-purpose":
      "The status list at {{url}} is a {{purposes}} list, not a {{purpose}} list, so it cannot say whether the badge stands.",
    "list-no-issuer": "The status list at {{url}} names no issuer, so it cannot say whether the badge stands.",
    "list-other-issuer":
      "The status list at {{url}} is issued by {{listIssuer}}, not by the badge's issuer {{issuer}}, so it cannot say whether the badge stands.",
    "list-not-yet-valid": "The status list at {{url}} is not valid before {{validFrom}}, so it cannot say whether the badge stands.",
    "list-expired": "The status list at {{url}} expired on {{validUntil}} (a stale list), so it cannot say whether the badge stands.",
    "list-unsigned": "The status list at {{url}} is not signed, so it cannot say whether the badge stands.",
    "list-no-bits": "The status list at {{url}} has no encodedList, so it cannot say whether the badge stands.",
    "list-signature-invalid":
      "The signature of the status list at {{url}} could not be verified ({{detail}}), so it cannot say whether the badge stands.",
    "list-bad-base64": "The status list's encodedList is not valid base64url.",
    "list-corrupt": "The status list could not be decompressed (corrupt, or larger than 16 MiB).",
  },
  validity: {
    "valid-until": "Valid until {{expiresAt}}.",
    "no-expiry": "Valid, with no expiry date.",
    expired: "Expired on {{expiresAt}}.",
    "not-yet-valid": "Not valid yet: valid from {{validFrom}}.",
    "not-yet-issued": "Not valid yet: issued on {{issuedOn}}.",
    "expiry-mismatch":
      "The chain records expiry {{chainExpiresAt}} for this badge, but the credential carries expiry {{expiresAt}}: the dates shown would not be the ones the issuer anchored.",
    "expiry-mismatch-chain-none":
      "The chain records no expiry for this badge, but the credential carries expiry {{expiresAt}}: the dates shown would not be the ones the issuer anchored.",
    "expiry-mismatch-credential-none":
      "The chain records expiry {{chainExpiresAt}} for this badge, but the credential carries none: the dates shown would not be the ones the issuer anchored.",
  },
  recipient: {
    "none-given": "No recipient was given to compare with.",
    "matched-email": "Issued to {{email}}.",
    "matched-wallet": "Issued to wallet {{wallet}}.",
    "matched-both": "Issued to {{email}} and wallet {{wallet}}.",
    "wallet-not-matched": "This badge was not issued to wallet {{wallet}}.",
    "email-not-matched": "This badge was not issued to {{email}}.",
    "no-email": "This badge names no e-mail address, so it cannot be checked against the one given.",
    "no-wallet": "This badge names no wallet, so it cannot be checked against the one given.",
    "no-email-no-wallet": "This badge names no e-mail address and no wallet, so it cannot be checked against the ones given.",
    "record-wallet-matched": "Issued to wallet {{wallet}}, the wallet the registry records for this badge.",
    "record-wallet-not-matched": "This badge was not issued to wallet {{wallet}}: the registry records another wallet for it.",
    "record-no-wallet":
      "The registry records no wallet for this badge, so it cannot be checked against the one given: its recipient is in the withheld content.",
    "record-email-unchecked":
      "An e-mail address cannot be checked from a link without its key: the badge's recipient is in the withheld content. Ask the holder for the full link or the badge file.",
  },
};

/** The words step params are made of (the sdk's TERMS), and how optional params are punctuated. */
export const stepTermsEn = {
  document: {
    "hosted-badge": "the hosted badge",
    "hosted-assertion": "the hosted assertion",
    "badge-class": "the badge class",
    "issuer-profile": "the issuer profile",
    "revocation-list": "the issuer's revocation list",
    "status-list": "the status list",
    "did-document": "the issuer's DID document",
    "controller-document": "the issuer's controller document",
    "signing-key": "the signing key",
    "key-document": "the issuer's key document",
  },
  standing: {
    accredited: "accredited",
    "accredited-other-name": "accredited under another name",
    "self-declared": "self-declared",
    suspended: "suspended",
    unregistered: "not registered",
  },
  step: {
    parse: "reading",
    format: "format",
    proof: "signature",
    anchor: "on-chain record",
    issuer: "issuer",
    status: "revocation",
    validity: "validity",
    recipient: "recipient",
  },
  field: {
    recipient: "recipient",
    badge: "badge class",
    issuedOn: "issue date",
    expires: "expiry date",
    evidence: "evidence",
    narrative: "narrative",
    uid: "uid",
  },
  source: {
    "baked-png": "a baked PNG",
    "baked-svg": "a baked SVG",
    file: "a file",
    text: "text",
    object: "a JSON object",
    "share-link": "the share link",
  },
  reason: {
    unspecified: "unspecified",
    "issued-in-error": "issued in error",
    misconduct: "misconduct",
    superseded: "superseded",
    withdrawn: "withdrawn",
    "key-compromised": "key compromised",
  },
  /** A `name?` param: after what it names. */
  named: " (“{{value}}”)",
  /** A `quote?` param: the issuer's words. */
  quoted: ": “{{value}}”",
  /** A `reason?` param. */
  reasoned: " ({{value}})",
};
