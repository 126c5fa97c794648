// RainbowKit's connect modal, loaded only when someone asks to connect (RainbowKit weighs more
// than the verifier's whole page). Opens on mount; reports when it closes.
import "@rainbow-me/rainbowkit/styles.css";
import { type Locale, lightTheme, RainbowKitProvider, useConnectModal } from "@rainbow-me/rainbowkit";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { appConfig } from "../config.ts";
import { LANGUAGES } from "../i18n/index.ts";

const theme = lightTheme({ accentColor: "#14213d", accentColorForeground: "#ffffff", borderRadius: "medium", fontStack: "system" });

function OpenOnMount({ onClose }: { onClose: () => void }) {
  const { openConnectModal, connectModalOpen } = useConnectModal();
  const requested = useRef(false);
  const shown = useRef(false);
  useEffect(() => {
    if (!requested.current && openConnectModal) {
      requested.current = true;
      openConnectModal();
    }
  }, [openConnectModal]);
  useEffect(() => {
    if (connectModalOpen) shown.current = true;
    else if (shown.current) onClose();
  }, [connectModalOpen, onClose]);
  return null;
}

export default function RainbowModal({ onClose }: { onClose: () => void }) {
  const { i18n } = useTranslation();
  const locale = (LANGUAGES.find((l) => l.code === i18n.resolvedLanguage)?.rainbowkit ?? "en-US") as Locale;
  return (
    <RainbowKitProvider theme={theme} locale={locale} modalSize="compact" initialChain={appConfig.chain}>
      <OpenOnMount onClose={onClose} />
    </RainbowKitProvider>
  );
}
