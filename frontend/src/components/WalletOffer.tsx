// "Add to a wallet": an OpenID4VCI credential offer for a badge whose key this device holds. The
// gateway checks the key and seals it into a one-time, expiring code (see gateway/src/routes/oid4vci.ts);
// the wallet scans the QR code or opens the openid-credential-offer:// link. Also the "add from URL"
// address for wallets that import a credential by URL (DCC's Learner Credential Wallet).
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useChainEnv } from "../lib/chainEnv.tsx";
import { type Explained, explain } from "../lib/errors.ts";
import { type CredentialOfferAnswer, ob3KeyedCredentialUrl, requestCredentialOffer } from "../sdk/light.ts";
import { QrCode } from "./QrCode.tsx";
import { CopyButton, ErrorNotice } from "./ui.tsx";

export function WalletOffer({ uid, badgeKey }: { uid: string; badgeKey: string }) {
  const { t, i18n } = useTranslation();
  const { config } = useChainEnv();
  const [offer, setOffer] = useState<CredentialOfferAnswer>();
  const [error, setError] = useState<Explained>();
  const [busy, setBusy] = useState(false);
  const ask = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setOffer(await requestCredentialOffer(config.gatewayUrl, config.chainId, { uid, key: badgeKey }));
    } catch (e) {
      setError(explain(e, t));
    } finally {
      setBusy(false);
    }
  };
  const fromUrl = config.registry
    ? ob3KeyedCredentialUrl(config.gatewayUrl, { chainId: config.chainId, registry: config.registry }, uid, badgeKey)
    : undefined;
  const until = offer ? new Intl.DateTimeFormat(i18n.language, { timeStyle: "short" }).format(new Date(offer.expiresAt)) : "";
  return (
    <div className="wallet-offer stack" data-testid="wallet-offer">
      <p className="hint">{t("walletOffer.intro")}</p>
      {!offer && (
        <button type="button" className="button" onClick={ask} disabled={busy}>
          {busy ? t("walletOffer.making") : t("walletOffer.make")}
        </button>
      )}
      {error && <ErrorNotice error={error} onRetry={ask} />}
      {offer && (
        <div className="share">
          <div className="share-qr">
            <QrCode text={offer.offerUri} alt={t("walletOffer.qrAlt")} />
            <p className="hint">{t("walletOffer.scan", { time: until })}</p>
          </div>
          <div className="share-link">
            <a className="button" href={offer.offerUri}>
              {t("walletOffer.open")}
            </a>
            <CopyButton text={offer.offerUri} label={t("walletOffer.copy")} className="button" />
            <button type="button" className="button button-secondary" onClick={ask} disabled={busy}>
              {t("walletOffer.again")}
            </button>
          </div>
        </div>
      )}
      {fromUrl && (
        <details>
          <summary>{t("walletOffer.fromUrl")}</summary>
          <div className="input-with-button">
            <input readOnly value={fromUrl} onFocus={(e) => e.currentTarget.select()} aria-label={t("walletOffer.fromUrl")} />
            <CopyButton text={fromUrl} label={t("share.copyLink")} className="button" />
          </div>
          <p className="hint">{t("walletOffer.fromUrlHint")}</p>
        </details>
      )}
    </div>
  );
}
