import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./en.ts";

export const LANGUAGES = [
  { code: "en", label: "English", rainbowkit: "en-US" },
  { code: "fr", label: "Français", rainbowkit: "fr-FR" },
  { code: "zh", label: "中文", rainbowkit: "zh-CN" },
] as const;
export type LanguageCode = (typeof LANGUAGES)[number]["code"];

const STORAGE = "chancery.lang";

// English ships with the app; the other catalogs load when chosen (they are as large as English).
const catalogs: Record<Exclude<LanguageCode, "en">, () => Promise<object>> = {
  fr: () => import("./fr.ts").then((m) => m.fr),
  zh: () => import("./zh.ts").then((m) => m.zh),
};

function detectLanguage(): LanguageCode {
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
  resources: { en: { translation: en } },
  partialBundledLanguages: true,
  lng: "en",
  fallbackLng: "en",
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Loads a language's catalog if needed, then switches to it (and remembers the choice). */
export async function setLanguage(code: LanguageCode): Promise<void> {
  if (code !== "en" && !i18n.hasResourceBundle(code, "translation")) {
    i18n.addResourceBundle(code, "translation", await catalogs[code](), true, true);
  }
  await i18n.changeLanguage(code);
}

/** The language saved or preferred by the browser, loaded before the first render. */
export function loadInitialLanguage(): Promise<void> {
  return setLanguage(detectLanguage()).catch(() => undefined);
}

i18n.on("languageChanged", (lng) => {
  try {
    localStorage.setItem(STORAGE, lng);
  } catch {
    // storage blocked
  }
  if (typeof document !== "undefined") document.documentElement.lang = lng === "zh" ? "zh-CN" : lng;
});

export default i18n;
