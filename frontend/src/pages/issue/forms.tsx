// Form pieces shared by the issuer console.
import type { TFunction } from "i18next";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { FileDrop } from "../../components/FileDrop.tsx";
import { ErrorNotice } from "../../components/ui.tsx";
import { type Explained, explain, UiError } from "../../lib/errors.ts";
import { formatBytes } from "../../lib/format.ts";
import { formatName, ImageRefusal, isSharp, type PreparedImage, prepareImage } from "../../lib/images.ts";

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

/**
 * The document `build` makes, with `image` in it, within the registry's limit: if the whole
 * document is too large and the image came from a file, the image is fitted again into exactly the
 * room the rest leaves (nothing is dropped); otherwise `tooLarge` says by how much it is over.
 */
export async function fitDocument<D>(
  build: (imageUri: string | undefined) => D,
  image: PreparedImage | undefined,
  t: TFunction,
  tooLarge: (size: number) => string,
): Promise<{ document: D; image: PreparedImage | undefined }> {
  const document = build(image?.dataUri);
  const size = byteLength(document);
  if (size <= MAX_DOCUMENT_BYTES) return { document, image };
  const room = image ? image.dataUri.length - (size - MAX_DOCUMENT_BYTES) : 0;
  // Under about 2 kB not even a 128 px image fits: the texts are what must shrink.
  if (!image?.source || room < 2_000) throw new UiError("too-large", tooLarge(size));
  const refitted = await prepareImage(image.source.file, room, t);
  const again = build(refitted.dataUri);
  if (byteLength(again) > MAX_DOCUMENT_BYTES) throw new UiError("too-large", tooLarge(byteLength(again)));
  return { document: again, image: refitted };
}

/**
 * Chooses an image and prepares it for a document of the chain (lib/images.ts). `onRefused` tells
 * the form a chosen file could not be used, so it does not go on as if there were no image.
 */
export function ImagePicker({
  label,
  hint,
  budget,
  value,
  onChange,
  onRefused,
}: {
  label: string;
  hint: string;
  budget: number;
  value: PreparedImage | undefined;
  onChange: (image: PreparedImage | undefined) => void;
  onRefused?: (refused: boolean) => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const labelId = useId();
  // Explained at each render, so a refusal follows the page's language.
  const shown: Explained | undefined =
    error instanceof ImageRefusal
      ? { kind: error.uiKind, title: t("imageFit.refusedTitle"), detail: error.text(t) }
      : error !== undefined
        ? explain(error, t)
        : undefined;
  const source = value?.source;
  const resized = source && (source.kind === "svg" ? value.type !== "image/svg+xml" : source.bytes !== value.bytes);
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
              {formatName(value.type)} · {formatBytes(value.bytes)}
              {value.width ? ` · ${value.width}×${value.height}` : ""}
            </p>
            {resized && source && (
              <p className="small muted">
                {t("imageFit.fittedFrom", {
                  name: source.name,
                  size: formatBytes(source.bytes),
                  dimensions: source.width ? `${source.width}×${source.height}` : "SVG",
                })}
              </p>
            )}
            {value.width !== undefined && !isSharp(value) && <p className="hint">{t("imageFit.soft")}</p>}
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => {
                onChange(undefined);
                onRefused?.(false);
              }}
            >
              {t("images.replace")}
            </button>
          </div>
        </div>
      ) : (
        <FileDrop
          accept="image/png,image/svg+xml,image/jpeg,image/webp,image/gif,.png,.svg,.jpg,.jpeg,.webp,.gif"
          title={busy ? t("images.preparing") : t("images.choose")}
          hint={hint}
          labelledBy={labelId}
          onFile={async (file) => {
            setError(undefined);
            setBusy(true);
            try {
              onChange(await prepareImage(file, budget, t));
              onRefused?.(false);
            } catch (e) {
              setError(e);
              onRefused?.(true);
            } finally {
              setBusy(false);
            }
          }}
        />
      )}
      {shown && <ErrorNotice error={shown} />}
    </div>
  );
}
