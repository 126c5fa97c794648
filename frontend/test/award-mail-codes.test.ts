// Award-mail refusals said in the reader's language: every code the gateway's mail route (and its
// generic error handler) can answer with is one of the sdk's lists, and every code of those lists
// has a sentence in English, French and Chinese using only the parameters the gateway sends.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { AWARD_MAIL_OUTCOME_CODES, AWARD_MAIL_OUTCOME_PARAMS, AWARD_MAIL_REQUEST_CODES } from "@chancery/sdk/mail";
import { describe, expect, it } from "vitest";
import { en } from "../src/i18n/en.ts";
import { fr } from "../src/i18n/fr.ts";
import { zh } from "../src/i18n/zh.ts";

const GATEWAY = resolve(import.meta.dirname, "..", "..", "gateway", "src");
const source = (path: string) => readFileSync(resolve(GATEWAY, path), "utf8");
const codes = (text: string, pattern: RegExp) => [...new Set([...text.matchAll(pattern)].map((m) => m[1] as string))].sort();
const variables = (text: string) => [...new Set([...text.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/g)].map((m) => m[1]))].sort();

const route = source("routes/mail.ts");
const handler = source("plugins/errors.ts");
/** Per-learner refusals: refusal("code", …) and code: "…" in an outcome; whole requests: refuse(status, "code", …) and HttpError(status, "code", …). */
const outcomeCodes = [...codes(route, /refusal\(\s*"([a-z-]+)"/g), ...codes(route, /\bcode: "([a-z-]+)"/g)];
const requestCodes = [...codes(route, /refuse\(\s*\d+,\s*"([a-z-]+)"/g), ...codes(handler, /new HttpError\(\s*\d+,\s*"([a-z-]+)"/g)];

const CATALOGS = { en, fr, zh };

describe("award-mail refusal codes", () => {
  it("the gateway answers only with codes the sdk lists (so the app knows them all)", () => {
    expect(outcomeCodes.length).toBeGreaterThanOrEqual(10);
    expect(requestCodes.length).toBeGreaterThanOrEqual(10);
    expect(outcomeCodes.filter((c) => !(AWARD_MAIL_OUTCOME_CODES as readonly string[]).includes(c))).toEqual([]);
    expect(requestCodes.filter((c) => !(AWARD_MAIL_REQUEST_CODES as readonly string[]).includes(c))).toEqual([]);
  });

  for (const [lang, catalog] of Object.entries(CATALOGS)) {
    it(`${lang}: every outcome and request code has a sentence`, () => {
      const outcome = catalog.awardMail.outcome as Record<string, string>;
      const request = catalog.awardMail.request as Record<string, string>;
      expect(AWARD_MAIL_OUTCOME_CODES.filter((c) => !outcome[c]?.trim())).toEqual([]);
      expect(AWARD_MAIL_REQUEST_CODES.filter((c) => !request[c]?.trim())).toEqual([]);
      expect(catalog.awardMail.refusedTitle.trim()).not.toBe("");
    });

    it(`${lang}: an outcome's sentence uses only the parameters its code carries (the gateway's type checks them)`, () => {
      const outcome = catalog.awardMail.outcome as Record<string, string>;
      for (const [code, params] of Object.entries(AWARD_MAIL_OUTCOME_PARAMS))
        expect(
          variables(outcome[code] ?? "").filter((v) => !(params as readonly string[]).includes(v as string)),
          `${lang} awardMail.outcome.${code}`,
        ).toEqual([]);
    });
  }
});
