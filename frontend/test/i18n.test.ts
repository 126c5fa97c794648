// Every word translated: the three catalogs have the same keys and, key by key, the same
// {{variables}}; every step code the sdk can emit (STEP_CODES) has a sentence in each language that
// uses only that code's params, and every word its params are made of (TERMS) is translated; a
// report's steps come out in the reader's language with Intl dates and numbers.
import { STEP_CODES, TERMS } from "@chancery/sdk/verify/codes";
import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { en } from "../src/i18n/en.ts";
import { fr } from "../src/i18n/fr.ts";
import { stepText } from "../src/i18n/steps/render.ts";
import { zh } from "../src/i18n/zh.ts";

type Tree = { [key: string]: string | Tree };
const CATALOGS = { en, fr, zh } as unknown as Record<"en" | "fr" | "zh", Tree>;

function entries(tree: Tree, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string" ? [[prefix + k, v] as [string, string]] : entries(v, `${prefix}${k}.`),
  );
}
const variables = (text: string) => [...new Set([...text.matchAll(/\{\{\s*([\w.-]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]))].sort();
const at = (tree: Tree, path: string[]) =>
  path.reduce<string | Tree | undefined>((node, k) => (typeof node === "object" ? node[k] : undefined), tree);

describe("the catalogs", () => {
  const reference = new Map(entries(CATALOGS.en));

  for (const lang of ["fr", "zh"] as const) {
    it(`${lang} has every English key and no other`, () => {
      const own = new Map(entries(CATALOGS[lang]));
      expect(
        [...reference.keys()].filter((k) => !own.has(k)),
        `keys missing in ${lang}`,
      ).toEqual([]);
      expect(
        [...own.keys()].filter((k) => !reference.has(k)),
        `keys ${lang} has that English lacks`,
      ).toEqual([]);
    });

    it(`${lang} uses the same {{variables}} as English, key by key`, () => {
      const own = new Map(entries(CATALOGS[lang]));
      const differ = [...reference].flatMap(([key, text]) => {
        const theirs = own.get(key);
        if (theirs === undefined) return [];
        const a = variables(text);
        const b = variables(theirs);
        return a.join() === b.join() ? [] : [`${key}: en {${a.join(", ")}} ≠ ${lang} {${b.join(", ")}}`];
      });
      expect(differ).toEqual([]);
    });
  }

  it("has no empty text", () => {
    for (const [lang, tree] of Object.entries(CATALOGS))
      expect(
        entries(tree)
          .filter(([, text]) => text.trim() === "")
          .map(([key]) => `${lang}: ${key}`),
      ).toEqual([]);
  });
});

describe("the sdk's step codes", () => {
  const codes = Object.keys(STEP_CODES) as (keyof typeof STEP_CODES)[];

  it("are many (the list is the sdk's, not a copy)", () => {
    expect(codes.length).toBeGreaterThan(150);
  });

  for (const [lang, tree] of Object.entries(CATALOGS)) {
    it(`each has a sentence in ${lang}, using only its own params`, () => {
      const problems = codes.flatMap((code) => {
        const text = at(tree, ["verifySteps", ...code.split(/\.(.*)/s, 2)]);
        if (typeof text !== "string") return [`${code}: no translation`];
        const params = Object.keys(STEP_CODES[code]);
        const unknown = variables(text).filter((v) => !params.includes(v));
        return unknown.length ? [`${code}: {{${unknown.join("}}, {{")}}} is not a param of this code`] : [];
      });
      expect(problems).toEqual([]);
    });

    it(`translate every word their params are made of, in ${lang}`, () => {
      const missing = Object.entries(TERMS).flatMap(([set, words]) =>
        (words as readonly string[]).filter((word) => typeof at(tree, ["verifyTerms", set, word]) !== "string").map((w) => `${set}.${w}`),
      );
      expect(missing).toEqual([]);
    });
  }

  it("say every param their English sentence needs", () => {
    // A param left out of the reference sentence would be a fact the reader never sees.
    const unused = codes.flatMap((code) => {
      const text = at(CATALOGS.en, ["verifySteps", ...code.split(/\.(.*)/s, 2)]);
      const used = typeof text === "string" ? variables(text) : [];
      return Object.keys(STEP_CODES[code])
        .filter((p) => !used.includes(p))
        .map((p) => `${code}: ${p}`);
    });
    expect(unused).toEqual([]);
  });
});

describe("a step in the reader's language", () => {
  const translator = async (lng: "en" | "fr" | "zh") => {
    const instance = i18next.createInstance();
    await instance.init({ lng, resources: { [lng]: { translation: CATALOGS[lng] } }, interpolation: { escapeValue: false } });
    return instance.t;
  };
  const expired = {
    message: "Expired on 2026-12-02T13:58:19.000Z.",
    code: "validity.expired",
    params: { expiresAt: "2026-12-02T13:58:19.000Z" },
  };
  const revoked = {
    message: "Revoked by the issuer on 2026-12-02 (issued in error): “Wrong person”.",
    code: "status.revoked",
    params: { revokedAt: "2026-12-02T13:58:19.000Z", reasonCode: "issued-in-error", reason: "Wrong person" },
  };

  it("formats dates through Intl and words the reason and the issuer's words in French", async () => {
    const t = await translator("fr");
    const date = new Intl.DateTimeFormat("fr", { dateStyle: "medium", timeStyle: "short" }).format(new Date(expired.params.expiresAt));
    expect(stepText(expired, t, "fr")).toBe(`Expiré le ${date}.`);
    expect(stepText(expired, t, "fr")).not.toMatch(/2026-12-02T/);
    expect(stepText(revoked, t, "fr")).toBe(`Révoqué par l’émetteur le ${date} (émis par erreur) : « Wrong person ».`);
  });

  it("does the same in Chinese, and leaves out an absent reason", async () => {
    const t = await translator("zh");
    const date = new Intl.DateTimeFormat("zh", { dateStyle: "medium", timeStyle: "short" }).format(new Date(expired.params.expiresAt));
    expect(stepText(expired, t, "zh")).toBe(`已于 ${date} 过期。`);
    const bare = { ...revoked, params: { revokedAt: revoked.params.revokedAt } };
    expect(stepText(bare, t, "zh")).toBe(`已由颁发者于 ${date} 撤销。`);
  });

  it("shortens ids, groups numbers the locale's way, and shows an unknown code's English words", async () => {
    const t = await translator("fr");
    const recorded = {
      message: "Recorded …",
      code: "anchor.recorded",
      params: {
        chainId: 31337,
        registry: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
        issuedAt: "2026-01-05T10:00:00.000Z",
        block: 123456,
      },
    };
    const text = stepText(recorded, t, "fr");
    expect(text).toContain("0x5FbDB231…180aa3");
    expect(text).toContain(new Intl.NumberFormat("fr").format(123456));
    expect(text).toMatch(/^Enregistré sur la chaîne /);
    expect(stepText({ message: "A newer sdk's words.", code: "anchor.from-the-future", params: {} }, t, "fr")).toBe("A newer sdk's words.");
  });
});
