// Driving the app as a person would: open it in a fresh browser with the test wallet, connect
// through RainbowKit's modal, drop files, download files, and take a screenshot of each page.
import { mkdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { launchBrowser } from "./chromium.ts";
import { ROOT, type Stack } from "./stack.ts";
import { installTestWallet, type WalletLog } from "./wallet.ts";

export const SHOTS = join(ROOT, "e2e", "artifacts", "screenshots");

export type App = {
  context: BrowserContext;
  page: Page;
  /** Requests that reached the wallet (empty without a wallet). */
  wallet: WalletLog;
  close: () => Promise<void>;
};

/**
 * A fresh browser profile on the app. With `account`, the test wallet (that Hardhat account) is
 * installed in every page, not connected until the person connects it.
 */
export async function openApp(
  stack: Stack,
  options: { account?: `0x${string}`; startChainId?: number; rejectPrompts?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<App> {
  mkdirSync(SHOTS, { recursive: true });
  const browser = await launchBrowser({ viewport: options.viewport });
  let wallet: WalletLog = [];
  if (options.account) {
    ({ log: wallet } = await installTestWallet(browser.context, {
      rpcUrl: stack.rpcUrl,
      account: options.account,
      startChainId: options.startChainId,
      rejectPrompts: options.rejectPrompts,
    }));
  }
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(30_000);
  return { context: browser.context, page, wallet, close: browser.close };
}

/**
 * Waits until nothing on the page is loading: no spinner, no busy region (the connect buttons stay
 * aria-busy while the wallet modal is open, so buttons do not count), no skeleton, images decoded.
 */
export async function settled(page: Page, timeout = 30_000) {
  await page.waitForFunction(
    () => {
      const visible = (el: Element) => (el as HTMLElement).offsetParent !== null || getComputedStyle(el).position === "fixed";
      const busy = [...document.querySelectorAll('.spinner, [aria-busy="true"]:not(button), .skeleton')].some(visible);
      const images = [...document.images].every((img) => img.complete);
      return !busy && images && document.fonts.status === "loaded";
    },
    undefined,
    { timeout, polling: 100 },
  );
}

/** A full-page screenshot under e2e/artifacts/screenshots/<name>.png, once the page has settled. */
export async function shot(page: Page, name: string, options: { settle?: boolean } = {}) {
  if (options.settle !== false) await settled(page);
  // From the top: a sticky header scrolled with the page would be drawn across the middle of a full-page shot.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true, animations: "disabled" });
}

/**
 * Connects the test wallet the way a person does: the "Connect wallet" button, then "Test Wallet"
 * in RainbowKit's modal. Resolves once the header shows the connected account.
 */
export async function connectWallet(page: Page, options: { screenshot?: string } = {}) {
  await page.getByRole("button", { name: "Connect wallet" }).last().click();
  const dialog = page.getByRole("dialog");
  const testWallet = dialog.getByRole("button", { name: /Test Wallet/ });
  await testWallet.waitFor();
  if (options.screenshot) await shot(page, options.screenshot);
  await testWallet.click();
  await accountButton(page).waitFor();
  await dialog.waitFor({ state: "detached" });
}

/** The header's account button (shown once a wallet is connected). */
export function accountButton(page: Page): Locator {
  return page.getByRole("banner").getByRole("button", { name: /^0x[0-9a-fA-F]{4}/ });
}

export type DroppedFile = { name: string; mimeType: string; buffer: Buffer };

export function fileFrom(path: string, mimeType: string): DroppedFile {
  return { name: basename(path), mimeType, buffer: readFileSync(path) };
}

/** Drops a file on a drop zone (the labelled file input inside it, or the zone itself), as a drag from the desktop would. */
export async function dropFile(target: Locator, file: DroppedFile) {
  const dataTransfer = await target.page().evaluateHandle(
    ({ name, mimeType, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type: mimeType }));
      return transfer;
    },
    { name: file.name, mimeType: file.mimeType, base64: file.buffer.toString("base64") },
  );
  await target.dispatchEvent("dragenter", { dataTransfer });
  await target.dispatchEvent("dragover", { dataTransfer });
  await target.dispatchEvent("drop", { dataTransfer });
  await dataTransfer.dispose();
}

/** The verifier's drop zone (the file input labelled by it). */
export function verifierDropZone(page: Page): Locator {
  return page.getByLabel(/Drop a badge image/);
}

/** The verdict banner's data-verdict once it is shown. */
export async function verdictOf(page: Page, timeout = 30_000): Promise<string> {
  const banner = page.locator("[data-verdict]");
  await banner.waitFor({ state: "visible", timeout });
  return (await banner.getAttribute("data-verdict")) ?? "";
}

/**
 * Drops a file on /verify and measures, inside the page, the time from the drop event to the
 * verdict banner being in the document (no test-runner round trip in the figure).
 */
export async function timeDropToVerdict(page: Page, file: DroppedFile): Promise<{ verdict: string; ms: number }> {
  await verifierDropZone(page).waitFor({ state: "attached" });
  return page.evaluate(
    ({ name, mimeType, base64 }) =>
      new Promise<{ verdict: string; ms: number }>((resolve, reject) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], name, { type: mimeType }));
        const zone = document.querySelector('input[type="file"]')!;
        let start = 0;
        const done = () => {
          const banner = document.querySelector("[data-verdict]");
          if (!banner) return false;
          observer.disconnect();
          clearTimeout(timer);
          resolve({ verdict: banner.getAttribute("data-verdict") ?? "", ms: performance.now() - start });
          return true;
        };
        const observer = new MutationObserver(() => void done());
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error("no verdict within 30 s"));
        }, 30_000);
        observer.observe(document.body, { childList: true, subtree: true });
        start = performance.now();
        zone.dispatchEvent(new DragEvent("drop", { bubbles: true, cancelable: true, dataTransfer: transfer }));
      }),
    { name: file.name, mimeType: file.mimeType, base64: file.buffer.toString("base64") },
  );
}

/** Clicks something that makes the page download a file; saves it under `dir` and returns its path. */
export async function download(page: Page, trigger: Locator, dir: string): Promise<{ path: string; name: string }> {
  const [file] = await Promise.all([page.waitForEvent("download"), trigger.click()]);
  const name = file.suggestedFilename();
  const path = join(dir, name);
  await file.saveAs(path);
  return { path, name };
}

/** The chain becomes unreachable from the pages of `context`: every request to the RPC fails as a refused connection would. */
export async function cutRpc(context: BrowserContext, rpcUrl: string) {
  const origin = new URL(rpcUrl).origin;
  await context.route(
    (url) => url.origin === origin,
    (route) => route.abort("connectionrefused"),
  );
}

type RpcCall = { id: number | string; method: string };
type RpcAnswer = { id: number | string; result?: unknown; error?: unknown };

/** Rewrites what the RPC answers to the pages of `context` (single and batched JSON-RPC calls alike). */
export async function rewriteRpc(context: BrowserContext, rpcUrl: string, rewrite: (method: string, answer: RpcAnswer) => RpcAnswer) {
  const origin = new URL(rpcUrl).origin;
  await context.route(
    (url) => url.origin === origin,
    async (route) => {
      const sent = route.request().postDataJSON() as RpcCall | RpcCall[] | null;
      const response = await route.fetch();
      if (!sent) return route.fulfill({ response });
      const methods = new Map((Array.isArray(sent) ? sent : [sent]).map((call) => [call.id, call.method]));
      const body = (await response.json()) as RpcAnswer | RpcAnswer[];
      const fix = (answer: RpcAnswer) => rewrite(methods.get(answer.id) ?? "", answer);
      await route.fulfill({ response, json: Array.isArray(body) ? body.map(fix) : fix(body) });
    },
  );
}

/** The page is no wider than its viewport (nothing sticks out sideways on a phone). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The two widths every new state is shot at: a laptop and a phone. */
export const WIDE = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 812 };

/**
 * The page's current state in en, fr and zh at 1280 and 375 px, named `<name>-<lang>-<width>`, then back
 * to English. On the phone nothing may stick out sideways by more than `maxOverflowPx` (the error names
 * the elements that do).
 */
export async function shotsInEveryLanguage(page: Page, name: string, options: { maxOverflowPx?: number } = {}) {
  const languages = page.locator("select:has(option[value='zh'])").first();
  for (const lang of ["en", "fr", "zh"] as const) {
    await languages.selectOption(lang);
    await page.waitForFunction((l) => document.documentElement.lang.startsWith(l), lang);
    await shot(page, `${name}-${lang}-1280`);
    await page.setViewportSize(PHONE);
    await shot(page, `${name}-${lang}-375`);
    const overflow = await horizontalOverflow(page);
    if (overflow > (options.maxOverflowPx ?? 0)) {
      const offenders = await page.evaluate(() =>
        [...document.querySelectorAll("body *")]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
          .slice(0, 8)
          .map((e) => `${e.tagName}.${e.className}`),
      );
      throw new Error(`${name} (${lang}) at 375 px sticks out by ${overflow} px: ${offenders.join(", ")}`);
    }
    await page.setViewportSize(WIDE);
  }
  await languages.selectOption("en");
  await page.waitForFunction(() => document.documentElement.lang === "en");
}
