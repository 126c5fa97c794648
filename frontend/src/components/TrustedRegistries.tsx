// The "Trusted registries" setting: registries this user trusts beyond Chancery's deployments. A
// badge of any other registry is "untrusted-registry"; adding one here is an explicit act, shown on
// every verdict it answers ("trusted by you").
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { parseTrustedRegistry, type TrustedRegistry, TrustedRegistryError, useTrustedRegistries } from "../lib/trustedRegistries.ts";
import { Field, Hex } from "./ui.tsx";

export type TrustDraft = { chainId: string; registry: string };

export function TrustedRegistriesPanel({ draft, onAdded }: { draft?: TrustDraft; onAdded?: (entry: TrustedRegistry) => void }) {
  const { t } = useTranslation();
  const { list, add, remove } = useTrustedRegistries();
  const [chainId, setChainId] = useState(draft?.chainId ?? "");
  const [registry, setRegistry] = useState(draft?.registry ?? "");
  const [label, setLabel] = useState("");
  const [error, setError] = useState<{ field: "chainId" | "registry" }>();
  const [open, setOpen] = useState(Boolean(draft) || list.length > 0);

  // An "untrusted registry" verdict offers to trust the registry it names: prefill, never add by itself.
  useEffect(() => {
    if (!draft) return;
    setChainId(draft.chainId);
    setRegistry(draft.registry);
    setError(undefined);
    setOpen(true);
  }, [draft]);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    try {
      const entry = parseTrustedRegistry({ chainId, registry, label });
      add(entry);
      setChainId("");
      setRegistry("");
      setLabel("");
      setError(undefined);
      onAdded?.(entry);
    } catch (err) {
      if (err instanceof TrustedRegistryError) setError({ field: err.field });
      else throw err;
    }
  }

  return (
    <details className="trusted-registries" open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>
        {t("trust.title")} {list.length > 0 && <span className="muted small">({list.length})</span>}
      </summary>
      <p className="hint">{t("trust.explain")}</p>
      {list.length > 0 ? (
        <ul className="rows" aria-label={t("trust.listLabel")}>
          {list.map((entry) => (
            <li key={`${entry.chainId}:${entry.registry}`} className="row trusted-row">
              <span>
                {entry.label && <strong>{entry.label} · </strong>}
                {t("trust.chain", { chainId: entry.chainId })} · <Hex value={entry.registry} head={8} tail={6} copy />
              </span>
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => remove(entry)}
                aria-label={t("trust.removeLabel", { registry: entry.registry, chainId: entry.chainId })}
              >
                {t("trust.remove")}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="small muted">{t("trust.none")}</p>
      )}
      <form className="trusted-form" onSubmit={onSubmit} noValidate>
        <Field label={t("trust.chainId")} error={error?.field === "chainId" ? t("trust.badChainId") : undefined}>
          {(p) => <input {...p} inputMode="numeric" value={chainId} onChange={(e) => setChainId(e.target.value)} placeholder="31337" />}
        </Field>
        <Field label={t("trust.registry")} error={error?.field === "registry" ? t("trust.badRegistry") : undefined}>
          {(p) => (
            <input
              {...p}
              value={registry}
              onChange={(e) => setRegistry(e.target.value)}
              placeholder="0x…"
              spellCheck={false}
              autoComplete="off"
            />
          )}
        </Field>
        <Field label={t("trust.label")} optional>
          {(p) => <input {...p} value={label} onChange={(e) => setLabel(e.target.value)} maxLength={80} />}
        </Field>
        <div>
          <button type="submit" className="button button-small">
            {t("trust.add")}
          </button>
        </div>
      </form>
    </details>
  );
}
