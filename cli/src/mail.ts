// `--mail` after `chancery issue`: one wallet signature for every learner of the run with an e-mail,
// then the gateway (--gateway) mails each the badge picture, its share link, the baked badge and, for
// a badge published with its key, a wallet offer (OpenID4VCI, one use, 7 days).
// Asked for explicitly: mailing people is never a side effect of issuing.
import { explainError } from "@chancery/sdk/chain";
import { type AwardMailOutcome, MAIL_LOCALES, type MailLocale, sendAwardMails, signAwardMails, withWalletOffers } from "@chancery/sdk/mail";
import type { Hex } from "viem";
import { CliError, type Connection } from "./connect.ts";

export type MailItem = { uid: Hex; email: string; credential: object; key?: string; batchId?: Hex };

export function mailLocale(value: string | undefined): MailLocale {
  if (value === undefined) return "en";
  if (!MAIL_LOCALES.includes(value as MailLocale))
    throw new CliError(`--mail-locale must be one of ${MAIL_LOCALES.join(", ")}; got ${value}.`, 2);
  return value as MailLocale;
}

/** The results CSV's mail column: sent, or why not. */
export const mailColumn = (outcome: AwardMailOutcome | undefined) =>
  outcome ? (outcome.status === "sent" ? "sent" : `${outcome.status}: ${outcome.message ?? ""}`) : "";

/**
 * Signs and sends the award e-mails of `items` (the issuer's signer wallet signs once). A refusal of
 * the whole request (gateway without SMTP, not a signer, rate limit) becomes every item's outcome.
 */
export async function mailAwards(
  conn: Connection,
  issuerId: number,
  items: MailItem[],
  locale: MailLocale,
): Promise<Map<Hex, AwardMailOutcome>> {
  const byUid = new Map<Hex, AwardMailOutcome>();
  if (items.length === 0) return byUid;
  if (!conn.ctx.wallet) throw new CliError("--mail needs the issuer's signer wallet to sign the request.", 2);
  try {
    // The offers are part of what is signed: asked first. A badge the gateway makes no offer for is mailed without it.
    const { recipients, withoutOffer } = await withWalletOffers(
      conn.gatewayBase,
      conn.chainId,
      items.map((i) => ({
        uid: i.uid,
        email: i.email,
        ...(i.key ? { key: i.key } : {}),
        ...(i.batchId ? { batchId: i.batchId } : {}),
      })),
    );
    const first = withoutOffer.values().next();
    if (!first.done) process.stderr.write(`${withoutOffer.size} e-mail(s) go without a wallet offer: ${first.value}\n`);
    const envelope = await signAwardMails(conn.ctx.wallet, {
      chainId: conn.chainId,
      registry: conn.registry,
      issuerId,
      locale,
      recipients,
    });
    const outcomes = await sendAwardMails(conn.gatewayBase, envelope, Object.fromEntries(items.map((i) => [i.uid, i.credential])));
    for (const o of outcomes) byUid.set(o.uid, o);
  } catch (error) {
    const message = explainError(error).message;
    for (const i of items) byUid.set(i.uid, { uid: i.uid, email: i.email, status: "failed", message });
  }
  return byUid;
}
