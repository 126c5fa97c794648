// Edits the issuer's on-chain profile: the registration form's fields and checks, prefilled from the
// profile the chain holds, published again (updateProfile) as the registration publishes it.
import { updateIssuerProfile } from "@chancery/sdk/chain";
import { useTranslation } from "react-i18next";
import { ActionFooter } from "../../components/ui.tsx";
import { useChainEnv } from "../../lib/chainEnv.tsx";
import { useAction } from "../../lib/hooks.ts";
import { preparedFromDataUri } from "../../lib/images.ts";
import { profileField, profileImage } from "../../lib/onchainDocs.ts";
import { issuerKeys, useIssuer } from "./context.tsx";
import { ProfileFields, useProfileFields } from "./ProfileFields.tsx";

/** Host names the profile already lists beyond the gateway's (kept: hosted badges are fetched from them). */
function allowedOrigins(profile: unknown): string[] {
  const origins = (profile as { verification?: { allowedOrigins?: unknown } } | undefined)?.verification?.allowedOrigins;
  return Array.isArray(origins) ? origins.filter((o): o is string => typeof o === "string") : [];
}

export function ProfileEditor({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { config } = useChainEnv();
  const { issuer, write, address } = useIssuer();
  const profile = issuer.profile;
  const form = useProfileFields(
    {
      name: profileField(profile, "name"),
      url: profileField(profile, "url"),
      email: profileField(profile, "email"),
      description: profileField(profile, "description"),
    },
    preparedFromDataUri(profileImage(profile)),
  );
  // The console's issuer (and its name in the header) comes from the memberships query.
  const { state, run } = useAction({ invalidate: [issuerKeys.memberships(address)] });

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    form.setTouched(true);
    if (!form.valid) return;
    const done = await run(async (step) => {
      step(t("register.stepPreparing"));
      const { buildRegisteredIssuerProfile } = await import("../../sdk/heavy.ts");
      const next = await form.profile((input) =>
        buildRegisteredIssuerProfile(
          { issuerId: issuer.issuerId, ...input },
          config.gatewayUrl,
          { chainId: config.chainId, registry: write.registry },
          allowedOrigins(profile),
        ),
      );
      step(t("common.confirmInWallet"));
      return updateIssuerProfile(write, issuer.issuerId, next);
    });
    if (done) onDone();
  }

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label={t("profile.formLabel")}>
      <p className="small muted">{t("profile.note")}</p>
      <ProfileFields form={form} />
      <ActionFooter state={state} submitLabel={t("profile.submit")} onCancel={onDone} />
    </form>
  );
}
