// The issuer's admin role, handed over in two steps: the admin proposes a wallet, that wallet accepts
// (so a mistyped address never takes the institution over); until then the admin may cancel.
import { acceptIssuerAdmin, transferIssuerAdmin } from "@chancery/sdk/chain";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Address, isAddress, zeroAddress } from "viem";
import { ActionButton, ActionFooter, ErrorNotice, Field, Hex, Notice, Section } from "../../components/ui.tsx";
import { useAction } from "../../lib/hooks.ts";
import { profileField } from "../../lib/onchainDocs.ts";
import type { IssuerOnChain, WriteContext } from "../../sdk/light.ts";
import { issuerKeys, useIssuer } from "./context.tsx";
import { activeNow, useChainNow, useSigners } from "./queries.ts";

/** What changes once the transfer lands: the offers, then the issuer's record and who may see which console. */
const afterTransfer = (address: string) => [issuerKeys.adminOffers(address), issuerKeys.memberships(address)];

export function AdminTransfer() {
  const { t } = useTranslation();
  const { issuer, role, write, address } = useIssuer();
  const [newAdmin, setNewAdmin] = useState("");
  const [touched, setTouched] = useState(false);
  const propose = useAction({ invalidate: afterTransfer(address) });
  const cancel = useAction({ invalidate: afterTransfer(address) });
  const signers = useSigners();
  const now = useChainNow();
  // The admin role does not make a wallet a signer (a new admin is none until added): say so before an award fails.
  const notSigner =
    role === "admin" && signers.data && !signers.data.some((s) => s.signer.toLowerCase() === address.toLowerCase() && activeNow(s, now));
  const candidate = newAdmin.trim();
  const error = !isAddress(candidate)
    ? t("admin.addressInvalid")
    : candidate.toLowerCase() === issuer.admin.toLowerCase()
      ? t("admin.alreadyAdmin")
      : undefined;
  return (
    <Section title={t("admin.title")} description={t("admin.description")} id="admin">
      <div className="stack">
        <p>
          {t("admin.current")} <Hex value={issuer.admin} head={10} tail={8} copy />
          {issuer.admin.toLowerCase() === address.toLowerCase() && <span className="muted small"> · {t("team.you")}</span>}
        </p>
        {notSigner && (
          <Notice tone="info" title={t("admin.notSignerTitle")}>
            {t("admin.notSignerBody")}
          </Notice>
        )}
        {issuer.pendingAdmin && (
          <Notice tone="warning" title={t("admin.pendingTitle")}>
            <p>
              {t("admin.pendingBody")} <Hex value={issuer.pendingAdmin} head={10} tail={8} copy />
            </p>
            {role === "admin" && (
              <div>
                <ActionButton
                  className="button button-secondary button-small"
                  pending={cancel.state.status === "pending"}
                  pendingLabel={t("common.confirmInWallet")}
                  onClick={() => void cancel.run(() => transferIssuerAdmin(write, issuer.issuerId, zeroAddress))}
                >
                  {t("admin.cancelTransfer")}
                </ActionButton>
              </div>
            )}
          </Notice>
        )}
        {cancel.state.status === "error" && <ErrorNotice error={cancel.state.error} />}
        {role === "admin" ? (
          <form
            className="stack"
            noValidate
            onSubmit={async (e) => {
              e.preventDefault();
              setTouched(true);
              if (error) return;
              const done = await propose.run(() => transferIssuerAdmin(write, issuer.issuerId, candidate as Address));
              if (done !== undefined) {
                setNewAdmin("");
                setTouched(false);
              }
            }}
          >
            <h3 className="subhead">{issuer.pendingAdmin ? t("admin.proposeOther") : t("admin.propose")}</h3>
            <p className="small muted">{t("admin.proposeNote")}</p>
            <Field label={t("admin.newAdmin")} error={touched ? error : undefined}>
              {(p) => (
                <input
                  {...p}
                  value={newAdmin}
                  onChange={(e) => setNewAdmin(e.target.value)}
                  placeholder="0x…"
                  spellCheck={false}
                  autoComplete="off"
                />
              )}
            </Field>
            <ActionFooter state={propose.state} submitLabel={t("admin.proposeSubmit")} />
          </form>
        ) : (
          <p className="muted small">{t("admin.adminOnly")}</p>
        )}
      </div>
    </Section>
  );
}

/** Offers of the admin role waiting for this wallet: accept one, and its console opens as admin. */
export function AdminOffers({ offers, write, address }: { offers: IssuerOnChain[]; write: WriteContext; address: string }) {
  const { t } = useTranslation();
  const accept = useAction({ invalidate: afterTransfer(address) });
  const [accepting, setAccepting] = useState<number>();
  if (offers.length === 0) return null;
  return (
    <div className="stack admin-offers">
      {offers.map((offer) => (
        <Notice
          key={offer.issuerId}
          tone="info"
          title={t("admin.offerTitle", { name: profileField(offer.profile, "name") ?? `#${offer.issuerId}` })}
          action={
            <ActionButton
              pending={accept.state.status === "pending" && accepting === offer.issuerId}
              pendingLabel={t("common.confirmInWallet")}
              onClick={() => {
                setAccepting(offer.issuerId);
                void accept.run(() => acceptIssuerAdmin(write, offer.issuerId));
              }}
            >
              {t("admin.accept")}
            </ActionButton>
          }
        >
          {t("admin.offerBody", { admin: offer.admin, id: offer.issuerId })}
        </Notice>
      ))}
      {accept.state.status === "error" && <ErrorNotice error={accept.state.error} />}
    </div>
  );
}
