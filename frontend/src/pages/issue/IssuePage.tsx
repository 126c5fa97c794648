import { readCheckedAdminOffers, readCheckedMemberships } from "@chancery/sdk/readers";
import { skipToken, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { NavLink, Route, Routes, useLocation, useSearchParams } from "react-router";
import { Chip, ErrorNotice, Notice, Spinner } from "../../components/ui.tsx";
import { WalletGate } from "../../components/WalletGate.tsx";
import { appConfig } from "../../config.ts";
import { useChainEnv } from "../../lib/chainEnv.tsx";
import { explain } from "../../lib/errors.ts";
import { safeImageSrc } from "../../lib/format.ts";
import { useChainHealth } from "../../lib/hooks.ts";
import { profileField, profileImage } from "../../lib/onchainDocs.ts";
import { AdminOffers } from "./AdminTransfer.tsx";
import { Award } from "./Award.tsx";
import { Bulk } from "./Bulk.tsx";
import { Classes } from "./Classes.tsx";
import { IssuerProvider, issuerKeys, useIssuer } from "./context.tsx";
import { Issued } from "./Issued.tsx";
import { Overview } from "./Overview.tsx";
import { RegisterForm } from "./RegisterForm.tsx";
import { IssuerStatusChip } from "./status.tsx";
import { Team } from "./Team.tsx";

export default function IssuePage() {
  const { t } = useTranslation();
  return (
    <div className="container page issue-page">
      <WalletGate purpose={t("issue.connectPurpose")}>
        {(wallet) => <IssuerLoader address={wallet.address} write={wallet.write} />}
      </WalletGate>
    </div>
  );
}

function IssuerLoader({ address, write }: { address: `0x${string}`; write: import("../../sdk/light.ts").WriteContext }) {
  const { t } = useTranslation();
  const { registry } = useChainEnv();
  const health = useChainHealth();
  const [search, setSearch] = useSearchParams();
  // Found through the indexer when the app has one (no log scan), each role confirmed by the registry.
  const memberships = useQuery({
    queryKey: issuerKeys.memberships(address),
    queryFn: registry ? () => readCheckedMemberships(registry, appConfig.indexerUrl, address).then((list) => list.rows) : skipToken,
    enabled: !!registry && health.data?.state === "ok",
  });
  // A wallet offered an issuer's admin role is no member yet: it finds the offer here, and accepts it.
  const offers = useQuery({
    queryKey: issuerKeys.adminOffers(address),
    queryFn: registry ? () => readCheckedAdminOffers(registry, appConfig.indexerUrl, address).then((list) => list.rows) : skipToken,
    enabled: !!registry && health.data?.state === "ok",
  });
  const offerNotices = offers.data && offers.data.length > 0 && <AdminOffers offers={offers.data} write={write} address={address} />;
  if (health.data && health.data.state !== "ok")
    return (
      <Notice tone="warning" title={t("issue.unavailableTitle")}>
        {t("issue.unavailableBody")}
      </Notice>
    );
  if (memberships.isPending) return <Spinner label={t("issue.lookingUp")} />;
  if (memberships.isError) return <ErrorNotice error={explain(memberships.error, t)} onRetry={() => void memberships.refetch()} />;
  const list = memberships.data;
  const [first] = list;
  if (first === undefined)
    return (
      <>
        {offerNotices}
        <RegisterForm write={write} address={address} onRegistered={() => void memberships.refetch()} />
      </>
    );
  const wanted = Number(search.get("issuer"));
  const current = list.find((m) => m.issuer.issuerId === wanted) ?? first;
  return (
    <IssuerProvider value={{ issuer: current.issuer, role: current.role, address, write }} key={current.issuer.issuerId}>
      {offerNotices}
      {list.length > 1 && (
        <div className="field inline-field">
          <label htmlFor="issuer-picker">{t("issue.pickIssuer")}</label>
          <select id="issuer-picker" value={current.issuer.issuerId} onChange={(e) => setSearch({ issuer: e.target.value })}>
            {list.map((m) => (
              <option key={m.issuer.issuerId} value={m.issuer.issuerId}>
                {profileField(m.issuer.profile, "name") ?? `#${m.issuer.issuerId}`} ({t(`issue.role.${m.role}`)})
              </option>
            ))}
          </select>
        </div>
      )}
      <Dashboard />
    </IssuerProvider>
  );
}

function Dashboard() {
  const { t } = useTranslation();
  const { search, key } = useLocation();
  const { issuer, role } = useIssuer();
  const logo = safeImageSrc(profileImage(issuer.profile));
  const name = profileField(issuer.profile, "name") ?? `#${issuer.issuerId}`;
  const tabs = [
    { to: "/issue", label: t("issue.tabs.overview"), end: true },
    { to: "/issue/award", label: t("issue.tabs.award") },
    { to: "/issue/issued", label: t("issue.tabs.issued") },
    { to: "/issue/classes", label: t("issue.tabs.classes") },
    { to: "/issue/bulk", label: t("issue.tabs.bulk") },
    { to: "/issue/team", label: t("issue.tabs.team") },
  ];
  return (
    <div className="dashboard">
      <header className="issuer-header">
        <div className="issuer-logo">
          {logo ? <img src={logo} alt="" /> : <span aria-hidden="true">{name.slice(0, 1).toUpperCase()}</span>}
        </div>
        <div className="issuer-title">
          <p className="eyebrow">{t("issue.console")}</p>
          <h1>{name}</h1>
          <p className="issuer-meta">
            <IssuerStatusChip status={issuer.status} />
            <Chip tone="neutral">{t(`issue.role.${role}`)}</Chip>
            <span className="muted">{t("issue.issuerNumber", { id: issuer.issuerId })}</span>
          </p>
        </div>
      </header>
      {issuer.status === "suspended" && (
        <Notice tone="danger" title={t("issue.suspendedTitle")}>
          {t("issue.suspendedBody")}
        </Notice>
      )}
      <nav className="tabs" aria-label={t("issue.tabsLabel")}>
        {tabs.map((tab) => (
          <NavLink
            key={tab.to}
            to={{ pathname: tab.to, search }}
            end={tab.end}
            className={({ isActive }) => (isActive ? "tab active" : "tab")}
          >
            {tab.label}
          </NavLink>
        ))}
      </nav>
      <Routes>
        <Route index element={<Overview />} />
        <Route path="award" element={<Award key={key} />} />
        <Route path="issued" element={<Issued />} />
        <Route path="classes" element={<Classes />} />
        <Route path="bulk" element={<Bulk />} />
        <Route path="team" element={<Team />} />
      </Routes>
    </div>
  );
}
