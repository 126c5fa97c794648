import { readChainNow } from "@chancery/sdk/chain";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { isAddress } from "viem";
import { AwardMails } from "../../components/AwardMails.tsx";
import { Downloads, ShareLink } from "../../components/share.tsx";
import { ActionFooter, EmptyState, ErrorNotice, Field, Notice, Section, Spinner } from "../../components/ui.tsx";
import { WalletOffer } from "../../components/WalletOffer.tsx";
import { appBase } from "../../config.ts";
import { useChainEnv } from "../../lib/chainEnv.tsx";
import { explain, UiError } from "../../lib/errors.ts";
import { imageOf, safeImageSrc, shortHex, textOf } from "../../lib/format.ts";
import { useAction } from "../../lib/hooks.ts";
import { rememberBadge } from "../../lib/localBadges.ts";
import { profileField } from "../../lib/onchainDocs.ts";
import type { IssuerClass } from "../../lib/registryQueries.ts";
import {
  achievementInputFromClass,
  buildShareLink,
  encodeLinkCredential,
  issuerInputFromProfile,
  ob2AssertionUrl,
  readIssuerKeys,
} from "../../sdk/light.ts";
import { ClassSelect } from "./ClassSelect.tsx";
import { issuerKeys, useIssuer } from "./context.tsx";
import { isEmail, isHttpUrl } from "./forms.tsx";
import { activeNow, useClasses } from "./queries.ts";
import { rosterSecretFor } from "./roster.tsx";
import { deriveIssuerKey } from "./signingKey.ts";

type Issued = {
  uid: `0x${string}`;
  shareLink: string;
  /** Not published: the full link carrying the credential itself (`#c=`), unless too large for a link. */
  fullLink?: string;
  credential: object;
  imageUri?: string;
  name: string;
  published: boolean;
  email?: string;
  key?: string;
};

/** The full link of an unpublished badge, carrying its credential; none when it is too large for a link (the file then). */
function carriedFullLink(
  at: { chainId: number; registry: string; uid: string; classImage?: string | undefined; issuerImage?: string | undefined },
  credential: object,
): { fullLink?: string } {
  try {
    return { fullLink: buildShareLink({ appBase: appBase(), ...at, credential }) };
  } catch {
    return {};
  }
}

export function Award() {
  const { t } = useTranslation();
  const classes = useClasses();
  const { search } = useLocation();
  const [issued, setIssued] = useState<Issued>();
  if (classes.isPending) return <Spinner />;
  if (classes.isError) return <ErrorNotice error={explain(classes.error, t)} onRetry={() => void classes.refetch()} />;
  const active = classes.data.filter((c) => !c.retired);
  if (!isNonEmpty(active))
    return (
      <EmptyState title={t("award.noClassTitle")} icon="badge">
        <p>{t("award.noClassBody")}</p>
        <Link className="button" to={{ pathname: "/issue/classes", search }}>
          {t("classes.create")}
        </Link>
      </EmptyState>
    );
  if (issued) return <AwardResult issued={issued} onAnother={() => setIssued(undefined)} />;
  return <AwardForm classes={active} onIssued={setIssued} />;
}

function endOfDay(date: string): Date | undefined {
  if (!date) return undefined;
  const d = new Date(`${date}T23:59:59`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function isNonEmpty<T>(list: T[]): list is [T, ...T[]] {
  return list.length > 0;
}

function AwardForm({ classes, onIssued }: { classes: [IssuerClass, ...IssuerClass[]]; onIssued: (issued: Issued) => void }) {
  const { t, i18n } = useTranslation();
  const { config } = useChainEnv();
  const session = useIssuer();
  const { issuer, write, role } = session;
  const [first] = classes;
  const [classId, setClassId] = useState(first.classId);
  const [email, setEmail] = useState("");
  const [wallet, setWallet] = useState("");
  const [name, setName] = useState("");
  const [evidenceUrl, setEvidenceUrl] = useState("");
  const [evidenceText, setEvidenceText] = useState("");
  const [expiry, setExpiry] = useState("");
  const [publish, setPublish] = useState(true);
  const [touched, setTouched] = useState(false);
  const { state, run } = useAction<Issued>({ invalidate: [issuerKeys.issued(issuer.issuerId)] });
  const chosen = classes.find((c) => c.classId === classId) ?? first;
  const image = safeImageSrc(imageOf(chosen.content));
  const expiresAt = endOfDay(expiry);

  const errors = {
    recipient: !email.trim() && !wallet.trim() ? t("award.recipientRequired") : undefined,
    email: email.trim() && !isEmail(email) ? t("register.emailInvalid") : undefined,
    wallet: wallet.trim() && !isAddress(wallet.trim()) ? t("team.addressInvalid") : undefined,
    evidenceUrl: evidenceUrl.trim() && !isHttpUrl(evidenceUrl.trim()) ? t("register.urlInvalid") : undefined,
    expiry: expiry && (!expiresAt || expiresAt.getTime() <= Date.now()) ? t("award.expiryFuture") : undefined,
  };
  const valid = Object.values(errors).every((e) => !e);
  const show = (key: keyof typeof errors) => (touched ? errors[key] : undefined);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (!valid) return;
    const result = await run(async (step) => {
      let key = session.signingKey;
      if (!key) {
        step(t("award.stepKey"));
        key = await deriveIssuerKey(session);
      }
      const keys = await readIssuerKeys(write, issuer.issuerId);
      const registered = keys.find((k) => k.publicKey.toLowerCase() === key.publicKeyHex.toLowerCase());
      // At the chain's time: the registry judges the key at the issuing block's time, which a local node may put ahead.
      if (!registered || !activeNow(registered, await readChainNow(write))) {
        throw new UiError("generic", role === "admin" ? t("award.keyMissingAdmin") : t("team.askAdmin", { key: key.publicKeyHex }));
      }
      step(t("award.stepSign"));
      const { issueAward } = await import("../../sdk/heavy.ts");
      const evidence =
        evidenceUrl.trim() || evidenceText.trim()
          ? [
              {
                ...(evidenceUrl.trim() ? { id: evidenceUrl.trim() } : {}),
                ...(evidenceText.trim() ? { narrative: evidenceText.trim() } : {}),
              },
            ]
          : undefined;
      // Signed with the class's next status index (its W3C status list entry) and recorded; signed
      // again if another issue took that index first. A class's first badge also publishes its
      // signed, all-zero status list (one more wallet confirmation).
      step(t("common.confirmInWallet"));
      const anchored = await issueAward(
        write,
        {
          issuer: issuerInputFromProfile(issuer.issuerId, issuer.profile),
          achievement: achievementInputFromClass(chosen.content),
          recipient: {
            ...(email.trim() ? { email: email.trim() } : {}),
            ...(wallet.trim() ? { wallet: wallet.trim() } : {}),
            ...(name.trim() ? { name: name.trim() } : {}),
          },
          ...(evidence ? { evidence } : {}),
          validFrom: new Date(),
          ...(expiresAt ? { validUntil: expiresAt } : {}),
          deployment: { chainId: config.chainId, registry: write.registry },
          gatewayBase: config.gatewayUrl,
          classId: chosen.classId,
        },
        key,
        // The key comes from this wallet's roster (one signature a visit): the issuer reads the badge again on any device.
        { expiresAt, publish: publish ? { appBase: appBase(), roster: await rosterSecretFor(session) } : undefined },
      );
      const shareLink =
        anchored.shareLink ?? buildShareLink({ appBase: appBase(), chainId: config.chainId, registry: write.registry, uid: anchored.uid });
      rememberBadge({
        chainId: config.chainId,
        registry: write.registry,
        uid: anchored.uid,
        key: anchored.key,
        // Not published: the badge's full link carries its credential, kept for it on this device.
        ...(anchored.key
          ? {}
          : {
              linkCredential: encodeLinkCredential(anchored.credential, {
                classImage: imageOf(chosen.content),
                issuerImage: imageOf(issuer.profile),
              }),
            }),
        label: name.trim() || email.trim() || wallet.trim(),
      });
      return {
        uid: anchored.uid,
        shareLink,
        ...(anchored.key
          ? {}
          : carriedFullLink(
              {
                chainId: config.chainId,
                registry: write.registry,
                uid: anchored.uid,
                classImage: imageOf(chosen.content),
                issuerImage: imageOf(issuer.profile),
              },
              anchored.credential,
            )),
        credential: anchored.credential,
        imageUri: imageOf(chosen.content),
        name: textOf(chosen.content, "name") ?? "badge",
        published: !!anchored.key,
        ...(email.trim() ? { email: email.trim() } : {}),
        ...(anchored.key ? { key: anchored.key } : {}),
      };
    });
    if (result) onIssued(result);
  }

  const recipientLabel =
    name.trim() ||
    (email.trim()
      ? email.trim().replace(/^(.).*(@.*)$/, "$1•••$2")
      : wallet.trim()
        ? shortHex(wallet.trim())
        : t("award.previewRecipient"));
  return (
    <Section title={t("award.title")} description={t("award.description")} id="award">
      <div className="form-with-preview">
        <form className="stack" onSubmit={submit} noValidate>
          <ClassSelect classes={classes} value={classId} onChange={setClassId} />
          <fieldset className="fieldset">
            <legend>{t("award.recipient")}</legend>
            <p className="small muted">{t("award.recipientHint")}</p>
            <Field label={t("award.email")} hint={t("award.emailHint")} error={show("email") ?? show("recipient")} optional>
              {(p) => <input {...p} type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />}
            </Field>
            <Field label={t("award.wallet")} hint={t("award.walletHint")} error={show("wallet")} optional>
              {(p) => (
                <input
                  {...p}
                  value={wallet}
                  onChange={(e) => setWallet(e.target.value)}
                  placeholder="0x…"
                  spellCheck={false}
                  autoComplete="off"
                />
              )}
            </Field>
            <Field label={t("award.name")} hint={t("award.nameHint")} optional>
              {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" maxLength={200} />}
            </Field>
          </fieldset>
          <fieldset className="fieldset">
            <legend>{t("award.evidence")}</legend>
            <Field label={t("award.evidenceUrl")} error={show("evidenceUrl")} optional>
              {(p) => (
                <input {...p} type="url" value={evidenceUrl} onChange={(e) => setEvidenceUrl(e.target.value)} placeholder="https://" />
              )}
            </Field>
            <Field label={t("award.evidenceText")} optional>
              {(p) => <textarea {...p} rows={2} value={evidenceText} onChange={(e) => setEvidenceText(e.target.value)} maxLength={2000} />}
            </Field>
          </fieldset>
          <Field label={t("award.expiry")} hint={t("award.expiryHint")} error={show("expiry")} optional>
            {(p) => (
              <input
                {...p}
                type="date"
                value={expiry}
                onChange={(e) => setExpiry(e.target.value)}
                min={new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}
              />
            )}
          </Field>
          <label className="checkbox">
            <input type="checkbox" checked={publish} onChange={(e) => setPublish(e.target.checked)} />
            <span>
              <strong>{t("award.publish")}</strong>
              <span className="hint">{t("award.publishHint")}</span>
            </span>
          </label>
          {issuer.status === "suspended" && (
            <Notice tone="danger" title={t("issue.suspendedTitle")}>
              {t("issue.suspendedBody")}
            </Notice>
          )}
          <ActionFooter state={state} submitLabel={t("award.submit")} disabled={issuer.status === "suspended"} />
        </form>
        <aside className="preview" aria-label={t("award.preview")}>
          <p className="eyebrow">{t("award.preview")}</p>
          <div className="certificate">
            <div className="certificate-image">
              {image ? <img src={image} alt="" /> : <div className="image-placeholder" aria-hidden="true" />}
            </div>
            <p className="certificate-issuer">{profileField(issuer.profile, "name")}</p>
            <h3 className="certificate-name">{textOf(chosen.content, "name")}</h3>
            <p className="certificate-to">{t("award.previewAwardedTo")}</p>
            <p className="certificate-recipient">{recipientLabel}</p>
            <p className="certificate-dates">
              {new Intl.DateTimeFormat(i18n.language, { dateStyle: "long" }).format(new Date())}
              {expiresAt &&
                ` — ${t("award.previewExpires", { date: new Intl.DateTimeFormat(i18n.language, { dateStyle: "long" }).format(expiresAt) })}`}
            </p>
            {(evidenceUrl || evidenceText) && <p className="certificate-evidence">{t("award.previewEvidence")}</p>}
          </div>
        </aside>
      </div>
    </Section>
  );
}

function AwardResult({ issued, onAnother }: { issued: Issued; onAnother: () => void }) {
  const { t } = useTranslation();
  const session = useIssuer();
  const { config } = useChainEnv();
  const { search } = useLocation();
  return (
    <div className="stack">
      <Notice tone="success" title={t("award.successTitle")}>
        {t("award.successBody")}
      </Notice>
      {!issued.published && <Notice tone="warning">{t("award.notPublished")}</Notice>}
      <div className="two-col">
        <Section title={t("award.shareTitle")} id="award-share">
          {issued.fullLink ? (
            <ShareLink links={{ record: issued.shareLink, full: issued.fullLink }} />
          ) : (
            <ShareLink link={issued.shareLink} />
          )}
          {/* OpenID4VCI: the learner standing by scans the offer; only a badge published with its key can be offered. */}
          <div className="stack wallet-offer-block" id="award-wallet-offer">
            <p className="field-label">{t("walletOffer.title")}</p>
            {issued.key ? (
              <WalletOffer uid={issued.uid} badgeKey={issued.key} />
            ) : (
              <p className="hint" data-testid="wallet-offer-not-published">
                {t("walletOfferMore.notPublished")}
              </p>
            )}
          </div>
        </Section>
        <Section title={t("award.downloadsTitle")} id="award-downloads">
          <Downloads
            credential={issued.credential}
            imageUri={issued.imageUri}
            name={issued.name}
            hostedUrl={ob2AssertionUrl(config.gatewayUrl, config.chainId, issued.uid)}
            claimFrom={{ gatewayUrl: config.gatewayUrl, chainId: config.chainId }}
          />
        </Section>
      </div>
      <AwardMails
        issuerId={session.issuer.issuerId}
        write={session.write}
        recipients={
          issued.email
            ? [{ uid: issued.uid, email: issued.email, credential: issued.credential, ...(issued.key ? { key: issued.key } : {}) }]
            : []
        }
      />
      <div className="button-row">
        <button type="button" className="button" onClick={onAnother}>
          {t("award.another")}
        </button>
        <Link className="button button-secondary" to={{ pathname: "/issue/issued", search }}>
          {t("award.seeIssued")}
        </Link>
      </div>
    </div>
  );
}
