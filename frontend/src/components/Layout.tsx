import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, Outlet, useLocation } from "react-router";
import { useAccount } from "wagmi";
import { LANGUAGES, type LanguageCode, setLanguage } from "../i18n/index.ts";
import { useChainEnv } from "../lib/chainEnv.tsx";
import { shortHex } from "../lib/format.ts";
import { useChainHealth } from "../lib/hooks.ts";
import { AccountControl } from "../wallet/connect.tsx";
import { Notice, Spinner } from "./ui.tsx";
import { GateCountProvider, useGateCount, WrongNetwork } from "./WalletGate.tsx";

export function Logo() {
  return (
    <svg className="logo" viewBox="0 0 40 40" aria-hidden="true">
      <circle cx="20" cy="20" r="19" fill="var(--ink)" />
      <circle cx="20" cy="20" r="13.5" fill="none" stroke="var(--gold)" strokeWidth="2" strokeDasharray="2.2 2.2" />
      <path
        d="M13.5 20.5l4.5 4.5 8.5-9.5"
        fill="none"
        stroke="var(--gold)"
        strokeWidth="3.2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  return (
    <label className="lang-switch">
      <span className="visually-hidden">{t("nav.language")}</span>
      <svg viewBox="0 0 24 24" aria-hidden="true" className="lang-icon">
        <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="1.8" />
        <path d="M3 12h18M12 3c3 3.5 3 14.5 0 18M12 3c-3 3.5-3 14.5 0 18" fill="none" stroke="currentColor" strokeWidth="1.8" />
      </svg>
      <select value={i18n.resolvedLanguage ?? i18n.language} onChange={(e) => void setLanguage(e.target.value as LanguageCode)}>
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code}>
            {l.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function HealthBanner() {
  const { t } = useTranslation();
  const { config } = useChainEnv();
  const health = useChainHealth();
  if (!health.data || health.data.state === "ok") return null;
  const { state, rpcChainId } = health.data;
  const body =
    state === "rpc-down"
      ? t("health.rpcDown", { rpc: config.rpcUrl })
      : state === "wrong-rpc-chain"
        ? t("health.wrongRpcChain", { rpc: config.rpcUrl, actual: rpcChainId, expected: config.chainId })
        : state === "no-registry"
          ? t("health.noRegistry", { chain: `${config.chain.name} (${config.chainId})` })
          : t("health.notDeployed", { address: config.registry, chain: `${config.chain.name} (${config.chainId})` });
  return (
    <div className="container">
      <Notice
        tone={state === "rpc-down" ? "danger" : "warning"}
        title={t(`health.${state}Title`)}
        action={
          <button type="button" className="button button-secondary button-small" onClick={() => void health.refetch()}>
            {t("common.retry")}
          </button>
        }
      >
        {body}
      </Notice>
    </div>
  );
}

function WalletNetworkBanner() {
  const { config } = useChainEnv();
  const { isConnected, chainId } = useAccount();
  const gates = useGateCount();
  if (!isConnected || chainId === config.chainId || gates > 0) return null;
  return (
    <div className="container">
      <WrongNetwork chainId={chainId} />
    </div>
  );
}

export function Layout() {
  const { t } = useTranslation();
  const { config } = useChainEnv();
  const { address } = useAccount();
  const location = useLocation();
  const nav = [
    { to: "/issue", label: t("nav.issue") },
    { to: address ? `/learner/${address}` : "/learner", label: t("nav.myBadges") },
    { to: "/verify", label: t("nav.verify") },
    { to: "/registry", label: t("nav.registry") },
  ];
  return (
    <GateCountProvider>
      <div className="app">
        <a className="skip-link" href="#main">
          {t("nav.skip")}
        </a>
        <header className="site-header">
          <div className="container header-inner">
            <Link to="/" className="brand" aria-label={t("nav.home")}>
              <Logo />
              <span className="brand-name">Chancery</span>
            </Link>
            <nav className="main-nav" aria-label={t("nav.main")}>
              {nav.map((item) => (
                <NavLink
                  key={item.to}
                  to={item.to}
                  className={({ isActive }) =>
                    isActive || (item.to.startsWith("/learner") && location.pathname.startsWith("/learner")) ? "active" : undefined
                  }
                >
                  {item.label}
                </NavLink>
              ))}
            </nav>
            <div className="header-tools">
              <LanguageSwitcher />
              <AccountControl />
            </div>
          </div>
        </header>
        <HealthBanner />
        <WalletNetworkBanner />
        <main id="main" className="site-main" tabIndex={-1}>
          <Suspense
            fallback={
              <div className="container">
                <Spinner />
              </div>
            }
          >
            <Outlet />
          </Suspense>
        </main>
        <footer className="site-footer">
          <div className="container footer-inner">
            <p>{t("footer.tagline")}</p>
            <p className="footer-chain">
              <span>{t("footer.chain", { chain: `${config.chain.name} · ${config.chainId}` })}</span>
              {config.registry && (
                <span>
                  {t("footer.registry")} <code title={config.registry}>{shortHex(config.registry)}</code>
                </span>
              )}
            </p>
          </div>
        </footer>
      </div>
    </GateCountProvider>
  );
}
