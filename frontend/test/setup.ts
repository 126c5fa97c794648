import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach, beforeEach, vi } from "vitest";
import i18n from "../src/i18n/index.ts";

// findBy*/waitFor give up after 1 s by default: a first render that loads a lazy page on a busy 2-core
// machine can take longer. Within the 15 s test timeout, a real failure still fails.
configure({ asyncUtilTimeout: 10_000 });

beforeEach(async () => {
  localStorage.clear();
  sessionStorage.clear();
  await i18n.changeLanguage("en");
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});
