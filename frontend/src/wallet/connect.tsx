// Connecting a wallet: a light button and account menu of our own; RainbowKit's modal is loaded
// on the first click.
import { createContext, lazy, type ReactNode, Suspense, useCallback, useContext, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useAccount, useDisconnect } from "wagmi";
import { shortHex } from "../lib/format.ts";

const RainbowModal = lazy(() => import("./RainbowModal.tsx"));

const ConnectContext = createContext<{ open: () => void; opening: boolean }>({ open: () => {}, opening: false });

export function ConnectProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const value = { open: useCallback(() => setOpen(true), []), opening: open };
  return (
    <ConnectContext.Provider value={value}>
      {children}
      {open && (
        <Suspense fallback={null}>
          <RainbowModal onClose={close} />
        </Suspense>
      )}
    </ConnectContext.Provider>
  );
}

export function useConnectWallet() {
  return useContext(ConnectContext);
}

export function ConnectButton({ className = "button", label }: { className?: string; label?: string }) {
  const { t } = useTranslation();
  const { open, opening } = useConnectWallet();
  return (
    <button type="button" className={className} onClick={open} aria-busy={opening || undefined}>
      {label ?? t("wallet.connect")}
    </button>
  );
}

/** The header's wallet control: connect, or the connected account with a small menu. */
export function AccountControl() {
  const { t } = useTranslation();
  const { address, isConnected, connector } = useAccount();
  const { disconnect } = useDisconnect();
  const [menu, setMenu] = useState(false);
  const [copied, setCopied] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!menu) return;
    const onDown = (e: MouseEvent) => !root.current?.contains(e.target as Node) && setMenu(false);
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setMenu(false);
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [menu]);
  if (!isConnected || !address) return <ConnectButton className="button button-small header-connect" />;
  return (
    <div className="account" ref={root}>
      <button type="button" className="account-button" aria-haspopup="menu" aria-expanded={menu} onClick={() => setMenu(!menu)}>
        <span className="account-dot" aria-hidden="true" />
        <span className="account-address">{shortHex(address, 6, 4)}</span>
        <svg viewBox="0 0 12 12" aria-hidden="true" className="account-caret">
          <path d="M3 4.5l3 3 3-3" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </svg>
      </button>
      {menu && (
        <div className="account-menu" role="menu">
          <p className="account-menu-head">
            <span className="muted small">{t("wallet.connectedWith", { wallet: connector?.name ?? "" })}</span>
            <code className="break">{address}</code>
          </p>
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              void navigator.clipboard?.writeText(address).then(() => setCopied(true));
              setTimeout(() => setCopied(false), 1500);
            }}
          >
            {copied ? t("common.copied") : t("wallet.copyAddress")}
          </button>
          <Link role="menuitem" to={`/learner/${address}`} onClick={() => setMenu(false)}>
            {t("nav.myBadges")}
          </Link>
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              setMenu(false);
              disconnect();
            }}
          >
            {t("wallet.disconnect")}
          </button>
        </div>
      )}
    </div>
  );
}
