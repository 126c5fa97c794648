// The one HTTP fetcher of verification: controller documents, signing keys, badge classes, issuer
// profiles, status lists and hosted assertions all come through it, by the caller's `fetch`
// (globalThis.fetch by default), so browsers, node and tests run the same code. A failure is made
// by the calling step's `fail`, so it names that step; a request that could not be made is
// "error" (could not check), a document that is gone (404, 410) is "invalid".
//
// It adds no size cap or timeout of its own: a document is read whole, when the caller's fetch
// answers (the place where per-verification budgets go).
import { isJson, type Json } from "./json.ts";
import { capitalize, messageOf } from "./words.ts";

/** The subset of `fetch` verification uses: pass `globalThis.fetch` or a stub. */
export type FetchLike = (
  url: string,
  init?: { headers?: Record<string, string> },
) => Promise<{
  ok: boolean;
  status: number;
  headers?: { get(name: string): string | null };
  json(): Promise<unknown>;
}>;

/** Makes the error a step throws (see `failuresOf`). */
export type Failure = (message: string, verdict?: "invalid" | "error") => Error;

/** What a request is for: the fetch to use, and who is asking. */
export type Fetching = { fetch: FetchLike | undefined; fail: Failure };

/** Open Badges 2.0 hosts negotiate content: ask for JSON-LD first. */
const ACCEPT = "application/ld+json, application/json";

/** globalThis.fetch, bound, where there is one. */
export function defaultFetch(): FetchLike | undefined {
  if (typeof globalThis.fetch !== "function") return undefined;
  const fetch = globalThis.fetch.bind(globalThis);
  return (url, init) => fetch(url, init);
}

type Response = Awaited<ReturnType<FetchLike>>;

async function get({ fetch, fail }: Fetching, url: string, what: string, accept: { gone?: boolean } = {}): Promise<Response> {
  if (!/^https?:\/\//i.test(url))
    throw fail(`${capitalize(what)} is at ${url}, which is not an http(s) URL this verifier can fetch.`, "error");
  if (!fetch) throw fail(`No way to fetch ${what} was given, so it could not be checked.`, "error");
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: ACCEPT } });
  } catch (error) {
    throw fail(`${capitalize(what)} at ${url} could not be fetched (${messageOf(error)}).`, "error");
  }
  if (response.ok || (accept.gone && response.status === 410)) return response;
  throw fail(
    `${capitalize(what)} at ${url} answered HTTP ${response.status}.`,
    response.status === 404 || response.status === 410 ? "invalid" : "error",
  );
}

/** The JSON at `url` (`what` names it in messages: "the issuer's revocation list"). */
export async function fetchJson(fetching: Fetching, url: string, what: string): Promise<unknown> {
  const response = await get(fetching, url, what);
  try {
    return await response.json();
  } catch {
    throw fetching.fail(`${capitalize(what)} at ${url} is not JSON.`);
  }
}

/**
 * A hosted Open Badges 2.0 document: its JSON object, or, when the server answers 410 Gone (the
 * spec's answer for a revoked assertion), the reason its body gives.
 */
export type HostedDocument = { revoked: false; document: Json } | { revoked: true; reason: string | undefined };

export async function fetchHosted(fetching: Fetching, url: string, what: string): Promise<HostedDocument> {
  const response = await get(fetching, url, what, { gone: true });
  const body = await response.json().catch(() => undefined);
  if (response.status === 410) {
    const reason = isJson(body) && typeof body.revocationReason === "string" && body.revocationReason ? body.revocationReason : undefined;
    return { revoked: true, reason };
  }
  if (!isJson(body)) throw fetching.fail(`${capitalize(what)} at ${url} did not return a JSON document.`);
  return { revoked: false, document: body };
}
