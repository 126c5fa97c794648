// "Is the person in front of me the badge's recipient?" For a badge bound to a wallet, the employer
// asks the holder to sign a one-time challenge with that wallet; "held by the recipient" shows only
// when the signature is the wallet the chain vouches for (the uid commits to it), checked through the
// chain's client (plain accounts and ERC-1271 / ERC-6492 smart wallets). See sdk/src/verify/holder.ts.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Address, Hex } from "viem";
import { Notice } from "../components/ui.tsx";
import { WalletGate } from "../components/WalletGate.tsx";
import { useChainEnv } from "../lib/chainEnv.tsx";
import { explain } from "../lib/errors.ts";
import type { VerificationReport } from "./types.ts";

type Phase =
  | { kind: "idle" }
  | { kind: "asked"; challenge: unknown; message: string }
  | { kind: "answer"; outcome: string }
  | { kind: "error"; detail: string };

/** The wallet the chain vouches for: the record's, or the did:pkh of a credential whose uid the chain anchored. */
export function recipientWalletOf(report: VerificationReport): Address | undefined {
  // Only a badge whose record stands: proving one holds a revoked or forged badge answers nothing.
  if (report.verdict !== "valid" && report.verdict !== "record-valid") return undefined;
  if (report.record?.recipientWallet) return report.record.recipientWallet;
  const subject = (report.credential as { credentialSubject?: { id?: unknown } } | undefined)?.credentialSubject;
  const m = typeof subject?.id === "string" ? /^did:pkh:eip155:\d+:(0x[0-9a-fA-F]{40})$/.exec(subject.id) : null;
  return (m?.[1] as Address | undefined) ?? undefined;
}

export function HolderProof({ report, uid }: { report: VerificationReport; uid: Hex }) {
  const { t } = useTranslation();
  const env = useChainEnv();
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const recipient = recipientWalletOf(report);
  if (!recipient || !env.config.registry) return null;
  const registry = env.config.registry;
  const ask = async () => {
    const { createHolderChallenge, holderChallengeMessage } = await import("@chancery/sdk/verify");
    const challenge = createHolderChallenge({ uid, chainId: env.config.chainId, registry, origin: window.location.origin });
    setPhase({ kind: "asked", challenge, message: holderChallengeMessage(challenge) });
  };
  return (
    <div className="holder-proof stack" data-testid="holder-proof">
      <p className="hint">{t("holderProof.intro")}</p>
      {phase.kind === "idle" && (
        <button type="button" className="button" onClick={ask}>
          {t("holderProof.ask")}
        </button>
      )}
      {phase.kind === "asked" && (
        <>
          <pre className="holder-challenge" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
            {phase.message}
          </pre>
          <WalletGate purpose={t("holderProof.purpose")}>
            {(wallet) => (
              <button
                type="button"
                className="button"
                onClick={async () => {
                  try {
                    const { checkHolderProof } = await import("@chancery/sdk/verify");
                    const signature = await wallet.write.wallet.signMessage({ account: wallet.address, message: phase.message });
                    const result = await checkHolderProof({
                      publicClient: env.client,
                      challenge: phase.challenge as Parameters<typeof checkHolderProof>[0]["challenge"],
                      signature,
                      recipient,
                    });
                    setPhase({ kind: "answer", outcome: result.outcome });
                  } catch (error) {
                    setPhase({ kind: "error", detail: explain(error, t).detail });
                  }
                }}
              >
                {t("holderProof.sign")}
              </button>
            )}
          </WalletGate>
        </>
      )}
      {phase.kind === "answer" && (
        <Notice
          tone={phase.outcome === "held" ? "success" : "danger"}
          title={t(`holderProof.${phase.outcome === "held" ? "held" : phase.outcome === "expired" ? "expired" : "notHeld"}`)}
        >
          <button type="button" className="button button-secondary button-small" onClick={ask}>
            {t("holderProof.again")}
          </button>
        </Notice>
      )}
      {phase.kind === "error" && (
        <Notice tone="danger" title={t("holderProof.failed")}>
          {phase.detail}
        </Notice>
      )}
    </div>
  );
}
