// The wallet offer of an award e-mail: before the signer signs, each learner whose badge was
// published with its key gets an OpenID4VCI credential offer that lives long enough to be found in
// an inbox (MAIL_OFFER_LIFETIME_SECONDS; the message says how long). The offer is part of what is
// signed, so it is asked first. A gateway that makes no offer for a badge costs that learner only
// the wallet button: the e-mail still goes, and the reason is kept.
import type { Hex } from "viem";
import { requestCredentialOffer } from "../hosted/oid4vci.ts";
import type { AwardMailRecipient } from "./request.ts";

/** An e-mailed offer is accepted for 7 days (the gateway allows up to 30); the message states it. */
export const MAIL_OFFER_LIFETIME_SECONDS = 7 * 86_400;
/** Offers asked at once of the gateway. */
const OFFERS_IN_FLIGHT = 4;

export type RecipientsWithOffers = {
  recipients: AwardMailRecipient[];
  /** Badges with a key the gateway made no offer for, and why (their mail goes without the wallet button). */
  withoutOffer: Map<Hex, string>;
};

/**
 * Adds `walletOfferUrl` to every recipient that has a badge key (published badges) and none yet.
 * Merkle-batched badges and badges given without a key get no offer (nothing the gateway can open).
 */
export async function withWalletOffers(
  gatewayBase: string,
  chainId: number,
  recipients: AwardMailRecipient[],
  options: { fetch?: typeof fetch; lifetimeSeconds?: number } = {},
): Promise<RecipientsWithOffers> {
  const out = [...recipients];
  const withoutOffer = new Map<Hex, string>();
  const todo = out.flatMap((r, index) => (r.key && !r.batchId && !r.walletOfferUrl ? [index] : []));
  const lifetimeSeconds = options.lifetimeSeconds ?? MAIL_OFFER_LIFETIME_SECONDS;
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < todo.length; i = next++) {
      const index = todo[i] as number;
      const r = out[index] as AwardMailRecipient;
      try {
        const answer = await requestCredentialOffer(
          gatewayBase,
          chainId,
          { uid: r.uid, key: r.key as string, lifetimeSeconds },
          options.fetch ?? globalThis.fetch,
        );
        out[index] = { ...r, walletOfferUrl: answer.offerUri };
      } catch (error) {
        withoutOffer.set(r.uid, (error as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(OFFERS_IN_FLIGHT, todo.length) }, worker));
  return { recipients: out, withoutOffer };
}
