// Generators of the document classes of the hostile corpus: foreign and cloned registries, impostor
// issuers, tampered signed fields, JSON / JSON-LD tricks that make what is shown differ from what
// was signed, forged JWS, hostile baked files and oversized or deep documents. Each is a loop over
// mutations × the shapes a badge is handed over in, applied to the world's genuine badges.
import { type PreparedBadge, prepareBadge } from "@chancery/sdk/award";
import { signCredential, signingKeyFromSecret } from "@chancery/sdk/proofs";
import { type Address, getAddress, keccak256, toHex } from "viem";
import { chunk, concat, itxt, latin1, makePng, textChunk } from "../png.ts";
import { DOCUMENT_KINDS, encode, encodeText, type HostileCase, pngWith, type Report, svgWith, TEXT_KINDS } from "./corpus.ts";
import { hugeJson } from "./hosts.ts";
import { attackerKey, forgeJws } from "./sign.ts";
import type { World } from "./world.ts";

// biome-ignore lint/suspicious/noExplicitAny: hostile documents are mutated freely, as no type describes them.
type Doc = Record<string, any>;
const impostor0 = (w: World) => w.impostors[0] as World["impostors"][number];
const clone = <T>(value: T): T => structuredClone(value);
const credentialOf = (badge: PreparedBadge): Doc => clone(badge.credential) as Doc;
const achievementOf = (doc: Doc): Doc => doc.credentialSubject.achievement;
const RANDOM_REGISTRY: Address = getAddress(keccak256(toHex("nobody deployed anything here")).slice(0, 42));

// ------------------------------------------------------------------ cloned and foreign registries

export function clonedRegistryCases(): HostileCase[] {
  const cls = "cloned-registry";
  const family = ["untrusted-registry"] as const;
  const cases: HostileCase[] = [];
  const badges: [string, (w: World) => PreparedBadge][] = [
    ["impostor's anchored badge", (w) => w.clone.issuer.plain],
    ["impostor's published badge", (w) => w.clone.issuer.published],
    ["impostor's Merkle batch member #0", (w) => w.clone.batch.badges[0] as PreparedBadge],
    ["impostor's Merkle batch member #1", (w) => w.clone.batch.badges[1] as PreparedBadge],
  ];
  for (const [what, badge] of badges)
    for (const kind of DOCUMENT_KINDS)
      cases.push({
        cls,
        name: `${what} on the cloned registry, as ${kind}`,
        input: (w) => encode(kind, credentialOf(badge(w))),
        expect: { family },
      });
  cases.push({
    cls,
    name: "impostor's share link on the cloned registry",
    input: (w) => w.clone.issuer.published.shareLink,
    expect: { family },
  });
  cases.push({
    cls,
    name: "impostor's share link on the cloned registry, on our app's origin",
    input: (w) => w.clone.issuer.published.shareLink?.replace(/^https:\/\/[^/]+/, "https://chancery.example"),
    expect: { family },
  });
  // A registry with no code at all, and a chain with no trusted registry, signed by the impostor.
  const foreign: [string, (w: World) => { chainId: number; registry: Address }, readonly string[]][] = [
    ["a registry address with no contract", (w) => ({ chainId: w.chain.chainId, registry: RANDOM_REGISTRY }), family],
    ["the real registry's address on chain 8453", (w) => ({ chainId: 8453, registry: w.chain.registry }), ["untrusted-registry", "error"]],
  ];
  for (const [what, deployment, expected] of foreign)
    for (const kind of DOCUMENT_KINDS)
      cases.push({
        cls,
        name: `a credential naming ${what}, as ${kind}`,
        input: async (w) =>
          encode(kind, (await prepareBadge(w.clone.issuer.award({ deployment: deployment(w) }), w.clone.issuer.signingKey)).credential),
        expect: { family: expected },
      });
  return cases;
}

// ------------------------------------------------------------------ impostors by name on the real registry

/** A "valid" for a look-alike issuer is acceptable only as a self-declared issuer flagged as using an accredited name. */
export function flaggedImpostor(report: Report, w: World): string | undefined {
  const issuerStep = report.steps.find((s) => s.id === "issuer");
  if (!report.issuer) return "no issuer standing in the report";
  if (report.issuer.standing !== "self-declared") return `issuer standing ${report.issuer.standing}`;
  if (report.issuer.sameNameAs?.id !== w.uni.issuerId) return `not flagged as using the name of accredited issuer #${w.uni.issuerId}`;
  if (issuerStep?.status === "passed") return "the issuer step passed like an accredited issuer's";
  return undefined;
}

export function impostorCases(count: number): HostileCase[] {
  const cls = "impostor-name";
  const cases: HostileCase[] = [];
  for (let i = 0; i < count; i++) {
    const impostor = (w: World) => w.impostors[i] as World["impostors"][number];
    for (const kind of DOCUMENT_KINDS)
      cases.push({
        cls,
        name: `look-alike #${i} of the accredited university's name, as ${kind}`,
        input: (w) => encode(kind, credentialOf(impostor(w).plain)),
        expect: { validOnlyIf: flaggedImpostor },
      });
    cases.push({
      cls,
      name: `look-alike #${i} of the accredited university's name, as a share link`,
      input: (w) => impostor(w).published.shareLink,
      expect: { validOnlyIf: flaggedImpostor },
    });
  }
  return cases;
}

// ------------------------------------------------------------------ tampered signed fields

type Mutation = [string, (doc: Doc, w: World) => void];

/** The one proof of a signed credential: a list of one since issue 8, one object before. */
const proofOf = (d: Doc): Doc => (Array.isArray(d.proof) ? d.proof[0] : d.proof);

const TAMPERINGS: Mutation[] = [
  ["name", (d) => (d.name = "Data Literacy III (with honours)")],
  ["description", (d) => (d.description = "Awarded with the highest distinction.")],
  ["achievement name", (d) => (achievementOf(d).name = "Doctor of Data Science")],
  ["achievement criteria", (d) => (achievementOf(d).criteria = { narrative: "Wrote a thesis." })],
  ["achievement id (another class)", (d) => (achievementOf(d).id = String(achievementOf(d).id).replace(/\d+$/, "99"))],
  ["issuer name", (d) => (d.issuer.name = "Harvard University")],
  ["issuer url", (d) => (d.issuer.url = "https://harvard.example")],
  ["issuer id (another issuer)", (d, w) => (d.issuer.id = String(d.issuer.id).replace(/\d+$/, String(impostor0(w).issuerId ?? 9)))],
  [
    "validFrom a year earlier",
    (d) => (d.validFrom = new Date(Date.parse(d.validFrom) - 365 * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z")),
  ],
  ["validUntil added far ahead", (d) => (d.validUntil = "2099-01-01T00:00:00Z")],
  ["recipient e-mail hash", (d) => (d.credentialSubject.identifier[0].identityHash = `sha256$${"ab".repeat(32)}`)],
  ["recipient wallet", (d, w) => (d.credentialSubject.id = `did:pkh:eip155:31337:${w.chain.wallets[9]?.account?.address}`)],
  ["recipient wallet removed", (d) => delete d.credentialSubject.id],
  ["evidence added", (d) => (d.evidence = [{ type: ["Evidence"], id: "https://evil.example/thesis.pdf", name: "Thesis" }])],
  ["image added", (d) => (d.image = { id: "https://evil.example/badge.png", type: "Image" })],
  ["type EndorsementCredential added", (d) => d.type.push("EndorsementCredential")],
  [
    "proofValue one character changed",
    (d) =>
      (proofOf(d).proofValue =
        proofOf(d).proofValue.slice(0, 10) + (proofOf(d).proofValue[10] === "A" ? "B" : "A") + proofOf(d).proofValue.slice(11)),
  ],
  ["proofValue of another badge", (d, w) => (proofOf(d).proofValue = proofOf(w.uni.published.credential as Doc).proofValue)],
  ["proof removed", (d) => delete d.proof],
  ["proof of another badge", (d, w) => (d.proof = clone((w.uni.published.credential as Doc).proof))],
  [
    "proof verificationMethod of the impostor",
    (d, w) => (proofOf(d).verificationMethod = proofOf(impostor0(w).plain.credential as Doc).verificationMethod),
  ],
  ["proof cryptosuite eddsa-jcs-2022", (d) => (proofOf(d).cryptosuite = "eddsa-jcs-2022")],
  ["proof created changed", (d) => (proofOf(d).created = "2001-01-01T00:00:00Z")],
  ["proof purpose authentication", (d) => (proofOf(d).proofPurpose = "authentication")],
  [
    "credentialStatus of a Merkle batch",
    (d, w) => (d.credentialStatus = clone((w.uni.batch.badges[0] as PreparedBadge).credential.credentialStatus)),
  ],
  ["credentialStatus of another issuer", (d, w) => (d.credentialStatus = clone((impostor0(w).plain.credential as Doc).credentialStatus))],
  ["id of another badge", (d, w) => (d.id = (w.uni.published.credential as Doc).id)],
];

export function tamperedCases(): HostileCase[] {
  const cls = "tampered-signed";
  const cases: HostileCase[] = [];
  for (const [what, mutate] of TAMPERINGS)
    for (const kind of DOCUMENT_KINDS)
      cases.push({
        cls,
        name: `${what}, as ${kind}`,
        input: (w) => {
          const doc = credentialOf(w.uni.plain);
          mutate(doc, w);
          return encode(kind, doc);
        },
        expect: { family: ["invalid"] },
      });
  // Signed, but not by the issuer the credential names.
  const resigned: [string, (w: World) => { secretKey: Uint8Array }][] = [
    ["re-signed by a look-alike issuer's key", (w) => impostor0(w).signingKey as { secretKey: Uint8Array }],
    ["re-signed by the cloned registry's impostor key", (w) => w.clone.issuer.signingKey],
    ["re-signed by a random key", () => signingKeyFromSecret(crypto.getRandomValues(new Uint8Array(32)))],
  ];
  for (const [what, key] of resigned)
    for (const kind of DOCUMENT_KINDS)
      cases.push({
        cls,
        name: `${what}, name changed, as ${kind}`,
        input: async (w) => {
          const { proof: _proof, ...unsigned } = credentialOf(w.uni.plain);
          unsigned.name = "Data Literacy III (with honours)";
          return encode(kind, await signCredential(unsigned as never, { secretKey: key(w).secretKey }));
        },
        expect: { family: ["invalid"] },
      });
  return cases;
}

// ------------------------------------------------------------------ what is shown is not what was signed

/** JSON text of `doc` with `extra` inserted as the first members of the object at `path`. */
function withMembers(doc: Doc, path: string[], extra: string, where: "first" | "last" = "first"): string {
  const marker = "__HOSTILE_MARKER__";
  const copy = clone(doc);
  let at: Doc = copy;
  for (const key of path) at = at[key];
  const entries = Object.entries(at);
  for (const key of Object.keys(at)) delete at[key];
  if (where === "first") at[marker] = 0;
  for (const [k, v] of entries) at[k] = v;
  if (where === "last") at[marker] = 0;
  return JSON.stringify(copy).replace(
    where === "first" ? `"${marker}":0,` : `,"${marker}":0`,
    where === "first" ? `${extra},` : `,${extra}`,
  );
}

/** JSON text of a context whose terms each carry a scoped context, `depth` levels deep (built as text: too deep for JSON.stringify). */
const deepScoped = (depth: number) => {
  let text = '{"leaf":"https://evil.example/leaf"}';
  for (let i = 0; i < depth; i++) text = `{"t${i}":{"@id":"https://evil.example/t${i}","@context":${text}}}`;
  return text;
};

/** The credential's JSON text with `contextText` appended to its @context array. */
const withContextText = (d: Doc, contextText: string) => {
  const text = JSON.stringify(d);
  const contexts = JSON.stringify(d["@context"]);
  return text.replace(contexts, `${contexts.slice(0, -1)},${contextText}]`);
};

type GraphTrick = { what: string; textOnly?: boolean; make: (doc: Doc, w: World) => string; remote?: (w: World) => string };

const ctxUrl = (w: World, name: string) =>
  w.host.serve(`/ctx/${name}`, { kind: "json", body: { "@context": { name: "https://evil.example/name" } } });

const GRAPH_TRICKS: GraphTrick[] = [
  { what: "duplicate name, the shown one first", textOnly: true, make: (d) => withMembers(d, [], '"name":"Doctor of Medicine"') },
  { what: "duplicate name, the shown one last", textOnly: true, make: (d) => withMembers(d, [], '"name":"Doctor of Medicine"', "last") },
  {
    what: "duplicate achievement name",
    textOnly: true,
    make: (d) => withMembers(d, ["credentialSubject", "achievement"], '"name":"Doctor of Medicine"', "last"),
  },
  {
    what: "duplicate issuer",
    textOnly: true,
    make: (d) => withMembers(d, [], '"issuer":{"id":"https://harvard.example","type":["Profile"],"name":"Harvard"}'),
  },
  { what: "duplicate proof", textOnly: true, make: (d) => withMembers(d, [], '"proof":{"type":"DataIntegrityProof"}') },
  { what: "own __proto__ with a name", make: (d) => withMembers(d, [], '"__proto__":{"name":"Doctor of Medicine"}') },
  {
    what: "own __proto__ in the achievement",
    make: (d) => withMembers(d, ["credentialSubject", "achievement"], '"__proto__":{"name":"MD"}'),
  },
  { what: "constructor key with a name", make: (d) => withMembers(d, [], '"constructor":{"name":"Doctor of Medicine"}') },
  { what: "@index on the achievement", make: (d) => withMembers(d, ["credentialSubject", "achievement"], '"@index":"Doctor of Medicine"') },
  { what: "@index at the top", make: (d) => withMembers(d, [], '"@index":"with honours"') },
  {
    what: "undefined term in the achievement",
    make: (d) => withMembers(d, ["credentialSubject", "achievement"], '"displayName":"Doctor of Medicine"'),
  },
  { what: "undefined term at the top", make: (d) => withMembers(d, [], '"honours":"summa cum laude"') },
  { what: "key that is an @-keyword-like term", make: (d) => withMembers(d, [], '"@nest":"with honours"') },
  {
    what: "remote @context appended (attacker host)",
    make: (d, w) => JSON.stringify({ ...d, "@context": [...d["@context"], ctxUrl(w, "appended")] }),
    remote: () => "/ctx/appended",
  },
  {
    what: "remote @context appended (unreachable https)",
    make: (d) => JSON.stringify({ ...d, "@context": [...d["@context"], "https://contexts.evil.example/v1.json"] }),
  },
  {
    what: "a known context URL with a trailing slash",
    make: (d) => JSON.stringify({ ...d, "@context": ["https://www.w3.org/ns/credentials/v2/", ...d["@context"].slice(1)] }),
  },
  {
    what: "inline context with @import of the attacker host",
    make: (d, w) => JSON.stringify({ ...d, "@context": [...d["@context"], { "@version": 1.1, "@import": ctxUrl(w, "import") }] }),
    remote: () => "/ctx/import",
  },
  {
    what: "inline context whose @id matches a remote context",
    make: (d, w) => JSON.stringify({ ...d, "@context": [...d["@context"], { "@id": ctxUrl(w, "id") }] }),
    remote: () => "/ctx/id",
  },
  {
    what: "inline context redefining name",
    make: (d) => JSON.stringify({ ...d, "@context": [...d["@context"], { name: "https://evil.example/name" }] }),
  },
  {
    what: "inline context with @vocab and @base first",
    make: (d) =>
      JSON.stringify({ ...d, "@context": [{ "@vocab": "https://evil.example/#", "@base": "https://evil.example/" }, ...d["@context"]] }),
  },
  { what: "scoped contexts nested 60 deep", make: (d) => withContextText(d, deepScoped(60)) },
  { what: "scoped contexts nested 3,000 deep", make: (d) => withContextText(d, deepScoped(3_000)) },
  {
    what: "@type @json literal smuggling a name",
    make: (d) =>
      JSON.stringify({
        ...d,
        "@context": [...d["@context"], { note: { "@id": "https://evil.example/note", "@type": "@json" } }],
        note: { name: "MD" },
      }),
  },
];

export function graphCases(): HostileCase[] {
  const cls = "shown-not-signed";
  const cases: HostileCase[] = [];
  for (const trick of GRAPH_TRICKS) {
    const kinds = trick.textOnly ? TEXT_KINDS : ([...TEXT_KINDS, "object"] as const);
    for (const kind of kinds)
      cases.push({
        cls,
        name: `${trick.what}, as ${kind}`,
        input: (w) => {
          const text = trick.make(credentialOf(w.uni.plain), w);
          return kind === "object" ? JSON.parse(text) : encodeText(kind, text);
        },
        options: () => ({ allowPrivateHosts: true }),
        expect: { family: ["invalid"], noRequestsTo: trick.remote ? ["/ctx/"] : undefined },
      });
  }
  return cases;
}

// ------------------------------------------------------------------ forged JWS / VC-JWT

type JwsForgery = { what: string; family: readonly string[]; make: (w: World) => string; remote?: string };

function jwtPayload(w: World, badge: PreparedBadge = w.uni.plain): Doc {
  const { proof: _proof, ...credential } = credentialOf(badge);
  return { ...credential, iss: credential.issuer.id, jti: credential.id, nbf: Math.floor(Date.now() / 1000) - 60 };
}

const forgeries = (): JwsForgery[] => {
  const attacker = attackerKey();
  const kidUrl = (w: World, name: string) => w.host.serve(`/jwk/${name}`, { kind: "json", body: attacker.publicJwk });
  const notValid = ["invalid", "error"] as const;
  return [
    { what: "alg none, no signature", family: ["invalid"], make: (w) => forgeJws({ alg: "none", typ: "JWT" }, jwtPayload(w)) },
    { what: "alg none with a signature", family: ["invalid"], make: (w) => `${forgeJws({ alg: "none" }, jwtPayload(w))}c2ln` },
    { what: "alg nOnE", family: ["invalid"], make: (w) => forgeJws({ alg: "nOnE" }, jwtPayload(w)) },
    {
      what: "an embedded attacker jwk",
      family: notValid,
      make: (w) => forgeJws({ alg: "EdDSA", jwk: attacker.publicJwk }, jwtPayload(w), { ed25519: attacker.privateKey }),
    },
    {
      what: "an attacker did:key kid",
      family: notValid,
      make: (w) => forgeJws({ alg: "EdDSA", kid: `${attacker.didKey}#key` }, jwtPayload(w), { ed25519: attacker.privateKey }),
    },
    {
      what: "the issuer's verification method as kid, attacker's signature",
      family: notValid,
      make: (w) =>
        forgeJws({ alg: "EdDSA", kid: proofOf(w.uni.plain.credential as Doc).verificationMethod }, jwtPayload(w), {
          ed25519: attacker.privateKey,
        }),
    },
    {
      what: "a kid URL on the attacker host serving the attacker's key",
      family: notValid,
      make: (w) => forgeJws({ alg: "EdDSA", kid: kidUrl(w, "kid") }, jwtPayload(w), { ed25519: attacker.privateKey }),
    },
    {
      what: "HS256 keyed with the attacker's public key (alg confusion)",
      family: ["invalid"],
      make: (w) => forgeJws({ alg: "HS256", kid: kidUrl(w, "hs") }, jwtPayload(w), { hmac: attacker.publicJwk.x }),
    },
    {
      what: "RS256 header over an Ed25519 signature",
      family: notValid,
      make: (w) => forgeJws({ alg: "RS256", kid: kidUrl(w, "rs") }, jwtPayload(w), { ed25519: attacker.privateKey }),
    },
    {
      what: "a 1 MB header",
      family: notValid,
      make: (w) => forgeJws({ alg: "EdDSA", kid: "x", pad: "A".repeat(1_000_000) }, jwtPayload(w), { ed25519: attacker.privateKey }),
    },
    {
      what: "crit b64:false",
      family: notValid,
      make: (w) =>
        forgeJws({ alg: "EdDSA", b64: false, crit: ["b64"], jwk: attacker.publicJwk }, jwtPayload(w), { ed25519: attacker.privateKey }),
    },
    {
      what: "a truncated signature",
      family: notValid,
      make: (w) => forgeJws({ alg: "EdDSA", jwk: attacker.publicJwk }, jwtPayload(w), { ed25519: attacker.privateKey }).slice(0, -20),
    },
    { what: "five segments (JWE-shaped)", family: ["invalid"], make: (w) => `${forgeJws({ alg: "EdDSA" }, jwtPayload(w))}.AAAA.BBBB.CCCC` },
    {
      what: "a payload that is not JSON",
      family: ["invalid"],
      make: () => forgeJws({ alg: "EdDSA", jwk: attacker.publicJwk }, "not json at all", { ed25519: attacker.privateKey }),
    },
    {
      what: "a 1.9 MB payload",
      family: notValid,
      make: () => forgeJws({ alg: "EdDSA", jwk: attacker.publicJwk }, hugeJson(), { ed25519: attacker.privateKey }),
    },
    {
      what: "a jku header naming the attacker host",
      family: notValid,
      make: (w) =>
        forgeJws({ alg: "EdDSA", jku: w.host.serve("/jku/set", { kind: "json", body: { keys: [attacker.publicJwk] } }) }, jwtPayload(w), {
          ed25519: attacker.privateKey,
        }),
      remote: "/jku/",
    },
    {
      what: "an x5u header naming the attacker host",
      family: notValid,
      make: (w) =>
        forgeJws(
          { alg: "EdDSA", x5u: w.host.serve("/x5u/cert", { kind: "text", contentType: "application/pkix-cert", body: "x" }) },
          jwtPayload(w),
          { ed25519: attacker.privateKey },
        ),
      remote: "/x5u/",
    },
    {
      what: "the cloned registry's badge signed by the attacker (embedded jwk)",
      family: ["untrusted-registry", "invalid", "error"],
      make: (w) =>
        forgeJws({ alg: "EdDSA", jwk: attacker.publicJwk }, jwtPayload(w, w.clone.issuer.plain), { ed25519: attacker.privateKey }),
    },
    {
      what: "a signed OB 2.0 assertion with alg none",
      family: ["invalid", "error"],
      make: (w) =>
        forgeJws(
          { alg: "none" },
          {
            ...w.hostedDocs("https://badges.example.org").assertion,
            verification: { type: "signed", creator: "https://badges.example.org/key" },
          },
        ),
    },
  ];
};

export function jwsCases(): HostileCase[] {
  const cls = "jws";
  const cases: HostileCase[] = [];
  for (const forgery of forgeries())
    for (const kind of ["text", "png", "svg"] as const)
      cases.push({
        cls,
        name: `${forgery.what}, as ${kind}`,
        input: (w) => {
          const jws = forgery.make(w);
          if (kind === "text") return jws;
          if (kind === "png") return pngWith(jws);
          return new TextEncoder().encode(
            `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential verify="${jws}"></openbadges:credential></svg>`,
          );
        },
        options: () => ({ allowPrivateHosts: true }),
        expect: { family: forgery.family, noRequestsTo: forgery.remote ? [forgery.remote] : undefined },
      });
  return cases;
}

// ------------------------------------------------------------------ hostile baked files

export function bakedFileCases(): HostileCase[] {
  const cls = "baked-files";
  const genuine = (w: World) => JSON.stringify(w.uni.plain.credential);
  const tampered = (w: World) => JSON.stringify({ ...credentialOf(w.uni.plain), name: "Doctor of Medicine" });
  const hostedCopy = (w: World) => {
    const base = `${w.host.origin}/baked`;
    const docs = w.hostedDocs(base);
    const assertion: Doc = { ...docs.assertion, recipient: { type: "email", hashed: false, identity: "mallory@example.org" } };
    w.host.serve(new URL(String(assertion.id)).pathname, { kind: "json", body: assertion });
    w.host.serve(new URL(String(assertion.badge)).pathname, { kind: "json", body: docs.badgeClass });
    w.host.serve(new URL(String((docs.badgeClass as Doc).issuer)).pathname, { kind: "json", body: docs.issuer });
    return String(assertion.id);
  };
  const svg = (body: string, head = "") =>
    new TextEncoder().encode(
      `${head}<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" width="10" height="10">${body}</svg>`,
    );
  const cdata = (t: string) => `<![CDATA[${t}]]>`;
  const files: [string, (w: World) => Uint8Array, readonly string[]][] = [
    [
      "PNG: genuine iTXt then a tampered one",
      (w) => makePng({ beforeEnd: [itxt("openbadgecredential", genuine(w)), itxt("openbadgecredential", tampered(w))] }),
      ["invalid"],
    ],
    [
      "PNG: tampered iTXt then the genuine one",
      (w) => makePng({ beforeEnd: [itxt("openbadgecredential", tampered(w)), itxt("openbadgecredential", genuine(w))] }),
      ["invalid"],
    ],
    [
      "PNG: genuine iTXt and an OB 2.0 iTXt of another badge",
      (w) =>
        makePng({
          beforeEnd: [itxt("openbadgecredential", genuine(w)), itxt("openbadges", JSON.stringify(w.clone.issuer.plain.credential))],
        }),
      ["invalid", "untrusted-registry"],
    ],
    [
      "PNG: genuine iTXt and a tEXt URL to a hosted copy",
      (w) => makePng({ beforeEnd: [itxt("openbadgecredential", genuine(w)), textChunk("openbadges", hostedCopy(w))] }),
      ["invalid", "error"],
    ],
    [
      "PNG: the cloned registry's badge before IDAT, genuine after",
      (w) =>
        makePng({
          middle: [itxt("openbadgecredential", JSON.stringify(w.clone.issuer.plain.credential))],
          beforeEnd: [itxt("openbadgecredential", genuine(w))],
        }),
      ["invalid", "untrusted-registry"],
    ],
    [
      "PNG: tampered badge with a wrong CRC",
      (w) =>
        makePng({
          beforeEnd: [
            chunk("iTXt", concat(latin1("openbadgecredential"), [0, 0, 0, 0, 0], new TextEncoder().encode(tampered(w))), 0xdeadbeef),
          ],
        }),
      ["invalid"],
    ],
    ["PNG: tampered badge after IEND", (w) => concat(makePng(), itxt("openbadgecredential", tampered(w))), ["invalid"]],
    [
      "PNG: legacy tEXt URL of a hosted copy with the recipient changed",
      (w) => makePng({ beforeEnd: [textChunk("openbadges", hostedCopy(w))] }),
      ["invalid", "error"],
    ],
    [
      "PNG: iTXt OB 2.0 assertion JSON of a hosted copy",
      (w) => pngWith(JSON.stringify({ ...w.hostedDocs(`${w.host.origin}/baked`).assertion, id: hostedCopy(w) }), "openbadges"),
      ["invalid", "error"],
    ],
    [
      "PNG: compressed iTXt flag over uncompressed tampered text",
      (w) => makePng({ beforeEnd: [itxt("openbadgecredential", tampered(w), { flag: 1 })] }),
      ["invalid"],
    ],
    [
      "SVG: two credential elements, genuine then tampered",
      (w) =>
        svg(
          `<openbadges:credential>${cdata(genuine(w))}</openbadges:credential><openbadges:credential>${cdata(tampered(w))}</openbadges:credential>`,
        ),
      ["invalid"],
    ],
    [
      "SVG: two credential elements, tampered then genuine",
      (w) =>
        svg(
          `<openbadges:credential>${cdata(tampered(w))}</openbadges:credential><openbadges:credential>${cdata(genuine(w))}</openbadges:credential>`,
        ),
      ["invalid"],
    ],
    [
      "SVG: verify= URL of a hosted copy",
      (w) => svg(`<openbadges:assertion xmlns:openbadges="http://openbadges.org" verify="${hostedCopy(w)}"></openbadges:assertion>`),
      ["invalid", "error"],
    ],
    [
      "SVG: a tampered credential in another namespace prefix",
      (w) => svg(`<ob:credential xmlns:ob="https://purl.imsglobal.org/ob/v3p0">${cdata(tampered(w))}</ob:credential>`),
      ["invalid"],
    ],
    [
      "SVG: a credential spliced from an internal entity",
      (w) =>
        svg(
          `<openbadges:credential>&badge;</openbadges:credential>`,
          `<!DOCTYPE svg [<!ENTITY badge "${tampered(w).replaceAll('"', "&quot;").replaceAll("%", "&#37;")}">]>`,
        ),
      ["invalid"],
    ],
    [
      "SVG: an external entity on the attacker host",
      (w) =>
        svg(
          "<openbadges:credential>&ext;</openbadges:credential>",
          `<!DOCTYPE svg [<!ENTITY ext SYSTEM "${w.host.serve("/xxe/badge", { kind: "json", body: w.uni.plain.credential })}">]>`,
        ),
      ["invalid"],
    ],
    [
      "SVG: billion laughs",
      () =>
        svg(
          "<openbadges:credential>&l9;</openbadges:credential>",
          `<!DOCTYPE svg [<!ENTITY l0 "ha">${Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join("")}]>`,
        ),
      ["invalid"],
    ],
    [
      "SVG: genuine credential next to an external <use href> and @import (tampered)",
      (w) =>
        svg(
          `<style>@import url("${w.host.serve("/svg/style.css", { kind: "text", contentType: "text/css", body: "" })}");</style><use href="${w.host.origin}/svg/sprite.svg#a"/><openbadges:credential>${cdata(tampered(w))}</openbadges:credential>`,
        ),
      ["invalid"],
    ],
    [
      "SVG: credential in a comment, tampered in the element",
      (w) => svg(`<!-- ${genuine(w)} --><openbadges:credential>${cdata(tampered(w))}</openbadges:credential>`),
      ["invalid"],
    ],
    [
      "SVG: a UTF-16 file holding a tampered credential",
      (w) => Uint8Array.from(Buffer.from(`\ufeff${new TextDecoder().decode(svgWith(tampered(w)))}`, "utf16le")),
      ["invalid"],
    ],
  ];
  return files.map(([what, make, family]) => ({
    cls,
    name: what,
    input: make,
    options: () => ({ allowPrivateHosts: true }),
    expect: { family, noRequestsTo: ["/xxe/", "/svg/"] },
  }));
}

// ------------------------------------------------------------------ oversized and deep documents

export function shapeCases(): HostileCase[] {
  const cls = "huge-and-deep";
  const nest = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
  const nestObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
  const shapes: [string, (w: World) => string][] = [
    ["a 1.9 MB JSON whose evidence is one huge array", () => hugeJson()],
    [
      "the genuine credential with a 1.9 MB evidence array",
      (w) => JSON.stringify({ ...credentialOf(w.uni.plain), evidence: Array.from({ length: 380_000 }, (_, i) => i % 10) }),
    ],
    [
      "the genuine credential with 100,000 evidence objects",
      (w) => JSON.stringify({ ...credentialOf(w.uni.plain), evidence: Array.from({ length: 100_000 }, () => ({ type: ["Evidence"] })) }),
    ],
    [
      "the genuine credential with 50,000 extra keys",
      (w) =>
        JSON.stringify({ ...credentialOf(w.uni.plain), ...Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i])) }),
    ],
    ["the genuine credential with a 1.5 MB name", (w) => JSON.stringify({ ...credentialOf(w.uni.plain), name: "N".repeat(1_500_000) })],
    ["arrays nested 5,000 deep in a property", (w) => JSON.stringify(credentialOf(w.uni.plain)).replace(/}$/, `,"x":${nest(5_000)}}`)],
    ["arrays nested 100,000 deep in a property", (w) => JSON.stringify(credentialOf(w.uni.plain)).replace(/}$/, `,"x":${nest(100_000)}}`)],
    [
      "objects nested 10,000 deep in the subject",
      (w) => JSON.stringify(credentialOf(w.uni.plain)).replace('"credentialSubject":{', `"credentialSubject":{"x":${nestObjects(10_000)},`),
    ],
    [
      "5,000 credential subjects",
      (w) =>
        JSON.stringify({
          ...credentialOf(w.uni.plain),
          credentialSubject: Array.from({ length: 5_000 }, () => credentialOf(w.uni.plain).credentialSubject),
        }),
    ],
    [
      "an OB 2.0 assertion with a 1.9 MB evidence array",
      (w) =>
        JSON.stringify({
          ...w.hostedDocs("https://badges.example.org").assertion,
          evidence: Array.from({ length: 380_000 }, (_, i) => i % 10),
        }),
    ],
  ];
  const cases: HostileCase[] = [];
  for (const [what, make] of shapes)
    for (const kind of ["json", "bytes", "png", "svg"] as const)
      cases.push({ cls, name: `${what}, as ${kind}`, input: (w) => encodeText(kind, make(w)), expect: { family: ["invalid", "error"] } });
  return cases;
}
