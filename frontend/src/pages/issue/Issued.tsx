import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { BadgeChip } from "../../components/BadgeChip.tsx";
import { ActionFooter, EmptyState, ErrorNotice, Field, Hex, Section, Spinner } from "../../components/ui.tsx";
import { chipOf } from "../../lib/badgeStatus.ts";
import { useChainEnv } from "../../lib/chainEnv.tsx";
import { explain } from "../../lib/errors.ts";
import { formatDate, textOf } from "../../lib/format.ts";
import { useAction } from "../../lib/hooks.ts";
import { findLocalBadge } from "../../lib/localBadges.ts";
import type { IssuedBadge } from "../../lib/registryQueries.ts";
import { REVOCATION_REASONS, type RevocationReasonName } from "../../sdk/light.ts";
import { issuerKeys, useIssuer } from "./context.tsx";
import { useClasses, useIssued } from "./queries.ts";
import { deriveIssuerKey } from "./signingKey.ts";

const PAGE = 25;

export function Issued() {
  const { t } = useTranslation();
  const { config } = useChainEnv();
  const issued = useIssued();
  const classes = useClasses();
  const { search: locationSearch } = useLocation();
  const [query, setQuery] = useState("");
  const [filter, setFilter] = useState<"all" | "valid" | "revoked" | "expired">("all");
  const [limit, setLimit] = useState(PAGE);
  const classNames = useMemo(
    () => new Map((classes.data ?? []).map((c) => [c.classId, textOf(c.content, "name") ?? `#${c.classId}`])),
    [classes.data],
  );

  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (issued.data ?? []).filter((b) => {
      const chip = chipOf(b.status);
      if (filter !== "all" && chip !== filter) return false;
      if (!q) return true;
      const label = findLocalBadge(config.chainId, config.registry ?? "", b.uid)?.label ?? "";
      const className = classNames.get(b.status?.classId ?? 0) ?? "";
      return [b.uid, b.recipient ?? "", label, className].some((s) => s.toLowerCase().includes(q));
    });
  }, [issued.data, query, filter, classNames, config]);

  return (
    <Section
      title={t("issued.title")}
      description={t("issued.description")}
      id="issued"
      actions={
        <Link className="button" to={{ pathname: "/issue/award", search: locationSearch }}>
          {t("issue.tabs.award")}
        </Link>
      }
    >
      <div className="toolbar">
        <div className="field grow">
          <label htmlFor="issued-search" className="visually-hidden">
            {t("issued.search")}
          </label>
          <input
            id="issued-search"
            type="search"
            placeholder={t("issued.searchPlaceholder")}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="issued-filter" className="visually-hidden">
            {t("issued.filter")}
          </label>
          <select id="issued-filter" value={filter} onChange={(e) => setFilter(e.target.value as typeof filter)}>
            <option value="all">{t("issued.filterAll")}</option>
            <option value="valid">{t("badgeStatus.valid")}</option>
            <option value="revoked">{t("badgeStatus.revoked")}</option>
            <option value="expired">{t("badgeStatus.expired")}</option>
          </select>
        </div>
      </div>
      {issued.isPending && <Spinner label={t("issued.loading")} />}
      {issued.isError && <ErrorNotice error={explain(issued.error, t)} onRetry={() => void issued.refetch()} />}
      {issued.data && issued.data.length === 0 && (
        <EmptyState title={t("issued.emptyTitle")} icon="badge">
          <p>{t("issued.emptyBody")}</p>
        </EmptyState>
      )}
      {issued.data && issued.data.length > 0 && rows.length === 0 && <EmptyState title={t("issued.noMatch")} icon="search" />}
      {rows.length > 0 && (
        <ul className="rows issued-list">
          {rows.slice(0, limit).map((b) => (
            <IssuedRow key={b.uid} badge={b} className={classNames.get(b.status?.classId ?? 0)} />
          ))}
        </ul>
      )}
      {rows.length > limit && (
        <button type="button" className="button button-secondary" onClick={() => setLimit(limit + PAGE)}>
          {t("issued.more", { count: rows.length - limit })}
        </button>
      )}
    </Section>
  );
}

function IssuedRow({ badge, className }: { badge: IssuedBadge; className?: string }) {
  const { t, i18n } = useTranslation();
  const { config } = useChainEnv();
  const session = useIssuer();
  const { write, issuer } = session;
  const [revoking, setRevoking] = useState(false);
  const [code, setCode] = useState<RevocationReasonName>("issued-in-error");
  const [reason, setReason] = useState("");
  const { state, run } = useAction({ invalidate: [issuerKeys.issued(issuer.issuerId)] });
  const chip = chipOf(badge.status);
  const local = findLocalBadge(config.chainId, config.registry ?? "", badge.uid);
  const detail = `/badge/${config.chainId}/${badge.uid}${local?.key ? `#k=${local.key}` : ""}`;
  return (
    <li className="row issued-row">
      <div className="issued-main">
        <p className="issued-title">
          <strong>{className ?? t("issued.badge")}</strong>
          {local?.label && <span className="muted"> · {local.label}</span>}
        </p>
        <p className="small muted">
          <Hex value={badge.uid} head={10} tail={6} copy />
          {badge.recipient && (
            <>
              {" · "}
              {t("issued.wallet")} <Hex value={badge.recipient} />
            </>
          )}
          {badge.status?.issuedAt ? ` · ${formatDate(badge.status.issuedAt, i18n.language)}` : ""}
        </p>
        {badge.revocationReason && <p className="small revoked-reason">{t("issued.revokedBecause", { reason: badge.revocationReason })}</p>}
      </div>
      <div className="row-end">
        <BadgeChip kind={chip} />
        <Link className="button button-secondary button-small" to={detail}>
          {t("issued.open")}
        </Link>
        {chip !== "revoked" && chip !== "erased" && !revoking && (
          <button type="button" className="button button-danger-outline button-small" onClick={() => setRevoking(true)}>
            {t("issued.revoke")}
          </button>
        )}
      </div>
      {revoking && (
        <form
          className="revoke-form stack"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!reason.trim()) return;
            // Revoked on chain and in the badge's signed status list (what verifiers that do not read
            // the chain see), in one transaction; the list is signed with the issuer's key.
            const done = await run(async () => {
              const signingKey = session.signingKey ?? (await deriveIssuerKey(session));
              const { revokeAndPublish } = await import("../../sdk/heavy.ts");
              const signing = {
                gatewayBase: config.gatewayUrl,
                deployment: { chainId: config.chainId, registry: write.registry },
                signingKey,
              };
              return revokeAndPublish(write, { uid: badge.uid, code, reason: reason.trim() }, signing);
            });
            if (done) setRevoking(false);
          }}
        >
          <p className="small">{t("issued.revokeExplain")}</p>
          <div className="field-row">
            <Field label={t("issued.reasonCode")}>
              {(p) => (
                <select {...p} value={code} onChange={(e) => setCode(e.target.value as RevocationReasonName)}>
                  {REVOCATION_REASONS.map((r) => (
                    <option key={r} value={r}>
                      {t(`revocation.${r}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t("issued.reasonText")} hint={t("issued.reasonHint")}>
              {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} />}
            </Field>
          </div>
          <ActionFooter
            state={state}
            submitLabel={t("issued.revokeSubmit")}
            danger
            disabled={!reason.trim()}
            onCancel={() => setRevoking(false)}
          />
        </form>
      )}
    </li>
  );
}
