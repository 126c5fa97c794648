import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { Hex, Notice, Section } from "../../components/ui.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { profileField } from "../../lib/onchainDocs.ts";
import { useIssuer } from "./context.tsx";
import { ProfileEditor } from "./ProfileEditor.tsx";
import { activeNow, useChainNow, useClasses, useIssuerBadges, useKeys, useStatusReason } from "./queries.ts";
import { IssuerStatusChip } from "./status.tsx";

export function Overview() {
  const { t, i18n } = useTranslation();
  const { issuer, role } = useIssuer();
  const [editing, setEditing] = useState(false);
  const { search } = useLocation();
  const classes = useClasses();
  const issued = useIssuerBadges();
  const keys = useKeys();
  const reason = useStatusReason();
  const profile = issuer.profile;
  const url = profileField(profile, "url");
  const now = useChainNow();
  const hasKey = keys.data?.some((k) => activeNow(k, now));
  const hasClass = classes.data?.some((c) => !c.retired);
  const hasBadge = (issued.data?.length ?? 0) > 0;
  const steps = [
    { done: true, label: t("overview.stepRegistered"), to: undefined },
    { done: !!hasKey, label: t("overview.stepKey"), to: "/issue/team" },
    { done: !!hasClass, label: t("overview.stepClass"), to: "/issue/classes" },
    { done: hasBadge, label: t("overview.stepAward"), to: "/issue/award" },
  ];
  const allDone = steps.every((s) => s.done);
  return (
    <div className="stack">
      {!allDone && !keys.isPending && !classes.isPending && !issued.isPending && (
        <Section title={t("overview.gettingStarted")} id="getting-started">
          <ol className="checklist">
            {steps.map((s) => (
              <li key={s.label} className={s.done ? "done" : ""}>
                <span className="check" aria-hidden="true">
                  {s.done ? "✓" : ""}
                </span>
                {s.to && !s.done ? <Link to={{ pathname: s.to, search }}>{s.label}</Link> : <span>{s.label}</span>}
                <span className="visually-hidden">{s.done ? t("overview.done") : t("overview.todo")}</span>
              </li>
            ))}
          </ol>
        </Section>
      )}
      <div className="stats">
        <div className="stat">
          <span className="stat-value">{classes.data ? classes.data.filter((c) => !c.retired).length : "–"}</span>
          <span className="stat-label">{t("overview.activeClasses")}</span>
        </div>
        <div className="stat">
          <span className="stat-value">{issued.data ? issued.data.length : "–"}</span>
          <span className="stat-label">{t("overview.badgesIssued")}</span>
        </div>
        <div className="stat">
          <span className="stat-value">{issued.data ? issued.data.filter((b) => b.revokedAt).length : "–"}</span>
          <span className="stat-label">{t("overview.revoked")}</span>
        </div>
      </div>
      <div className="two-col">
        <Section
          title={t("overview.profile")}
          id="profile"
          actions={
            role === "admin" &&
            !editing && (
              <button type="button" className="button button-secondary button-small" onClick={() => setEditing(true)}>
                {t("profile.edit")}
              </button>
            )
          }
        >
          {editing ? (
            <ProfileEditor onDone={() => setEditing(false)} />
          ) : (
            <dl className="facts-list">
              <div>
                <dt>{t("register.name")}</dt>
                <dd>{profileField(profile, "name")}</dd>
              </div>
              {url && (
                <div>
                  <dt>{t("register.url")}</dt>
                  <dd>
                    <a href={url} target="_blank" rel="noreferrer noopener">
                      {url}
                    </a>
                  </dd>
                </div>
              )}
              {profileField(profile, "email") && (
                <div>
                  <dt>{t("register.email")}</dt>
                  <dd>{profileField(profile, "email")}</dd>
                </div>
              )}
              {profileField(profile, "description") && (
                <div className="wide">
                  <dt>{t("register.description")}</dt>
                  <dd>{profileField(profile, "description")}</dd>
                </div>
              )}
              <div>
                <dt>{t("overview.admin")}</dt>
                <dd>
                  <Hex value={issuer.admin} copy />
                </dd>
              </div>
            </dl>
          )}
        </Section>
        <Section title={t("overview.status")} id="status">
          <p>
            <IssuerStatusChip status={issuer.status} />
          </p>
          <p>{t(`overview.statusBody.${issuer.status}`)}</p>
          {issuer.statusChangedAt > 0 && (
            <p className="muted">{t("overview.statusSince", { date: formatDateTime(issuer.statusChangedAt, i18n.language) })}</p>
          )}
          {reason.data && (
            <Notice tone={issuer.status === "suspended" ? "danger" : "warning"} title={t("overview.reason")}>
              {reason.data}
            </Notice>
          )}
        </Section>
      </div>
    </div>
  );
}
