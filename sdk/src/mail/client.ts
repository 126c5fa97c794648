// Sends a signed award-mail envelope to a gateway, its credentials in parts small enough for the
// gateway's body limit (one signature, several requests), and collects each recipient's outcome.
import type { Hex } from "viem";
import { normalizeGatewayBase } from "../ids.ts";
import { hostedUrl } from "../urls.ts";
import { AwardMailError, type AwardMailOutcome, type SignedAwardMails } from "./request.ts";

/** The gateway refuses bodies above 4 MiB; parts stay well under it. */
export const MAIL_PART_MAX_BYTES = 2 * 1024 * 1024;
export const MAIL_PART_MAX_CREDENTIALS = 20;

/** The URL a gateway takes award mails at. */
export function awardMailUrl(gatewayBase: string, chainId: number): string {
  return hostedUrl(normalizeGatewayBase(gatewayBase), "mailAwards", { chainId });
}

/** The gateway refused the whole request (not configured, bad signature, rate limited…): `status` and its message. */
export class AwardMailRefused extends AwardMailError {
  readonly status: number;
  readonly error: string;
  constructor(status: number, error: string, message: string) {
    super(message);
    this.name = "AwardMailRefused";
    this.status = status;
    this.error = error;
  }
}

export type SendAwardMailsOptions = {
  fetch?: typeof fetch;
  onProgress?: (progress: { done: number; total: number; outcomes: AwardMailOutcome[] }) => void;
  /** Waits after a 429 at most this many times per part (default 3). */
  retries?: number;
};

/**
 * POSTs the envelope with each part of the credentials (as text/plain JSON: a CORS simple request).
 * Recipients whose credential is missing are reported refused without asking the gateway.
 */
export async function sendAwardMails(
  gatewayBase: string,
  envelope: SignedAwardMails,
  credentials: Record<string, object>,
  options: SendAwardMailsOptions = {},
): Promise<AwardMailOutcome[]> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const url = awardMailUrl(gatewayBase, envelope.chainId);
  const outcomes: AwardMailOutcome[] = [];
  const total = envelope.recipients.length;
  const parts: Record<string, object>[] = [];
  let part: Record<string, object> = {};
  let size = 0;
  for (const r of envelope.recipients) {
    const credential = credentials[r.uid] ?? credentials[r.uid.toLowerCase()];
    if (!credential) {
      outcomes.push({
        uid: r.uid,
        email: r.email,
        status: "refused",
        code: "no-credential",
        message: "No credential was given for this badge.",
      });
      continue;
    }
    const bytes = JSON.stringify(credential).length;
    if (Object.keys(part).length > 0 && (size + bytes > MAIL_PART_MAX_BYTES || Object.keys(part).length >= MAIL_PART_MAX_CREDENTIALS)) {
      parts.push(part);
      part = {};
      size = 0;
    }
    part[r.uid] = credential;
    size += bytes;
  }
  if (Object.keys(part).length > 0) parts.push(part);
  options.onProgress?.({ done: outcomes.length, total, outcomes: [...outcomes] });
  for (const slice of parts) {
    const body = JSON.stringify({ envelope, credentials: slice });
    for (let attempt = 0; ; attempt++) {
      const response = await doFetch(url, { method: "POST", headers: { "content-type": "text/plain;charset=UTF-8" }, body });
      const answer = (await response.json().catch(() => ({}))) as { outcomes?: AwardMailOutcome[]; error?: string; message?: string };
      if (response.ok && Array.isArray(answer.outcomes)) {
        outcomes.push(...answer.outcomes);
        break;
      }
      const wait = Number(response.headers.get("retry-after") ?? "0");
      if (response.status === 429 && attempt < (options.retries ?? 3) && wait > 0 && wait <= 60) {
        await new Promise((resolve) => setTimeout(resolve, wait * 1000));
        continue;
      }
      throw new AwardMailRefused(
        response.status,
        answer.error ?? "mail-refused",
        answer.message ?? `The gateway answered ${response.status} to the award mails.`,
      );
    }
    options.onProgress?.({ done: outcomes.length, total, outcomes: [...outcomes] });
  }
  return outcomes;
}

/** The uids of a signed envelope, in order. */
export const envelopeUids = (envelope: SignedAwardMails): Hex[] => envelope.recipients.map((r) => r.uid);
