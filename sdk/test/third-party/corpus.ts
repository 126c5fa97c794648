// A corpus of other people's Open Badges 3.0, generated for the test: the cases the DCC's
// verifier-core and 1EdTech's OB 3.0 validator test with their own credentials (which case, and
// the verdict their test expects), plus the Bitstring Status List rules the W3C spec sets. Nothing
// is copied from those suites: every credential, key, issuer document and status list is made
// here, signed with Digital Bazaar's libraries (vc + data-integrity + eddsa-rdfc-2022,
// Ed25519Signature2020, ed25519-multikey), and served by a loopback HTTP host started by the test.
//
// Verdicts in our terms: a genuine badge of another issuer is "unanchored" (the best it can be:
// nothing on chain backs it) where the suites say "valid" (1EdTech's "warning" for VC 1.1 too); a
// bad signature, missing proof, bad context or schema error is "invalid"; a status list or key
// that cannot be fetched is "error" (DCC: an error logged on that step).
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { itxt, makePng } from "@chancery/testing/png";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { Ed25519Signature2020 } from "@digitalbazaar/ed25519-signature-2020";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { importJWK, SignJWT } from "jose";
import { base64urlEncode } from "../../src/codecs/base64.ts";
import { createDocumentLoader } from "../../src/proofs/loader.ts";
import { multibaseToPublicKey } from "../../src/proofs/multibase.ts";
import type { FetchLike, Verdict } from "../../src/verify/types.ts";

// ------------------------------------------------------------------ the loopback host

type Served = { status: number; body: string; contentType: string };

/**
 * Serves documents for https URLs of made-up hosts (`https://issuer-a.example/…`, did:web's
 * `/.well-known/did.json`) from one loopback HTTP server: its `fetch` sends each request there
 * over real HTTP, standing in only for DNS and TLS.
 */
export class LoopbackHost {
  readonly requests: string[] = [];
  private readonly documents = new Map<string, Served>();
  private readonly server: Server;
  readonly origin: string;
  private constructor(server: Server, origin: string) {
    this.server = server;
    this.origin = origin;
  }

  static async start(): Promise<LoopbackHost> {
    let host: LoopbackHost | undefined;
    const server = createServer((request, response) => host?.answer(request, response));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    host = new LoopbackHost(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return host;
  }

  serve(url: string, body: unknown, status = 200) {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    this.documents.set(url, { status, body: text, contentType: "application/json" });
  }

  private answer(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", this.origin).searchParams.get("u") ?? "";
    this.requests.push(url);
    const served = this.documents.get(url) ?? { status: 404, body: '{"error":"not found"}', contentType: "application/json" };
    response.writeHead(served.status, { "content-type": served.contentType });
    response.end(served.body);
  }

  /** What a verifier is given as `fetch`: every URL is asked of this host. */
  readonly fetch: FetchLike = (url, init) =>
    globalThis.fetch(`${this.origin}/?u=${encodeURIComponent(url)}`, init) as unknown as ReturnType<FetchLike>;

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

// ------------------------------------------------------------------ keys and signing

const require = createRequire(import.meta.url);
const DI_V1 = "https://w3id.org/security/data-integrity/v1";
// Only the signer gets the data-integrity v1 context (of the 2022 draft cryptosuite): the verifier does not bundle it.
const loader = createDocumentLoader({
  documents: {
    [DI_V1]: JSON.parse(readFileSync(require.resolve("@digitalbazaar/data-integrity-context/contexts/data-integrity-v1.jsonld"), "utf8")),
  },
});
type Signer = { id: string; algorithm: string; sign(input: { data: Uint8Array }): Promise<Uint8Array> };
type Key = { publicKeyMultibase: string; signer: (vmId: string) => Signer; seed: Uint8Array };

async function keyFrom(seedByte: number): Promise<Key> {
  const seed = new Uint8Array(32).fill(seedByte);
  const { publicKeyMultibase } = await Ed25519Multikey.generate({ seed });
  return {
    publicKeyMultibase,
    seed,
    signer: (vmId) => {
      const signer = { id: vmId, algorithm: "Ed25519", sign: async (input: { data: Uint8Array }) => (await pair).signer().sign(input) };
      const pair = Ed25519Multikey.generate({ seed, id: vmId, controller: vmId.replace(/#.*$/, "") });
      return signer;
    },
  };
}

type Json = Record<string, unknown>;
type Suite = "eddsa-rdfc-2022" | "Ed25519Signature2020" | "eddsa-2022";

async function sign(credential: Json, key: Key, vmId: string, suite: Suite, created: string): Promise<Json> {
  const signer = key.signer(vmId);
  const proofSuite =
    suite === "eddsa-rdfc-2022"
      ? new DataIntegrityProof({ signer, cryptosuite: eddsaRdfc2022, date: created })
      : suite === "eddsa-2022"
        ? // The 2022 draft of the same algorithm, under its old name and context.
          new DataIntegrityProof({ signer, cryptosuite: { ...eddsaRdfc2022, name: "eddsa-2022" }, date: created, legacyContext: true })
        : new Ed25519Signature2020({ signer, date: created });
  try {
    return (await vc.issue({ credential: structuredClone(credential), suite: proofSuite, documentLoader: loader })) as Json;
  } catch (error) {
    const details = (error as { details?: { event?: { message?: string; details?: unknown } } }).details?.event;
    throw new Error(
      `Signing ${JSON.stringify(credential["@context"])} (${suite}) failed: ${(error as Error).message} ${JSON.stringify(details ?? "")}`,
    );
  }
}

/** A second proof by another suite (DCC's double-signed credentials): both proofs in one set. */
async function signAgain(signed: Json, key: Key, vmId: string, suite: Suite, created: string): Promise<Json> {
  const { proof, ...bare } = signed;
  const second = (await sign(bare, key, vmId, suite, created)).proof;
  return { ...bare, proof: [proof, second] };
}

// ------------------------------------------------------------------ documents

const VC1 = "https://www.w3.org/2018/credentials/v1";
const VC2 = "https://www.w3.org/ns/credentials/v2";
const OB303 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
const OB302 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json";
const OB301 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json";
const OB300 = "https://purl.imsglobal.org/spec/ob/v3p0/context.json";
const STATUS_V1 = "https://www.w3.org/ns/credentials/status/v1";
const SL2021 = "https://w3id.org/vc/status-list/2021/v1";
const ED2020 = "https://w3id.org/security/suites/ed25519-2020/v1";
const DI_V2 = "https://w3id.org/security/data-integrity/v2";
const MULTIKEY = "https://w3id.org/security/multikey/v1";
const DID_V1 = "https://www.w3.org/ns/did/v1";
/** Defines 1EdTechRevocationList (OB 3.0's own contexts do not). */
const OB_EXTENSIONS = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json";

type Issuer = { id: string; key: Key; vm: string; suite: Suite };

function achievementCredential(issuer: string | Json, context: unknown[], dates: Json, extra: Json = {}): Json {
  return {
    "@context": context,
    id: `urn:uuid:${crypto.randomUUID()}`,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: "Field Botany Badge",
    issuer,
    ...dates,
    credentialSubject: {
      id: "did:example:learner-4417",
      type: ["AchievementSubject"],
      achievement: {
        id: "https://issuer-a.example/achievements/field-botany",
        type: ["Achievement"],
        name: "Field Botany",
        description: "Identifies 40 native plant species in the field and keeps a herbarium record.",
        criteria: { narrative: "Pass the field walk and hand in a pressed-specimen log." },
      },
    },
    ...extra,
  };
}

/** The issuer's controller document at its https id, listing its key (Multikey, or an Ed25519 2020 key). */
function controllerDocument(issuer: Issuer) {
  const method = {
    id: issuer.vm,
    type: issuer.suite === "eddsa-rdfc-2022" ? "Multikey" : "Ed25519VerificationKey2020",
    controller: issuer.id,
    publicKeyMultibase: issuer.key.publicKeyMultibase,
  };
  const context = [DID_V1, issuer.suite === "eddsa-rdfc-2022" ? MULTIKEY : ED2020];
  return { "@context": context, id: issuer.id, verificationMethod: [method], assertionMethod: [method.id] };
}

/** did:web:host[:path…] → https://host/.well-known/did.json or https://host/path…/did.json. */
export function didWebUrl(did: string): string {
  const [host, ...path] = did.slice("did:web:".length).split(":").map(decodeURIComponent);
  return path.length ? `https://${host}/${path.join("/")}/did.json` : `https://${host}/.well-known/did.json`;
}

/** A bitstring of 16 KiB (the spec's minimum) with `set` bits on, `size` bits per entry holding `values`. */
function bitstring(values: Record<number, number>, size = 1): Uint8Array {
  const bits = new Uint8Array(16 * 1024);
  for (const [index, value] of Object.entries(values))
    for (let i = 0; i < size; i++)
      if ((value >> (size - 1 - i)) & 1) {
        const bit = Number(index) * size + i;
        bits[bit >> 3] = (bits[bit >> 3] as number) | (1 << (7 - (bit & 7)));
      }
  return bits;
}

type ListOptions = {
  url: string;
  issuer: Issuer;
  purpose: string;
  values?: Record<number, number>;
  size?: number;
  kind?: "bitstring" | "2021";
  dates?: Json;
};

async function statusList({ url, issuer, purpose, values = {}, size = 1, kind = "bitstring", dates }: ListOptions): Promise<Json> {
  const gz = gzipSync(bitstring(values, size));
  const list =
    kind === "bitstring"
      ? {
          "@context": [VC2],
          id: url,
          type: ["VerifiableCredential", "BitstringStatusListCredential"],
          issuer: issuer.id,
          ...(dates ?? { validFrom: "2024-01-01T00:00:00Z" }),
          credentialSubject: {
            id: `${url}#list`,
            type: "BitstringStatusList",
            statusPurpose: purpose,
            encodedList: `u${base64urlEncode(gz)}`,
          },
        }
      : {
          "@context": [VC1, SL2021],
          id: url,
          type: ["VerifiableCredential", "StatusList2021Credential"],
          issuer: issuer.id,
          ...(dates ?? { issuanceDate: "2024-01-01T00:00:00Z" }),
          credentialSubject: { id: `${url}#list`, type: "StatusList2021", statusPurpose: purpose, encodedList: base64urlEncode(gz) },
        };
  return sign(list, issuer.key, issuer.vm, issuer.suite, "2024-01-01T00:00:00Z");
}

const entry = (url: string, index: number, purpose = "revocation", extra: Json = {}) => ({
  id: `${url}#${index}`,
  type: "BitstringStatusListEntry",
  statusPurpose: purpose,
  statusListIndex: String(index),
  statusListCredential: url,
  ...extra,
});

// ------------------------------------------------------------------ the cases

export type Suite3P = "dcc-verifier-core" | "1edtech-validator" | "w3c-bitstring-status-list";

export type Case = {
  id: string;
  suite: Suite3P;
  /** The test of the originating suite it stands for. */
  origin: string;
  /** What it exercises: "VC 1.1", "did:web", "revoked", "Ed25519Signature2020"… (the figures are also given by class). */
  classes: string[];
  expected: Verdict;
  input: Json | string | Uint8Array;
  /** When the case knowingly differs from the suite's expectation: why. */
  divergence?: string;
  /** Expected to miss until another part lands (strict: the test fails once it matches, so the mark goes). */
  pending?: string;
};

export async function buildCorpus(host: LoopbackHost): Promise<Case[]> {
  const cases: Case[] = [];
  const add = (c: Case) => cases.push(c);

  // ---- DCC verifier-core: did:key issuer, VC 1.1 and 2.0, Ed25519Signature2020 (and eddsa), BitstringStatusList
  const didKeyKey = await keyFrom(11);
  const didKey = `did:key:${didKeyKey.publicKeyMultibase}`;
  const dcc: Issuer = { id: didKey, key: didKeyKey, vm: `${didKey}#${didKeyKey.publicKeyMultibase}`, suite: "Ed25519Signature2020" };
  const dccList = "https://status.dcc.example/status/e5WK8";
  host.serve(dccList, await statusList({ url: dccList, issuer: dcc, purpose: "revocation", values: { 6: 1 } }));
  const dccIssuer = { id: didKey, type: "Profile", name: "Institute of Mock Degrees", url: "https://dcc.example/" };
  const v1Context = [VC1, OB301, STATUS_V1, ED2020];
  const v2Context = [VC2, OB303, ED2020];
  const v1 = (dates: Json, extra: Json = {}) => achievementCredential(dccIssuer, v1Context, dates, extra);
  const v2 = (dates: Json, extra: Json = {}) => achievementCredential(dccIssuer, v2Context, dates, extra);
  const issued = { issuanceDate: "2025-01-09T15:06:31Z" };
  const expiredV1 = { issuanceDate: "2025-01-09T15:06:31Z", expirationDate: "2025-01-09T16:23:24Z" };
  const fromV2 = { validFrom: "2010-01-01T00:00:00Z" };
  const expiredV2 = { validFrom: "2010-01-01T00:00:00Z", validUntil: "2011-01-01T00:00:00Z" };
  const dccSign = (c: Json) => sign(c, dcc.key, dcc.vm, dcc.suite, "2025-01-09T17:47:52Z");
  const clear = { credentialStatus: entry(dccList, 9) };
  const revoked = { credentialStatus: entry(dccList, 6) };
  const tamper = (c: Json) => ({ ...c, name: "Introduction to Tampering" });
  const noProof = (c: Json) => {
    const { proof: _proof, ...rest } = c;
    return rest;
  };
  const v1Spec = "test/Verify.v1.spec.ts";
  const v2Spec = "test/Verify.v2.spec.ts";
  type Notes = Pick<Case, "divergence" | "pending">;
  const dccCase = (id: string, origin: string, classes: string[], expected: Verdict, input: Json, notes: Notes = {}) =>
    add({ id: `dcc/${id}`, suite: "dcc-verifier-core", origin, classes, expected, input, ...notes });

  const v1Plain = await dccSign(v1(issued));
  const v2Plain = await dccSign(v2(fromV2));
  const k1 = ["VC 1.1", "Ed25519Signature2020", "did:key"];
  const k2 = ["VC 2.0", "Ed25519Signature2020", "did:key"];
  dccCase(
    "v1-valid-status",
    `${v1Spec} › returns as verified when status is valid`,
    [...k1, "BitstringStatusList", "valid"],
    "unanchored",
    await dccSign(v1(issued, clear)),
  );
  dccCase("v1-no-status", `${v1Spec} (v1NoStatus)`, [...k1, "valid"], "unanchored", v1Plain);
  dccCase(
    "v1-simple-issuer-id",
    "src/test-fixtures v1SimpleIssuerId",
    [...k1, "valid"],
    "unanchored",
    await dccSign(achievementCredential(didKey, [VC1, OB302, ED2020], issued)),
  );
  dccCase("v1-tampered", `${v1Spec} › fatal when tampered with`, [...k1, "tampered"], "invalid", tamper(v1Plain));
  dccCase("v1-expired", `${v1Spec} › unverified when expired`, [...k1, "expired"], "expired", await dccSign(v1(expiredV1)));
  dccCase(
    "v1-expired-tampered",
    `${v1Spec} › fatal when expired and tampered with`,
    [...k1, "tampered"],
    "invalid",
    tamper(await dccSign(v1(expiredV1))),
  );
  dccCase("v1-no-proof", `${v1Spec} › fatal when no proof`, ["VC 1.1", "no proof"], "invalid", noProof(v1Plain));
  dccCase("v1-non-uri-id", `${v1Spec} › fatal when credential id is not a uri`, [...k1, "bad id"], "invalid", {
    ...v1Plain,
    id: "0923lksjf",
  });
  dccCase(
    "v1-revoked",
    `${v1Spec} › unverified when revoked`,
    [...k1, "BitstringStatusList", "revoked"],
    "revoked",
    await dccSign(v1(issued, revoked)),
  );
  dccCase(
    "v1-expired-valid-status",
    `${v1Spec} › unverified when expired with valid status`,
    [...k1, "BitstringStatusList", "expired"],
    "expired",
    await dccSign(v1(expiredV1, clear)),
  );
  dccCase(
    "v1-revoked-expired",
    "src/test-fixtures v1RevokedAndExpired",
    [...k1, "BitstringStatusList", "revoked"],
    "revoked",
    await dccSign(v1(expiredV1, revoked)),
  );
  dccCase(
    "v1-ob3-spec-example-eddsa",
    "src/test-fixtures v1OBv3SpecExample",
    ["VC 1.1", "eddsa-rdfc-2022", "did:key", "valid"],
    "unanchored",
    await sign(
      achievementCredential(dccIssuer, [VC1, OB303, DI_V2], { issuanceDate: "2010-01-01T00:00:00Z" }),
      dcc.key,
      dcc.vm,
      "eddsa-rdfc-2022",
      "2025-01-09T17:47:52Z",
    ),
  );
  dccCase(
    "v2-valid-status",
    `${v2Spec} › returns as verified when status is valid`,
    [...k2, "BitstringStatusList", "valid"],
    "unanchored",
    await dccSign(v2(fromV2, clear)),
  );
  dccCase("v2-no-status", `${v2Spec} (v2NoStatus)`, [...k2, "valid"], "unanchored", v2Plain);
  dccCase("v2-tampered", `${v2Spec} › fatal when tampered with`, [...k2, "tampered"], "invalid", tamper(v2Plain));
  dccCase("v2-expired", `${v2Spec} › unverified when expired`, [...k2, "expired"], "expired", await dccSign(v2(expiredV2)));
  dccCase(
    "v2-expired-tampered",
    `${v2Spec} › fatal when expired and tampered with`,
    [...k2, "tampered"],
    "invalid",
    tamper(await dccSign(v2(expiredV2))),
  );
  dccCase("v2-no-proof", `${v2Spec} › fatal when no proof`, ["VC 2.0", "no proof"], "invalid", noProof(v2Plain));
  dccCase("v2-non-uri-id", `${v2Spec} › fatal when credential id is not a uri`, [...k2, "bad id"], "invalid", {
    ...v2Plain,
    id: "0923lksjf",
  });
  dccCase(
    "v2-revoked",
    `${v2Spec} › unverified when revoked`,
    [...k2, "BitstringStatusList", "revoked"],
    "revoked",
    await dccSign(v2(fromV2, revoked)),
  );
  dccCase(
    "v2-expired-valid-status",
    `${v2Spec} › unverified when expired with valid status`,
    [...k2, "BitstringStatusList", "expired"],
    "expired",
    await dccSign(v2(expiredV2, clear)),
  );
  dccCase(
    "v2-eddsa-valid-status",
    `${v2Spec} › eddsa signature, verified when status is valid`,
    ["VC 2.0", "eddsa-rdfc-2022", "did:key", "BitstringStatusList", "valid"],
    "unanchored",
    await sign(achievementCredential(dccIssuer, [VC2, OB303], fromV2, clear), dcc.key, dcc.vm, "eddsa-rdfc-2022", "2025-01-09T17:47:52Z"),
  );
  const badStatusUrl = "https://status.dcc.example/status/e5VK8";
  dccCase(
    "v2-double-sig-bad-status-url",
    `${v2Spec} › ed25519 and eddsa signature, log error when statuslist url is unreachable`,
    ["VC 2.0", "Ed25519Signature2020", "eddsa-rdfc-2022", "did:key", "BitstringStatusList", "status unreachable"],
    "error",
    await signAgain(
      await dccSign(v2(fromV2, { credentialStatus: entry(badStatusUrl, 9) })),
      dcc.key,
      dcc.vm,
      "eddsa-rdfc-2022",
      "2025-01-09T17:47:52Z",
    ),
  );
  // did:web issuers: one with an Ed25519 2020 key, one with a Multikey key, one whose did.json is gone.
  const webKey = await keyFrom(12);
  const didWeb = "did:web:dcc-did-web.example";
  const web: Issuer = { id: didWeb, key: webKey, vm: `${didWeb}#${webKey.publicKeyMultibase}`, suite: "Ed25519Signature2020" };
  host.serve(didWebUrl(didWeb), controllerDocument(web));
  const webList = "https://status.dcc-did-web.example/status/1";
  host.serve(webList, await statusList({ url: webList, issuer: web, purpose: "revocation" }));
  const webCredential = (issuer: Issuer, extra: Json) =>
    sign(
      achievementCredential({ id: issuer.id, type: "Profile", name: "DCC did:web test" }, v2Context, fromV2, extra),
      issuer.key,
      issuer.vm,
      issuer.suite,
      "2025-01-09T17:47:52Z",
    );
  dccCase(
    "v2-did-web-valid-status",
    `${v2Spec} › did:web issuer, verified when status is valid`,
    ["VC 2.0", "Ed25519Signature2020", "did:web", "BitstringStatusList", "valid"],
    "unanchored",
    await webCredential(web, { credentialStatus: entry(webList, 9) }),
  );
  const multiKey = await keyFrom(13);
  const didWebMulti = "did:web:dcc-did-web.example:multikey";
  const webMulti: Issuer = {
    id: didWebMulti,
    key: multiKey,
    vm: `${didWebMulti}#${multiKey.publicKeyMultibase}`,
    suite: "Ed25519Signature2020",
  };
  host.serve(didWebUrl(didWebMulti), {
    ...controllerDocument(webMulti),
    "@context": [DID_V1, MULTIKEY],
    verificationMethod: [{ ...controllerDocument(webMulti).verificationMethod[0], type: "Multikey" }],
  });
  dccCase(
    "v2-did-web-multikey",
    `${v2Spec} › did:web issuer, verified for multikey verification method`,
    ["VC 2.0", "Ed25519Signature2020", "did:web", "Multikey", "valid"],
    "unanchored",
    await webCredential(webMulti, {}),
  );
  const badWeb: Issuer = {
    ...web,
    id: "did:web:dcc-did-web-bad.example",
    vm: `did:web:dcc-did-web-bad.example#${webKey.publicKeyMultibase}`,
  };
  host.serve(didWebUrl(badWeb.id), { error: "gone" }, 404);
  dccCase(
    "v2-bad-did-web",
    `${v2Spec} › fatal when did:web url is unreachable`,
    ["VC 2.0", "Ed25519Signature2020", "did:web", "key unreachable"],
    "error",
    await webCredential(badWeb, {}),
  );
  dccCase(
    "v2-did-web-foreign-status-list",
    `${v2Spec} › did:web issuer, with different issuer for vc and statusList`,
    ["VC 2.0", "Ed25519Signature2020", "did:web", "BitstringStatusList", "foreign status list"],
    "unanchored",
    await webCredential(web, { credentialStatus: entry(dccList, 9) }),
    {
      divergence:
        "DCC verifies with verifyMatchingIssuers: false; we refuse a status list its issuer did not sign (anyone could publish one saying 'not revoked'), so the status step is 'error'.",
    },
  );
  dccCase(
    "no-context",
    "test/Verify.general.spec.ts › fatal when not jsonld",
    ["no context"],
    "invalid",
    (() => {
      const { "@context": _c, ...rest } = v2Plain;
      return rest;
    })(),
  );
  dccCase("no-vc-context", "test/Verify.general.spec.ts › fatal when no vc context", ["bad context"], "invalid", {
    ...v2Plain,
    "@context": [OB303, ED2020],
  });
  dccCase(
    "safe-mode-breaker",
    `${v2Spec} › fatal for safe mode violation`,
    ["VC 2.0", "eddsa-rdfc-2022", "JSON-LD safe mode"],
    "invalid",
    // A term no context defines: JSON-LD safe mode drops it from what is signed, so it is refused.
    await (async () => {
      const signed = await sign(
        achievementCredential(dccIssuer, [VC2, OB303], fromV2),
        dcc.key,
        dcc.vm,
        "eddsa-rdfc-2022",
        "2025-07-14T20:59:07Z",
      );
      const subject = signed.credentialSubject as Json;
      return {
        ...signed,
        credentialSubject: {
          ...subject,
          identifier: [{ type: "IdentityObjectX", identityHash: "x", identityType: "emailAddress", hashed: false }],
        },
      };
    })(),
  );

  // ---- 1EdTech OB 3.0 validator (inspector-vc OB30Tests): https issuers with #z6Mk keys, did:key, did:web
  const edKey = await keyFrom(21);
  const corp: Issuer = { id: "https://issuer-a.example/issuers/876543", key: edKey, vm: "", suite: "eddsa-rdfc-2022" };
  corp.vm = `${corp.id}#${edKey.publicKeyMultibase}`;
  host.serve(corp.id, controllerDocument(corp));
  const corpProfile = { id: corp.id, type: ["Profile"], name: "Example Corp" };
  const ob = (extra: Json = {}, dates: Json = fromV2, issuer: Json | string = corpProfile) =>
    achievementCredential(issuer, [VC2, OB303], dates, extra);
  const corpSign = (c: Json, vm = corp.vm) => sign(c, corp.key, vm, corp.suite, "2010-01-01T19:23:24Z");
  const t = "inspector-vc OB30Tests";
  const edCase = (id: string, origin: string, classes: string[], expected: Verdict, input: Json | string | Uint8Array, notes: Notes = {}) =>
    add({ id: `1edtech/${id}`, suite: "1edtech-validator", origin: `${t} › ${origin}`, classes, expected, input, ...notes });
  const e2 = ["VC 2.0", "eddsa-rdfc-2022", "https issuer"];
  const simple = await corpSign(ob());
  // Wrong types cannot be signed (JSON-LD safe mode refuses undefined terms): they are set on a signed copy.
  const subject = simple.credentialSubject as Json;
  edCase("simple", "testSimpleJsonValid", [...e2, "valid"], "unanchored", simple);
  edCase(
    "simple-context-3.0.2",
    "testSimpleJsonContextVersion",
    [...e2, "valid"],
    "unanchored",
    await corpSign(achievementCredential(corpProfile, [VC2, OB302], fromV2)),
  );
  const ed2020Key = await keyFrom(22);
  const corp2020: Issuer = { id: "https://issuer-b.example/issuers/876543", key: ed2020Key, vm: "", suite: "Ed25519Signature2020" };
  corp2020.vm = `${corp2020.id}#${ed2020Key.publicKeyMultibase}`;
  host.serve(corp2020.id, controllerDocument(corp2020));
  edCase(
    "simple-v1",
    "testSimpleV1JsonValid (a warning: VC 1.1)",
    ["VC 1.1", "Ed25519Signature2020", "https issuer", "valid"],
    "unanchored",
    await sign(
      achievementCredential({ id: corp2020.id, type: ["Profile"], name: "Example Corp" }, [VC1, OB300, ED2020], {
        issuanceDate: "2010-01-01T00:00:00Z",
      }),
      corp2020.key,
      corp2020.vm,
      corp2020.suite,
      "2010-01-01T19:23:24Z",
    ),
  );
  edCase(
    "eddsa-2022",
    "testEddsa2022Warning (the 2022 draft cryptosuite, VC 1.1)",
    ["VC 1.1", "eddsa-2022", "https issuer", "valid"],
    "unanchored",
    await sign(
      achievementCredential(
        corpProfile,
        [VC1, OB301, DI_V1],
        { issuanceDate: "2022-11-27T00:00:00Z" },
        { type: ["VerifiableCredential", "AchievementCredential"] },
      ),
      corp.key,
      corp.vm,
      "eddsa-2022",
      "2022-11-27T00:00:00Z",
    ),
  );
  const didKeyIssuerKey = await keyFrom(23);
  const didKey2 = `did:key:${didKeyIssuerKey.publicKeyMultibase}`;
  // As in 1EdTech's sample: the issuer is a urn:uuid, the proof names a did:key (no fragment) nothing ties to it.
  edCase(
    "did-key-method",
    "testSimpleDidKeyMethodJsonValid",
    ["VC 2.0", "eddsa-rdfc-2022", "did:key", "valid"],
    "unanchored",
    await sign(
      ob({}, fromV2, { id: "urn:uuid:6f2e33e5-7a29-4155-840a-59483ba10164", type: ["Profile"], name: "Andy Miller" }),
      didKeyIssuerKey,
      didKey2,
      "eddsa-rdfc-2022",
      "2010-01-01T19:23:24Z",
    ),
    {
      divergence:
        "1EdTech accepts a key whose controller is not the issuer; we say invalid, as Digital Bazaar's vc does (the issuer must be the key's controller): nothing ties that did:key to the issuer.",
    },
  );
  edCase(
    "did-key-issuer",
    "testSimpleDidKeyMethodJsonValid, with the did:key as the issuer",
    ["VC 2.0", "eddsa-rdfc-2022", "did:key", "valid"],
    "unanchored",
    await sign(
      ob({}, fromV2, { id: didKey2, type: ["Profile"], name: "Andy Miller" }),
      didKeyIssuerKey,
      `${didKey2}#${didKeyIssuerKey.publicKeyMultibase}`,
      "eddsa-rdfc-2022",
      "2010-01-01T19:23:24Z",
    ),
  );
  const webEdKey = await keyFrom(24);
  const edWeb: Issuer = { id: "did:web:issuer-c.example:issuers:565049", key: webEdKey, vm: "", suite: "eddsa-rdfc-2022" };
  edWeb.vm = `${edWeb.id}#${webEdKey.publicKeyMultibase}`;
  host.serve(didWebUrl(edWeb.id), controllerDocument(edWeb));
  edCase(
    "did-web-method",
    "testSimpleDidWebMethodJsonValid",
    ["VC 2.0", "eddsa-rdfc-2022", "did:web", "valid"],
    "unanchored",
    await sign(
      ob({}, fromV2, { id: edWeb.id, type: ["Profile"], name: "Example Corp" }),
      edWeb.key,
      edWeb.vm,
      edWeb.suite,
      "2010-01-01T19:23:24Z",
    ),
  );
  edCase(
    "multiple-proofs",
    "testSimpleMultipleProofsJsonValid (an error: a proof of an unknown type)",
    [...e2, "unknown proof type"],
    "invalid",
    {
      ...simple,
      proof: [
        { type: "SomeProofType", created: "2010-01-01T19:23:24Z", proofPurpose: "assertionMethod", proofValue: "zABC" },
        ...[simple.proof].flat(),
      ],
    },
  );
  edCase("unknown-type", "testSimpleJsonInvalidUnknownType", [...e2, "bad type"], "invalid", {
    ...simple,
    type: ["VerifiableCredential", "OtherCredential"],
  });
  // A method that is not a URL cannot be signed either (safe mode): it replaces the signed one.
  const withMethod = (signed: Json, verificationMethod: string) => ({
    ...signed,
    proof: [signed.proof].flat().map((p) => ({ ...(p as Json), verificationMethod })),
  });
  const otherKey = await keyFrom(25);
  edCase(
    "proof-method",
    "testSimpleJsonInvalidProofMethod (a key the issuer does not list)",
    [...e2, "bad verification method"],
    "invalid",
    await sign(ob(), otherKey, `${corp.id}#${otherKey.publicKeyMultibase}`, "eddsa-rdfc-2022", "2010-01-01T19:23:24Z"),
  );
  edCase(
    "proof-method-no-scheme",
    "testSimpleJsonInvalidProofMethodNoScheme",
    [...e2, "bad verification method"],
    "invalid",
    withMethod(simple, edKey.publicKeyMultibase),
  );
  edCase(
    "proof-method-unknown-scheme",
    "testSimpleJsonInvalidProofMethodUnknownScheme",
    [...e2, "bad verification method"],
    "invalid",
    await corpSign(ob(), `xxx:${edKey.publicKeyMultibase}`),
  );
  edCase(
    "proof-method-unknown-did-method",
    "testSimpleJsonInvalidProofMethodUnknownDidMethod",
    [...e2, "bad verification method"],
    "invalid",
    await corpSign(ob(), `did:example:${edKey.publicKeyMultibase}`),
  );
  const badValue = structuredClone(simple);
  const proof = [badValue.proof].flat()[0] as Json;
  proof.proofValue = `z${"2".repeat(86)}`;
  edCase("proof-value", "testSimpleJsonInvalidProofValue", [...e2, "tampered"], "invalid", badValue);
  edCase(
    "expired",
    "testSimpleJsonExpired",
    [...e2, "expired"],
    "expired",
    await corpSign(ob({}, { validFrom: "2010-01-01T00:00:00Z", validUntil: "2010-01-01T00:00:00Z" })),
  );
  edCase(
    "not-issued",
    "testSimpleJsonNotIssued (validFrom in the future)",
    [...e2, "not yet valid"],
    "not-yet-valid",
    await corpSign(ob({}, { validFrom: "2040-01-01T00:00:00Z", validUntil: "2050-01-20T00:00:00Z" })),
  );
  edCase("context-error", "testSimpleJsonContextError (no VC context)", ["bad context"], "invalid", { ...simple, "@context": [OB303] });
  edCase(
    "schema-error",
    "testSimpleJsonSchemaError (no issuer)",
    ["schema"],
    "invalid",
    (() => {
      const { issuer: _i, ...rest } = simple;
      return rest;
    })(),
  );
  edCase("credential-subject-type", "testSimpleJsonInvalidCredentialSubjectType", [...e2, "schema"], "invalid", {
    ...simple,
    credentialSubject: { ...subject, type: ["Person"] },
  });
  edCase("issuer-type", "testSimpleJsonInvalidIssuerType", [...e2, "schema"], "invalid", {
    ...simple,
    issuer: { ...corpProfile, type: ["Organization"] },
  });
  edCase("evidence-type", "testSimpleJsonInvalidEvidenceType", [...e2, "schema"], "invalid", {
    ...simple,
    evidence: [{ id: "https://issuer-a.example/evidence/1", type: ["Evidence2"] }],
  });
  edCase("no-proof", "simple-noproof", ["VC 2.0", "no proof"], "invalid", noProof(simple));
  // 1EdTech revocation list (the validator reads `revokedCredential`) and a Bitstring list signed by the issuer.
  const revocations = "https://issuer-a.example/revocations/da1e";
  const revokedOne = await corpSign(
    achievementCredential(corpProfile, [VC2, OB303, OB_EXTENSIONS], fromV2, {
      credentialStatus: { id: revocations, type: "1EdTechRevocationList" },
    }),
  );
  host.serve(revocations, {
    id: revocations,
    issuer: corp.id,
    revokedCredential: [{ id: revokedOne.id, revocationReason: "Issued in error" }],
  });
  edCase(
    "credential-status-revoked",
    "testCredentialStatusRevoked (1EdTechRevocationList)",
    [...e2, "1EdTechRevocationList", "revoked"],
    "revoked",
    revokedOne,
  );
  const edList = "https://issuer-a.example/status/3";
  host.serve(edList, await statusList({ url: edList, issuer: corp, purpose: "revocation", values: { 23: 1 } }));
  // 1EdTech's own sample writes the index as a number.
  edCase(
    "bsl-revoked",
    "testBitstringStatusListRevoked",
    [...e2, "BitstringStatusList", "revoked"],
    "revoked",
    await corpSign(ob({ credentialStatus: { ...entry(edList, 23), statusListIndex: 23 } })),
  );
  edCase(
    "bsl-revoked-blank-nodes",
    "testRevokedWithBlankNodes (objects with no id: blank nodes)",
    [...e2, "BitstringStatusList", "revoked"],
    "revoked",
    await corpSign(
      ob({ credentialStatus: { ...entry(edList, 23), statusListIndex: 23 } }, fromV2, {
        ...corpProfile,
        address: { type: ["Address"], addressCountry: "Japan" },
      }),
    ),
  );
  const jwtKey = await importJWK(
    {
      kty: "OKP",
      crv: "Ed25519",
      x: base64urlEncode(multibaseToPublicKey(didKeyIssuerKey.publicKeyMultibase)),
      d: base64urlEncode(didKeyIssuerKey.seed),
    },
    "EdDSA",
  );
  const jwtCredential = ob({}, fromV2, { id: didKey2, type: ["Profile"], name: "Andy Miller" });
  const jwt = await new SignJWT(jwtCredential as never)
    .setProtectedHeader({ alg: "EdDSA", typ: "JWT", kid: `${didKey2}#${didKeyIssuerKey.publicKeyMultibase}` })
    .setIssuer(didKey2)
    .setJti(String(jwtCredential.id))
    .sign(jwtKey);
  edCase("simple-jwt", "testSimpleJWT (VC-JWT)", ["VC 2.0", "VC-JWT", "did:key", "valid"], "unanchored", jwt);
  // Baked images, made by the test's own PNG writer and by hand for SVG (not the sdk's bakery).
  const png = (text: string) => makePng({ middle: [itxt("openbadgecredential", text)] });
  const svg = (text: string) =>
    new TextEncoder().encode(
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" width="1" height="1"><openbadges:credential><![CDATA[${text}]]></openbadges:credential><rect width="1" height="1"/></svg>`,
    );
  edCase(
    "simple-png",
    "testSimplePNGPlainValid (baked PNG, JSON)",
    [...e2, "baked PNG", "valid"],
    "unanchored",
    png(JSON.stringify(simple)),
  );
  edCase("simple-png-jwt", "testSimplePNGJWTValid (baked PNG, VC-JWT)", ["VC-JWT", "baked PNG", "valid"], "unanchored", png(jwt));
  edCase(
    "simple-svg",
    "testSimpleJsonSVGPlainValid (baked SVG, JSON)",
    [...e2, "baked SVG", "valid"],
    "unanchored",
    svg(JSON.stringify(simple)),
  );
  edCase("simple-svg-jwt", "testSimpleJsonSVGJWTValid (baked SVG, VC-JWT)", ["VC-JWT", "baked SVG", "valid"], "unanchored", svg(jwt));

  // ---- W3C Bitstring Status List rules (revocation and suspension, messages, the list's own checks)
  const w3c = (id: string, origin: string, classes: string[], expected: Verdict, input: Json) =>
    add({ id: `bsl/${id}`, suite: "w3c-bitstring-status-list", origin, classes, expected, input });
  const bsl = "Bitstring Status List v1.0";
  const revocation = "https://issuer-a.example/status/revocation";
  const suspension = "https://issuer-a.example/status/suspension";
  host.serve(revocation, await statusList({ url: revocation, issuer: corp, purpose: "revocation", values: { 5: 1 } }));
  host.serve(suspension, await statusList({ url: suspension, issuer: corp, purpose: "suspension", values: { 7: 1 } }));
  const both = (r: number, s: number) => corpSign(ob({ credentialStatus: [entry(revocation, r), entry(suspension, s, "suspension")] }));
  w3c(
    "suspended",
    `${bsl} §3.2 statusPurpose suspension, bit set`,
    ["BitstringStatusList", "suspension", "suspended"],
    "suspended",
    await corpSign(ob({ credentialStatus: entry(suspension, 7, "suspension") })),
  );
  w3c(
    "suspension-clear",
    `${bsl} §3.2 statusPurpose suspension, bit clear`,
    ["BitstringStatusList", "suspension", "valid"],
    "unanchored",
    await corpSign(ob({ credentialStatus: entry(suspension, 8, "suspension") })),
  );
  w3c(
    "two-entries-suspended",
    `${bsl} several entries: revocation clear, suspension set`,
    ["BitstringStatusList", "several entries", "suspended"],
    "suspended",
    await both(4, 7),
  );
  w3c(
    "two-entries-revoked",
    `${bsl} several entries: revocation set (second entry clear)`,
    ["BitstringStatusList", "several entries", "revoked"],
    "revoked",
    await both(5, 8),
  );
  w3c(
    "two-entries-clear",
    `${bsl} several entries, both clear`,
    ["BitstringStatusList", "several entries", "valid"],
    "unanchored",
    await both(4, 8),
  );
  const messages = "https://issuer-a.example/status/messages";
  host.serve(messages, await statusList({ url: messages, issuer: corp, purpose: "message", size: 2, values: { 3: 2 } }));
  const statusMessage = [
    { status: "0x0", message: "pending review" },
    { status: "0x1", message: "accepted" },
    { status: "0x2", message: "accepted with distinction" },
    { status: "0x3", message: "withdrawn by the learner" },
  ];
  w3c(
    "message",
    `${bsl} statusPurpose message, statusSize 2`,
    ["BitstringStatusList", "statusMessage", "valid"],
    "unanchored",
    await corpSign(ob({ credentialStatus: entry(messages, 3, "message", { statusSize: 2, statusMessage }) })),
  );
  w3c(
    "message-no-messages",
    `${bsl} statusSize > 1 without statusMessage`,
    ["BitstringStatusList", "statusMessage", "malformed entry"],
    "invalid",
    await corpSign(ob({ credentialStatus: entry(messages, 3, "message", { statusSize: 2 }) })),
  );
  const sl2021 = "https://issuer-b.example/status/2021";
  host.serve(sl2021, await statusList({ url: sl2021, issuer: corp2020, purpose: "revocation", values: { 3: 1 }, kind: "2021" }));
  const sl2021Credential = (index: number) =>
    sign(
      achievementCredential(
        { id: corp2020.id, type: ["Profile"], name: "Example Corp" },
        [VC1, OB301, SL2021, ED2020],
        { issuanceDate: "2023-01-01T00:00:00Z" },
        {
          credentialStatus: {
            id: `${sl2021}#${index}`,
            type: "StatusList2021Entry",
            statusPurpose: "revocation",
            statusListIndex: String(index),
            statusListCredential: sl2021,
          },
        },
      ),
      corp2020.key,
      corp2020.vm,
      corp2020.suite,
      "2023-01-01T00:00:00Z",
    );
  w3c(
    "statuslist2021-revoked",
    "StatusList2021 (VC 1.1) revoked",
    ["VC 1.1", "Ed25519Signature2020", "StatusList2021", "revoked"],
    "revoked",
    await sl2021Credential(3),
  );
  w3c(
    "statuslist2021-clear",
    "StatusList2021 (VC 1.1) clear",
    ["VC 1.1", "Ed25519Signature2020", "StatusList2021", "valid"],
    "unanchored",
    await sl2021Credential(4),
  );
  // Lists that cannot say "not revoked": unsigned, someone else's, stale, wrong purpose, malformed, too large, down.
  const listCase = async (id: string, what: string, served: unknown, status = 200) => {
    const url = `https://issuer-a.example/status/${id}`;
    host.serve(url, typeof served === "function" ? await (served as (u: string) => Promise<unknown>)(url) : served, status);
    w3c(
      id,
      `${bsl} §3.2 validate: ${what}`,
      ["BitstringStatusList", "bad status list"],
      "error",
      await corpSign(ob({ credentialStatus: entry(url, 1) })),
    );
  };
  await listCase("unsigned-list", "an unsigned list", async (url: string) => {
    const { proof: _p, ...bare } = await statusList({ url, issuer: corp, purpose: "revocation" });
    return bare;
  });
  const strangerKey = await keyFrom(26);
  const stranger: Issuer = {
    id: `did:key:${strangerKey.publicKeyMultibase}`,
    key: strangerKey,
    vm: `did:key:${strangerKey.publicKeyMultibase}#${strangerKey.publicKeyMultibase}`,
    suite: "eddsa-rdfc-2022",
  };
  await listCase("foreign-list", "a list issued by someone else", (url: string) =>
    statusList({ url, issuer: stranger, purpose: "revocation" }),
  );
  await listCase("forged-list", "a list whose signature does not match", async (url: string) => {
    const list = await statusList({ url, issuer: corp, purpose: "revocation" });
    return {
      ...list,
      credentialSubject: { ...(list.credentialSubject as Json), encodedList: `u${base64urlEncode(gzipSync(bitstring({ 2: 1 })))}` },
    };
  });
  await listCase("stale-list", "a list past its validUntil", (url: string) =>
    statusList({
      url,
      issuer: corp,
      purpose: "revocation",
      dates: { validFrom: "2020-01-01T00:00:00Z", validUntil: "2021-01-01T00:00:00Z" },
    }),
  );
  await listCase("wrong-purpose-list", "a suspension list for a revocation entry", (url: string) =>
    statusList({ url, issuer: corp, purpose: "suspension" }),
  );
  await listCase("malformed-list", "a list that is not a status list credential", {
    id: "x",
    type: ["VerifiableCredential"],
    credentialSubject: {},
  });
  await listCase("list-not-json", "a list that is not JSON", "<html>status</html>");
  await listCase("list-404", "a list that is gone (404)", { error: "not found" }, 404);
  await listCase("list-too-short", "an index outside the list", async (url: string) => {
    const list = await statusList({ url, issuer: corp, purpose: "revocation" });
    const subject = list.credentialSubject as Json;
    // A list that holds no bit for the entry, signed by its issuer all the same.
    return sign(
      {
        ...(({ proof: _p, ...rest }) => rest)(list),
        credentialSubject: { ...subject, encodedList: `u${base64urlEncode(gzipSync(new Uint8Array(0)))}` },
      },
      corp.key,
      corp.vm,
      corp.suite,
      "2024-01-01T00:00:00Z",
    );
  });
  await listCase("list-500", "a list whose server fails (500)", { error: "oops" }, 500);
  await listCase("list-too-large", "a list larger than the fetch cap", { pad: "x".repeat(3 * 1024 * 1024) });
  w3c(
    "revoked-credentials-old-name",
    "1EdTechRevocationList with the older `revokedCredentials` name",
    ["1EdTechRevocationList", "revoked"],
    "revoked",
    await (async () => {
      const url = "https://issuer-a.example/revocations/old";
      const credential = await corpSign(
        achievementCredential(corpProfile, [VC2, OB303, OB_EXTENSIONS], fromV2, {
          credentialStatus: { id: url, type: "1EdTechRevocationList" },
        }),
      );
      host.serve(url, { id: url, revokedCredentials: [{ id: credential.id }] });
      return credential;
    })(),
  );
  return cases;
}
