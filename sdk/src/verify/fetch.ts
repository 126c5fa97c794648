// The one HTTP fetcher of verification: controller documents, signing keys, badge classes, issuer
// profiles, status lists and hosted assertions all come through it, by the caller's `fetch`
// (globalThis.fetch by default), so browsers, node and tests run the same code. A failure is made
// by the calling step's `fail`, so it names that step; a request that could not be made is
// "error" (could not check), a document that is gone (404, 410) is "invalid".
//
// A run's fetch is guarded (`guardFetch`): it shares the run's time budget (an AbortSignal on every
// request), counts requests, refuses private hosts a badge names, follows at most 3 redirects
// (each re-checked), and reads a body while streaming it, up to the byte cap. A fetch given
// without a run is guarded with a budget of its own.
import { Budget, BudgetExceeded, budgetText } from "./budget.ts";
import type { DocumentTerm } from "./codes.ts";
import { type HostPolicy, privateHostRefusal } from "./hosts.ts";
import { checkJsonValue, isJson, type Json, JsonShapeError, parseJsonDocument } from "./json.ts";
import { type Said, said } from "./steps.ts";
import { capitalize, documentText, messageOf } from "./words.ts";

type FetchResponse = {
  ok: boolean;
  status: number;
  /** The URL that answered (after redirects the platform followed). */
  url?: string;
  /** "opaqueredirect" in browsers, which hide a manual redirect's target. */
  type?: string;
  headers?: { get(name: string): string | null };
  /** Read as a stream when present, so a body ends at the byte cap. */
  body?: ReadableStream<Uint8Array> | null;
  text?(): Promise<string>;
  json(): Promise<unknown>;
};

/** The subset of `fetch` verification uses: pass `globalThis.fetch` or a stub. */
export type FetchLike = (
  url: string,
  init?: { headers?: Record<string, string>; signal?: AbortSignal; redirect?: "manual" | "follow" },
) => Promise<FetchResponse>;

/** Makes the error a step throws (see `failuresOf`). */
export type Failure = (what: Said | string, verdict?: "invalid" | "error") => Error;

/**
 * What a request is for: the fetch to use, and who is asking. `gone`: what a 404 / 410 means —
 * "invalid" (default: the document the badge stands on is no more) or "error" (a supporting
 * document, such as a key or a status list, could not be had: the badge could not be checked).
 */
export type Fetching = { fetch: FetchLike | undefined; fail: Failure; gone?: "invalid" | "error" };

/** Open Badges 2.0 hosts negotiate content: ask for JSON-LD first. */
const ACCEPT = "application/ld+json, application/json";
const MAX_REDIRECTS = 3;

/** globalThis.fetch, bound, where there is one. */
export function defaultFetch(): FetchLike | undefined {
  if (typeof globalThis.fetch !== "function") return undefined;
  const fetch = globalThis.fetch.bind(globalThis);
  return (url, init) => fetch(url, init) as Promise<FetchResponse>;
}

/**
 * A refusal of the guard, turned by `get` into its step's failure. `about`: what it says of the
 * document being fetched ("It is larger than…"), completed there with the document's name and URL.
 */
class FetchRefused extends Error {
  readonly verdict: "invalid" | "error";
  readonly said?: Said;
  readonly about?: { detail: string; max?: number };
  constructor(what: Said | { detail: string; max?: number }, verdict: "invalid" | "error" = "error") {
    super("message" in what ? what.message : what.detail);
    this.name = "FetchRefused";
    this.verdict = verdict;
    if ("message" in what) this.said = what;
    else this.about = what;
  }
}

/** A run's fetch: the caller's, inside the run's budget and host policy. */
export type GuardedFetch = FetchLike & { budget: Budget; policy: HostPolicy };

const isGuarded = (fetch: FetchLike): fetch is GuardedFetch => "budget" in fetch && fetch.budget instanceof Budget;

export function guardFetch(fetch: FetchLike, budget: Budget, policy: HostPolicy): GuardedFetch {
  const guarded = async (url: string, init: Parameters<FetchLike>[1] = {}): Promise<FetchResponse> => {
    let current = new URL(url);
    for (let hop = 0; ; hop++) {
      await checkTarget(current, budget, policy);
      if (++budget.fetches > budget.maxFetches)
        throw new FetchRefused(
          said(
            "fetch.too-many",
            { max: budget.maxFetches, url: current.href },
            `The badge makes the verifier fetch more than ${budget.maxFetches} documents; it is refused before fetching ${current.href}.`,
          ),
        );
      const response = await budget.race(fetch(current.href, { ...init, signal: budget.signal, redirect: "manual" }));
      if (response.type === "opaqueredirect") {
        // A browser hides where a manual redirect goes: let it follow, then check where it ended.
        const followed = await budget.race(fetch(current.href, { ...init, signal: budget.signal, redirect: "follow" }));
        if (followed.url) await checkTarget(new URL(followed.url), budget, policy);
        return followed;
      }
      const location = response.status >= 300 && response.status < 400 ? response.headers?.get("location") : null;
      if (!location) return response;
      if (hop >= MAX_REDIRECTS)
        throw new FetchRefused(
          said(
            "fetch.too-many-redirects",
            { url: current.href, max: MAX_REDIRECTS },
            `${current.href} redirects more than ${MAX_REDIRECTS} times.`,
          ),
        );
      await response.body?.cancel().catch(() => undefined);
      current = new URL(location, current);
    }
  };
  return Object.assign(guarded, { budget, policy });
}

async function checkTarget(url: URL, budget: Budget, policy: HostPolicy) {
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new FetchRefused(said("fetch.not-http-target", { url: url.href }, `${url.href} is not an http(s) URL this verifier can fetch.`));
  const refusal = await budget.race(privateHostRefusal(url, policy));
  if (refusal) throw new FetchRefused(said("fetch.private-host", { url: url.href, detail: refusal }, refusal));
}

const JSON_TYPE = /^(application\/(json|ld\+json)|[a-z]+\/[a-z0-9.+-]+\+json)\s*(;|$)/i;

/** The body as text, read chunk by chunk so it ends at the cap, not when the server pleases. */
async function readText(response: FetchResponse, budget: Budget): Promise<string | undefined> {
  const cap = budget.maxFetchBytes;
  const tooLarge = () => new FetchRefused({ detail: `It is larger than ${cap} bytes, the most a document may have.`, max: cap });
  const reader = response.body && typeof response.body.getReader === "function" ? response.body.getReader() : undefined;
  if (reader) {
    const chunks: Uint8Array[] = [];
    let total = 0;
    try {
      for (;;) {
        const { done, value } = await budget.race(reader.read());
        if (done) break;
        total += value.byteLength;
        if (total > cap) throw tooLarge();
        chunks.push(value);
      }
    } catch (error) {
      await reader.cancel().catch(() => undefined);
      throw error;
    }
    const bytes = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw new FetchRefused({ detail: "It is not UTF-8 text." }, "invalid");
    }
  }
  if (typeof response.text === "function") {
    const text = await budget.race(response.text());
    if (text.length > cap) throw tooLarge();
    return text;
  }
  return undefined;
}

/** The body as a JSON value, within the caps: a text is scanned before it is parsed. */
async function readJson(response: FetchResponse, budget: Budget): Promise<unknown> {
  const type = response.headers?.get("content-type");
  if (type && !JSON_TYPE.test(type)) throw new FetchRefused({ detail: `It answered with ${type.split(";")[0]}, not JSON.` }, "invalid");
  const text = await readText(response, budget);
  if (text === undefined) {
    const value = await budget.race(response.json());
    checkJsonValue(value);
    return value;
  }
  return parseJsonDocument(text);
}

type Request = { fetch: GuardedFetch; own: boolean };

function requestOf(fetch: FetchLike): Request {
  if (isGuarded(fetch)) return { fetch, own: false };
  return { fetch: guardFetch(fetch, new Budget(), {}), own: true };
}

/**
 * Runs one request and the reading of its body, turning guard refusals into `fail`s naming
 * `document` (a word of TERMS.document, or words of the caller's own, said in English only).
 */
async function withRequest<T>(
  { fetch, fail }: Fetching,
  url: string,
  document: DocumentTerm | string,
  work: (request: GuardedFetch) => Promise<T>,
): Promise<T> {
  const what = documentText(document);
  const subject = `${capitalize(what)} at ${url}`;
  if (!/^https?:\/\//i.test(url))
    throw fail(
      said("fetch.not-http", { document, url }, `${capitalize(what)} is at ${url}, which is not an http(s) URL this verifier can fetch.`),
      "error",
    );
  if (!fetch) throw fail(said("fetch.no-fetch", { document }, `No way to fetch ${what} was given, so it could not be checked.`), "error");
  const request = requestOf(fetch);
  const before = request.fetch.budget.waitingFor;
  request.fetch.budget.waitingFor = subject;
  try {
    return await work(request.fetch);
  } catch (error) {
    if (error instanceof BudgetExceeded)
      throw fail(
        said(
          "fetch.timeout",
          { document, url, budget: error.timeoutMs },
          `${subject} did not answer within the ${budgetText(error.timeoutMs)} budget.`,
        ),
        "error",
      );
    if (error instanceof FetchRefused) {
      if (error.said) throw fail(error.said, error.verdict);
      const { detail, max } = error.about ?? { detail: error.message };
      const message = `${subject}: ${detail}`;
      throw fail(
        max !== undefined
          ? said("fetch.too-large", { document, url, max }, message)
          : said("fetch.refused", { document, url, detail }, message),
        error.verdict,
      );
    }
    if (error instanceof JsonShapeError)
      throw fail(said("fetch.refused", { document, url, detail: error.message }, `${subject} is refused: ${error.message}`));
    throw error;
  } finally {
    request.fetch.budget.waitingFor = before;
    if (request.own) request.fetch.budget.close();
  }
}

async function get(
  fetch: GuardedFetch,
  fail: Failure,
  url: string,
  document: string,
  accept: { gone?: boolean; goneIs?: "invalid" | "error" } = {},
): Promise<FetchResponse> {
  const what = capitalize(documentText(document));
  let response: FetchResponse;
  try {
    response = await fetch(url, { headers: { accept: ACCEPT } });
  } catch (error) {
    if (error instanceof BudgetExceeded || error instanceof FetchRefused) throw error;
    if (fetch.budget.expired && fetch.budget.signal.reason instanceof BudgetExceeded) throw fetch.budget.signal.reason;
    const detail = messageOf(error);
    throw fail(said("fetch.failed", { document, url, detail }, `${what} at ${url} could not be fetched (${detail}).`), "error");
  }
  if (response.ok || (accept.gone && response.status === 410)) return response;
  await response.body?.cancel().catch(() => undefined);
  throw fail(
    said("fetch.http-status", { document, url, httpStatus: response.status }, `${what} at ${url} answered HTTP ${response.status}.`),
    response.status === 404 || response.status === 410 ? (accept.goneIs ?? "invalid") : "error",
  );
}

/** The JSON at `url` (`document` names it in messages: "revocation-list", see TERMS.document). */
export async function fetchJson(fetching: Fetching, url: string, document: DocumentTerm | string): Promise<unknown> {
  return withRequest(fetching, url, document, async (fetch) => {
    const response = await get(fetch, fetching.fail, url, document, { goneIs: fetching.gone });
    try {
      return await readJson(response, fetch.budget);
    } catch (error) {
      if (error instanceof BudgetExceeded || error instanceof FetchRefused || error instanceof JsonShapeError) throw error;
      throw fetching.fail(said("fetch.not-json", { document, url }, `${capitalize(documentText(document))} at ${url} is not JSON.`));
    }
  });
}

/**
 * A hosted Open Badges 2.0 document: its JSON object, or, when the server answers 410 Gone (the
 * spec's answer for a revoked assertion), the reason its body gives.
 */
export type HostedDocument = { revoked: false; document: Json } | { revoked: true; reason: string | undefined };

export async function fetchHosted(fetching: Fetching, url: string, document: DocumentTerm): Promise<HostedDocument> {
  return withRequest(fetching, url, document, async (fetch) => {
    const response = await get(fetch, fetching.fail, url, document, { gone: true });
    let body: unknown;
    try {
      body = await readJson(response, fetch.budget);
    } catch (error) {
      // A revoked assertion's body is only read for its reason: any body will do.
      if (response.status !== 410 && (error instanceof BudgetExceeded || error instanceof FetchRefused || error instanceof JsonShapeError))
        throw error;
      if (error instanceof BudgetExceeded) throw error;
      body = undefined;
    }
    if (response.status === 410) {
      const reason = isJson(body) && typeof body.revocationReason === "string" && body.revocationReason ? body.revocationReason : undefined;
      return { revoked: true, reason };
    }
    if (!isJson(body))
      throw fetching.fail(
        said("fetch.not-json", { document, url }, `${capitalize(documentText(document))} at ${url} did not return a JSON document.`),
      );
    return { revoked: false, document: body };
  });
}
