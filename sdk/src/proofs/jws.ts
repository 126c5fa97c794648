// JWS-based proofs of badges we did not sign with Data Integrity: OB 2.0 "signed" assertions
// (RS256 compact JWS whose payload is the Assertion) and OB 3.0 VC-JWTs. Network access only
// through the caller's fetch / key resolver, so the same code runs in browsers, node and tests.
// Documents are fetched by verification's one fetcher (budget, size cap, host policy).
import { base64url, compactVerify, decodeProtectedHeader, importJWK, importSPKI, type JWK, type JWSHeaderParameters } from "jose";
import { type FetchLike, fetchJson as fetchVerified } from "../verify/fetch.ts";
import { parseJsonDocument } from "../verify/json.ts";

export type { FetchLike };

type Json = Record<string, unknown>;

export interface Ob2SignedVerification {
  verified: boolean;
  /** Plain-language reasons, empty when verified. */
  problems: string[];
  /** The signed Assertion (the JWS payload), when it could be decoded. */
  assertion?: Json;
  keyId?: string;
  issuerId?: string;
  /** The issuer Profile, when it could be resolved (its revocationList is for the status step). */
  issuer?: Json;
  /** A document could not be fetched (timeout, refused host, server error): "could not check", not "forged". */
  couldNotCheck?: boolean;
}

/** The text of a compact JWS's payload (not verified), or undefined when it has none. */
export function decodeJwsPayloadText(jws: string): string | undefined {
  const parts = typeof jws === "string" ? jws.trim().split(".") : [];
  const [, payload] = parts;
  if (parts.length !== 3 || payload === undefined) return undefined;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(base64url.decode(payload));
  } catch {
    return undefined;
  }
}

/** The JSON object a compact JWS carries (not verified), or undefined when it carries none or a refused shape. */
export function decodeJwsPayload(jws: string): Json | undefined {
  const text = decodeJwsPayloadText(jws);
  if (text === undefined) return undefined;
  try {
    const value = parseJsonDocument(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** A document the assertion names, by the one fetcher; its failures read as part of a sentence. */
async function fetchJson(fetch: FetchLike, url: string, what: string): Promise<Json> {
  const fail = (failure: string | { message: string }, verdict?: "invalid" | "error") =>
    Object.assign(new Error(lowerFirst((typeof failure === "string" ? failure : failure.message).replace(/\.$/, ""))), {
      couldNotCheck: verdict === "error",
    });
  const body = await fetchVerified({ fetch, fail }, url, what);
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new Error(`the ${what} at ${url} is not a JSON object`);
  return body as Json;
}

function idOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && typeof (value as Json).id === "string") return (value as Json).id as string;
  return undefined;
}

function listOf(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

/**
 * Verifies an OB 2.0 signed assertion: RS256 signature with the key document named by
 * `verification.creator` (or the issuer's only `publicKey`), the key's `owner` is the issuer,
 * and the issuer lists the key in `publicKey`. Badge and issuer are fetched when given by URL.
 */
export async function verifyOb2SignedAssertion(jws: string, options: { fetch: FetchLike }): Promise<Ob2SignedVerification> {
  const problems: string[] = [];
  const result: Ob2SignedVerification = { verified: false, problems };
  if (typeof jws !== "string" || jws.trim().split(".").length !== 3) {
    problems.push("This is not a compact JWS (three base64url parts separated by dots).");
    return result;
  }
  jws = jws.trim();
  let header: JWSHeaderParameters;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    problems.push("The JWS header cannot be decoded.");
    return result;
  }
  if (header.alg !== "RS256") problems.push(`Open Badges 2.0 signed assertions use RS256; this one uses ${JSON.stringify(header.alg)}.`);
  const assertion = decodeJwsPayload(jws);
  if (!assertion) {
    problems.push("The JWS payload is not a JSON Assertion.");
    return result;
  }
  result.assertion = assertion;
  const verification = assertion.verification as Json | undefined;
  const vType = verification?.type;
  if (vType !== "signed" && vType !== "SignedBadge")
    problems.push(`The Assertion's verification.type must be "signed" (or "SignedBadge") for a JWS; got ${JSON.stringify(vType)}.`);

  try {
    const badge =
      typeof assertion.badge === "string"
        ? await fetchJson(options.fetch, assertion.badge, "the BadgeClass")
        : (assertion.badge as Json | undefined);
    if (!badge) throw new Error("the Assertion names no badge");
    const issuer =
      typeof badge.issuer === "string"
        ? await fetchJson(options.fetch, badge.issuer, "the issuer Profile")
        : (badge.issuer as Json | undefined);
    if (!issuer) throw new Error("the BadgeClass names no issuer");
    const issuerId = idOf(issuer) ?? (typeof badge.issuer === "string" ? badge.issuer : undefined);
    result.issuer = issuer;
    result.issuerId = issuerId;
    const issuerKeys = listOf(issuer.publicKey)
      .map(idOf)
      .filter((k): k is string => !!k);
    const keyUrl =
      (typeof verification?.creator === "string" ? verification.creator : undefined) ??
      (issuerKeys.length === 1 ? issuerKeys[0] : undefined);
    if (!keyUrl) throw new Error("neither verification.creator nor a single issuer publicKey names the signing key");
    const embedded = listOf(issuer.publicKey).find((k) => idOf(k) === keyUrl && typeof (k as Json).publicKeyPem === "string") as
      | Json
      | undefined;
    const key = embedded ?? (await fetchJson(options.fetch, keyUrl, "the public key"));
    result.keyId = idOf(key) ?? keyUrl;
    if (idOf(key) !== keyUrl) problems.push(`The key document fetched from ${keyUrl} has id ${JSON.stringify(idOf(key))}.`);
    if (idOf(key.owner) !== issuerId)
      problems.push(`The signing key's owner is ${JSON.stringify(idOf(key.owner))}, not the issuer ${JSON.stringify(issuerId)}.`);
    if (!issuerKeys.includes(keyUrl)) problems.push(`The issuer Profile does not list the key ${keyUrl} in its publicKey.`);
    if (typeof key.publicKeyPem !== "string") throw new Error("the key document has no publicKeyPem");
    const publicKey = await importSPKI(key.publicKeyPem, "RS256");
    try {
      await compactVerify(jws, publicKey, { algorithms: ["RS256"] });
    } catch {
      problems.push("The JWS signature does not match the issuer's key: the assertion was changed or signed with another key.");
    }
  } catch (cause) {
    problems.push(`The signed assertion cannot be checked: ${(cause as Error).message}.`);
    if ((cause as { couldNotCheck?: boolean }).couldNotCheck) result.couldNotCheck = true;
  }
  result.verified = problems.length === 0;
  return result;
}

/** Returns the key for a `kid`: a JWK, or a key object jose accepts (CryptoKey, KeyObject). */
export type JwtKeyResolver = (kid: string, header: JWSHeaderParameters) => Promise<JWK | CryptoKey | object | null | undefined>;

export interface Ob3JwtVerification {
  verified: boolean;
  problems: string[];
  credential?: Json;
  alg?: string;
  kid?: string;
  /** Where the key came from: resolved from `kid`, or only the header's own `jwk` (not tied to the issuer by itself). */
  keySource?: "kid" | "embedded-jwk";
  notBefore?: number;
  expires?: number;
}

export const OB3_JWT_ALGORITHMS = ["EdDSA", "Ed25519", "ES256", "RS256"] as const;

/**
 * Verifies an OB 3.0 VC-JWT (the credential as the JWT claims set, or the older `vc` claim).
 * The key comes from `kid` through `resolveKey`, else from the header's `jwk`. Registered claims
 * that restate the credential (iss, jti, sub) must agree with it. Dates are left to the
 * validity step (returned as notBefore / expires).
 */
export async function verifyOb3Jwt(
  jwt: string,
  options: { resolveKey?: JwtKeyResolver; algorithms?: readonly string[] } = {},
): Promise<Ob3JwtVerification> {
  const problems: string[] = [];
  const result: Ob3JwtVerification = { verified: false, problems };
  const algorithms = [...(options.algorithms ?? OB3_JWT_ALGORITHMS)];
  let header: JWSHeaderParameters;
  try {
    header = decodeProtectedHeader(jwt.trim());
  } catch {
    problems.push("This is not a compact JWT (its header cannot be decoded).");
    return result;
  }
  jwt = jwt.trim();
  result.alg = header.alg;
  if (!header.alg || !algorithms.includes(header.alg)) {
    problems.push(`The JWT algorithm ${JSON.stringify(header.alg)} is not accepted (accepted: ${algorithms.join(", ")}).`);
    return result;
  }
  let key: unknown;
  try {
    if (header.kid && options.resolveKey) {
      result.kid = header.kid;
      key = await options.resolveKey(header.kid, header);
      if (!key) throw new Error(`no key is known for kid ${header.kid}`);
      result.keySource = "kid";
    } else if (header.jwk) {
      key = header.jwk;
      result.keySource = "embedded-jwk";
    } else {
      throw new Error(
        header.kid ? `the header names kid ${header.kid} but no key resolver was given` : "the header has neither kid nor jwk",
      );
    }
    if (key && typeof key === "object" && typeof (key as JWK).kty === "string") key = await importJWK(key as JWK, header.alg);
  } catch (cause) {
    problems.push(`The signing key cannot be found: ${(cause as Error).message}.`);
    return result;
  }
  let payload: Json;
  try {
    const verified = await compactVerify(jwt, key as CryptoKey, { algorithms });
    payload = parseJsonDocument(new TextDecoder().decode(verified.payload)) as Json;
  } catch (cause) {
    const msg =
      (cause as { code?: string }).code === "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"
        ? "the signature does not match the key: the credential was changed or signed with another key"
        : (cause as Error).message;
    problems.push(`The JWT does not verify: ${msg}.`);
    return result;
  }
  const credential = (payload.vc && typeof payload.vc === "object" ? payload.vc : payload) as Json;
  result.credential = credential;
  const issuerId = idOf(credential.issuer);
  if (payload.iss !== undefined && payload.iss !== issuerId)
    problems.push(`The JWT iss ${JSON.stringify(payload.iss)} differs from the credential issuer ${JSON.stringify(issuerId)}.`);
  if (payload.jti !== undefined && credential.id !== undefined && payload.jti !== credential.id)
    problems.push(`The JWT jti ${JSON.stringify(payload.jti)} differs from the credential id ${JSON.stringify(credential.id)}.`);
  const subjectId = idOf(listOf(credential.credentialSubject)[0]);
  if (payload.sub !== undefined && subjectId !== undefined && payload.sub !== subjectId)
    problems.push(`The JWT sub ${JSON.stringify(payload.sub)} differs from credentialSubject.id ${JSON.stringify(subjectId)}.`);
  if (typeof payload.nbf === "number") result.notBefore = payload.nbf;
  if (typeof payload.exp === "number") result.expires = payload.exp;
  result.verified = problems.length === 0;
  return result;
}
