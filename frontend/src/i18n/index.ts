import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./en.ts";
import { fr } from "./fr.ts";
import { zh } from "./zh.ts";

export const LANGUAGES = [
  { code: "en", label: "English", rainbowkit: "en-US" },
  { code: "fr", label: "Français", rainbowkit: "fr-FR" },
  { code: "zh", label: "中文", rainbowkit: "zh-CN" },
] as const;
export type LanguageCode = (typeof LANGUAGES)[number]["code"];

const STORAGE = "chancery.lang";

function initialLanguage(): LanguageCode {
  try {
    const saved = localStorage.getItem(STORAGE);
    if (saved && LANGUAGES.some((l) => l.code === saved)) return saved as LanguageCode;
  } catch {
    // storage blocked
  }
  const nav = typeof navigator !== "undefined" ? navigator.language.toLowerCase() : "en";
  if (nav.startsWith("fr")) return "fr";
  if (nav.startsWith("zh")) return "zh";
  return "en";
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, fr: { translation: fr }, zh: { translation: zh } },
  lng: initialLanguage(),
  fallbackLng: "en",
  interpolation: { escapeValue: false },
  returnNull: false,
});

i18n.on("languageChanged", (lng) => {
  try {
    localStorage.setItem(STORAGE, lng);
  } catch {
    // storage blocked
  }
  if (typeof document !== "undefined") document.documentElement.lang = lng === "zh" ? "zh-CN" : lng;
});
if (typeof document !== "undefined") document.documentElement.lang = i18n.language === "zh" ? "zh-CN" : i18n.language;

export default i18n;
