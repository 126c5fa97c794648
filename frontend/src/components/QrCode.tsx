import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/** A QR code of `text`, drawn locally (no image service); `alt` says what it holds (default: the share link). */
export function QrCode({ text, size = 176, alt }: { text: string; size?: number; alt?: string }) {
  const { t } = useTranslation();
  const [src, setSrc] = useState<string>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    import("qrcode")
      .then((QR) => QR.toString(text, { type: "svg", margin: 1, errorCorrectionLevel: "M", color: { dark: "#14213d", light: "#ffffff" } }))
      .then((svg) => !cancelled && setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`))
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
    };
  }, [text]);
  if (failed) return <p className="hint">{t("share.qrTooLong")}</p>;
  return src ? (
    <img className="qr" src={src} width={size} height={size} alt={alt ?? t("share.qrAlt")} />
  ) : (
    <div className="qr qr-placeholder" style={{ width: size, height: size }} aria-hidden="true" />
  );
}
