// Budgets and parsing safety of verification: one time budget per run, byte caps while streaming,
// redirects, private hosts, JSON shape caps and duplicate keys before parsing, JSON-LD contexts only
// from the bundled set, no @index, and SVGs safe to display. The hostile servers run on loopback in
// this file (so the tests allow private hosts where they must reach them); every hostile document
// must end in well under 2 s of CPU.
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BakingError, sanitizeSvgForDisplay } from "../src/baking/index.ts";
import { buildShareLink } from "../src/links/share.ts";
import { signingKeyFromSecret } from "../src/proofs/keys.ts";
import { jsonLdRefusal } from "../src/proofs/loader.ts";
import { publicKeyToMultibase } from "../src/proofs/multibase.ts";
import { Budget } from "../src/verify/budget.ts";
import { defaultFetch, fetchJson, guardFetch } from "../src/verify/fetch.ts";
import { privateAddressKind, privateHostRefusal } from "../src/verify/hosts.ts";
import { checkJsonText, JSON_LIMITS, JsonShapeError } from "../src/verify/json.ts";
import { failuresOf } from "../src/verify/run.ts";
import { VerificationStepError } from "../src/verify/steps.ts";
import type { VerificationReport, VerifyOptions } from "../src/verify/types.ts";
import { verifyBadge } from "../src/verify/verifyBadge.ts";

/** A safety bound, not a benchmark: generous against a loaded CI machine, far below the old minutes. */
const CPU_BOUND_MS = 2_000;

async function measured<T>(work: () => Promise<T>): Promise<{ result: T; cpuMs: number; wallMs: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await work();
  const used = process.cpuUsage(cpu);
  return { result, cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - start };
}

const stepOf = (report: VerificationReport, id: string) => report.steps.find((step) => step.id === id);
const failedStep = (report: VerificationReport) => report.steps.find((step) => step.status === "failed");

// ------------------------------------------------------------------ a hostile server on loopback

let server: Server;
let origin: string;
const asked: string[] = [];
const sockets = new Set<Socket>();

function json(res: ServerResponse, body: string, type = "application/json") {
  res.writeHead(200, { "content-type": type });
  res.end(body);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    asked.push(url.pathname);
    const redirect = /^\/redirect\/(\d+)$/.exec(url.pathname);
    if (redirect) {
      const left = Number(redirect[1]);
      res.writeHead(302, { location: left > 0 ? `/redirect/${left - 1}` : "/json" });
      res.end();
      return;
    }
    switch (url.pathname) {
      case "/slow":
        return; // never answers
      case "/trickle": {
        res.writeHead(200, { "content-type": "application/json" });
        res.write("[");
        const timer = setInterval(() => res.write("1,"), 50);
        res.on("close", () => clearInterval(timer));
        return;
      }
      case "/endless": {
        res.writeHead(200, { "content-type": "application/json" });
        const chunk = Buffer.alloc(64 * 1024, "1,");
        const pump = () => {
          while (!res.destroyed && res.write(chunk));
        };
        res.on("drain", pump);
        res.write("[");
        pump();
        return;
      }
      case "/html":
        return json(res, "<html><body>not a key</body></html>", "text/html; charset=utf-8");
      case "/dup":
        return json(res, '{"id":"x","id":"y"}');
      case "/json":
        return json(res, '{"hello":"world"}', "application/ld+json; charset=utf-8");
      case "/to-private":
        res.writeHead(302, { location: "http://10.0.0.1/metadata" });
        res.end();
        return;
      default:
        res.writeHead(404);
        res.end();
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  server.close();
});

const fail = failuresOf("status");

/** fetchJson through a guarded fetch with its own budget, as a step would: the failure it ends in. */
async function fetchFailure(url: string, options: { timeoutMs?: number; maxFetchBytes?: number; trusted?: boolean; allow?: boolean } = {}) {
  const budget = new Budget({ timeoutMs: options.timeoutMs ?? 1_000, maxFetchBytes: options.maxFetchBytes });
  const fetch = guardFetch(defaultFetch() as NonNullable<ReturnType<typeof defaultFetch>>, budget, {
    allowPrivateHosts: options.allow ?? !options.trusted,
    trustedOrigins: options.trusted ? [origin] : undefined,
  });
  try {
    const value = await fetchJson({ fetch, fail }, url, "the list");
    return { value, error: undefined };
  } catch (error) {
    expect(error).toBeInstanceOf(VerificationStepError);
    return { value: undefined, error: error as VerificationStepError };
  } finally {
    budget.close();
  }
}

describe("the one fetcher: budget, byte cap, redirects, content type", () => {
  it("ends a server that never answers at the budget, naming what was slow", async () => {
    const { result, wallMs } = await measured(() => fetchFailure(`${origin}/slow`, { timeoutMs: 500 }));
    expect(result.error).toMatchObject({ step: "status", verdict: "error" });
    expect(result.error?.message).toBe(`The list at ${origin}/slow did not answer within the 0.5 s budget.`);
    expect(wallMs).toBeLessThan(1_500);
  });

  it("ends a trickling server at the budget, not when it pleases", async () => {
    const { result, wallMs } = await measured(() => fetchFailure(`${origin}/trickle`, { timeoutMs: 600 }));
    expect(result.error?.message).toMatch(/did not answer within the 0\.6 s budget/);
    expect(result.error?.verdict).toBe("error");
    expect(wallMs).toBeLessThan(1_600);
  });

  it("stops reading an endless body at the byte cap", async () => {
    const { result, cpuMs } = await measured(() => fetchFailure(`${origin}/endless`, { maxFetchBytes: 256 * 1024, timeoutMs: 5_000 }));
    expect(result.error?.message).toBe(`The list at ${origin}/endless: It is larger than 262144 bytes, the most a document may have.`);
    expect(result.error?.verdict).toBe("error");
    expect(cpuMs).toBeLessThan(CPU_BOUND_MS);
  });

  it("follows up to 3 redirects, each re-checked, and refuses a 4th or one to a private host", async () => {
    expect((await fetchFailure(`${origin}/redirect/2`)).value).toEqual({ hello: "world" });
    const tooMany = await fetchFailure(`${origin}/redirect/3`);
    expect(tooMany.error?.message).toBe(`${origin}/redirect/0 redirects more than 3 times.`);
    const before = asked.length;
    const toPrivate = await fetchFailure(`${origin}/to-private`, { trusted: true });
    expect(toPrivate.error?.verdict).toBe("error");
    expect(toPrivate.error?.message).toMatch(/^The badge names http:\/\/10\.0\.0\.1, a private address/);
    expect(asked.slice(before)).toEqual(["/to-private"]);
  });

  it("wants JSON: another content type is refused, duplicate keys too", async () => {
    const html = await fetchFailure(`${origin}/html`);
    expect(html.error).toMatchObject({ verdict: "invalid", message: `The list at ${origin}/html: It answered with text/html, not JSON.` });
    const dup = await fetchFailure(`${origin}/dup`);
    expect(dup.error?.message).toMatch(/^The list at .*\/dup is refused: The key "id" appears twice in one object/);
  });

  it("counts the fetches of one run", async () => {
    const budget = new Budget({ maxFetches: 2 });
    const fetch = guardFetch(defaultFetch() as NonNullable<ReturnType<typeof defaultFetch>>, budget, { allowPrivateHosts: true });
    await fetchJson({ fetch, fail }, `${origin}/json`, "the list");
    const failure = await fetchJson({ fetch, fail }, `${origin}/redirect/1`, "the list").catch((error: Error) => error);
    budget.close();
    expect((failure as Error).message).toMatch(/^The badge makes the verifier fetch more than 2 documents/);
  });
});

// ------------------------------------------------------------------ private hosts

describe("private hosts", () => {
  it("knows loopback, private, link-local, CGNAT and unspecified addresses in every spelling", () => {
    const host = (url: string) => new URL(url).hostname;
    const cases: [string, string | undefined][] = [
      [host("http://127.0.0.1/"), "a loopback address"],
      [host("http://2130706433/"), "a loopback address"], // decimal
      [host("http://0x7f.1/"), "a loopback address"], // hex, short form
      [host("http://0177.0.0.1/"), "a loopback address"], // octal
      ["017700000001", "a loopback address"],
      [host("http://[::1]/"), "a loopback address"],
      [host("http://[::ffff:127.0.0.1]/"), "a loopback address"], // IPv4-mapped
      [host("http://[::ffff:a9fe:a9fe]/"), "a link-local address"], // 169.254.169.254, mapped
      ["localhost", "a loopback address"],
      ["api.localhost", "a loopback address"],
      ["10.1.2.3", "a private address"],
      ["172.16.0.1", "a private address"],
      ["172.31.255.255", "a private address"],
      ["192.168.1.1", "a private address"],
      ["169.254.169.254", "a link-local address"],
      ["100.64.0.1", "a shared (CGNAT) address"],
      ["0.0.0.0", "an unspecified address"],
      [host("http://[::]/"), "an unspecified address"],
      [host("http://[fe80::1]/"), "a link-local address"],
      [host("http://[fd12:3456::1]/"), "a private (unique local) address"],
      [host("http://[64:ff9b::7f00:1]/"), "a loopback address"], // NAT64
      [host("http://[2002:c0a8:101::1]/"), "a private address"], // 6to4 of 192.168.1.1
      ["172.32.0.1", undefined],
      ["8.8.8.8", undefined],
      [host("http://[2606:4700::1111]/"), undefined],
      ["issuer.example", undefined],
    ];
    for (const [name, kind] of cases) expect([name, privateAddressKind(name)]).toEqual([name, kind]);
  });

  it("checks resolved names with resolveHost, and lets the operator's origins and allowPrivateHosts through", async () => {
    const resolveHost = async (name: string) => (name === "intranet.example" ? ["10.9.8.7"] : ["93.184.215.14"]);
    expect(await privateHostRefusal(new URL("https://intranet.example/key"), { resolveHost })).toMatch(
      /whose name resolves to 10\.9\.8\.7, a private address/,
    );
    expect(await privateHostRefusal(new URL("https://public.example/key"), { resolveHost })).toBeUndefined();
    expect(await privateHostRefusal(new URL("http://127.0.0.1:8787/x"), { trustedOrigins: ["http://127.0.0.1:8787"] })).toBeUndefined();
    expect(await privateHostRefusal(new URL("http://127.0.0.1:8788/x"), { trustedOrigins: ["http://127.0.0.1:8787"] })).toMatch(/loopback/);
    expect(await privateHostRefusal(new URL("http://127.0.0.1/x"), { allowPrivateHosts: true })).toBeUndefined();
  });

  it("verifyBadge never fetches a private host a badge names unless told to", async () => {
    const before = asked.length;
    const report = await verifyBadge(`${origin}/json`, {});
    expect(report.verdict).toBe("error");
    expect(failedStep(report)?.message).toMatch(/a loopback address: the verifier does not fetch private.*allowPrivateHosts/);
    expect(asked.length).toBe(before);
  });
});

// ------------------------------------------------------------------ one budget per verification

const fixture = (path: string) => JSON.parse(readFileSync(new URL(`./fixtures/${path}`, import.meta.url), "utf8"));
const KEY = publicKeyToMultibase(signingKeyFromSecret(new Uint8Array(32).fill(9)).publicKey);

/** A third-party OB 3.0 credential (valid format) whose proof names a key under `issuerId`. */
function credential(issuerId = "https://issuer.example/profile", extra: Record<string, unknown> = {}) {
  const base = fixture("ob3/spec-basic-openbadgecredential-unsigned.json");
  return {
    ...base,
    issuer: { id: issuerId, type: ["Profile"], name: "Example Corp" },
    ...extra,
    proof: {
      type: "DataIntegrityProof",
      cryptosuite: "eddsa-rdfc-2022",
      created: "2024-01-01T00:00:00Z",
      verificationMethod: `${issuerId}#${KEY}`,
      proofPurpose: "assertionMethod",
      proofValue: "z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKKiuVCNpFCrhCK7fqX",
    },
  };
}

describe("one budget per verification", () => {
  // Compiles the schemas and loads JSON-LD first: a cold start is CPU time no budget can cut short.
  beforeAll(() => verifyBadge(credential(), {}));

  it("ends when the issuer's controller document does not answer, naming it, within the budget", async () => {
    const options: VerifyOptions = { timeoutMs: 800, allowPrivateHosts: true };
    const { result: report, wallMs } = await measured(() => verifyBadge(credential(`${origin}/slow`), options));
    expect(report.verdict).toBe("error");
    expect(stepOf(report, "proof")).toMatchObject({
      status: "failed",
      message: `The issuer's controller document at ${origin}/slow did not answer within the 0.8 s budget.`,
    });
    expect(wallMs).toBeLessThan(2_000);
  });

  it("ends when the chain's RPC endpoint does not answer (an operator's setting: not a private-host refusal)", async () => {
    const registry = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    const link = buildShareLink({ appBase: "https://app.example", chainId: 31337, registry, uid: `0x${"ab".repeat(32)}` });
    const options: VerifyOptions = { trust: [{ chainId: 31337, registry }], rpcUrl: `${origin}/slow`, timeoutMs: 800 };
    const { result: report, wallMs } = await measured(() => verifyBadge(link, options));
    expect(report.verdict).toBe("error");
    expect(failedStep(report)?.message).toMatch(
      /did not finish within the 0\.8 s budget \(a chain's RPC endpoint or a server was too slow\)/,
    );
    expect(wallMs).toBeLessThan(2_000);
  });

  it("ends a hosted badge that trickles, and one that never ends, within the budget and the cap", async () => {
    const trickle = await verifyBadge(`${origin}/trickle`, { timeoutMs: 700, allowPrivateHosts: true });
    expect(trickle.verdict).toBe("error");
    expect(stepOf(trickle, "parse")?.message).toBe(`The hosted badge at ${origin}/trickle did not answer within the 0.7 s budget.`);
    const { result: endless, cpuMs } = await measured(() => verifyBadge(`${origin}/endless`, { allowPrivateHosts: true }));
    expect(endless.verdict).toBe("error");
    expect(stepOf(endless, "parse")?.message).toMatch(/is larger than 2097152 bytes/);
    expect(cpuMs).toBeLessThan(CPU_BOUND_MS);
  });
});

// ------------------------------------------------------------------ JSON shape, before parsing

describe("JSON shape caps and keys, before any parsing work", () => {
  const hostile: [string, () => string | object, RegExp][] = [
    [
      "a 1.9 MB array",
      () => JSON.stringify(credential(undefined, { evidence: Array.from({ length: 950_000 }, () => 1) })),
      /more than 100000 values/,
    ],
    ["10,000 nested arrays", () => `{"a":${"[".repeat(10_000)}${"]".repeat(10_000)}}`, /nests deeper than 32 levels at a\[0\]/],
    [
      "a 1.5 MB string",
      () => JSON.stringify(credential(undefined, { name: "x".repeat(1_500_000) })),
      /text value at name is 1500000 characters/,
    ],
    [
      "a duplicate key",
      () => JSON.stringify(credential()).replace('"name":"Teamwork Badge"', '"name":"Teamwork Badge","name":"Harvard PhD"'),
      /The key "name" appears twice in one object: readers disagree/,
    ],
    [
      "a nested duplicate key spelled with an escape",
      () => JSON.stringify(credential()).replace('"name":"Teamwork"', '"name":"Teamwork","\\u006eame":"Surgery"'),
      /The key "name" appears twice in one object at credentialSubject\.achievement/,
    ],
    ["an own __proto__", () => JSON.stringify(credential()).replace(/^\{/, '{"__proto__":{"name":"Harvard PhD"},'), /"__proto__" key/],
    [
      "a constructor key",
      () => JSON.stringify(credential()).replace('"name":"Teamwork"', '"constructor":"x","name":"Teamwork"'),
      /"constructor" key \(at credentialSubject\.achievement\.constructor\)/,
    ],
    [
      "an object with an own __proto__",
      () => JSON.parse(`{"__proto__":{"x":1},${JSON.stringify(credential()).slice(1)}`),
      /The badge object is refused: .*"__proto__" key/,
    ],
    [
      "an object nested 100 deep",
      () => {
        const deep: Record<string, unknown> = credential();
        let at = deep;
        for (let i = 0; i < 100; i++) {
          const next: Record<string, unknown> = {};
          at.next = next;
          at = next;
        }
        return deep;
      },
      /The badge object is refused: The document nests deeper than 32 levels/,
    ],
  ];
  for (const [name, input, message] of hostile) {
    it(`refuses ${name} in the parse step, fast`, async () => {
      const given = input();
      const { result: report, cpuMs } = await measured(() => verifyBadge(given, { fetch: undefined }));
      expect(report.verdict).toBe("invalid");
      expect(stepOf(report, "parse")).toMatchObject({ status: "failed", message: expect.stringMatching(message) });
      expect(cpuMs).toBeLessThan(CPU_BOUND_MS);
    });
  }

  it("a huge array just under the caps ends in the format step, in bounded time (the schema-error filter is linear)", async () => {
    const items = JSON_LIMITS.maxValues - 1_000;
    const text = JSON.stringify(
      credential(undefined, {
        credentialSubject: { ...credential().credentialSubject, achievement: { alignment: Array.from({ length: items }, () => ({})) } },
      }),
    );
    const { result: report, cpuMs } = await measured(() => verifyBadge(text, {}));
    expect(failedStep(report)).toMatchObject({ id: "format" });
    expect(report.verdict).toBe("invalid");
    expect(cpuMs).toBeLessThan(CPU_BOUND_MS);
  });

  it("the scan is one linear pass: a 2 MB document of many keys costs milliseconds", () => {
    const doc = JSON.stringify(Object.fromEntries(Array.from({ length: 90_000 }, (_, i) => [`k${i}`, i])));
    const start = performance.now();
    checkJsonText(doc);
    expect(performance.now() - start).toBeLessThan(500);
    expect(() => checkJsonText(`${doc.slice(0, -1)},"k5":1}`)).toThrow(JsonShapeError);
  });
});

// ------------------------------------------------------------------ JSON-LD: what is shown is what was signed

describe("JSON-LD contexts only from the bundled set, no @index", () => {
  const base = credential();
  const context = base["@context"] as string[];
  const cases: [string, Record<string, unknown>, "invalid" | "error", RegExp][] = [
    [
      "an appended remote context",
      { "@context": [...context, "https://evil.example/ctx.json"] },
      "error",
      /Refusing to fetch https:\/\/evil\.example\/ctx\.json/,
    ],
    [
      "an @import",
      { "@context": [...context, { "@import": "https://evil.example/ctx.json" }] },
      "error",
      /imports https:\/\/evil\.example\/ctx\.json \(@import at @context\[2\]\.@import\)/,
    ],
    [
      "a context at the issuer's own id",
      { "@context": [...context, "https://issuer.example/profile"] },
      "error",
      /Refusing to fetch https:\/\/issuer\.example\/profile/,
    ],
    [
      "a context nested in the subject",
      { credentialSubject: { ...base.credentialSubject, "@context": "https://evil.example/ctx.json" } },
      "error",
      /at credentialSubject\.@context/,
    ],
    [
      "deeply nested scoped contexts",
      {
        "@context": [
          ...context,
          Array.from({ length: 8 }).reduce<Record<string, unknown>>(
            (inner) => ({ t: { "@id": "https://x.example/t", "@context": inner } }),
            {},
          ),
        ],
      },
      "invalid",
      /Inline JSON-LD contexts nest deeper than 4 levels/,
    ],
    ["an @index next to the signed values", { "@index": "Harvard PhD" }, "invalid", /has an @index \(at @index\)/],
    [
      "an index map",
      { "@context": [...context, { shown: { "@id": "https://x.example/shown", "@container": "@index" } }], shown: { "Harvard PhD": "x" } },
      "invalid",
      /makes "shown" an index map/,
    ],
  ];
  for (const [name, change, verdict, message] of cases) {
    it(`refuses ${name} before any JSON-LD work, without fetching`, async () => {
      let fetched = 0;
      const { result: report, cpuMs } = await measured(() =>
        verifyBadge(JSON.stringify({ ...base, ...change }), {
          fetch: async () => {
            fetched++;
            throw new Error("must not fetch");
          },
        }),
      );
      expect(stepOf(report, "proof")).toMatchObject({ status: "failed", message: expect.stringMatching(message) });
      expect(report.verdict).toBe(verdict);
      expect(fetched).toBe(0);
      expect(cpuMs).toBeLessThan(CPU_BOUND_MS);
    });
  }
});

describe("jsonLdRefusal", () => {
  it("refuses an inline context only where asked (our own credentials never have one)", () => {
    const inline = { ...credential(), "@context": [...(credential()["@context"] as string[]), { extra: "https://x.example/extra" }] };
    expect(jsonLdRefusal(inline)).toBeUndefined();
    expect(jsonLdRefusal(inline, { inlineContexts: false })).toMatchObject({ reason: "inline-context", path: "@context" });
    expect(jsonLdRefusal(credential(), { inlineContexts: false })).toBeUndefined();
  });
});

// ------------------------------------------------------------------ SVG for display

describe("sanitizeSvgForDisplay: nothing loads from elsewhere", () => {
  const svg = (body: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">${body}</svg>`;

  it("keeps a plain badge image with local references and inline image data", () => {
    const safe = svg(
      '<defs><linearGradient id="g"><stop offset="0"/></linearGradient><circle id="c" r="1"/></defs>' +
        '<rect fill="url(#g)" width="10" height="10"/><use href="#c"/><use xlink:href="#c"/>' +
        '<image href="data:image/png;base64,iVBORw0KGgo="/><style>.a{fill:url(#g)}</style><a href="https://issuer.example">x</a>',
    );
    expect(sanitizeSvgForDisplay(safe)).toBe(safe);
  });

  const refused: [string, string, string][] = [
    ["<use> of another document", '<use href="https://evil.example/sprite.svg#x"/>', "svg-external-resource"],
    ["<use xlink:href> of another document", '<use xlink:href="sprite.svg#x"/>', "svg-external-resource"],
    ["a remote <image>", '<image href="https://tracker.example/p.png"/>', "svg-external-resource"],
    ["an SVG data image", '<image href="data:image/svg+xml;base64,PHN2Zy8+"/>', "svg-external-resource"],
    ["@import in <style>", "<style>@import url(https://evil.example/a.css);</style>", "svg-external-resource"],
    ["a url() split by CDATA", "<style>.a{background:ur<![CDATA[l(https://evil.example/p.png)]]>}</style>", "svg-external-resource"],
    ["a CSS escape", "<style>.a{background:\\75rl(https://evil.example/p.png)}</style>", "svg-external-resource"],
    ["a remote url() in an attribute", '<rect style="fill:url(https://evil.example/p.svg#g)"/>', "svg-external-resource"],
    ["a remote filter", '<rect filter="url(https://evil.example/f.svg#f)"/>', "svg-external-resource"],
    ["an animated href", '<use href="#c"><set attributeName="href" to="https://evil.example/x.svg#y"/></use>', "svg-external-resource"],
    ["<foreignObject>", "<foreignObject><div/></foreignObject>", "svg-foreign-object"],
    ["a script", "<script>alert(1)</script>", "svg-script"],
    ["an event handler", '<rect onload="alert(1)"/>', "svg-event-handler"],
  ];
  for (const [name, body, code] of refused)
    it(`refuses ${name}`, () => {
      const error = (() => {
        try {
          sanitizeSvgForDisplay(svg(body));
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(BakingError);
      expect((error as BakingError).code).toBe(code);
    });

  it("refuses a DOCTYPE with entities", () => {
    expect(() => sanitizeSvgForDisplay(`<!DOCTYPE svg [<!ENTITY x SYSTEM "https://evil.example/">]>${svg("&x;")}`)).toThrow(/DOCTYPE/);
  });
});
