// Generators of the network classes of the hostile corpus: OB 2.0 hosted copies on an attacker's
// host, attacker hosts that are slow, endless or lying, badges naming private addresses, hostile
// RPC endpoints and share links pointing where they should not. Every case names its own paths on
// the attacker host, so cases may run side by side and still count their own requests.
import type { PreparedBadge } from "@chancery/sdk/award";
import { buildShareLink, parseShareLink } from "@chancery/sdk/links";
import { getAddress, type Hex, keccak256, toHex } from "viem";
import { type HostileCase, pngLegacyUrl, pngWith, svgVerifying } from "./corpus.ts";
import type { Behavior } from "./hosts.ts";
import { failAllButChainId, failCalls, type RpcBehavior, rewriteCalls, swapInCalls, wrongChainId, wrongTypes } from "./rpc.ts";
import { attackerKey, forgeJws } from "./sign.ts";
import { ATTACKER_ORIGIN, GATEWAY_ORIGIN, type IssuerWorld, type World } from "./world.ts";

// biome-ignore lint/suspicious/noExplicitAny: hostile documents are mutated freely, as no type describes them.
type Doc = Record<string, any>;
const impostor0 = (w: World) => w.impostors[0] as World["impostors"][number];
const ATTACKER_EMAIL = "mallory@example.org";
/** The budget of cases about timing: small, so that a verifier that keeps it ends them fast. */
export const TIMING_BUDGET_MS = 1_500;

/** Serves a copy of a genuine hosted assertion (and its class and issuer) under `base` on the attacker host; returns the assertion. */
function serveHostedCopy(
  w: World,
  base: string,
  badge: PreparedBadge,
  mutate: (a: Doc, w: World) => void = () => undefined,
  by?: IssuerWorld,
): Doc {
  const docs = w.hostedDocs(base, badge, by);
  // The gateway origin is served from the attacker host under /gw (see World.fetch).
  const prefix = base.startsWith(GATEWAY_ORIGIN) ? "/gw" : "";
  const assertion = structuredClone(docs.assertion) as Doc;
  mutate(assertion, w);
  const path = (url: unknown) => {
    const u = new URL(String(url));
    return `${prefix}${u.pathname}${u.search}`;
  };
  const issuer = docs.issuer as Doc;
  w.host.serve(path(docs.assertion.id), { kind: "json", body: assertion });
  if (assertion.id !== docs.assertion.id) w.host.serve(path(assertion.id), { kind: "json", body: assertion });
  w.host.serve(path(docs.assertion.badge), { kind: "json", body: docs.badgeClass });
  w.host.serve(path((docs.badgeClass as Doc).issuer), { kind: "json", body: issuer });
  if (typeof issuer.revocationList === "string")
    w.host.serve(path(issuer.revocationList), {
      kind: "json",
      body: {
        "@context": "https://w3id.org/openbadges/v2",
        id: issuer.revocationList,
        type: "RevocationList",
        issuer: issuer.id,
        revokedAssertions: [],
      },
    });
  return assertion;
}

// ------------------------------------------------------------------ OB 2.0 hosted copies on another host

const HOSTED_MUTATIONS: [string, (a: Doc, w: World) => void, ("published" | "revoked")?][] = [
  ["a faithful copy", () => undefined],
  ["recipient changed to the attacker's e-mail", (a) => (a.recipient = { type: "email", hashed: false, identity: ATTACKER_EMAIL })],
  [
    "recipient changed to the attacker's hashed e-mail",
    (a) => (a.recipient = { type: "email", hashed: true, identity: `sha256$${"cd".repeat(32)}` }),
  ],
  [
    "recipient changed to another wallet",
    (a, w) => (a.recipient = { ...(a.recipient ?? {}), identity: w.chain.wallets[9]?.account?.address }),
  ],
  ["badge class changed", (a) => (a.badge = String(a.badge).replace(/\d+$/, "99"))],
  ["issuedOn moved to 2020", (a) => (a.issuedOn = "2020-01-01T00:00:00Z")],
  ["expiry added in 2099", (a) => (a.expires = "2099-01-01T00:00:00Z")],
  ["evidence added", (a) => (a.evidence = { id: "https://evil.example/thesis", narrative: "Wrote a thesis." })],
  ["narrative added", (a) => (a.narrative = "Graduated with the highest distinction.")],
  [
    "a real uid of a published badge, recipient changed",
    (a) => (a.recipient = { type: "email", hashed: false, identity: ATTACKER_EMAIL }),
    "published",
  ],
  ["a revoked badge served as standing", () => undefined, "revoked"],
];

const HOSTED_KINDS = [
  "hosted URL",
  "assertion object",
  "assertion JSON",
  "legacy PNG tEXt URL",
  "PNG iTXt assertion",
  "SVG verify= URL",
] as const;

export function hostedCopyCases(): HostileCase[] {
  const cls = "hosted-ob2-foreign-host";
  const cases: HostileCase[] = [];
  for (const [i, [what, mutate, which]] of HOSTED_MUTATIONS.entries())
    for (const [k, kind] of HOSTED_KINDS.entries())
      cases.push({
        cls,
        name: `${what}, as ${kind}`,
        input: (w) => {
          const assertion = serveHostedCopy(w, `${w.host.origin}/ob2h/${i}-${k}`, which ? w.uni[which] : w.uni.plain, mutate);
          const url = String(assertion.id);
          switch (kind) {
            case "hosted URL":
              return url;
            case "assertion object":
              return assertion;
            case "assertion JSON":
              return JSON.stringify(assertion);
            case "legacy PNG tEXt URL":
              return pngLegacyUrl(url);
            case "PNG iTXt assertion":
              return pngWith(JSON.stringify(assertion), "openbadges");
            case "SVG verify= URL":
              return svgVerifying(url);
          }
        },
        options: () => ({ allowPrivateHosts: true }),
        expect: { family: which === "revoked" ? ["revoked", "invalid", "error"] : ["invalid", "error"] },
      });
  return cases;
}

/** The gateway the issuer's on-chain profile allows, serving hosted assertions whose fields the chain contradicts. */
export function allowedGatewayCases(): HostileCase[] {
  const cls = "hosted-ob2-allowed-gateway";
  const cases: HostileCase[] = [];
  const kinds = ["hosted URL", "assertion object", "legacy PNG tEXt URL", "SVG verify= URL"] as const;
  for (const [what, mutate, which] of HOSTED_MUTATIONS.slice(1))
    for (const kind of kinds)
      cases.push({
        cls,
        name: `${what}, as ${kind}`,
        input: (w) => {
          const assertion = serveHostedCopy(w, GATEWAY_ORIGIN, which ? w.gw[which] : w.gw.plain, mutate, w.gw);
          const url = String(assertion.id);
          if (kind === "hosted URL") return url;
          if (kind === "assertion object") return assertion;
          if (kind === "legacy PNG tEXt URL") return pngLegacyUrl(url);
          return svgVerifying(url);
        },
        options: (w) => ({ fetch: w.fetch }),
        expect: { family: which === "revoked" ? ["revoked", "invalid"] : ["invalid"] },
      });
  return cases;
}

/** The genuine hosted assertion of the gateway issuer, as its allowed gateway serves it (a control, not a hostile case). */
export function servedByAllowedGateway(w: World): string {
  return String(serveHostedCopy(w, GATEWAY_ORIGIN, w.gw.plain, undefined, w.gw).id);
}

// ------------------------------------------------------------------ attacker hosts that misbehave

const HOST_BEHAVIORS: [string, (w: World) => Behavior, readonly string[]][] = [
  ["never answers", () => ({ kind: "slow" }), ["error"]],
  ["trickles 1 byte/s", () => ({ kind: "trickle" }), ["error"]],
  ["sends an endless body", () => ({ kind: "endless" }), ["error"]],
  ["sends 1.9 MB of JSON with a huge array", () => ({ kind: "huge" }), ["invalid", "error"]],
  ["redirects in a loop", () => ({ kind: "redirect-loop" }), ["error"]],
  [
    "redirects to 169.254.169.254",
    () => ({ kind: "redirect", to: "http://169.254.169.254/latest/meta-data/iam/security-credentials/" }),
    ["error"],
  ],
  ["answers HTML", () => ({ kind: "text", contentType: "text/html", body: "<html><body>Badge</body></html>" }), ["invalid", "error"]],
  [
    "answers JSON labelled text/html",
    (w) => ({ kind: "json", contentType: "text/html", body: w.hostedDocs("https://badges.example.org").assertion }),
    ["invalid", "error"],
  ],
  [
    "answers binary garbage",
    () => ({ kind: "text", contentType: "application/json", body: Uint8Array.from({ length: 4096 }, (_, i) => (i * 131) % 256) }),
    ["invalid", "error"],
  ],
  ["answers HTTP 500", () => ({ kind: "json", status: 500, body: { error: "boom" } }), ["error"]],
  ["sends a gzip bomb", () => ({ kind: "gzip-bomb" }), ["invalid", "error"]],
  ["resets the connection", () => ({ kind: "reset" }), ["error"]],
  ["promises a body it never sends", () => ({ kind: "short-body" }), ["error"]],
  ["answers a JSON array", () => ({ kind: "json", body: [1, 2, 3] }), ["invalid", "error"]],
];

/** How a badge names a URL: the input itself, or a document or file that points at it. */
const URL_ROLES = [
  "hosted URL",
  "OB 2.0 assertion id",
  "legacy PNG tEXt URL",
  "SVG verify= URL",
  "VC-JWT kid",
  "status list of a VC-JWT",
] as const;
type UrlRole = (typeof URL_ROLES)[number];

const attacker = attackerKey();

/** The input that makes the verifier ask `url` in the given role. */
function namingUrl(w: World, role: UrlRole, url: string): unknown {
  switch (role) {
    case "hosted URL":
      return url;
    case "OB 2.0 assertion id":
      return { ...w.hostedDocs("https://badges.example.org").assertion, id: url };
    case "legacy PNG tEXt URL":
      return pngLegacyUrl(url);
    case "SVG verify= URL":
      return svgVerifying(url);
    case "VC-JWT kid": {
      const { proof: _proof, ...credential } = structuredClone(w.uni.plain.credential) as Doc;
      return forgeJws({ alg: "EdDSA", kid: url }, credential, { ed25519: attacker.privateKey });
    }
    case "status list of a VC-JWT": {
      // Another issuer's badge, signed by its did:key (checked offline), whose status list is the URL.
      const credential = {
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
        id: "urn:uuid:7d0c54f6-61f4-4b5e-9a55-2b3e8a1c1f00",
        type: ["VerifiableCredential", "OpenBadgeCredential"],
        issuer: { id: attacker.didKey, type: ["Profile"], name: "Another Academy" },
        validFrom: "2025-01-01T00:00:00Z",
        name: "Teamwork",
        credentialSubject: {
          type: ["AchievementSubject"],
          achievement: {
            id: "urn:uuid:0d7c5e5e-0000-4000-8000-000000000001",
            type: ["Achievement"],
            name: "Teamwork",
            description: "Works well in a team.",
            criteria: { narrative: "Worked in a team." },
          },
        },
        credentialStatus: { id: url, type: "1EdTechRevocationList" },
      };
      return forgeJws(
        { alg: "EdDSA", kid: `${attacker.didKey}#${attacker.didKey.slice(8)}` },
        { ...credential, iss: attacker.didKey },
        { ed25519: attacker.privateKey },
      );
    }
  }
}

export function hostBehaviorCases(): HostileCase[] {
  const cls = "hosts";
  const cases: HostileCase[] = [];
  for (const [b, [what, behavior, family]] of HOST_BEHAVIORS.entries())
    for (const [r, role] of URL_ROLES.entries())
      cases.push({
        cls,
        name: `the ${role} ${what}`,
        input: (w) => {
          const url = w.host.serve(`/hosts/${b}-${r}`, behavior(w));
          // OB 2.0 hosted ids must be https: that role names the attacker's public origin (World.fetch).
          return namingUrl(w, role, role === "OB 2.0 assertion id" ? url.replace(w.host.origin, ATTACKER_ORIGIN) : url);
        },
        options: (w) => ({ allowPrivateHosts: true, fetch: w.fetch }),
        timeoutMs: TIMING_BUDGET_MS,
        expect: { family },
      });
  return cases;
}

// ------------------------------------------------------------------ private addresses, not allowed

/** Forms of loopback addresses that reach the attacker host (so a request would be seen). */
const LOOPBACK_FORMS = [
  "127.0.0.1",
  "localhost",
  "127.1",
  "2130706433",
  "0x7f000001",
  "0177.0.0.1",
  "[::ffff:127.0.0.1]",
  "0.0.0.0",
  "LOCALHOST.",
];
/** Private, link-local, CGNAT and IPv6 local addresses (unreachable here: refusal is read from the message). */
const PRIVATE_HOSTS = [
  "10.0.0.1",
  "172.16.0.1",
  "192.168.1.1",
  "169.254.169.254",
  "100.64.0.1",
  "[::1]",
  "[fe80::1]",
  "[fc00::1]",
  "badges.localhost",
];

const REFUSAL = /private|loopback|link-local|local network|internal|not a public|localhost|reserved/i;

export function privateHostCases(): HostileCase[] {
  const cls = "private-hosts-refused";
  const cases: HostileCase[] = [];
  const roles = ["hosted URL", "OB 2.0 assertion id", "legacy PNG tEXt URL", "SVG verify= URL", "VC-JWT kid"] as const;
  for (const [f, form] of LOOPBACK_FORMS.entries())
    for (const [r, role] of roles.entries()) {
      const path = `/private/${f}-${r}`;
      cases.push({
        cls,
        name: `the ${role} names ${form} (the attacker host)`,
        input: (w) => {
          const docs = w.hostedDocs(`http://${form}:${w.host.port}/private-docs/${f}-${r}`);
          w.host.serve(path, role === "VC-JWT kid" ? { kind: "json", body: attacker.publicJwk } : { kind: "json", body: docs.assertion });
          const scheme = role === "OB 2.0 assertion id" ? "https" : "http"; // hosted ids must be https
          return namingUrl(w, role, `${scheme}://${form}:${w.host.port}${path}`);
        },
        timeoutMs: TIMING_BUDGET_MS,
        expect: { family: ["error"], noRequestsTo: [path], check: refusalNamed },
      });
    }
  for (const [f, form] of PRIVATE_HOSTS.entries())
    for (const role of ["hosted URL", "OB 2.0 assertion id", "VC-JWT kid"] as const)
      cases.push({
        cls,
        name: `the ${role} names ${form}`,
        input: (w) => namingUrl(w, role, `${role === "OB 2.0 assertion id" ? "https" : "http"}://${form}/badge/${f}`),
        timeoutMs: TIMING_BUDGET_MS,
        expect: { family: ["error"], check: refusalNamed },
      });
  return cases;
}

function refusalNamed(report: { steps: { status: string; message: string }[] }): string | undefined {
  const failed = report.steps.filter((s) => s.status === "failed").map((s) => s.message);
  return failed.some((m) => REFUSAL.test(m))
    ? undefined
    : `no step says the address is private (${failed[0]?.slice(0, 100) ?? "no failed step"})`;
}

// ------------------------------------------------------------------ hostile RPC endpoints

const RPC_BEHAVIORS: [string, RpcBehavior | "down", readonly string[] | undefined][] = [
  ["is down", "down", ["error"]],
  ["never answers", { kind: "slow" }, ["error"]],
  ["answers text", { kind: "garbage", body: "this is not JSON-RPC" }, ["error"]],
  ["answers HTML", { kind: "garbage", body: "<html>502 Bad Gateway</html>", contentType: "text/html" }, ["error"]],
  ["answers HTTP 500", { kind: "garbage", body: '{"error":"internal"}', status: 500 }, ["error"]],
  ["answers an empty body", { kind: "garbage", body: "" }, ["error"]],
  ["serves chain 1", { kind: "lie", lie: wrongChainId(1) }, ["error", "untrusted-registry"]],
  ["serves chain 8453", { kind: "lie", lie: wrongChainId(8453) }, ["error", "untrusted-registry"]],
  ["reverts every eth_call", { kind: "lie", lie: failCalls({ code: 3, message: "execution reverted" }) }, undefined],
  ["fails everything but eth_chainId", { kind: "lie", lie: failAllButChainId }, ["error"]],
  ["answers results of the wrong type", { kind: "lie", lie: wrongTypes }, ["error"]],
  [
    "rewrites eth_call results into random words",
    { kind: "lie", lie: rewriteCalls((r) => `0x${[...r.slice(2)].map((_, i) => ((i * 7) % 16).toString(16)).join("")}`) },
    undefined,
  ],
  ["truncates eth_call results", { kind: "lie", lie: rewriteCalls((r) => r.slice(0, Math.max(2, Math.floor(r.length / 2)))) }, ["error"]],
  ["answers 0x to every eth_call", { kind: "lie", lie: rewriteCalls(() => "0x") }, undefined],
];

const RPC_INPUTS: [string, (w: World) => unknown][] = [
  ["an anchored badge", (w) => structuredClone(w.uni.plain.credential)],
  ["a revoked badge", (w) => structuredClone(w.uni.revoked.credential)],
  ["a Merkle batch member", (w) => structuredClone(w.uni.batch.badges[0]?.credential)],
  ["a share link", (w) => w.uni.published.shareLink],
  ["an anchored badge baked in PNG", (w) => pngWith(JSON.stringify(w.uni.plain.credential))],
];

const bare = (hex: string) => hex.slice(2).toLowerCase();

export function rpcCases(): HostileCase[] {
  const cls = "rpc";
  const cases: HostileCase[] = [];
  for (const [b, [what, behavior, family]] of RPC_BEHAVIORS.entries())
    for (const [i, [input, make]] of RPC_INPUTS.entries())
      cases.push({
        cls,
        name: `${input}, when the RPC ${what}`,
        input: make,
        options: (w) => ({ publicClient: undefined, rpcUrl: behavior === "down" ? w.downRpc : w.rpc.serve(`rpc-${b}-${i}`, behavior) }),
        timeoutMs: TIMING_BUDGET_MS,
        expect: { family },
      });
  // Lies that answer with the genuine record of another issuer's badge: the record names another
  // issuer (and class) than the credential, which a verifier can see. (A record of another badge of
  // the same issuer and class cannot be told from the truth without a hash in the record: not here.)
  const other = (w: World) => bare(impostor0(w).plain.uid ?? "0x");
  const swaps: [string, (w: World) => unknown, (w: World) => [string, string], readonly string[]][] = [
    [
      "a never-anchored credential, answered with another issuer's record",
      (w) => structuredClone(w.uni.unanchored.credential),
      (w) => [bare(w.uni.unanchored.uid), other(w)],
      ["invalid"],
    ],
    [
      "a never-anchored credential in PNG, answered with another issuer's record",
      (w) => pngWith(JSON.stringify(w.uni.unanchored.credential)),
      (w) => [bare(w.uni.unanchored.uid), other(w)],
      ["invalid"],
    ],
    [
      "a never-anchored credential as JSON, answered with another issuer's record",
      (w) => JSON.stringify(w.uni.unanchored.credential),
      (w) => [bare(w.uni.unanchored.uid), other(w)],
      ["invalid"],
    ],
    [
      "a revoked badge, answered with another issuer's standing record",
      (w) => structuredClone(w.uni.revoked.credential),
      (w) => [bare(w.uni.revoked.uid), other(w)],
      ["invalid", "revoked"],
    ],
    [
      "a revoked badge in PNG, answered with another issuer's standing record",
      (w) => pngWith(JSON.stringify(w.uni.revoked.credential)),
      (w) => [bare(w.uni.revoked.uid), other(w)],
      ["invalid", "revoked"],
    ],
    [
      "a batch member, asked in another batch",
      (w) => structuredClone(w.uni.batch.badges[0]?.credential),
      (w) => [bare(w.uni.batch.batchId), bare(w.uni.batch2.batchId)],
      ["invalid", "error"],
    ],
    [
      "the cloned registry's badge, with the clone's address swapped for the real one",
      (w) => structuredClone(w.clone.issuer.plain.credential),
      (w) => [bare(w.clone.chain.registry), bare(w.chain.registry)],
      ["untrusted-registry"],
    ],
    [
      "the impostor's share link, asked as the university's",
      (w) => impostor0(w).published.shareLink,
      (w) => [bare(impostor0(w).published.uid ?? "0x"), bare(w.uni.published.uid)],
      // The lie makes the university's record answer for the impostor's uid; no content opens with the
      // impostor's key there, so at best the (lied) record is shown, content withheld — never "valid".
      ["invalid", "error", "record-valid"],
    ],
  ];
  for (const [s, [what, make, pair, family]] of swaps.entries())
    cases.push({
      cls,
      name: `${what} (lying eth_call)`,
      input: make,
      options: (w) => {
        const [from, to] = pair(w);
        return { publicClient: undefined, rpcUrl: w.rpc.serve(`swap-${s}`, { kind: "lie", lie: swapInCalls(from, to) }) };
      },
      timeoutMs: TIMING_BUDGET_MS,
      expect: { family, check: (r) => (r.verdict === "valid" ? "a lie about another badge was believed" : undefined) },
    });
  return cases;
}

// ------------------------------------------------------------------ share links pointing where they should not

export function shareLinkCases(): HostileCase[] {
  const cls = "share-links";
  const RANDOM_KEY = "A".repeat(43);
  const parts = (w: World) => parseShareLink(w.uni.published.shareLink as string);
  const link = (w: World, change: Partial<Parameters<typeof buildShareLink>[0]>) => {
    const p = parts(w);
    return buildShareLink({
      appBase: p.appBase,
      chainId: p.chainId,
      registry: p.registry,
      uid: p.uid,
      key: p.key,
      batchId: p.batchId,
      ...change,
    });
  };
  const keyOf = (w: World, badge: "published" | "published2") => parseShareLink(w.uni[badge].shareLink as string).key;
  const links: [string, (w: World) => string, readonly string[]][] = [
    ["a random key", (w) => link(w, { key: RANDOM_KEY }), ["invalid"]],
    ["the key of another badge", (w) => link(w, { key: keyOf(w, "published2") }), ["invalid"]],
    // A link that no longer parses as ours is read as a hosted URL on the app's origin: refused or unreachable.
    ["a truncated key", (w) => `${(w.uni.published.shareLink as string).slice(0, -20)}`, ["invalid", "error"]],
    [
      "a key with characters outside base64url",
      (w) => (w.uni.published.shareLink as string).replace(/#k=.*/, `#k=${"+/=".repeat(14)}x`),
      ["invalid", "error"],
    ],
    ["the cloned registry's address", (w) => link(w, { registry: w.clone.chain.registry }), ["untrusted-registry"]],
    [
      "a registry address with no contract",
      (w) => link(w, { registry: getAddress(keccak256(toHex("no registry")).slice(0, 42)) }),
      ["untrusted-registry"],
    ],
    ["chain 8453", (w) => link(w, { chainId: 8453 }), ["untrusted-registry", "error"]],
    ["chain 1", (w) => link(w, { chainId: 1 }), ["untrusted-registry", "error"]],
    ["a batch id for a badge issued alone", (w) => link(w, { batchId: w.uni.batch.batchId }), ["invalid"]],
    ["a random batch id", (w) => link(w, { batchId: keccak256(toHex("no such batch")) }), ["invalid"]],
    ["the uid of another published badge, with this key", (w) => link(w, { uid: w.uni.published2.uid }), ["invalid"]],
    // No content was published for it: the key opens nothing, the badge's own record is shown (content withheld).
    ["the uid of an unpublished badge", (w) => link(w, { uid: w.uni.plain.uid }), ["record-valid"]],
    ["the uid of a revoked badge", (w) => link(w, { uid: w.uni.revoked.uid }), ["invalid", "revoked"]],
    ["a batch id as the uid", (w) => link(w, { uid: w.uni.batch.batchId as Hex }), ["invalid"]],
    ["a uid nobody issued", (w) => link(w, { uid: keccak256(toHex("nobody")) }), ["invalid", "unanchored"]],
    // A record-only link: the record is checked and shown, the content withheld.
    ["no key at all", (w) => (w.uni.published.shareLink as string).replace(/#k=.*/, ""), ["record-valid"]],
    ["a 1 MB fragment", (w) => `${w.uni.published.shareLink}${"A".repeat(1_000_000)}`, ["invalid", "error"]],
    ["two key fragments", (w) => `${w.uni.published.shareLink}#k=${RANDOM_KEY}`, ["invalid", "error"]],
    [
      "a duplicated batch query",
      (w) => link(w, {}).replace("#", `?batch=${w.uni.batch.batchId}&batch=${w.uni.batch2.batchId}#`),
      ["invalid", "error"],
    ],
    [
      "the impostor's badge on the clone, our app's origin",
      (w) => w.clone.issuer.published.shareLink?.replace(/^https:\/\/[^/]+/, parts(w).appBase) ?? "",
      ["untrusted-registry"],
    ],
    [
      "a cloned-registry link with the real registry's uid and key",
      (w) => link(w, { registry: w.clone.chain.registry, uid: w.uni.published.uid }),
      ["untrusted-registry"],
    ],
  ];
  return links.map(([what, make, family]) => ({ cls, name: `a share link with ${what}`, input: make, expect: { family } }));
}
