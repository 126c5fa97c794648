// What a record-only link shows (report.record): the public badge class as the registry publishes it,
// its issuer, the dates and the wallet the chain records — and, in words, that the badge's content
// (the learner's name and details) was withheld, with what to ask the holder for.
import { useTranslation } from "react-i18next";
import { displayImage } from "../lib/displayImage.ts";
import { formatDate } from "../lib/format.ts";
import type { VerificationReport } from "./types.ts";

const seconds = (iso: string | undefined) => (iso ? Date.parse(iso) / 1000 : undefined);

export function RecordCard({ report }: { report: VerificationReport }) {
  const { t, i18n } = useTranslation();
  const record = report.record;
  if (!record) return null;
  const { badgeClass } = record;
  const image = displayImage(badgeClass.image);
  const issuer = report.issuer;
  return (
    <div className="record-card" data-record-card>
      <div className="credential-summary">
        <div className="credential-image">
          {image.src ? <img src={image.src} alt="" data-record-image /> : <div className="image-placeholder" aria-hidden="true" />}
          {image.blocked === "remote" && <p className="hint small">{t("images.notLoaded")}</p>}
        </div>
        <dl className="facts-list">
          <div>
            <dt>{t("credential.achievement")}</dt>
            <dd className="credential-name">{badgeClass.name ?? t("recordLink.classNumber", { id: badgeClass.id })}</dd>
          </div>
          {issuer && (
            <div>
              <dt>{t("credential.issuer")}</dt>
              <dd>{issuer.name ? `${issuer.name} · #${issuer.id}` : `#${issuer.id}`}</dd>
            </div>
          )}
          <div>
            <dt>{t("credential.issued")}</dt>
            <dd>{formatDate(seconds(record.issuedAt), i18n.language)}</dd>
          </div>
          {record.expiresAt && (
            <div>
              <dt>{t("credential.expires")}</dt>
              <dd>{formatDate(seconds(record.expiresAt), i18n.language)}</dd>
            </div>
          )}
          <div className="wide">
            <dt>{t("recordLink.wallet")}</dt>
            <dd>{record.recipientWallet ? <code className="break">{record.recipientWallet}</code> : t("recordLink.noWallet")}</dd>
          </div>
          {badgeClass.description && (
            <div className="wide">
              <dt>{t("credential.description")}</dt>
              <dd>{badgeClass.description}</dd>
            </div>
          )}
        </dl>
      </div>
      {badgeClass.retired && <p className="hint small">{t("recordLink.classRetired")}</p>}
      <p className="record-withheld" role="note" data-record-withheld>
        <strong>{t("recordLink.withheldTitle")}</strong> {t("recordLink.withheldBody")}
      </p>
    </div>
  );
}
