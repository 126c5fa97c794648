// The issuer profile's fields, their checks and the logo, shared by registration and the profile
// editor (one block, so both forms accept and refuse the same things).
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Field } from "../../components/ui.tsx";
import type { PreparedImage } from "../../lib/images.ts";
import { fitDocument, ImagePicker, isEmail, isHttpUrl, MAX_DOCUMENT_BYTES } from "./forms.tsx";

/**
 * Characters a logo may take when chosen. The profile holds 16,384 bytes in all and its other
 * fields (id, keys' document, verification) take 300 to 600 bytes with ordinary texts; at submit the
 * logo is fitted again into the exact room left (fitDocument), so long texts shrink it, never drop it.
 */
export const LOGO_BUDGET = 15_000;

export type ProfileValues = { name: string; url: string; email: string; description: string };

export type ProfileInput = { name: string; url: string; email?: string; description?: string; image?: string };

export function useProfileFields(initial: Partial<ProfileValues> = {}, initialLogo?: PreparedImage) {
  const { t } = useTranslation();
  const [values, setValues] = useState<ProfileValues>({
    name: initial.name ?? "",
    url: initial.url ?? "https://",
    email: initial.email ?? "",
    description: initial.description ?? "",
  });
  const [logo, setLogo] = useState<PreparedImage | undefined>(initialLogo);
  const [logoRefused, setLogoRefused] = useState(false);
  const [touched, setTouched] = useState(false);
  const errors = {
    name: values.name.trim().length < 2 ? t("register.nameRequired") : undefined,
    url: !isHttpUrl(values.url.trim()) ? t("register.urlInvalid") : undefined,
    email: values.email.trim() && !isEmail(values.email) ? t("register.emailInvalid") : undefined,
    logo: logoRefused ? t("imageFit.refusedPending") : undefined,
  };
  const valid = Object.values(errors).every((e) => !e);
  const set = (key: keyof ProfileValues) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  /** The profile input without its image (trimmed, empty optional fields left out). */
  const input = (): Omit<ProfileInput, "image"> => ({
    name: values.name.trim(),
    url: values.url.trim(),
    ...(values.email.trim() ? { email: values.email.trim() } : {}),
    ...(values.description.trim() ? { description: values.description.trim() } : {}),
  });

  /** The profile `build` makes from the fields, with the logo fitted into the room it leaves. */
  async function profile<D>(build: (input: ProfileInput) => D): Promise<D> {
    const { document, image } = await fitDocument(
      (imageUri) => build({ ...input(), ...(imageUri ? { image: imageUri } : {}) }),
      logo,
      t,
      (size) => t("register.profileTooLarge", { size, max: MAX_DOCUMENT_BYTES }),
    );
    if (image !== logo) setLogo(image);
    return document;
  }

  return { values, set, logo, setLogo, setLogoRefused, touched, setTouched, errors, valid, profile };
}

export type ProfileFieldsState = ReturnType<typeof useProfileFields>;

export function ProfileFields({ form }: { form: ProfileFieldsState }) {
  const { t } = useTranslation();
  const { values, set, errors, touched } = form;
  const show = (key: keyof typeof errors) => (touched ? errors[key] : undefined);
  return (
    <>
      <Field label={t("register.name")} error={show("name")}>
        {(p) => (
          <input
            {...p}
            value={values.name}
            onChange={(e) => set("name")(e.target.value)}
            autoComplete="organization"
            required
            maxLength={200}
          />
        )}
      </Field>
      <Field label={t("register.url")} hint={t("register.urlHint")} error={show("url")}>
        {(p) => <input {...p} type="url" value={values.url} onChange={(e) => set("url")(e.target.value)} autoComplete="url" required />}
      </Field>
      <Field label={t("register.email")} hint={t("register.emailHint")} error={show("email")} optional>
        {(p) => <input {...p} type="email" value={values.email} onChange={(e) => set("email")(e.target.value)} autoComplete="email" />}
      </Field>
      <ImagePicker
        label={t("register.logo")}
        hint={t("imageFit.logoHint")}
        budget={LOGO_BUDGET}
        value={form.logo}
        onChange={form.setLogo}
        onRefused={form.setLogoRefused}
      />
      {show("logo") && <p className="field-error">{show("logo")}</p>}
      <Field label={t("register.description")} optional>
        {(p) => (
          <textarea {...p} rows={4} value={values.description} onChange={(e) => set("description")(e.target.value)} maxLength={2000} />
        )}
      </Field>
    </>
  );
}
