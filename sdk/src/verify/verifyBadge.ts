// verifyBadge: one entry point for every kind of badge a person may hold — a baked PNG or SVG,
// JSON, a JWS / VC-JWT, one of our share links or a hosted URL — checked in named steps
// (parse → format → proof → anchor → issuer → status → validity → recipient). Each step says
// in a plain sentence what passed or failed; a check that could not run gives "error", never
// "valid".
import { getAddress, hexToBytes, type Address, type Hex, zeroAddress } from "viem";
import { assertionId, rebuildBatchTreeFromLeaves, proofFor } from "../anchor/merkle.ts";
import { canonicalCredentialHash } from "../anchor/hash.ts";
import { credentialAnchor } from "../anchor/anchorOf.ts";
import { extractBadge } from "../baking/extract.ts";
import { detectBadgeFile } from "../baking/detect.ts";
import {
  readAssertionStatus,
  readBatch,
  readIssuerKeys,
  readPayload,
  readRevocationReason,
  type AssertionStatus,
  type RegistryContext,
} from "../chain/registry.ts";
import { base64urlEncode } from "../crypto/base64url.ts";
import { badgeAad, decryptCredential } from "../crypto/envelope.ts";
import { emailMatches } from "../documents/recipient.ts";
import { validateOb3Credential } from "../documents/validateOb3.ts";
import { validateOb2 } from "../documents/validateOb2.ts";
import { parseCredentialUrl, parseOb2Url, parseRecipientDid, type StatusAnchor } from "../ids.ts";
import { parseShareLink, type ShareLinkParts } from "../links/share.ts";
import { buildControllerDocument } from "../proofs/controller.ts";
import { verifyCredentialProof, issuerIdOf } from "../proofs/dataIntegrity.ts";
import { verifyOb2SignedAssertion, verifyOb3Jwt } from "../proofs/jws.ts";
import { multibaseToPublicKey } from "../proofs/multibase.ts";
import { deployments } from "../generated/deployments.ts";
import { locateBadge, type LocatedBadge } from "../hosted/chain.ts";
import { clientForChain, messageOf } from "./chain.ts";
import { checkThirdPartyStatus } from "./status.ts";
import { StepLog, VerificationStepError } from "./steps.ts";
import { STEP_IDS, type AnchorReport, type BadgeFormat, type FetchLike, type VerificationReport, type VerifyOptions } from "./types.ts";

type Json = Record<string, unknown>;

/** Largest JSON document accepted as a badge (a credential with an embedded image can be large). */
const MAX_JSON_LENGTH = 2 * 1024 * 1024;
const JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

type Run = {
  log: StepLog;
  options: VerifyOptions;
  now: Date;
  fetch: FetchLike | undefined;
  format: BadgeFormat;
  credential?: unknown;
  anchor?: AnchorReport;
  hideCredential?: boolean;
};

/** Verifies a badge and returns the verdict with every step. Never throws for bad input. */
export async function verifyBadge(input: Uint8Array | ArrayBuffer | string | object, options: VerifyOptions = {}): Promise<VerificationReport> {
  const run: Run = {
    log: new StepLog(),
    options,
    now: options.now ?? new Date(),
    fetch: options.fetch ?? (typeof globalThis.fetch === "function" ? (globalThis.fetch.bind(globalThis) as unknown as FetchLike) : undefined),
    format: "unknown",
  };
  try {
    await verifyInput(run, input);
  } catch (error) {
    if (error instanceof VerificationStepError) run.log.failed(error.step, error.message, error.verdict);
    else run.log.failed(nextStep(run.log), `The check stopped on an unexpected problem: ${messageOf(error)}`, "error");
  }
  for (const id of STEP_IDS) if (!run.log.has(id)) run.log.skipped(id, "Not checked: an earlier step already decided the verdict.");
  const order = (id: string) => STEP_IDS.indexOf(id as (typeof STEP_IDS)[number]);
  const steps = [...run.log.steps].sort((a, b) => order(a.id) - order(b.id));
  const verdict = run.log.verdict();
  return {
    verdict,
    steps,
    format: run.format,
    ...(run.credential !== undefined && !run.hideCredential && verdict !== "erased" ? { credential: run.credential } : {}),
    ...(run.anchor ? { anchor: run.anchor } : {}),
  };
}

function nextStep(log: StepLog) {
  return STEP_IDS.find((id) => !log.has(id)) ?? "recipient";
}

// ------------------------------------------------------------------ parse

async function verifyInput(run: Run, input: unknown) {
  if (input instanceof ArrayBuffer) input = new Uint8Array(input);
  if (input instanceof Uint8Array) return verifyBytes(run, input);
  if (typeof input === "string") return verifyText(run, input, "text");
  if (input && typeof input === "object") return verifyDocument(run, input as Json, "a JSON object");
  throw new VerificationStepError("parse", "Nothing to verify: give a badge file, its JSON, a share link or a hosted badge URL.");
}

async function verifyBytes(run: Run, bytes: Uint8Array): Promise<void> {
  const type = detectBadgeFile(bytes);
  if (type === "png" || type === "svg") {
    let extracted;
    try {
      extracted = extractBadge(bytes);
    } catch (error) {
      throw new VerificationStepError("parse", `This ${type.toUpperCase()} is not a readable badge: ${messageOf(error)}`);
    }
    return verifyText(run, extracted.payload, `a baked ${type.toUpperCase()}`);
  }
  if (type === "json" || type === "jws") {
    if (bytes.length > MAX_JSON_LENGTH) throw new VerificationStepError("parse", `The file is ${bytes.length} bytes; a badge document is at most ${MAX_JSON_LENGTH}.`);
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw new VerificationStepError("parse", "The file is not valid UTF-8 text, so it is not a badge document.");
    }
    return verifyText(run, text, "a file");
  }
  throw new VerificationStepError("parse", "This file is not a badge: expected a baked PNG or SVG, a JSON credential or a JWS.");
}

async function verifyText(run: Run, raw: string, source: string): Promise<void> {
  const text = raw.trim();
  if (text.length === 0) throw new VerificationStepError("parse", `The badge data in ${source} is empty.`);
  if (text.length > MAX_JSON_LENGTH) throw new VerificationStepError("parse", `The badge data is ${text.length} characters; at most ${MAX_JSON_LENGTH} are accepted.`);
  if (text.startsWith("{")) {
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      throw new VerificationStepError("parse", `The badge data in ${source} is not valid JSON (${messageOf(error)}).`);
    }
    if (!document || typeof document !== "object" || Array.isArray(document)) throw new VerificationStepError("parse", "The badge JSON must be an object.");
    return verifyDocument(run, document as Json, source);
  }
  if (text.startsWith("<")) return verifyBytes(run, new TextEncoder().encode(text));
  if (JWS.test(text)) return verifyJws(run, text, source);
  if (/^https?:\/\//i.test(text)) {
    let link: ShareLinkParts | undefined;
    try {
      link = parseShareLink(text);
    } catch {
      link = undefined;
    }
    if (link) return verifyShareLink(run, link);
    return verifyHostedUrl(run, text);
  }
  throw new VerificationStepError("parse", "This is not a badge: expected JSON, a JWS, a share link or an https URL of a hosted badge.");
}

function typesOf(document: Json): string[] {
  const type = document.type ?? document["@type"];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === "string");
}

async function verifyDocument(run: Run, document: Json, source: string) {
  const types = typesOf(document);
  if (types.includes("OpenBadgeCredential") || types.includes("AchievementCredential")) {
    run.log.passed("parse", `Read an Open Badges 3.0 credential from ${source}.`);
    return verifyOb3(run, document);
  }
  if (types.includes("Assertion")) {
    run.log.passed("parse", `Read an Open Badges 2.0 assertion from ${source}.`);
    return verifyOb2Hosted(run, document);
  }
  if (types.includes("VerifiableCredential")) {
    throw new VerificationStepError("parse", "This is a Verifiable Credential but not an Open Badge (its type has no OpenBadgeCredential).");
  }
  throw new VerificationStepError("parse", "This JSON is not an Open Badge: it is neither an OB 3.0 credential nor an OB 2.0 assertion.");
}

function decodeJwsPart(part: string): Json | undefined {
  try {
    const base64 = part.replace(/-/g, "+").replace(/_/g, "/");
    const json = new TextDecoder().decode(Uint8Array.from(atob(base64 + "===".slice((base64.length + 3) % 4)), (c) => c.charCodeAt(0)));
    const value = JSON.parse(json);
    return value && typeof value === "object" ? value : undefined;
  } catch {
    return undefined;
  }
}

async function verifyJws(run: Run, jws: string, source: string) {
  const payload = decodeJwsPart(jws.split(".")[1]!);
  if (!payload) throw new VerificationStepError("parse", `The JWS in ${source} has no readable JSON payload.`);
  const vc = (payload.vc ?? payload) as Json;
  if (typesOf(vc).includes("OpenBadgeCredential") || typesOf(vc).includes("AchievementCredential")) {
    run.log.passed("parse", `Read an Open Badges 3.0 VC-JWT from ${source}.`);
    return verifyOb3Jwt_(run, jws);
  }
  if (typesOf(payload).includes("Assertion") || payload.recipient) {
    run.log.passed("parse", `Read a signed Open Badges 2.0 assertion (JWS) from ${source}.`);
    return verifyOb2Signed(run, jws);
  }
  throw new VerificationStepError("parse", "The JWS payload is neither an Open Badges 2.0 assertion nor an OB 3.0 credential.");
}

// ------------------------------------------------------------------ our share links

async function verifyShareLink(run: Run, link: ShareLinkParts) {
  run.log.passed("parse", `Read a Chancery share link for badge ${short(link.uid)} on chain ${link.chainId}${link.key ? ", with its key" : ""}.`);
  const client = await clientForChain(link.chainId, run.options);
  const registry: RegistryContext = { client, registry: link.registry };
  let status: AssertionStatus;
  let proof: Hex[] | undefined;
  try {
    if (link.batchId) proof = await batchProof(registry, link.batchId, link.uid);
    status = await readAssertionStatus(registry, { uid: link.uid, batchId: link.batchId, proof });
  } catch (error) {
    if (error instanceof VerificationStepError) throw error;
    throw new VerificationStepError("anchor", `The registry at ${link.registry} on chain ${link.chainId} could not be read (${messageOf(error)}).`, "error");
  }
  run.anchor = { chainId: link.chainId, registry: link.registry, uid: link.uid, batchId: link.batchId, status };
  if (!status.exists) throw new VerificationStepError("anchor", `No badge ${short(link.uid)} is recorded by the registry ${link.registry} on chain ${link.chainId}.`);
  if (status.erased) {
    run.log.failed("status", "This badge was erased by its issuer or its holder: it is no longer disclosed.", "erased");
    return;
  }
  if (!link.key) {
    run.log.failed(
      "format",
      "The link has no key (#k=…), so the badge's content cannot be read or checked. Ask the holder for the full link, or for the badge file.",
      status.revokedAt ? "revoked" : "error",
    );
    return;
  }
  let payload: Hex | undefined;
  try {
    payload = await readPayload(registry, link.uid, status.issuedBlock);
  } catch (error) {
    throw new VerificationStepError("parse", `The published badge could not be read from chain ${link.chainId} (${messageOf(error)}).`, "error");
  }
  if (!payload) throw new VerificationStepError("parse", "This badge was not published on chain, so the link cannot open it: ask the holder for the badge file.");
  let json: string;
  try {
    json = await decryptCredential(hexToBytes(payload), link.key, badgeAad({ chainId: link.chainId, registry: link.registry, uid: link.uid }));
  } catch (error) {
    throw new VerificationStepError("parse", `The link's key does not open the badge published on chain (${messageOf(error)}).`);
  }
  let credential: Json;
  try {
    credential = JSON.parse(json);
  } catch {
    throw new VerificationStepError("parse", "The badge published on chain is not valid JSON.");
  }
  await verifyOb3(run, credential, { expectedUid: link.uid });
}

// ------------------------------------------------------------------ Open Badges 3.0

async function verifyOb3(run: Run, credential: Json, expected: { expectedUid?: Hex } = {}) {
  run.credential = credential;
  run.format = "ob3-data-integrity";
  checkOb3Format(run, credential);

  const anchor = chanceryAnchor(credential);
  const registry = anchor ? await registryFor(run, anchor) : undefined;

  // proof
  const issuerUrl = issuerIdOf(credential as never);
  const chainKeys = registry ? await readKeys(registry, anchor!) : undefined;
  const proof = await verifyCredentialProof(credential as never, {
    resolveController: async (id: string) => {
      if (chainKeys && id === issuerUrl) return buildControllerDocument(issuerUrl, chainKeys);
      if (id.startsWith("did:key:")) return didKeyController(id);
      return (await fetchJson(run, id, "proof", "the issuer's controller document")) as object;
    },
  });
  if (!proof.verified) throw new VerificationStepError("proof", proof.error ?? "The credential's proof does not verify.");
  run.log.passed(
    "proof",
    chainKeys
      ? "The eddsa-rdfc-2022 signature is valid, made with a key the issuer registered on chain."
      : "The eddsa-rdfc-2022 signature is valid for the issuer's published key.",
  );

  if (!anchor || !registry) {
    run.log.warning("anchor", "This badge is not anchored on a Chancery registry: it is a genuine Open Badge checked by its proof alone.", "unanchored");
    run.log.skipped("issuer", "The issuer's standing is recorded only for anchored badges.");
    await checkThirdPartyStatus(run, credential);
    checkValidity(run, credential);
    checkRecipient(run, credential);
    return;
  }

  const status = await checkAnchor(run, credential, anchor, registry, proof.publicKeyHex, expected.expectedUid);
  checkIssuer(run, status, Boolean(proof.publicKeyHex));
  await checkChainStatus(run, registry, status);
  checkValidity(run, credential, status);
  checkRecipient(run, credential);
}

function checkOb3Format(run: Run, credential: Json) {
  const problems = validateOb3Credential(credential);
  if (problems.length > 0) {
    const list = problems.slice(0, 5).map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join("; ");
    throw new VerificationStepError("format", `The credential breaks the Open Badges 3.0 rules (${problems.length} problem${problems.length > 1 ? "s" : ""}): ${list}`);
  }
  run.log.passed("format", "The credential follows the Open Badges 3.0 data model and its JSON Schema.");
}

function chanceryAnchor(credential: Json): StatusAnchor | undefined {
  try {
    return credentialAnchor(credential);
  } catch {
    return undefined;
  }
}

async function registryFor(run: Run, anchor: StatusAnchor): Promise<RegistryContext> {
  const client = await clientForChain(anchor.deployment.chainId, run.options);
  return { client, registry: anchor.deployment.registry };
}

async function readKeys(registry: RegistryContext, anchor: StatusAnchor) {
  try {
    return await readIssuerKeys(registry, anchor.issuerId);
  } catch (error) {
    throw new VerificationStepError("proof", `The issuer's keys could not be read from chain ${anchor.deployment.chainId} (${messageOf(error)}).`, "error");
  }
}

function didKeyController(didUrl: string) {
  const did = didUrl.split("#")[0]!;
  const multibase = did.slice("did:key:".length);
  return buildControllerDocument(did, [{ publicKey: multibaseToPublicKey(multibase) }]);
}

async function batchProof(registry: RegistryContext, batchId: Hex, uid: Hex): Promise<Hex[]> {
  const batch = await readBatch(registry, batchId);
  const index = batch.uids.findIndex((leaf) => leaf.toLowerCase() === uid.toLowerCase());
  if (index < 0) throw new VerificationStepError("anchor", `Badge ${short(uid)} is not one of the ${batch.count} badges of batch ${short(batchId)}.`);
  const tree = rebuildBatchTreeFromLeaves(batch.uids);
  if (tree.root.toLowerCase() !== batch.root.toLowerCase()) {
    throw new VerificationStepError("anchor", `The leaves of batch ${short(batchId)} do not rebuild its root on chain.`);
  }
  return proofFor(tree, index) as Hex[];
}

async function checkAnchor(
  run: Run,
  credential: Json,
  anchor: StatusAnchor,
  registry: RegistryContext,
  publicKey: Hex | undefined,
  expectedUid: Hex | undefined,
): Promise<AssertionStatus> {
  const credentialHash = await canonicalCredentialHash(credential);
  const wallet = recipientWallet(credential, anchor.deployment.chainId);
  const uid = assertionId(anchor.issuerId, credentialHash, wallet ?? zeroAddress) as Hex;
  const { chainId, registry: address } = anchor.deployment;
  run.anchor = { chainId, registry: address, uid, credentialHash, batchId: anchor.batchId };
  const named = parseCredentialUrl(credential.id);
  if (named && (named.uid !== uid.toLowerCase() || named.deployment.chainId !== chainId || named.deployment.registry !== address)) {
    throw new VerificationStepError("anchor", `The credential's id names another badge (${String(credential.id)}) than the one its content hashes to (${short(uid)}): it was altered.`);
  }
  if (expectedUid && expectedUid.toLowerCase() !== uid.toLowerCase()) {
    throw new VerificationStepError("anchor", `The credential published for badge ${short(expectedUid)} hashes to another badge (${short(uid)}): it was altered.`);
  }
  let status: AssertionStatus;
  try {
    const proof = anchor.batchId ? await batchProof(registry, anchor.batchId, uid) : undefined;
    status = await readAssertionStatus(registry, { uid, batchId: anchor.batchId, proof, publicKey });
  } catch (error) {
    if (error instanceof VerificationStepError) throw error;
    throw new VerificationStepError("anchor", `The registry ${address} on chain ${chainId} could not be read (${messageOf(error)}).`, "error");
  }
  run.anchor.status = status;
  if (!status.exists) {
    throw new VerificationStepError(
      "anchor",
      `This credential's hash is not recorded by the registry ${address} on chain ${chainId}: the issuer signed it but never anchored it, or it was anchored elsewhere.`,
      "unanchored",
    );
  }
  if (status.issuerId !== anchor.issuerId) {
    throw new VerificationStepError("anchor", `The chain records this badge for issuer #${status.issuerId}, but the credential names issuer #${anchor.issuerId}.`);
  }
  run.log.passed(
    "anchor",
    `Recorded on chain ${chainId} by registry ${address} on ${isoDate(status.issuedAt)} (block ${status.issuedBlock})${status.batchId ? `, in Merkle batch ${short(status.batchId)}` : ""}.`,
  );
  return status;
}

function recipientWallet(credential: Json, chainId: number): Address | undefined {
  const subject = credential.credentialSubject as Json | undefined;
  const id = subject && typeof subject.id === "string" ? subject.id : undefined;
  if (!id || !id.startsWith("did:pkh:")) return undefined;
  const parsed = parseRecipientDid(id);
  if (parsed.chainId !== chainId) throw new VerificationStepError("anchor", `The recipient's wallet is given for chain ${parsed.chainId}, but the badge is anchored on chain ${chainId}.`);
  return parsed.wallet;
}

function checkIssuer(run: Run, status: AssertionStatus, askedKey: boolean) {
  if (askedKey && !status.keyValidAtIssue) {
    throw new VerificationStepError("issuer", "The key that signed this badge was not registered for the issuer, or was not valid, when the badge was issued.");
  }
  const keyNote = askedKey ? " The signing key was registered and valid when the badge was issued." : "";
  switch (status.issuerStatus) {
    case "accredited":
      run.log.passed("issuer", `Issuer #${status.issuerId} is accredited by the registry authority.${keyNote}`);
      return;
    case "self-declared":
      run.log.warning("issuer", `Issuer #${status.issuerId} is registered but self-declared: no registry authority has accredited it.${keyNote}`);
      return;
    case "suspended":
      run.log.failed("issuer", `Issuer #${status.issuerId} is suspended by the registry authority: its badges cannot be trusted until it is reinstated.`, "suspended-issuer");
      return;
    default:
      throw new VerificationStepError("issuer", `Issuer #${status.issuerId} is not registered.`);
  }
}

async function checkChainStatus(run: Run, registry: RegistryContext, status: AssertionStatus) {
  if (status.erased) {
    run.hideCredential = true;
    run.log.failed("status", "This badge was erased by its issuer or its holder: it is no longer disclosed.", "erased");
    return;
  }
  if (status.revokedAt) {
    let reason: string | undefined;
    try {
      reason = await readRevocationReason(registry, run.anchor!.uid, status.revokedBlock!);
    } catch {
      reason = undefined;
    }
    run.anchor!.revocationReason = reason;
    const code = status.revocationReason && status.revocationReason !== "unspecified" ? ` (${status.revocationReason.replace(/-/g, " ")})` : "";
    run.log.failed("status", `Revoked by the issuer on ${isoDate(status.revokedAt)}${code}${reason ? `: “${reason}”` : ""}.`, "revoked");
    return;
  }
  run.log.passed("status", "Not revoked: the registry says this badge stands.");
}

function checkValidity(run: Run, credential: Json, status?: AssertionStatus) {
  const now = run.now.getTime();
  const validFrom = dateOf(credential.validFrom ?? credential.issuanceDate);
  const validUntil = dateOf(credential.validUntil ?? credential.expirationDate);
  const chainExpiry = status?.expiresAt ? status.expiresAt * 1000 : undefined;
  const ends = [validUntil, chainExpiry].filter((t): t is number => t !== undefined);
  const end = ends.length ? Math.min(...ends) : undefined;
  if (validFrom !== undefined && validFrom > now) {
    run.log.failed("validity", `Not valid yet: valid from ${new Date(validFrom).toISOString()}.`, "not-yet-valid");
  } else if (end !== undefined && end <= now) {
    run.log.failed("validity", `Expired on ${new Date(end).toISOString()}.`, "expired");
  } else {
    run.log.passed("validity", end !== undefined ? `Valid until ${new Date(end).toISOString()}.` : "Valid, with no expiry date.");
  }
}

function checkRecipient(run: Run, document: Json) {
  const expected = run.options.expectedRecipient;
  if (!expected || (!expected.email && !expected.wallet)) {
    run.log.skipped("recipient", "No recipient was given to compare with.");
    return;
  }
  const subject = (document.credentialSubject ?? document) as Json;
  if (expected.wallet) {
    const id = typeof subject.id === "string" ? subject.id : "";
    const wallet = id.startsWith("did:pkh:") ? parseRecipientDid(id).wallet : undefined;
    if (!wallet || getAddress(wallet) !== getAddress(expected.wallet)) {
      run.log.failed("recipient", `This badge was not issued to wallet ${expected.wallet}.`);
      return;
    }
  }
  if (expected.email) {
    const identities = [...asArray(subject.identifier), ...asArray((document as Json).recipient)] as Json[];
    const match = identities.some((identity) => {
      const hash = (identity.identityHash ?? identity.identity) as string | undefined;
      if (typeof hash !== "string") return false;
      if (identity.hashed === false) return hash.trim().toLowerCase() === expected.email!.trim().toLowerCase();
      return emailMatches(expected.email!, hash, typeof identity.salt === "string" ? identity.salt : "");
    });
    if (!match) {
      run.log.failed("recipient", `This badge was not issued to ${expected.email}.`);
      return;
    }
  }
  run.log.passed("recipient", `Issued to ${[expected.email, expected.wallet].filter(Boolean).join(" and ")}.`);
}

// ------------------------------------------------------------------ VC-JWT

async function verifyOb3Jwt_(run: Run, jwt: string) {
  run.format = "ob3-jwt";
  const result = await verifyOb3Jwt(jwt, {
    resolveKey: async (kid: string) => {
      if (kid.startsWith("did:key:")) {
        const multibase = kid.split("#")[0]!.slice("did:key:".length);
        return { kty: "OKP", crv: "Ed25519", x: base64urlEncode(multibaseToPublicKey(multibase)) };
      }
      return (await fetchJson(run, kid, "proof", "the signing key")) as object;
    },
  });
  if (result.credential) run.credential = result.credential;
  if (!result.verified) throw new VerificationStepError("proof", result.problems.join(" ") || "The VC-JWT signature does not verify.");
  const credential = result.credential as Json;
  checkOb3Format(run, credential);
  if (result.keySource === "embedded-jwk") {
    run.log.warning("proof", `The JWT signature (${result.alg ?? "JWS"}) is valid, but for a key carried in the token itself: nothing ties that key to the issuer.`);
  } else {
    run.log.passed("proof", `The JWT signature (${result.alg ?? "JWS"}) is valid for the issuer's key ${result.kid ?? ""}.`.replace(" .", "."));
  }
  run.log.warning("anchor", "This badge is not anchored on a Chancery registry: it is a genuine Open Badge checked by its proof alone.", "unanchored");
  run.log.skipped("issuer", "The issuer's standing is recorded only for anchored badges.");
  await checkThirdPartyStatus(run, credential);
  checkValidity(run, credential);
  checkRecipient(run, credential);
}

// ------------------------------------------------------------------ Open Badges 2.0

async function verifyHostedUrl(run: Run, url: string) {
  if (!run.fetch) throw new VerificationStepError("parse", `No way to fetch ${url} was given, so the badge could not be read.`, "error");
  let response;
  try {
    response = await run.fetch(url, { headers: { accept: "application/ld+json, application/json" } });
  } catch (error) {
    throw new VerificationStepError("parse", `The hosted badge at ${url} could not be fetched (${messageOf(error)}).`, "error");
  }
  if (response.status === 410) {
    // The spec's answer for a revoked hosted assertion (an erased one says nothing more).
    const body = (await response.json().catch(() => ({}))) as Json;
    run.format = "ob2-hosted";
    run.log.passed("parse", `The issuer's server answers for the hosted badge at ${url}.`);
    run.log.failed("status", `Revoked by the issuer${typeof body.revocationReason === "string" && body.revocationReason ? `: “${body.revocationReason}”` : ""}.`, "revoked");
    return;
  }
  if (!response.ok) {
    throw new VerificationStepError("parse", `The hosted badge at ${url} answered HTTP ${response.status}.`, response.status === 404 ? "invalid" : "error");
  }
  const document = await response.json().catch(() => undefined);
  if (!document || typeof document !== "object") throw new VerificationStepError("parse", `${url} did not return a badge document.`);
  return verifyDocument(run, document as Json, url);
}

async function verifyOb2Hosted(run: Run, given: Json) {
  run.format = given.verification && (given.verification as Json).type === "signed" ? "ob2-signed" : "ob2-hosted";
  run.credential = given;
  if (run.format === "ob2-signed") {
    throw new VerificationStepError("proof", "This assertion says it is signed, but no signature came with it: verify the baked badge or the JWS instead of the bare JSON.");
  }
  const id = typeof given.id === "string" ? given.id : undefined;
  if (!id || !/^https:\/\//i.test(id)) throw new VerificationStepError("format", "A hosted Open Badges 2.0 assertion must have an https id to fetch it from.");

  // Hosted verification: the copy at the assertion's own URL is the authority.
  const hosted = await fetchHostedAssertion(run, id);
  if (hosted === "revoked") return;
  if (hosted.id !== id) throw new VerificationStepError("proof", `The assertion hosted at ${id} names another id (${String(hosted.id)}).`);
  run.credential = hosted;
  checkOb2Format(run, hosted);
  const { issuer } = await checkOb2Issuer(run, hosted);
  run.log.passed("proof", `Hosted verification: the assertion is served by ${new URL(id).host}, an origin the issuer allows.`);
  await checkOb2Anchor(run, hosted);
  await checkOb2Revocation(run, hosted, issuer);
  checkOb2Validity(run, hosted);
  checkRecipient(run, hosted);
}

async function verifyOb2Signed(run: Run, jws: string) {
  run.format = "ob2-signed";
  if (!run.fetch) throw new VerificationStepError("proof", "No way to fetch the issuer's key document was given, so the signature could not be checked.", "error");
  const result = await verifyOb2SignedAssertion(jws, { fetch: run.fetch as never });
  if (result.assertion) run.credential = result.assertion;
  if (!result.verified) throw new VerificationStepError("proof", result.problems.join(" ") || "The JWS signature does not verify.");
  const assertion = result.assertion as Json;
  checkOb2Format(run, assertion);
  run.log.passed("proof", "The RS256 signature is valid for a key the issuer lists in its profile.");
  run.log.warning("anchor", "This badge is not anchored on a Chancery registry: it is checked by its signature alone.", "unanchored");
  await checkOb2Revocation(run, assertion, result.issuer as Json | undefined);
  checkOb2Validity(run, assertion);
  checkRecipient(run, assertion);
}

function checkOb2Format(run: Run, assertion: Json) {
  const problems = validateOb2(assertion);
  if (problems.length > 0) {
    const list = problems.slice(0, 5).map((p: { path: string; message: string }) => (p.path ? `${p.path}: ${p.message}` : p.message)).join("; ");
    throw new VerificationStepError("format", `The assertion breaks the Open Badges 2.0 rules (${problems.length} problem${problems.length > 1 ? "s" : ""}): ${list}`);
  }
  run.log.passed("format", "The assertion follows the Open Badges 2.0 rules.");
}

async function fetchHostedAssertion(run: Run, id: string): Promise<Json | "revoked"> {
  if (!run.fetch) throw new VerificationStepError("proof", "No way to fetch the hosted assertion was given, so it could not be checked.", "error");
  let response;
  try {
    response = await run.fetch(id, { headers: { accept: "application/ld+json, application/json" } });
  } catch (error) {
    throw new VerificationStepError("proof", `The hosted assertion at ${id} could not be fetched (${messageOf(error)}).`, "error");
  }
  if (response.status === 410) {
    const body = (await response.json().catch(() => ({}))) as Json;
    run.log.passed("format", "The issuer's server answers for this assertion.");
    run.log.passed("proof", `The assertion is hosted at ${id}.`);
    run.log.failed("status", `Revoked by the issuer${typeof body.revocationReason === "string" ? `: “${body.revocationReason}”` : ""}.`, "revoked");
    return "revoked";
  }
  if (!response.ok) {
    throw new VerificationStepError("proof", `The hosted assertion at ${id} answered HTTP ${response.status}, so it could not be checked.`, response.status === 404 ? "invalid" : "error");
  }
  const json = await response.json().catch(() => undefined);
  if (!json || typeof json !== "object") throw new VerificationStepError("proof", `${id} did not return JSON.`);
  return json as Json;
}

async function checkOb2Issuer(run: Run, assertion: Json): Promise<{ issuer: Json }> {
  const badge = typeof assertion.badge === "string" ? ((await fetchJson(run, assertion.badge, "proof", "the badge class")) as Json) : (assertion.badge as Json);
  const issuerRef = badge?.issuer;
  const issuer = typeof issuerRef === "string" ? ((await fetchJson(run, issuerRef, "proof", "the issuer profile")) as Json) : (issuerRef as Json);
  if (!issuer || typeof issuer !== "object") throw new VerificationStepError("proof", "The badge class names no issuer profile.");
  const assertionUrl = new URL(String(assertion.id));
  const verification = (issuer.verification ?? {}) as Json;
  const allowedOrigins = asArray(verification.allowedOrigins).filter((o): o is string => typeof o === "string");
  const startsWith = asArray(verification.startsWith).filter((o): o is string => typeof o === "string");
  const issuerHost = typeof issuer.id === "string" && /^https?:/.test(issuer.id) ? new URL(issuer.id).host : undefined;
  const allowed =
    (allowedOrigins.length === 0 && startsWith.length === 0 ? issuerHost === assertionUrl.host : false) ||
    allowedOrigins.includes(assertionUrl.host) ||
    startsWith.some((prefix) => String(assertion.id).startsWith(prefix));
  if (!allowed) {
    throw new VerificationStepError("proof", `The assertion is hosted on ${assertionUrl.host}, which the issuer's profile does not allow for its badges.`);
  }
  return { issuer };
}

/** A Chancery gateway URL of an assertion, also in its keyed form (`…/{uid}/{key}`). */
function ourHostedAssertion(id: string) {
  const unkeyed = id.replace(/(\/ob2\/assertions\/\d+\/0x[0-9a-fA-F]{64})\/[A-Za-z0-9_-]{43}$/, "$1");
  try {
    const parsed = parseOb2Url(unkeyed);
    return parsed.kind === "assertion" ? parsed : undefined;
  } catch {
    return undefined;
  }
}

async function checkOb2Anchor(run: Run, assertion: Json) {
  const parsed = ourHostedAssertion(String(assertion.id));
  if (!parsed) {
    run.log.warning("anchor", "This badge is not anchored on a Chancery registry: it is checked by hosted verification alone.", "unanchored");
    run.log.skipped("issuer", "The issuer's standing is recorded only for anchored badges.");
    return;
  }
  const known = run.options.registries?.[parsed.chainId] ?? (deployments as Record<string, { BadgeRegistry?: { address: Address; deployedOnBlock: number } }>)[String(parsed.chainId)]?.BadgeRegistry;
  if (!known) {
    run.log.warning("anchor", `The badge is served by a Chancery gateway for chain ${parsed.chainId}, a chain this verifier has no registry for.`, "unanchored");
    return;
  }
  const registry: RegistryContext = {
    client: await clientForChain(parsed.chainId, run.options),
    registry: known.address,
    deployedOnBlock: BigInt(known.deployedOnBlock ?? 0),
  };
  const uid = parsed.uid as Hex;
  let located: LocatedBadge | undefined;
  try {
    // A badge recorded on its own is one read; a batched one is found through its batch's events.
    located = await locateBadge(registry, uid, { scan: { fromBlock: registry.deployedOnBlock ?? 0n, toBlock: await registry.client.getBlockNumber({ cacheTime: 0 }) } });
  } catch (error) {
    throw new VerificationStepError("anchor", `The registry on chain ${parsed.chainId} could not be read (${messageOf(error)}).`, "error");
  }
  if (!located) throw new VerificationStepError("anchor", `The gateway serves badge ${short(uid)}, but the registry ${known.address} on chain ${parsed.chainId} has no such badge.`);
  const status = located.status;
  run.anchor = { chainId: parsed.chainId, registry: known.address, uid, batchId: located.batchId, status };
  const badgeUrl = typeof assertion.badge === "string" ? assertion.badge : undefined;
  let namedClass: number | undefined;
  try {
    const badge = badgeUrl ? parseOb2Url(badgeUrl) : undefined;
    namedClass = badge?.kind === "badge" ? badge.classId : undefined;
  } catch {
    namedClass = undefined;
  }
  if (namedClass !== undefined && namedClass !== status.classId) {
    throw new VerificationStepError("anchor", `The assertion names badge class #${namedClass}, but the chain records this badge under class #${status.classId}.`);
  }
  run.log.passed(
    "anchor",
    `Recorded on chain ${parsed.chainId} by registry ${known.address} on ${isoDate(status.issuedAt)}${located.batchId ? `, in Merkle batch ${short(located.batchId)}` : ""}.`,
  );
  checkIssuer(run, status, false);
  await checkChainStatus(run, registry, status);
}

async function checkOb2Revocation(run: Run, assertion: Json, issuer: Json | undefined) {
  if (run.log.has("status")) return;
  const listUrl = issuer && typeof issuer.revocationList === "string" ? issuer.revocationList : undefined;
  if (!listUrl) {
    run.log.passed("status", "The issuer publishes no revocation list, and the hosted assertion is live.");
    return;
  }
  const list = (await fetchJson(run, listUrl, "status", "the issuer's revocation list")) as Json;
  const entries = asArray(list?.revokedAssertions) as (string | Json)[];
  const id = String(assertion.id);
  const uid = typeof assertion.uid === "string" ? assertion.uid : undefined;
  const entry = entries.find((e) => (typeof e === "string" ? e === id : e.id === id || (uid !== undefined && e.uid === uid)));
  if (entry !== undefined) {
    const reason = typeof entry === "object" && typeof entry.revocationReason === "string" ? entry.revocationReason : undefined;
    run.log.failed("status", `Listed as revoked in the issuer's revocation list${reason ? `: “${reason}”` : ""}.`, "revoked");
    return;
  }
  run.log.passed("status", "Not in the issuer's revocation list.");
}

function checkOb2Validity(run: Run, assertion: Json) {
  if (run.log.has("validity")) return;
  const issuedOn = dateOf(assertion.issuedOn);
  const expires = dateOf(assertion.expires);
  const now = run.now.getTime();
  if (issuedOn !== undefined && issuedOn > now) run.log.failed("validity", `Not valid yet: issued on ${new Date(issuedOn).toISOString()}.`, "not-yet-valid");
  else if (expires !== undefined && expires <= now) run.log.failed("validity", `Expired on ${new Date(expires).toISOString()}.`, "expired");
  else run.log.passed("validity", expires !== undefined ? `Valid until ${new Date(expires).toISOString()}.` : "Valid, with no expiry date.");
}

// ------------------------------------------------------------------ helpers

export async function fetchJson(run: Run, url: string, step: (typeof STEP_IDS)[number], what: string): Promise<unknown> {
  if (!/^https?:\/\//i.test(url)) throw new VerificationStepError(step, `${what} is at ${url}, which is not an http(s) URL this verifier can fetch.`, "error");
  if (!run.fetch) throw new VerificationStepError(step, `No way to fetch ${what} was given, so it could not be checked.`, "error");
  let response;
  try {
    response = await run.fetch(url, { headers: { accept: "application/ld+json, application/json" } });
  } catch (error) {
    throw new VerificationStepError(step, `${capitalize(what)} at ${url} could not be fetched (${messageOf(error)}).`, "error");
  }
  if (!response.ok) throw new VerificationStepError(step, `${capitalize(what)} at ${url} answered HTTP ${response.status}.`, response.status === 404 || response.status === 410 ? "invalid" : "error");
  try {
    return await response.json();
  } catch {
    throw new VerificationStepError(step, `${capitalize(what)} at ${url} is not JSON.`);
  }
}

function asArray(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

function dateOf(value: unknown): number | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const time = typeof value === "number" ? value * 1000 : Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

const isoDate = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);
const short = (hex: string) => `${hex.slice(0, 10)}…${hex.slice(-6)}`;
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export type { Run };
