// Edits the issuer's on-chain profile: the registration form's fields and checks, prefilled from the
// profile the chain holds, published again (updateProfile) as the registration publishes it.
import { updateIssuerProfile } from "@chancery/sdk/chain";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ActionFooter, Field } from "../../components/ui.tsx";
import { useChainEnv } from "../../lib/chainEnv.tsx";
import { UiError } from "../../lib/errors.ts";
import { useAction } from "../../lib/hooks.ts";
import type { PreparedImage } from "../../lib/images.ts";
import { profileField, profileImage } from "../../lib/onchainDocs.ts";
import { issuerKeys, useIssuer } from "./context.tsx";
import { byteLength, ImagePicker, isEmail, isHttpUrl, MAX_DOCUMENT_BYTES } from "./forms.tsx";
import { LOGO_BUDGET } from "./RegisterForm.tsx";

/** The logo already on chain, shown in the picker as if just chosen (kept unless replaced). */
function currentLogo(profile: unknown): PreparedImage | undefined {
  const image = profileImage(profile);
  const match = image && /^data:(image\/png|image\/svg\+xml)[;,]/.exec(image);
  if (!image || !match) return undefined;
  return { dataUri: image, type: match[1] as PreparedImage["type"], bytes: byteLength(image) };
}

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
  const [name, setName] = useState(profileField(profile, "name") ?? "");
  const [url, setUrl] = useState(profileField(profile, "url") ?? "https://");
  const [email, setEmail] = useState(profileField(profile, "email") ?? "");
  const [description, setDescription] = useState(profileField(profile, "description") ?? "");
  const [logo, setLogo] = useState<PreparedImage | undefined>(() => currentLogo(profile));
  const [touched, setTouched] = useState(false);
  // The console's issuer (and its name in the header) comes from the memberships query.
  const { state, run } = useAction({ invalidate: [issuerKeys.memberships(address)] });

  const errors = {
    name: name.trim().length < 2 ? t("register.nameRequired") : undefined,
    url: !isHttpUrl(url.trim()) ? t("register.urlInvalid") : undefined,
    email: email.trim() && !isEmail(email) ? t("register.emailInvalid") : undefined,
  };
  const valid = !errors.name && !errors.url && !errors.email;
  const show = (key: keyof typeof errors) => (touched ? errors[key] : undefined);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (!valid) return;
    const done = await run(async (step) => {
      step(t("register.stepPreparing"));
      const { buildRegisteredIssuerProfile } = await import("../../sdk/heavy.ts");
      const next = buildRegisteredIssuerProfile(
        {
          issuerId: issuer.issuerId,
          name: name.trim(),
          url: url.trim(),
          ...(email.trim() ? { email: email.trim() } : {}),
          ...(description.trim() ? { description: description.trim() } : {}),
          ...(logo ? { image: logo.dataUri } : {}),
        },
        config.gatewayUrl,
        { chainId: config.chainId, registry: write.registry },
        allowedOrigins(profile),
      );
      const size = byteLength(next);
      if (size > MAX_DOCUMENT_BYTES) throw new UiError("too-large", t("register.profileTooLarge", { size, max: MAX_DOCUMENT_BYTES }));
      step(t("common.confirmInWallet"));
      return updateIssuerProfile(write, issuer.issuerId, next);
    });
    if (done) onDone();
  }

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label={t("profile.formLabel")}>
      <p className="small muted">{t("profile.note")}</p>
      <Field label={t("register.name")} error={show("name")}>
        {(p) => (
          <input {...p} value={name} onChange={(e) => setName(e.target.value)} autoComplete="organization" required maxLength={200} />
        )}
      </Field>
      <Field label={t("register.url")} hint={t("register.urlHint")} error={show("url")}>
        {(p) => <input {...p} type="url" value={url} onChange={(e) => setUrl(e.target.value)} autoComplete="url" required />}
      </Field>
      <Field label={t("register.email")} hint={t("register.emailHint")} error={show("email")} optional>
        {(p) => <input {...p} type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" />}
      </Field>
      <ImagePicker label={t("register.logo")} hint={t("register.logoHint")} budget={LOGO_BUDGET} value={logo} onChange={setLogo} />
      <Field label={t("register.description")} optional>
        {(p) => <textarea {...p} rows={4} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} />}
      </Field>
      <ActionFooter state={state} submitLabel={t("profile.submit")} onCancel={onDone} />
    </form>
  );
}
