// A verification step in the reader's language: its sdk code picks the sentence (verifySteps.*),
// its params are formatted by their kind (STEP_CODES) through Intl. A step whose code this app
// does not know (a newer sdk) is shown in the sdk's English words, never left blank.
import { type ParamKind, STEP_CODES } from "@chancery/sdk/verify/codes";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { formatDuration, formatInstant, formatList, formatNumber, shortHex } from "../../lib/format.ts";

type StepLike = { code?: string; params?: Record<string, string | number>; message: string };

/** Ids and indexes are names, not quantities: never grouped ("chain 31337", not "31 337"). */
const isIdentifier = (name: string) => /^(id|index|list|entry)$|Id$/.test(name);

function formatParam(name: string, kind: ParamKind, value: string | number | undefined, t: TFunction, locale: string): string {
  if (value === undefined || value === "") return "";
  switch (kind) {
    case "number":
      if (typeof value !== "number") return String(value);
      return formatNumber(value, locale, isIdentifier(name) ? { useGrouping: false } : undefined);
    case "duration":
      return typeof value === "number" ? formatDuration(value, locale) : String(value);
    case "date":
      return formatInstant(String(value), locale);
    case "hex":
      return shortHex(String(value), 10, 6);
    case "source":
      return t(`verifyTerms.source.${value}`, { defaultValue: String(value) });
    case "name?":
      return t("verifyTerms.named", { value });
    case "quote?":
      return t("verifyTerms.quoted", { value });
    case "reason?":
      return value === "unspecified"
        ? ""
        : t("verifyTerms.reasoned", { value: t(`verifyTerms.reason.${value}`, { defaultValue: String(value) }) });
    case "term:document":
      return t(`verifyTerms.document.${value}`, { defaultValue: String(value) });
    case "term:standing":
      return t(`verifyTerms.standing.${value}`, { defaultValue: String(value) });
    case "term:step":
      return t(`verifyTerms.step.${value}`, { defaultValue: String(value) });
    case "terms:field":
      return formatList(
        String(value)
          .split(",")
          .map((field) => t(`verifyTerms.field.${field}`, { defaultValue: field })),
        locale,
      );
    default:
      return String(value);
  }
}

/** The sentence of a step for the reader (`t` and `locale` of the current language). */
export function stepText(step: StepLike, t: TFunction, locale: string): string {
  const code = step.code;
  if (!code || code === "run.uncoded" || !Object.hasOwn(STEP_CODES, code)) return step.message;
  const key = `verifySteps.${code}`;
  const kinds = STEP_CODES[code as keyof typeof STEP_CODES] as Record<string, ParamKind>;
  const values: Record<string, string> = {};
  for (const [name, kind] of Object.entries(kinds)) values[name] = formatParam(name, kind, step.params?.[name], t, locale);
  const text = t(key, { ...values, defaultValue: "" });
  if (!text) return step.message;
  // A document's name ("the status list") may open a sentence: capitalised as a sentence starts.
  const opensWithDocument = t(key, { ...values, document: "\u0000", defaultValue: "" }).startsWith("\u0000");
  return opensWithDocument ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/** `say(step)`: a step's sentence in the current language (re-rendered when the language changes). */
export function useStepText(): (step: StepLike) => string {
  const { t, i18n } = useTranslation();
  return (step) => stepText(step, t, i18n.language);
}
