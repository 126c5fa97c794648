import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * A drop zone that is also a labelled, keyboard-reachable file input. `labelledBy` names the field
 * the zone belongs to (e.g. "Logo"), read before the zone's own text.
 */
export function FileDrop({
  accept,
  onFile,
  title,
  hint,
  labelledBy,
}: {
  accept: string;
  onFile: (file: File) => void;
  title: string;
  hint?: string;
  labelledBy?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping is a pointer shortcut; the file input inside is the keyboard path
    <div
      className={`dropzone${over ? " dropzone-over" : ""}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const file = e.dataTransfer.files?.[0];
        if (file) onFile(file);
      }}
    >
      <svg className="dropzone-icon" viewBox="0 0 48 48" aria-hidden="true">
        <path d="M24 30V10M16 18l8-8 8 8" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" />
        <path d="M8 30v6a4 4 0 0 0 4 4h24a4 4 0 0 0 4-4v-6" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
      </svg>
      <label htmlFor={id} id={`${id}-label`} className="dropzone-label">
        <strong>{title}</strong>
        <span>{t("common.dropOr")}</span>
        <span className="button button-secondary button-small" aria-hidden="true">
          {t("common.chooseFile")}
        </span>
      </label>
      {hint && <p className="hint">{hint}</p>}
      <input
        ref={input}
        id={id}
        aria-labelledby={labelledBy ? `${labelledBy} ${id}-label` : undefined}
        className="visually-hidden-input"
        type="file"
        accept={accept}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onFile(file);
          e.target.value = "";
        }}
      />
    </div>
  );
}
