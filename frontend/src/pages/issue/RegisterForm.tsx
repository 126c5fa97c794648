import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ActionFooter, Field, Notice, Section } from "../../components/ui.tsx";
import { useChainEnv } from "../../lib/chainEnv.tsx";
import { UiError } from "../../lib/errors.ts";
import { useAction } from "../../lib/hooks.ts";
import type { PreparedImage } from "../../lib/images.ts";
import { badgeRegistryAbi, registerIssuer, type WriteContext } from "../../sdk/light.ts";
import { byteLength, ImagePicker, isEmail, isHttpUrl, MAX_DOCUMENT_BYTES } from "./forms.tsx";

/** Bytes a logo may take inside the on-chain profile (which holds 16,384 in all). */
export const LOGO_BUDGET = 10_000;

export function RegisterForm({ write, address, onRegistered }: { write: WriteContext; address: string; onRegistered: () => void }) {
  const { t } = useTranslation();
  const { config } = useChainEnv();
  const [name, setName] = useState("");
  const [url, setUrl] = useState("https://");
  const [email, setEmail] = useState("");
  const [description, setDescription] = useState("");
  const [logo, setLogo] = useState<PreparedImage>();
  const [touched, setTouched] = useState(false);
  const { state, run } = useAction<number>();

  const errors = {
    name: name.trim().length < 2 ? t("register.nameRequired") : undefined,
    url: !isHttpUrl(url.trim()) ? t("register.urlInvalid") : undefined,
    email: email.trim() && !isEmail(email) ? t("register.emailInvalid") : undefined,
  };
  const valid = !errors.name && !errors.url && !errors.email;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (!valid) return;
    const issuerId = await run(async (step) => {
      step(t("register.stepPreparing"));
      const { buildRegisteredIssuerProfile } = await import("../../sdk/heavy.ts");
      // The profile names its own issuer id; registration takes the next one.
      const count = await write.client.readContract({ address: write.registry, abi: badgeRegistryAbi, functionName: "issuerCount" });
      const profile = buildRegisteredIssuerProfile(
        {
          issuerId: Number(count) + 1,
          name: name.trim(),
          url: url.trim(),
          ...(email.trim() ? { email: email.trim() } : {}),
          ...(description.trim() ? { description: description.trim() } : {}),
          ...(logo ? { image: logo.dataUri } : {}),
        },
        config.gatewayUrl,
        { chainId: config.chainId, registry: write.registry },
      );
      const size = byteLength(profile);
      if (size > MAX_DOCUMENT_BYTES) throw new UiError("too-large", t("register.profileTooLarge", { size, max: MAX_DOCUMENT_BYTES }));
      step(t("common.confirmInWallet"));
      const result = await registerIssuer(write, profile);
      return result.issuerId;
    });
    if (issuerId) onRegistered();
  }

  const show = (key: keyof typeof errors) => (touched ? errors[key] : undefined);
  return (
    <div className="register">
      <header className="page-header">
        <p className="eyebrow">{t("issue.console")}</p>
        <h1>{t("register.title")}</h1>
        <p className="lead">{t("register.lead")}</p>
      </header>
      <div className="two-col">
        <Section title={t("register.formTitle")} id="register-form">
          <form className="stack" onSubmit={submit} noValidate>
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
            <ActionFooter state={state} submitLabel={t("register.submit")} />
          </form>
        </Section>
        <aside className="stack">
          <Notice tone="info" title={t("register.whatHappensTitle")}>
            <ul className="plain-list">
              <li>{t("register.whatHappens1", { address })}</li>
              <li>{t("register.whatHappens2")}</li>
              <li>{t("register.whatHappens3")}</li>
            </ul>
          </Notice>
        </aside>
      </div>
    </div>
  );
}
