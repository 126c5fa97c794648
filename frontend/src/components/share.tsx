// Share and download a badge: link + QR code, LinkedIn "add to profile", baked PNG / SVG, JSON.
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { badgeFileName, bakedPng, bakedSvg } from "../lib/bake.ts";
import { type Explained, explain } from "../lib/errors.ts";
import { downloadBlob } from "../lib/format.ts";
import { ChanceryError, credentialEmailRecipient, QR_MAX_LINK_LENGTH, requestClaimUrl } from "../sdk/light.ts";
import { QrCode } from "./QrCode.tsx";
import { CopyButton, ErrorNotice } from "./ui.tsx";

/** LinkedIn's "Add licence or certification" link, prefilled. */
export function linkedInUrl(input: {
  name: string;
  organization?: string;
  issuedAt?: number;
  expiresAt?: number;
  certUrl: string;
  certId: string;
}): string {
  const params = new URLSearchParams({ startTask: "CERTIFICATION_NAME", name: input.name, certUrl: input.certUrl, certId: input.certId });
  if (input.organization) params.set("organizationName", input.organization);
  if (input.issuedAt) {
    const d = new Date(input.issuedAt * 1000);
    params.set("issueYear", String(d.getUTCFullYear()));
    params.set("issueMonth", String(d.getUTCMonth() + 1));
  }
  if (input.expiresAt) {
    const d = new Date(input.expiresAt * 1000);
    params.set("expirationYear", String(d.getUTCFullYear()));
    params.set("expirationMonth", String(d.getUTCMonth() + 1));
  }
  return `https://www.linkedin.com/profile/add?${params.toString()}`;
}

/**
 * The two links of one badge. `record`: no key — the verifier checks the record on chain (status,
 * issuer, dates) and shows the public class; the learner's name and details stay private. `full`: with
 * the key in the fragment (`#k=`, content published on chain) or the credential itself (`#c=`, content
 * not on chain, e.g. Merkle-batched) — it also shows the badge's content; absent when this device
 * cannot make it (no key here, the credential not here, or too large for a link).
 */
export type ShareLinks = { record: string; full?: string; fullMissing?: "no-key" | "not-published" | "too-long" };

/** Whether a link shows the full badge: it carries the key or the credential in its fragment. */
const isFullLink = (link: string) => /#(?:.*&)?[kc]=/.test(link);

type Choice = "record" | "full";

/**
 * The share link, its QR code and LinkedIn's "add to profile". Given `links`, the learner chooses
 * between the record-only link (the default: safe to publish) and the full one; given `link`, that link.
 */
export function ShareLink({
  link,
  links,
  linkedIn,
}: {
  link?: string;
  links?: ShareLinks;
  /** LinkedIn's prefilled URL for the chosen link (undefined: not offered, e.g. a revoked badge). */
  linkedIn?: string | ((url: string) => string | undefined);
}) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<Choice>("record");
  const chosen = links ? (choice === "full" && links.full ? links.full : links.record) : (link ?? "");
  const full = isFullLink(chosen);
  const carried = chosen.includes("#c=");
  // A full link that carries the credential can be too long for a phone camera: the QR code then opens the record-only link.
  const tooLongForQr = chosen.length > QR_MAX_LINK_LENGTH;
  const qrText = tooLongForQr && links && links.record.length <= QR_MAX_LINK_LENGTH ? links.record : chosen;
  const qrFallback = qrText !== chosen;
  const linkedInHref = typeof linkedIn === "function" ? linkedIn(chosen) : linkedIn;
  const share = (
    <div className="share">
      <div className="share-link">
        <label htmlFor="share-link-input" className="field-label">
          {t("share.link")}
        </label>
        <div className="input-with-button">
          <input
            id="share-link-input"
            readOnly
            value={chosen}
            onFocus={(e) => e.currentTarget.select()}
            data-share-kind={full ? "full" : "record"}
          />
          <CopyButton text={chosen} label={t("share.copyLink")} className="button" />
        </div>
        <p className="hint">{full ? (carried ? t("share.credentialNote") : t("share.keyNote")) : t("share.noKeyNote")}</p>
        {linkedInHref && (
          <>
            <a className="button button-linkedin" href={linkedInHref} target="_blank" rel="noreferrer noopener">
              {t("share.linkedIn")}
            </a>
            {full && <p className="hint share-public-warning">{t("recordLink.linkedInFull")}</p>}
          </>
        )}
      </div>
      <div className="share-qr">
        {tooLongForQr && !qrFallback ? (
          <p className="hint">{t("share.qrTooLong")}</p>
        ) : (
          <>
            <QrCode text={qrText} />
            <p className="hint" data-qr-kind={isFullLink(qrText) ? "full" : "record"}>
              {qrFallback ? t("share.qrRecordOnly", { length: chosen.length, max: QR_MAX_LINK_LENGTH }) : t("share.qrHint")}
            </p>
          </>
        )}
      </div>
    </div>
  );
  if (!links) return share;
  return (
    <div className="stack">
      <LinkChoice links={links} choice={links.full ? choice : "record"} onChoose={setChoice} />
      {share}
    </div>
  );
}

/** Record only or the full badge, each with what it shows; the full link disabled (saying why) when this device cannot make it. */
function LinkChoice({ links, choice, onChoose }: { links: ShareLinks; choice: Choice; onChoose: (choice: Choice) => void }) {
  const { t } = useTranslation();
  const name = useId();
  const option = (value: Choice, disabled: boolean) => (
    <label className={`share-choice-option${choice === value ? " selected" : ""}${disabled ? " disabled" : ""}`} data-share-choice={value}>
      <input type="radio" name={name} value={value} checked={choice === value} disabled={disabled} onChange={() => onChoose(value)} />
      <span>
        <span className="share-choice-title">{t(`recordLink.choice.${value}.title`)}</span>
        <span className="share-choice-body">
          {disabled && links.fullMissing
            ? t(`recordLink.choice.full.${links.fullMissing}`)
            : value === "full" && links.full?.includes("#c=")
              ? t("recordLink.choice.full.bodyCarried")
              : t(`recordLink.choice.${value}.body`)}
        </span>
      </span>
    </label>
  );
  return (
    <fieldset className="share-choice">
      <legend className="field-label">{t("recordLink.choice.legend")}</legend>
      {option("record", false)}
      {option("full", !links.full)}
    </fieldset>
  );
}

export function Downloads({
  credential,
  imageUri,
  name,
  hostedUrl,
  claimFrom,
}: {
  credential: object;
  imageUri?: string;
  name?: string;
  hostedUrl?: string;
  /** The gateway that makes claim URLs (an e-mail recipient's badge, for e-mail backpacks). */
  claimFrom?: { gatewayUrl: string; chainId: number };
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<Explained>();
  const [busy, setBusy] = useState<string>();
  const [claim, setClaim] = useState<{ url?: string; problem?: string }>();
  const claimGateway = claimFrom?.gatewayUrl;
  const claimChain = claimFrom?.chainId;
  useEffect(() => {
    // Only a badge awarded to an e-mail address can be claimed; the gateway checks it against the chain.
    if (claimGateway === undefined || claimChain === undefined || !credentialEmailRecipient(credential as Record<string, unknown>)) return;
    let live = true;
    requestClaimUrl(claimGateway, claimChain, credential).then(
      (answer) => live && setClaim({ url: answer.claimUrl }),
      (e: unknown) =>
        live &&
        setClaim({
          // An unreachable gateway is said in the reader's language; a refusal quotes the gateway's reason.
          problem:
            e instanceof ChanceryError && e.code === "unavailable"
              ? t("share.claimUnreachable")
              : t("share.claimFailed", { message: e instanceof Error ? e.message : String(e) }),
        }),
    );
    return () => {
      live = false;
    };
  }, [credential, claimGateway, claimChain, t]);
  async function download(kind: "png" | "svg" | "json") {
    setError(undefined);
    setBusy(kind);
    try {
      if (kind === "png") downloadBlob(await bakedPng(credential, imageUri, name), "image/png", badgeFileName(name, "png"));
      else if (kind === "svg") downloadBlob(await bakedSvg(credential, imageUri, name), "image/svg+xml", badgeFileName(name, "svg"));
      else downloadBlob(JSON.stringify(credential, null, 2), "application/ld+json", badgeFileName(name, "json"));
    } catch (e) {
      setError(explain(e, t));
    } finally {
      setBusy(undefined);
    }
  }
  return (
    <div className="stack">
      <div className="button-row">
        <button type="button" className="button" disabled={!!busy} onClick={() => void download("png")}>
          {t("share.downloadPng")}
        </button>
        <button type="button" className="button button-secondary" disabled={!!busy} onClick={() => void download("svg")}>
          {t("share.downloadSvg")}
        </button>
        <button type="button" className="button button-secondary" disabled={!!busy} onClick={() => void download("json")}>
          {t("share.downloadJson")}
        </button>
      </div>
      <p className="hint">{t("share.bakedHint")}</p>
      {hostedUrl && (
        <div className="hosted">
          <span className="field-label">{t("share.hosted")}</span>
          <div className="input-with-button">
            <input readOnly value={hostedUrl} aria-label={t("share.hosted")} onFocus={(e) => e.currentTarget.select()} />
            <CopyButton text={hostedUrl} />
          </div>
          <p className="hint">{t("share.hostedHint")}</p>
        </div>
      )}
      {claim?.url && (
        <div className="hosted">
          <span className="field-label">{t("share.claim")}</span>
          <div className="input-with-button">
            <input readOnly value={claim.url} aria-label={t("share.claim")} onFocus={(e) => e.currentTarget.select()} />
            <CopyButton text={claim.url} />
          </div>
          <p className="hint">{t("share.claimHint")}</p>
        </div>
      )}
      {claim?.problem && <p className="hint">{claim.problem}</p>}
      {error && <ErrorNotice error={error} />}
    </div>
  );
}
