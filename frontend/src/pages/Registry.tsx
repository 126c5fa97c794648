import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useAccount } from "wagmi";
import { ActionButton, EmptyState, ErrorNotice, Field, Hex, Notice, Section, Spinner } from "../components/ui.tsx";
import { useChainEnv } from "../lib/chainEnv.tsx";
import { explain } from "../lib/errors.ts";
import { formatDate, safeImageSrc } from "../lib/format.ts";
import { useAction, useChainHealth, useWallet } from "../lib/hooks.ts";
import { profileField, profileImage } from "../lib/onchainDocs.ts";
import { ISSUER_PAGE_SIZE, isRegistryAuthority, listIssuerPage, readStatusReason } from "../lib/registryQueries.ts";
import { accreditIssuer, type IssuerOnChain, type RegistryWriteArgs, writeRegistry } from "../sdk/light.ts";
import { IssuerStatusChip } from "./issue/status.tsx";

/** What the registry authority does from a row. */
type AuthorityWrite = "reinstate" | "suspend" | "withdrawAccreditation";

const ISSUERS_KEY = ["registry-issuers"];

export default function RegistryPage() {
  const { t } = useTranslation();
  const { registry, config } = useChainEnv();
  const health = useChainHealth();
  const { address } = useAccount();
  const [query, setQuery] = useState("");
  const [status, setStatus] = useState("all");
  const [page, setPage] = useState(0);
  // One page at a time, newest first: a registry may hold thousands of issuers.
  const issuers = useQuery({
    queryKey: [...ISSUERS_KEY, page],
    queryFn: registry ? () => listIssuerPage(registry, page) : skipToken,
    enabled: !!registry && health.data?.state === "ok",
    placeholderData: keepPreviousData,
  });
  const total = issuers.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / ISSUER_PAGE_SIZE));
  const authority = useQuery({
    queryKey: ["authority", address?.toLowerCase()],
    queryFn: registry && address ? () => isRegistryAuthority(registry, address) : skipToken,
    enabled: !!registry && !!address && health.data?.state === "ok",
  });
  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (issuers.data?.issuers ?? []).filter(
      (i) =>
        (status === "all" || i.status === status) &&
        (!q || (profileField(i.profile, "name") ?? "").toLowerCase().includes(q) || String(i.issuerId) === q),
    );
  }, [issuers.data, query, status]);
  const isAuthority = authority.data === true;
  return (
    <div className="container page registry-page">
      <header className="page-header">
        <h1>{t("registry.title")}</h1>
        <p className="lead">{t("registry.lead")}</p>
      </header>
      {isAuthority && (
        <Notice tone="info" title={t("registry.authorityTitle")}>
          {t("registry.authorityBody")}
        </Notice>
      )}
      <Section title={t("registry.issuers")} description={t("registry.issuersDescription", { chain: config.chain.name })} id="issuers">
        <div className="toolbar">
          <div className="field grow">
            <label htmlFor="registry-search" className="visually-hidden">
              {t("registry.search")}
            </label>
            <input
              id="registry-search"
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              placeholder={t("registry.search")}
            />
          </div>
          <div className="field">
            <label htmlFor="registry-filter" className="visually-hidden">
              {t("registry.filter")}
            </label>
            <select id="registry-filter" value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="all">{t("registry.filterAll")}</option>
              <option value="accredited">{t("issuerStatus.accredited")}</option>
              <option value="self-declared">{t("issuerStatus.self-declared")}</option>
              <option value="suspended">{t("issuerStatus.suspended")}</option>
            </select>
          </div>
        </div>
        {health.data && health.data.state !== "ok" && <Notice tone="warning">{t("learner.unavailableBody")}</Notice>}
        {issuers.isPending && issuers.fetchStatus !== "idle" && <Spinner label={t("registry.loading")} />}
        {issuers.isError && <ErrorNotice error={explain(issuers.error, t)} onRetry={() => void issuers.refetch()} />}
        {issuers.data && total === 0 && (
          <EmptyState title={t("registry.emptyTitle")}>
            <p>{t("registry.emptyBody")}</p>
          </EmptyState>
        )}
        {issuers.data && issuers.data.issuers.length > 0 && rows.length === 0 && <EmptyState title={t("issued.noMatch")} icon="search" />}
        {rows.length > 0 && (
          <ul className="rows">
            {rows.map((issuer) => (
              <IssuerRow key={issuer.issuerId} issuer={issuer} authority={isAuthority} />
            ))}
          </ul>
        )}
        {issuers.data && total > 0 && (
          <nav className="pager" aria-label={t("registry.issuers")}>
            <button type="button" className="button button-secondary button-small" disabled={page === 0} onClick={() => setPage(page - 1)}>
              {t("registry.newer")}
            </button>
            <p className="small muted" aria-live="polite">
              {t("registry.pageOf", { from: issuers.data.from, to: issuers.data.to, total })}
              {total > ISSUER_PAGE_SIZE && (query.trim() || status !== "all") && ` · ${t("registry.pageFilterHint")}`}
            </p>
            <button
              type="button"
              className="button button-secondary button-small"
              disabled={page + 1 >= pages}
              onClick={() => setPage(page + 1)}
            >
              {t("registry.older")}
            </button>
          </nav>
        )}
      </Section>
    </div>
  );
}

function IssuerRow({ issuer, authority }: { issuer: IssuerOnChain; authority: boolean }) {
  const { t, i18n } = useTranslation();
  const { registry } = useChainEnv();
  const name = profileField(issuer.profile, "name") ?? `#${issuer.issuerId}`;
  const url = profileField(issuer.profile, "url");
  const logo = safeImageSrc(profileImage(issuer.profile));
  const reason = useQuery({
    queryKey: ["issuer-reason", issuer.issuerId, issuer.statusChangedBlock.toString()],
    queryFn: registry ? () => readStatusReason(registry, issuer).then((r) => r ?? null) : skipToken,
    enabled: issuer.status === "suspended",
  });
  return (
    <li className="row issuer-row">
      <div className="issuer-row-main">
        <div className="issuer-logo small">
          {logo ? <img src={logo} alt="" /> : <span aria-hidden="true">{name.slice(0, 1).toUpperCase()}</span>}
        </div>
        <div>
          <p>
            <strong>{name}</strong> <span className="muted small">#{issuer.issuerId}</span>
          </p>
          <p className="small muted">
            {url && (
              <a href={url} target="_blank" rel="noreferrer noopener">
                {url.replace(/^https?:\/\//, "")}
              </a>
            )}
            {url && " · "}
            {t("overview.admin")} <Hex value={issuer.admin} />
            {issuer.statusChangedAt > 0 && ` · ${t("registry.since", { date: formatDate(issuer.statusChangedAt, i18n.language) })}`}
          </p>
          {reason.data && <p className="small revoked-reason">{t("registry.suspendedBecause", { reason: reason.data })}</p>}
        </div>
      </div>
      <div className="row-end">
        <IssuerStatusChip status={issuer.status} />
      </div>
      {authority && <AuthorityActions issuer={issuer} />}
    </li>
  );
}

function AuthorityActions({ issuer }: { issuer: IssuerOnChain }) {
  const { t } = useTranslation();
  const wallet = useWallet();
  const [mode, setMode] = useState<"suspend" | "withdraw">();
  const [reason, setReason] = useState("");
  const { state, run } = useAction({ invalidate: [ISSUERS_KEY] });
  if (wallet.state !== "ready") return null;
  const act = <F extends AuthorityWrite>(fn: F, args: RegistryWriteArgs<F>) => run(() => writeRegistry(wallet.write, fn, args));
  const pending = state.status === "pending";
  return (
    <div className="authority-actions">
      {!mode && (
        <div className="button-row">
          {issuer.status === "self-declared" && (
            <ActionButton
              className="button button-small"
              pending={pending}
              pendingLabel={t("common.confirmInWallet")}
              // Accredited under the name shown in this row: refused if the issuer renamed itself since.
              onClick={() => void run(() => accreditIssuer(wallet.write, issuer.issuerId, profileField(issuer.profile, "name")))}
            >
              {t("registry.accredit")}
            </ActionButton>
          )}
          {issuer.status === "accredited" && (
            <button type="button" className="button button-secondary button-small" onClick={() => setMode("withdraw")}>
              {t("registry.withdraw")}
            </button>
          )}
          {issuer.status !== "suspended" && (
            <button type="button" className="button button-danger-outline button-small" onClick={() => setMode("suspend")}>
              {t("registry.suspend")}
            </button>
          )}
          {issuer.status === "suspended" && (
            <ActionButton
              className="button button-small"
              pending={pending}
              pendingLabel={t("common.confirmInWallet")}
              onClick={() => void act("reinstate", [issuer.issuerId])}
            >
              {t("registry.reinstate")}
            </ActionButton>
          )}
        </div>
      )}
      {mode && (
        <form
          className="stack"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!reason.trim()) return;
            const done = await act(mode === "suspend" ? "suspend" : "withdrawAccreditation", [issuer.issuerId, reason.trim()]);
            if (done) {
              setMode(undefined);
              setReason("");
            }
          }}
        >
          <p className="small">{mode === "suspend" ? t("registry.suspendExplain") : t("registry.withdrawExplain")}</p>
          <Field label={t("registry.reason")} hint={t("registry.reasonHint")}>
            {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} />}
          </Field>
          <div className="button-row">
            <ActionButton
              type="submit"
              className={mode === "suspend" ? "button button-danger" : "button"}
              pending={pending}
              pendingLabel={t("common.confirmInWallet")}
              disabled={!reason.trim()}
            >
              {mode === "suspend" ? t("registry.suspendSubmit") : t("registry.withdrawSubmit")}
            </ActionButton>
            <button type="button" className="button button-secondary" onClick={() => setMode(undefined)}>
              {t("common.cancel")}
            </button>
          </div>
        </form>
      )}
      {state.status === "error" && <ErrorNotice error={state.error} />}
    </div>
  );
}
