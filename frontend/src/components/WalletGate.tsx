import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSwitchChain } from "wagmi";
import { useChainEnv } from "../lib/chainEnv.tsx";
import { explain } from "../lib/errors.ts";
import { useWallet, type WalletState } from "../lib/hooks.ts";
import { ConnectButton } from "../wallet/connect.tsx";
import { ErrorNotice, Notice, Spinner } from "./ui.tsx";

/** How many wallet gates are on screen: the layout's own wrong-network banner steps aside for them. */
const GateCount = createContext<{ count: number; change: (delta: number) => void }>({ count: 0, change: () => {} });

export function GateCountProvider({ children }: { children: ReactNode }) {
  const [count, setCount] = useState(0);
  // A stable `change`, so a gate's effect runs once per mount and not on every count update.
  const change = useCallback((delta: number) => setCount((c) => c + delta), []);
  const value = useMemo(() => ({ count, change }), [count, change]);
  return <GateCount.Provider value={value}>{children}</GateCount.Provider>;
}

export function useGateCount(): number {
  return useContext(GateCount).count;
}

/** Renders `children` with a wallet ready to write on the configured chain; otherwise says what is missing. */
export function WalletGate({
  children,
  purpose,
}: {
  children: (wallet: Extract<WalletState, { state: "ready" }>) => ReactNode;
  purpose: string;
}) {
  const wallet = useWallet();
  const { t } = useTranslation();
  const { change } = useContext(GateCount);
  useEffect(() => {
    change(1);
    return () => change(-1);
  }, [change]);
  if (wallet.state === "disconnected") {
    return (
      <div className="gate">
        <div className="gate-seal" aria-hidden="true">
          <svg viewBox="0 0 48 48" aria-hidden="true">
            <rect x="8" y="14" width="32" height="24" rx="5" fill="none" stroke="currentColor" strokeWidth="3" />
            <path d="M30 26h10" stroke="currentColor" strokeWidth="3" />
            <circle cx="32" cy="26" r="1.5" fill="currentColor" />
          </svg>
        </div>
        <h2>{t("wallet.connectTitle")}</h2>
        <p>{purpose}</p>
        <ConnectButton />
        <p className="hint">{t("wallet.noWalletHint")}</p>
      </div>
    );
  }
  if (wallet.state === "wrong-network") return <WrongNetwork chainId={wallet.chainId} />;
  if (wallet.state === "loading") return <Spinner label={t("wallet.preparing")} />;
  return <>{children(wallet)}</>;
}

export function WrongNetwork({ chainId }: { chainId: number | undefined }) {
  const { t } = useTranslation();
  const { config } = useChainEnv();
  const { switchChain, isPending, error } = useSwitchChain();
  return (
    <div className="stack">
      <Notice
        tone="warning"
        title={t("wallet.wrongNetworkTitle")}
        action={
          <button type="button" className="button" disabled={isPending} onClick={() => switchChain({ chainId: config.chainId })}>
            {isPending ? t("wallet.switching") : t("wallet.switchTo", { chain: config.chain.name })}
          </button>
        }
      >
        {t("wallet.wrongNetworkBody", { current: chainId ?? "?", expected: `${config.chain.name} (${config.chainId})` })}
      </Notice>
      {error && <ErrorNotice error={explain(error, t)} />}
    </div>
  );
}
