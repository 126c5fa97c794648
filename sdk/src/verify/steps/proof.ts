// The proof step's checks: an eddsa-rdfc-2022 Data Integrity proof (against the keys the issuer
// registered on chain, or its controller document) or another issuer's Ed25519Signature2020 proof,
// a VC-JWT signature, an OB 2.0 RS256 JWS, and OB 2.0 hosted verification (the copy at the
// assertion's own URL, on an origin the issuer allows).
import { readIssuerKeys } from "../../chain/registry.ts";
import { base64urlEncode } from "../../codecs/base64.ts";
import { buildControllerDocument, buildKeyDocument } from "../../proofs/controller.ts";
import {
  type Credential,
  issuerIdOf,
  type ProofVerification,
  supportedProofOf,
  verifyCredentialProof,
} from "../../proofs/dataIntegrity.ts";
import { didWebDocumentUrl } from "../../proofs/didWeb.ts";
import { type Ob3JwtVerification, verifyOb2SignedAssertion, verifyOb3Jwt } from "../../proofs/jws.ts";
import { jsonLdRefusal } from "../../proofs/loader.ts";
import { multibaseToPublicKey } from "../../proofs/multibase.ts";
import { issuerProfileId, parseVerificationMethodUrl } from "../../urls.ts";
import { BudgetExceeded } from "../budget.ts";
import type { DocumentTerm } from "../codes.ts";
import { type Fetching, fetchHosted, fetchJson, type HostedDocument } from "../fetch.ts";
import { asArray, isJson, type Json } from "../json.ts";
import { budgetSaid, failuresOf, type Run, withinBudget } from "../run.ts";
import { said } from "../steps.ts";
import { messageOf } from "../words.ts";
import type { Anchored } from "./anchor.ts";

const fail = failuresOf("proof");
const fetching = (run: Run): Fetching => ({ fetch: run.fetch, fail });

/** A did:key without the fragment of one of its key ids. */
const didOf = (didUrl: string) => didUrl.replace(/#.*$/, "");
/** The Ed25519 key a did:key (or one of its key ids) names: its multibase is the key. */
const didKeyOf = (didUrl: string) => multibaseToPublicKey(didOf(didUrl).slice("did:key:".length));

// ------------------------------------------------------------------ Open Badges 3.0, Data Integrity

async function registeredKeys(run: Run, { anchor, registry }: Anchored) {
  try {
    return await withinBudget(run, readIssuerKeys(registry, anchor.issuerId), `the issuer's keys on chain ${anchor.deployment.chainId}`);
  } catch (error) {
    if (error instanceof BudgetExceeded) throw fail(budgetSaid(error, "proof"), "error");
    const detail = messageOf(error);
    const { chainId } = anchor.deployment;
    throw fail(
      said("proof.chain-keys-unreadable", { chainId, detail }, `The issuer's keys could not be read from chain ${chainId} (${detail}).`),
      "error",
    );
  }
}

/** The issuer id an ob3Key verification method URL belongs to, or undefined for any other id. */
function keyUrlIssuer(id: string): string | undefined {
  const key = parseVerificationMethodUrl(id);
  return key && issuerProfileId(key.gatewayBase, key.deployment, key.issuerId);
}

/**
 * The credential's eddsa-rdfc-2022 proof: for a badge anchored with us, against the keys its issuer
 * registered on chain, in both forms of method id (the key's own ob3Key URL, or the older
 * `${issuer id}#z6Mk…`), nothing fetched; otherwise against what the method names: a did:key, a
 * did:web document, a controller document with the key as a fragment, or a key document (each
 * fetched). Another issuer's Ed25519Signature2020 proof is checked the same way. A document that
 * could not be fetched ends the step as "error" (could not check), never as a bad signature.
 */
export async function checkDataIntegrityProof(
  run: Run,
  credential: Credential,
  anchored: Anchored | undefined,
): Promise<ProofVerification> {
  checkJsonLdSafety(credential, anchored);
  const issuerUrl = issuerIdOf(credential);
  checkKeyController(credential, issuerUrl);
  const chainKeys = anchored ? await registeredKeys(run, anchored) : undefined;
  const fetched = fetchFailures(run);
  const proof = await verifyCredentialProof(credential, {
    resolveController: async (id) => {
      if (chainKeys) {
        if (id === issuerUrl) return buildControllerDocument(issuerUrl, chainKeys);
        if (keyUrlIssuer(id) === issuerUrl) {
          const publicKeyMultibase = parseVerificationMethodUrl(id)?.publicKeyMultibase;
          const key = chainKeys.find((k) => buildKeyDocument(issuerUrl, k.publicKey).publicKeyMultibase === publicKeyMultibase);
          if (key) return buildKeyDocument(issuerUrl, key.publicKey);
          const named = String(publicKeyMultibase);
          throw fetched.keep(
            fail(
              said(
                "proof.key-not-registered",
                { key: named },
                `The proof is signed with key ${named}, which its issuer never registered on chain.`,
              ),
            ),
          );
        }
        // A badge anchored with us is signed by a key its issuer registered on chain: nothing is fetched.
        throw fetched.keep(
          fail(
            said(
              "proof.key-not-issuers-chain",
              { controller: id, issuer: issuerUrl },
              `The proof is signed with a key of ${id}, not of the credential's issuer ${issuerUrl}, whose keys are registered on chain.`,
            ),
          ),
        );
      }
      if (id.startsWith("did:key:")) return buildControllerDocument(didOf(id), [{ publicKey: didKeyOf(id) }]);
      if (id.startsWith("did:web:")) {
        let url: string;
        try {
          url = didWebDocumentUrl(id);
        } catch (error) {
          const detail = messageOf(error);
          throw fetched.keep(fail(said("proof.did-web-invalid", { detail }, detail)));
        }
        const document = await fetched.fetchJson(url, "did-document");
        return isJson(document) ? document : undefined;
      }
      const document = await fetched.fetchJson(id, "controller-document");
      return isJson(document) ? document : undefined;
    },
  });
  fetched.rethrow();
  if (!proof.verified) {
    const detail = proof.error ?? "The credential's proof does not verify.";
    throw fail(said("proof.not-verified", { detail }, detail));
  }
  const suite = proof.suite ?? "eddsa-rdfc-2022";
  run.log.passed(
    "proof",
    chainKeys
      ? said("proof.valid-chain-key", { suite }, `The ${suite} signature is valid, made with a key the issuer registered on chain.`)
      : said("proof.valid-published-key", { suite }, `The ${suite} signature is valid for the issuer's published key.`),
  );
  return proof;
}

/**
 * Fetches made from inside a proof library (which turns any error into "not verified"): the first
 * failure is kept, so a timeout or a refused host ends the step as that failure ("error"), not as
 * a signature that does not verify; `keep` records a refusal of the resolver itself.
 */
function fetchFailures(run: Run) {
  let failure: unknown;
  const keep = (error: unknown) => {
    failure ??= error;
    return error;
  };
  return {
    keep,
    fetchJson: async (url: string, what: DocumentTerm) => {
      try {
        // A key or controller document that is not there (404) only means the key could not be had.
        return await fetchJson({ ...fetching(run), gone: "error" }, url, what);
      } catch (error) {
        throw keep(error);
      }
    },
    rethrow: () => {
      if (failure) throw failure;
    },
  };
}

/**
 * A key `X#…` belongs to the controller document X (the loader requires the method's controller to
 * be X), and a key URL of a Chancery registry to the issuer it names; that controller must be the
 * issuer: a proof by a key of anyone else is refused here, before anything is fetched from X.
 */
function checkKeyController(credential: Credential, issuerUrl: string) {
  const proof = supportedProofOf(credential);
  const method = typeof proof?.verificationMethod === "string" ? proof.verificationMethod : undefined;
  if (!method) return;
  // No key can be had from any other kind of id: the proof names no key of anyone.
  if (!/^(https?:\/\/|did:key:|did:web:)/.test(method))
    throw fail(
      said(
        "proof.method-unusable",
        { method },
        `The proof's verification method ${method} is neither an http(s) URL, a did:key nor a did:web, the forms a signing key is published in; it names no key of the issuer.`,
      ),
    );
  const controller = method.includes("#") ? didOf(method) : keyUrlIssuer(method);
  if (controller !== undefined && controller !== issuerUrl)
    throw fail(
      said(
        "proof.key-not-issuers",
        { controller, issuer: issuerUrl },
        `The proof is signed with a key of ${controller}, not of the credential's issuer ${issuerUrl}.`,
      ),
    );
}

/**
 * What the signature covers must be all that is shown, from contexts we hold: a context outside the
 * bundled set, an `@import` or an `@index` is refused before any JSON-LD work. Ours only ever use
 * the bundled contexts (never an inline one), so for a badge anchored with us that is "invalid";
 * another issuer's badge may need a context we do not have, so that is "error" (could not check),
 * naming the context; its inline contexts are bounded (depth, terms, no index maps).
 */
function checkJsonLdSafety(credential: Credential, anchored: Anchored | undefined) {
  const refusal = jsonLdRefusal(credential, { inlineContexts: !anchored });
  if (!refusal) return;
  const detail = refusal.message;
  if (refusal.reason === "remote-context" && !anchored)
    throw fail(said("proof.remote-context", { detail }, `${detail} So this credential could not be checked offline.`), "error");
  throw fail(said("proof.json-ld-refused", { detail }, detail));
}

// ------------------------------------------------------------------ VC-JWT

export type VerifiedJwt = Ob3JwtVerification & { credential: Json };

/** The VC-JWT's signature, by the key its `kid` names (a did:key, or a key document fetched). */
export async function checkJwtSignature(run: Run, jwt: string): Promise<VerifiedJwt> {
  const fetched = fetchFailures(run);
  const result = await verifyOb3Jwt(jwt, {
    resolveKey: async (kid) => {
      if (kid.startsWith("did:key:")) return { kty: "OKP", crv: "Ed25519", x: base64urlEncode(didKeyOf(kid)) };
      const key = await fetched.fetchJson(kid, "signing-key");
      return isJson(key) ? key : undefined;
    },
  });
  if (result.credential) run.credential = result.credential;
  fetched.rethrow();
  if (!result.verified || !result.credential) {
    const detail = result.problems.join(" ") || "The VC-JWT signature does not verify.";
    throw fail(said("proof.jwt-not-verified", { detail }, detail));
  }
  return { ...result, credential: result.credential };
}

/** Reported once the signed credential's format is known good: a key carried in the token proves nothing about the issuer. */
export function recordJwtProof(run: Run, jwt: VerifiedJwt) {
  const alg = jwt.alg ?? "JWS";
  if (jwt.keySource === "embedded-jwk") {
    run.log.warning(
      "proof",
      said(
        "proof.jwt-embedded-key",
        { alg },
        `The JWT signature (${alg}) is valid, but for a key carried in the token itself: nothing ties that key to the issuer.`,
      ),
    );
  } else {
    const kid = jwt.kid ?? "";
    run.log.passed(
      "proof",
      said("proof.jwt-valid", { alg, kid }, `The JWT signature (${alg}) is valid for the issuer's key ${kid}.`.replace(" .", ".")),
    );
  }
}

// ------------------------------------------------------------------ Open Badges 2.0, signed

/** The RS256 JWS of a signed assertion, by a key the issuer's profile lists. */
export async function checkOb2Signature(run: Run, jws: string): Promise<{ assertion: Json; issuer: Json | undefined }> {
  if (!run.fetch)
    throw fail(
      said("proof.ob2-no-fetch", {}, "No way to fetch the issuer's key document was given, so the signature could not be checked."),
      "error",
    );
  const result = await verifyOb2SignedAssertion(jws, { fetch: run.fetch });
  if (result.assertion) run.credential = result.assertion;
  if (!result.verified || !result.assertion) {
    const detail = result.problems.join(" ") || "The JWS signature does not verify.";
    throw fail(said("proof.jws-not-verified", { detail }, detail), result.couldNotCheck ? "error" : "invalid");
  }
  return { assertion: result.assertion, issuer: result.issuer };
}

/** A signed assertion given as bare JSON: the signature to check is in its JWS, not here. */
export const signatureMissing = () =>
  fail(
    said(
      "proof.signature-missing",
      {},
      "This assertion says it is signed, but no signature came with it: verify the baked badge or the JWS instead of the bare JSON.",
    ),
  );

export function recordOb2Signature(run: Run) {
  run.log.passed("proof", said("proof.ob2-signature-valid", {}, "The RS256 signature is valid for a key the issuer lists in its profile."));
}

// ------------------------------------------------------------------ Open Badges 2.0, hosted

/** Hosted verification: the copy at the assertion's own URL is the authority (or says it is revoked). */
export async function fetchHostedAssertion(run: Run, id: string): Promise<HostedDocument> {
  const hosted = await fetchHosted(fetching(run), id, "hosted-assertion");
  if (!hosted.revoked && hosted.document.id !== id)
    throw fail(
      said(
        "proof.hosted-other-id",
        { url: id, id: String(hosted.document.id) },
        `The assertion hosted at ${id} names another id (${String(hosted.document.id)}).`,
      ),
    );
  return hosted;
}

/** The badge class and issuer profile an assertion names, fetched when given by URL. */
async function issuerOf(run: Run, assertion: Json): Promise<Json> {
  const badge = typeof assertion.badge === "string" ? await fetchJson(fetching(run), assertion.badge, "badge-class") : assertion.badge;
  const issuerRef = isJson(badge) ? badge.issuer : undefined;
  const issuer = typeof issuerRef === "string" ? await fetchJson(fetching(run), issuerRef, "issuer-profile") : issuerRef;
  if (!isJson(issuer)) throw fail(said("proof.no-issuer-profile", {}, "The badge class names no issuer profile."));
  return issuer;
}

const strings = (value: unknown) => asArray(value).filter((item): item is string => typeof item === "string");

/**
 * The assertion is hosted where its issuer allows: an origin its profile lists (`allowedOrigins`),
 * a URL prefix it lists (`startsWith`), or, when it lists neither, the issuer's own host.
 * Returns the issuer profile (its revocation list is for the status step).
 */
export async function checkHostedOrigin(run: Run, assertion: Json): Promise<Json> {
  const issuer = await issuerOf(run, assertion);
  const id = String(assertion.id);
  const host = new URL(id).host;
  const verification = isJson(issuer.verification) ? issuer.verification : {};
  const allowedOrigins = strings(verification.allowedOrigins);
  const startsWith = strings(verification.startsWith);
  const issuerHost = typeof issuer.id === "string" && /^https?:/.test(issuer.id) ? new URL(issuer.id).host : undefined;
  const allowed =
    (allowedOrigins.length === 0 && startsWith.length === 0 ? issuerHost === host : false) ||
    allowedOrigins.includes(host) ||
    startsWith.some((prefix) => id.startsWith(prefix));
  if (!allowed)
    throw fail(
      said(
        "proof.origin-not-allowed",
        { host },
        `The assertion is hosted on ${host}, which the issuer's profile does not allow for its badges.`,
      ),
    );
  run.log.passed(
    "proof",
    said("proof.hosted-origin-ok", { host }, `Hosted verification: the assertion is served by ${host}, an origin the issuer allows.`),
  );
  return issuer;
}
