// Small building blocks shared by the pages: loading, empty and error states, chips, copy, fields.
import { type ReactNode, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Explained } from "../lib/errors.ts";
import { shortHex } from "../lib/format.ts";
import type { ActionState } from "../lib/hooks.ts";

export function Spinner({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t("common.loading")}</span>
    </div>
  );
}

const SKELETON_KEYS = Array.from({ length: 12 }, (_, i) => `skeleton-${i}`);

export function SkeletonGrid({ count = 6 }: { count?: number }) {
  const { t } = useTranslation();
  return (
    <section className="card-grid" aria-busy="true" aria-label={t("common.loading")}>
      {SKELETON_KEYS.slice(0, count).map((key) => (
        <div key={key} className="badge-card skeleton" aria-hidden="true">
          <div className="skeleton-image" />
          <div className="skeleton-line" />
          <div className="skeleton-line short" />
        </div>
      ))}
    </section>
  );
}

export function EmptyState({
  title,
  children,
  icon = "empty",
}: {
  title: string;
  children?: ReactNode;
  icon?: "empty" | "badge" | "search";
}) {
  return (
    <div className="empty-state">
      <EmptyIcon kind={icon} />
      <h3>{title}</h3>
      {children && <div className="empty-body">{children}</div>}
    </div>
  );
}

function EmptyIcon({ kind }: { kind: "empty" | "badge" | "search" }) {
  if (kind === "badge")
    return (
      <svg className="empty-icon" viewBox="0 0 64 64" aria-hidden="true">
        <circle cx="32" cy="26" r="16" fill="none" stroke="currentColor" strokeWidth="3" />
        <path d="M22 38l-6 18 10-4 6 8 4-16M42 38l6 18-10-4-6 8" fill="none" stroke="currentColor" strokeWidth="3" strokeLinejoin="round" />
      </svg>
    );
  if (kind === "search")
    return (
      <svg className="empty-icon" viewBox="0 0 64 64" aria-hidden="true">
        <circle cx="28" cy="28" r="16" fill="none" stroke="currentColor" strokeWidth="3" />
        <path d="M40 40l14 14" stroke="currentColor" strokeWidth="4" strokeLinecap="round" />
      </svg>
    );
  return (
    <svg className="empty-icon" viewBox="0 0 64 64" aria-hidden="true">
      <rect x="10" y="16" width="44" height="34" rx="6" fill="none" stroke="currentColor" strokeWidth="3" />
      <path d="M10 28h44" stroke="currentColor" strokeWidth="3" />
    </svg>
  );
}

export function Notice({
  tone = "info",
  title,
  children,
  action,
}: {
  tone?: "info" | "warning" | "danger" | "success";
  title?: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className={`notice notice-${tone}`} role={tone === "danger" ? "alert" : "status"}>
      <NoticeIcon tone={tone} />
      <div className="notice-body">
        {title && <strong className="notice-title">{title}</strong>}
        {children && <div className="notice-text">{children}</div>}
      </div>
      {action && <div className="notice-action">{action}</div>}
    </div>
  );
}

function NoticeIcon({ tone }: { tone: string }) {
  const path = tone === "success" ? "M7 12.5l3 3 7-7" : tone === "info" ? "M12 11v6M12 7.5v.5" : "M12 7v6M12 16.5v.5";
  return (
    <svg className="notice-icon" viewBox="0 0 24 24" aria-hidden="true">
      <circle cx="12" cy="12" r="10" fill="currentColor" opacity="0.15" />
      <path d={path} stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" fill="none" />
    </svg>
  );
}

/** An error in plain words, with a retry when one makes sense. */
export function ErrorNotice({ error, onRetry }: { error: Explained; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Notice
      tone="danger"
      title={error.title}
      action={
        onRetry && (
          <button type="button" className="button button-secondary button-small" onClick={onRetry}>
            {t("common.retry")}
          </button>
        )
      }
    >
      {error.detail}
    </Notice>
  );
}

export type ChipTone = "valid" | "revoked" | "expired" | "suspended" | "erased" | "neutral" | "accredited" | "pending";

export function Chip({ tone, children }: { tone: ChipTone; children: ReactNode }) {
  return <span className={`chip chip-${tone}`}>{children}</span>;
}

export function CopyButton({
  text,
  label,
  className = "button button-secondary button-small",
}: {
  text: string;
  label?: string;
  className?: string;
}) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <button
      type="button"
      className={className}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied(true);
        } catch {
          window.prompt(t("common.copyManually"), text);
        }
      }}
    >
      <span aria-live="polite">{copied ? t("common.copied") : (label ?? t("common.copy"))}</span>
    </button>
  );
}

export function Hex({ value, head = 6, tail = 4, copy = false }: { value: string; head?: number; tail?: number; copy?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="hex">
      <code title={value}>{shortHex(value, head, tail)}</code>
      {copy && <CopyButton text={value} label={t("common.copy")} className="link-button" />}
    </span>
  );
}

export function Field({
  label,
  hint,
  error,
  children,
  optional,
}: {
  label: string;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  children: (props: { id: string; "aria-describedby"?: string; "aria-invalid"?: boolean }) => ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : undefined, error ? errorId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>
        {label}
        {optional && <span className="optional"> {t("common.optional")}</span>}
      </label>
      {children({ id, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

export function Section({
  title,
  description,
  actions,
  children,
  id,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  id?: string;
}) {
  return (
    <section className="panel" aria-labelledby={id ? `${id}-title` : undefined}>
      <header className="panel-header">
        <div>
          <h2 id={id ? `${id}-title` : undefined}>{title}</h2>
          {description && <p className="panel-description">{description}</p>}
        </div>
        {actions && <div className="panel-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

/** A button showing progress while its action runs. */
export function ActionButton({
  pending,
  children,
  pendingLabel,
  className = "button",
  ...rest
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { pending?: boolean; pendingLabel?: string }) {
  return (
    <button {...rest} className={className} disabled={pending || rest.disabled} aria-busy={pending || undefined}>
      {pending && <span className="spinner spinner-small" aria-hidden="true" />}
      <span>{pending && pendingLabel ? pendingLabel : children}</span>
    </button>
  );
}

/**
 * The end of a form that sends a wallet action: the action's error, an optional notice, then the
 * submit button — busy with the action's current step (or "confirm in your wallet") while it runs —
 * and a cancel button when the form can be closed.
 */
export function ActionFooter({
  state,
  submitLabel,
  danger,
  disabled,
  notice,
  onCancel,
}: {
  state: ActionState<unknown>;
  submitLabel: string;
  danger?: boolean;
  disabled?: boolean;
  notice?: ReactNode;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {state.status === "error" && <ErrorNotice error={state.error} />}
      {notice}
      <div className={onCancel ? "button-row" : undefined}>
        <ActionButton
          type="submit"
          className={danger ? "button button-danger" : "button"}
          pending={state.status === "pending"}
          pendingLabel={state.status === "pending" ? (state.step ?? t("common.confirmInWallet")) : undefined}
          disabled={disabled}
        >
          {submitLabel}
        </ActionButton>
        {onCancel && (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        )}
      </div>
    </>
  );
}
