// Counts go through i18next's plural forms (Intl.PluralRules of each language): no "1 transactions".
import { describe, expect, it } from "vitest";
import i18n, { setLanguage } from "../src/i18n/index.ts";

const estimate = (badges: number, transactions: number) =>
  i18n.t("bulk.estimateBody", {
    badges: i18n.t("bulk.badgeCount", { count: badges }),
    transactions: i18n.t("bulk.transactionCount", { count: transactions }),
    size: 500,
    gas: new Intl.NumberFormat(i18n.language).format(1234567),
  });

describe("plurals", () => {
  it("English: one and other", async () => {
    await setLanguage("en");
    expect(estimate(1, 1)).toBe("1 badge in 1 transaction (up to 500 per transaction), about 1,234,567 gas.");
    expect(estimate(200, 2)).toBe("200 badges in 2 transactions (up to 500 per transaction), about 1,234,567 gas.");
    expect(i18n.t("bulk.ready", { batches: 1, count: 1 })).toBe("Ready: 1 transaction to confirm.");
    expect(i18n.t("bulk.ready", { batches: 3, count: 3 })).toBe("Ready: 3 transactions to confirm.");
    expect(i18n.t("bulk.doneTitle", { count: 1 })).toBe("1 badge issued");
  });

  it("French: 0 and 1 are singular, numbers grouped the French way", async () => {
    await setLanguage("fr");
    expect(i18n.t("bulk.transactionCount", { count: 0 })).toBe("0 transaction");
    expect(i18n.t("bulk.start", { count: 1 })).toBe("Préparer 1 badge");
    expect(i18n.t("bulk.start", { count: 2 })).toBe("Préparer 2 badges");
    expect(estimate(1, 1)).toMatch(/^1 badge en 1 transaction .*1\u202f234\u202f567/);
  });

  it("Chinese: one form for every count", async () => {
    await setLanguage("zh");
    expect(i18n.t("bulk.transactionCount", { count: 1 })).toBe("1 笔交易");
    expect(i18n.t("bulk.transactionCount", { count: 5 })).toBe("5 笔交易");
    await setLanguage("en");
  });
});
