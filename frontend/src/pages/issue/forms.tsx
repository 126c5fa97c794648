// Form pieces shared by the issuer console.
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { FileDrop } from "../../components/FileDrop.tsx";
import { ErrorNotice } from "../../components/ui.tsx";
import { type Explained, explain } from "../../lib/errors.ts";
import { formatBytes } from "../../lib/format.ts";
import { type PreparedImage, prepareImage } from "../../lib/images.ts";

/** The registry keeps whole documents (profile, badge class) up to 16,384 bytes. */
export const MAX_DOCUMENT_BYTES = 16_384;

export function byteLength(value: unknown): number {
  return new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value)).length;
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

export const isEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());

export function ImagePicker({
  label,
  hint,
  budget,
  value,
  onChange,
}: {
  label: string;
  hint: string;
  budget: number;
  value: PreparedImage | undefined;
  onChange: (image: PreparedImage | undefined) => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<Explained>();
  const [busy, setBusy] = useState(false);
  const labelId = useId();
  return (
    <div className="field">
      <span className="field-label" id={labelId}>
        {label}
      </span>
      {value ? (
        <div className="image-chosen">
          <img src={value.dataUri} alt={t("images.preview")} />
          <div>
            <p>
              {value.type === "image/svg+xml" ? "SVG" : "PNG"} · {formatBytes(value.bytes)}
              {value.width ? ` · ${value.width}×${value.height}` : ""}
            </p>
            <button type="button" className="button button-secondary button-small" onClick={() => onChange(undefined)}>
              {t("images.replace")}
            </button>
          </div>
        </div>
      ) : (
        <FileDrop
          accept="image/png,image/svg+xml,image/jpeg,image/webp,.png,.svg"
          title={busy ? t("images.preparing") : t("images.choose")}
          hint={hint}
          labelledBy={labelId}
          onFile={async (file) => {
            setError(undefined);
            setBusy(true);
            try {
              onChange(await prepareImage(file, budget, t));
            } catch (e) {
              setError(explain(e, t));
            } finally {
              setBusy(false);
            }
          }}
        />
      )}
      {error && <ErrorNotice error={error} />}
    </div>
  );
}
