// "Send award e-mails": after an award or a bulk run, one wallet signature asks the gateway to mail
// each learner with an e-mail the badge picture, its share link, the baked badge and, for a badge
// published with its key, a wallet offer good for 7 days (sdk/mail withWalletOffers). The
// gateway checks the signer, the badges and the addresses on chain; each learner's outcome is listed.
import {
  AWARD_MAIL_OUTCOME_CODES,
  AWARD_MAIL_REQUEST_CODES,
  type AwardMailOutcome,
  type AwardMailOutcomeCode,
  type AwardMailRecipient,
  AwardMailRefused,
  type AwardMailRequestCode,
  MAIL_LOCALES,
  MAIL_REQUEST_TTL_SECONDS,
  type MailLocale,
  sendAwardMails,
  signAwardMails,
  withWalletOffers,
} from "@chancery/sdk/mail";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useChainEnv } from "../lib/chainEnv.tsx";
import { type Explained, explain } from "../lib/errors.ts";
import type { WriteContext } from "../sdk/light.ts";
import { ActionButton, Chip, ErrorNotice, Notice, Section } from "./ui.tsx";

export type MailRecipient = AwardMailRecipient & { credential: object };

type State =
  | { kind: "idle" }
  | { kind: "signing" }
  | { kind: "sending"; done: number; total: number }
  | { kind: "done"; outcomes: AwardMailOutcome[]; withoutOffer: string[] }
  | { kind: "error"; error: Explained };

const isOutcomeCode = (code: unknown): code is AwardMailOutcomeCode => (AWARD_MAIL_OUTCOME_CODES as readonly unknown[]).includes(code);
const isRequestCode = (code: unknown): code is AwardMailRequestCode => (AWARD_MAIL_REQUEST_CODES as readonly unknown[]).includes(code);

const localeOf = (language: string): MailLocale => (MAIL_LOCALES.find((l) => language.toLowerCase().startsWith(l)) ?? "en") as MailLocale;

export function AwardMails({ issuerId, write, recipients }: { issuerId: number; write: WriteContext; recipients: MailRecipient[] }) {
  const { t, i18n } = useTranslation();
  const { config } = useChainEnv();
  const [state, setState] = useState<State>({ kind: "idle" });
  const total = recipients.length;
  const busy = state.kind === "signing" || state.kind === "sending";

  async function send() {
    setState({ kind: "signing" });
    try {
      // The offers are part of what is signed: asked first. A badge the gateway makes no offer for is mailed without it.
      const offered = await withWalletOffers(
        config.gatewayUrl,
        config.chainId,
        recipients.map(({ credential: _credential, ...r }) => r),
      );
      const envelope = await signAwardMails(write.wallet, {
        chainId: config.chainId,
        registry: write.registry,
        issuerId,
        locale: localeOf(i18n.language),
        recipients: offered.recipients,
      });
      setState({ kind: "sending", done: 0, total });
      const outcomes = await sendAwardMails(config.gatewayUrl, envelope, Object.fromEntries(recipients.map((r) => [r.uid, r.credential])), {
        onProgress: (p) => setState({ kind: "sending", done: p.done, total: p.total }),
      });
      setState({ kind: "done", outcomes, withoutOffer: [...offered.withoutOffer.values()] });
    } catch (error) {
      // The gateway's refusal by its code, in the reader's language (its English sentence otherwise).
      const refused =
        error instanceof AwardMailRefused && isRequestCode(error.error)
          ? {
              kind: "generic" as const,
              title: t("awardMail.refusedTitle"),
              detail: t(`awardMail.request.${error.error}`, { minutes: MAIL_REQUEST_TTL_SECONDS / 60, status: error.status }),
            }
          : undefined;
      setState({ kind: "error", error: refused ?? explain(error, t) });
    }
  }

  /** Why one learner's mail was not sent, in the reader's language when the gateway gave a code it knows. */
  const reasonOf = (o: AwardMailOutcome) =>
    isOutcomeCode(o.code) ? t(`awardMail.outcome.${o.code}`, { detail: "", ...o.params }) : o.message;

  const sent = state.kind === "done" ? state.outcomes.filter((o) => o.status === "sent").length : 0;
  const percent = state.kind === "sending" && state.total ? Math.round((state.done / state.total) * 100) : 0;
  return (
    <Section title={t("awardMail.title")} id="award-mail" description={total ? t("awardMail.description", { count: total }) : undefined}>
      <div className="stack award-mail">
        {total === 0 && <p className="small muted">{t("awardMail.none")}</p>}
        {recipients.some((r) => r.key && !r.batchId) && <p className="small muted">{t("walletOfferMore.mailIncluded")}</p>}
        {state.kind === "sending" && (
          <div className="progress-block">
            <div className="progress-label">
              <span>{t("awardMail.progress", { done: state.done, total: state.total })}</span>
              <span>{percent} %</span>
            </div>
            <div
              className="progress"
              role="progressbar"
              aria-label={t("awardMail.progressLabel")}
              aria-valuemin={0}
              aria-valuemax={state.total}
              aria-valuenow={state.done}
            >
              <div className="progress-fill" style={{ width: `${percent}%` }} />
            </div>
          </div>
        )}
        {state.kind === "error" && <ErrorNotice error={state.error} />}
        {state.kind === "done" && (
          <>
            <Notice tone={sent === state.outcomes.length ? "success" : "warning"} title={t("awardMail.doneTitle", { count: sent })}>
              {sent === state.outcomes.length
                ? t("awardMail.doneBody")
                : t("awardMail.someNotSent", { count: state.outcomes.length - sent })}
            </Notice>
            {state.withoutOffer.length > 0 && (
              <p className="small muted" data-testid="award-mail-without-offer">
                {t("walletOfferMore.mailWithout", { count: state.withoutOffer.length, reason: state.withoutOffer[0] })}
              </p>
            )}
            <ul className="award-mail-outcomes">
              {state.outcomes.map((o) => (
                <li key={o.uid}>
                  <span className="award-mail-address">{o.email}</span>
                  <Chip tone={o.status === "sent" ? "valid" : "revoked"}>{t(`awardMail.status.${o.status}`)}</Chip>
                  {o.status !== "sent" && reasonOf(o) && (
                    <span className="small muted award-mail-reason" data-outcome-code={o.code}>
                      {reasonOf(o)}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
        {total > 0 && state.kind !== "done" && (
          <div>
            <ActionButton
              type="button"
              onClick={() => void send()}
              pending={busy}
              pendingLabel={state.kind === "signing" ? t("common.confirmInWallet") : t("awardMail.sending")}
            >
              {state.kind === "error" ? t("awardMail.retry") : t("awardMail.send", { count: total })}
            </ActionButton>
          </div>
        )}
      </div>
    </Section>
  );
}
