import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { chipOf } from "../lib/badgeStatus.ts";
import { formatDate, imageOf, safeImageSrc, textOf } from "../lib/format.ts";
import type { LearnerBadge } from "../lib/learner.ts";
import { profileField } from "../lib/onchainDocs.ts";
import { BadgeChip } from "./BadgeChip.tsx";

export function BadgeCard({ badge, to }: { badge: LearnerBadge; to: string }) {
  const { t, i18n } = useTranslation();
  const content = badge.badgeClass?.content;
  const name = textOf(content, "name") ?? t("issued.badge");
  const image = safeImageSrc(imageOf(content));
  const issuer = profileField(badge.issuer?.profile, "name") ?? (badge.status.issuerId ? `#${badge.status.issuerId}` : "");
  return (
    <li className="badge-card">
      <Link to={to} className="badge-card-link">
        <div className="badge-card-image">
          {image ? <img src={image} alt="" /> : <div className="image-placeholder" aria-hidden="true" />}
        </div>
        <div className="badge-card-body">
          <h3>{name}</h3>
          <p className="badge-card-issuer">{issuer}</p>
          <div className="badge-card-footer">
            <span className="muted small">{formatDate(badge.status.issuedAt, i18n.language)}</span>
            <BadgeChip kind={chipOf(badge.status)} />
          </div>
        </div>
      </Link>
    </li>
  );
}
