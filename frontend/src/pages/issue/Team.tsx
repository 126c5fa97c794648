import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isAddress } from "viem";
import { ActionButton, Chip, EmptyState, ErrorNotice, Field, Hex, Notice, Section, Spinner } from "../../components/ui.tsx";
import { explain } from "../../lib/errors.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useAction } from "../../lib/hooks.ts";
import { addIssuerKey, addIssuerSigner, writeRegistry } from "../../sdk/light.ts";
import { AdminTransfer } from "./AdminTransfer.tsx";
import { issuerKeys, useIssuer } from "./context.tsx";
import { activeNow, useChainNow, useKeys, useSigners } from "./queries.ts";
import { deriveIssuerKey } from "./signingKey.ts";

function WindowText({ from, until, now }: { from: number; until?: number; now: number }) {
  const { t, i18n } = useTranslation();
  if (until && until <= now) return <span>{t("team.windowEnded", { date: formatDateTime(until, i18n.language) })}</span>;
  if (from > now) return <span>{t("team.windowStarts", { date: formatDateTime(from, i18n.language) })}</span>;
  return (
    <span>
      {until
        ? t("team.windowUntil", { from: formatDateTime(from, i18n.language), until: formatDateTime(until, i18n.language) })
        : t("team.windowOpen", { from: formatDateTime(from, i18n.language) })}
    </span>
  );
}

export function Team() {
  return (
    <div className="stack">
      <SigningKey />
      <Signers />
      <AdminTransfer />
    </div>
  );
}

function SigningKey() {
  const { t } = useTranslation();
  const session = useIssuer();
  const { issuer, role, write, signingKey } = session;
  const keys = useKeys();
  const now = useChainNow();
  const derive = useAction();
  // Once the receipt is in: the keys and the chain's time (the new key is valid from its block's time).
  const register = useAction({ invalidate: [issuerKeys.keys(issuer.issuerId), issuerKeys.chainNow] });
  const revoke = useAction({ invalidate: [issuerKeys.keys(issuer.issuerId), issuerKeys.chainNow] });
  // Revoking a key is final: ask once more, saying what it does.
  const [confirming, setConfirming] = useState<string | undefined>();
  const registered = signingKey && keys.data?.find((k) => k.publicKey.toLowerCase() === signingKey.publicKeyHex.toLowerCase());
  return (
    <Section title={t("team.keyTitle")} description={t("team.keyDescription")} id="signing-key">
      {keys.isPending && <Spinner />}
      {keys.isError && <ErrorNotice error={explain(keys.error, t)} onRetry={() => void keys.refetch()} />}
      {keys.data && (
        <div className="stack">
          {!signingKey ? (
            <div className="stack">
              <p>{t("team.keyExplain")}</p>
              <div>
                <ActionButton
                  pending={derive.state.status === "pending"}
                  pendingLabel={t("common.confirmInWallet")}
                  onClick={() => void derive.run(() => deriveIssuerKey(session))}
                >
                  {t("team.derive")}
                </ActionButton>
              </div>
              {derive.state.status === "error" && <ErrorNotice error={derive.state.error} />}
            </div>
          ) : (
            <div className="key-box">
              <p className="small muted">{t("team.yourKey")}</p>
              <p>
                <code className="break">{signingKey.publicKeyMultibase}</code>
              </p>
              {registered && activeNow(registered, now) ? (
                <Notice tone="success" title={t("team.keyRegistered")}>
                  {t("team.keyRegisteredBody")}
                </Notice>
              ) : role === "admin" ? (
                <div className="stack">
                  <Notice tone="warning" title={t("team.keyNotRegistered")}>
                    {t("team.keyNotRegisteredBody")}
                  </Notice>
                  <div>
                    <ActionButton
                      pending={register.state.status === "pending"}
                      pendingLabel={t("common.confirmInWallet")}
                      onClick={() => void register.run(() => addIssuerKey(write, issuer.issuerId, signingKey.publicKeyHex))}
                    >
                      {t("team.register")}
                    </ActionButton>
                  </div>
                </div>
              ) : (
                <Notice tone="warning" title={t("team.keyNotRegistered")}>
                  {t("team.askAdmin", { key: signingKey.publicKeyHex })}
                </Notice>
              )}
              {register.state.status === "error" && <ErrorNotice error={register.state.error} />}
            </div>
          )}
          <h3 className="subhead">{t("team.registeredKeys")}</h3>
          {keys.data.length === 0 ? (
            <p className="muted">{t("team.noKeys")}</p>
          ) : (
            <ul className="rows">
              {keys.data.map((k) => (
                <li key={k.publicKey} className="row">
                  <div>
                    <Hex value={k.publicKey} head={10} tail={8} copy />
                    <p className="small muted">
                      <WindowText from={k.validFrom} until={k.validUntil} now={now} />
                    </p>
                  </div>
                  <div className="row-end">
                    {activeNow(k, now) ? <Chip tone="valid">{t("team.active")}</Chip> : <Chip tone="erased">{t("team.inactive")}</Chip>}
                    {role === "admin" && activeNow(k, now) && confirming !== k.publicKey && (
                      <button type="button" className="button button-secondary button-small" onClick={() => setConfirming(k.publicKey)}>
                        {t("team.revokeKey")}
                      </button>
                    )}
                  </div>
                  {role === "admin" && activeNow(k, now) && confirming === k.publicKey && (
                    <fieldset className="stack bare" aria-label={t("team.revokeKeyConfirmTitle")}>
                      <p className="small">{t("team.revokeKeyConfirm")}</p>
                      <div className="row-end">
                        <button type="button" className="button button-secondary button-small" onClick={() => setConfirming(undefined)}>
                          {t("common.cancel")}
                        </button>
                        <ActionButton
                          className="button button-danger button-small"
                          pending={revoke.state.status === "pending"}
                          onClick={() =>
                            void revoke
                              .run(() => writeRegistry(write, "revokeKey", [issuer.issuerId, k.publicKey]))
                              .then((done) => {
                                if (!done) return; // refused or rejected: the error shows below, the key stays
                                setConfirming(undefined);
                                // The key in hand is no longer valid: the next derivation gives the next generation.
                                if (signingKey?.publicKeyHex.toLowerCase() === k.publicKey.toLowerCase()) session.setSigningKey(undefined);
                              })
                          }
                        >
                          {t("team.revokeKeyConfirmAction")}
                        </ActionButton>
                      </div>
                    </fieldset>
                  )}
                </li>
              ))}
            </ul>
          )}
          {revoke.state.status === "error" && <ErrorNotice error={revoke.state.error} />}
        </div>
      )}
    </Section>
  );
}

function toSeconds(local: string): Date | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function Signers() {
  const { t } = useTranslation();
  const { issuer, role, write, address } = useIssuer();
  const signers = useSigners();
  const now = useChainNow();
  const [signer, setSigner] = useState("");
  const [from, setFrom] = useState("");
  const [until, setUntil] = useState("");
  const [touched, setTouched] = useState(false);
  const add = useAction({ invalidate: [issuerKeys.signers(issuer.issuerId), issuerKeys.chainNow] });
  const remove = useAction({ invalidate: [issuerKeys.signers(issuer.issuerId), issuerKeys.chainNow] });
  const errors = {
    signer: isAddress(signer.trim()) ? undefined : t("team.addressInvalid"),
    until:
      until && from && new Date(until) <= new Date(from)
        ? t("team.untilAfterFrom")
        : until && new Date(until).getTime() <= Date.now()
          ? t("team.untilFuture")
          : undefined,
  };
  const valid = !errors.signer && !errors.until;
  return (
    <Section title={t("team.signersTitle")} description={t("team.signersDescription")} id="signers">
      {signers.isPending && <Spinner />}
      {signers.isError && <ErrorNotice error={explain(signers.error, t)} onRetry={() => void signers.refetch()} />}
      {signers.data && signers.data.length === 0 && <EmptyState title={t("team.noSigners")} />}
      {signers.data && signers.data.length > 0 && (
        <ul className="rows">
          {signers.data.map((s) => (
            <li key={s.signer} className="row">
              <div>
                <Hex value={s.signer} head={10} tail={8} copy />
                {s.signer.toLowerCase() === address.toLowerCase() && <span className="muted small"> · {t("team.you")}</span>}
                <p className="small muted">
                  <WindowText from={s.validFrom} until={s.validUntil} now={now} />
                </p>
              </div>
              <div className="row-end">
                {activeNow(s, now) ? <Chip tone="valid">{t("team.active")}</Chip> : <Chip tone="erased">{t("team.inactive")}</Chip>}
                {role === "admin" && activeNow(s, now) && (
                  <ActionButton
                    className="button button-secondary button-small"
                    pending={remove.state.status === "pending"}
                    onClick={() => void remove.run(() => writeRegistry(write, "removeSigner", [issuer.issuerId, s.signer]))}
                  >
                    {t("team.remove")}
                  </ActionButton>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {remove.state.status === "error" && <ErrorNotice error={remove.state.error} />}
      {role === "admin" ? (
        <form
          className="stack add-signer"
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            setTouched(true);
            if (!valid) return;
            const ok = await add.run(() =>
              addIssuerSigner(write, issuer.issuerId, signer.trim() as `0x${string}`, { from: toSeconds(from), until: toSeconds(until) }),
            );
            if (ok !== undefined) {
              setSigner("");
              setFrom("");
              setUntil("");
              setTouched(false);
            }
          }}
        >
          <h3 className="subhead">{t("team.addSigner")}</h3>
          <p className="small muted">{t("team.windowNote")}</p>
          <Field label={t("team.signerAddress")} error={touched ? errors.signer : undefined}>
            {(p) => (
              <input
                {...p}
                value={signer}
                onChange={(e) => setSigner(e.target.value)}
                placeholder="0x…"
                spellCheck={false}
                autoComplete="off"
              />
            )}
          </Field>
          <div className="field-row">
            <Field label={t("team.validFrom")} hint={t("team.validFromHint")} optional>
              {(p) => <input {...p} type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />}
            </Field>
            <Field label={t("team.validUntil")} hint={t("team.validUntilHint")} error={touched ? errors.until : undefined} optional>
              {(p) => <input {...p} type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} />}
            </Field>
          </div>
          {add.state.status === "error" && <ErrorNotice error={add.state.error} />}
          <div>
            <ActionButton type="submit" pending={add.state.status === "pending"} pendingLabel={t("common.confirmInWallet")}>
              {t("team.addSignerSubmit")}
            </ActionButton>
          </div>
        </form>
      ) : (
        <p className="muted small">{t("team.adminOnly")}</p>
      )}
    </Section>
  );
}
