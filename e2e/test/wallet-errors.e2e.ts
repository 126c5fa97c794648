// The wallet paths people stumble on: a wallet on another network (the app says so and its switch
// button brings the wallet back), and a prompt the person rejects (the app says "you cancelled",
// in plain words, and nothing reaches the chain).

import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, accountButton, connectWallet, openApp, shot } from "../src/app.ts";
import { seedIssuer } from "../src/seed.ts";
import { stopAfterFirstFailure } from "../src/sequence.ts";
import { type Stack, startStack } from "../src/stack.ts";
import { rpc, selectWalletChain } from "../src/wallet.ts";

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack?.stop();
});

async function walletChainId(page: Page): Promise<number | undefined> {
  return page.evaluate(() => JSON.parse(localStorage.getItem("chancery-test-wallet") ?? "{}").chainId as number | undefined);
}

describe("a wallet on another network", () => {
  let app: App;
  let page: Page;
  stopAfterFirstFailure(() => page);

  beforeAll(async () => {
    app = await openApp(stack, { account: stack.accounts[4]!, startChainId: 1 });
    page = app.page;
  });
  afterAll(async () => app?.close());

  it("is asked to switch to the app's chain when it connects from Ethereum mainnet", async () => {
    await page.goto(`${stack.appUrl}/issue`);
    expect(await walletChainId(page)).toBeUndefined(); // the wallet starts on its own chain (1)
    expect(
      await page.evaluate(() =>
        (window as unknown as { ethereum: { request: (a: { method: string }) => Promise<string> } }).ethereum.request({
          method: "eth_chainId",
        }),
      ),
    ).toBe("0x1");
    await connectWallet(page);
    // RainbowKit connects with the app's chain as the initial chain: the wallet was asked to switch.
    await page.getByRole("heading", { name: "Register your institution" }).waitFor();
    expect(await walletChainId(page)).toBe(stack.chainId);
  });

  it("shows the wrong-network message as soon as the person picks another network in the wallet", async () => {
    await selectWalletChain(page, 1);
    await page.getByText("Your wallet is on another network").first().waitFor();
    const body = await page.getByRole("main").innerText();
    expect(body).toContain(`Your wallet is connected to chain 1, but Chancery records badges on Hardhat (${stack.chainId})`);
    // The registration form is gone: nothing can be sent from the wrong chain.
    expect(await page.getByRole("button", { name: "Register on chain" }).count()).toBe(0);
    await shot(page, "wrong-network-issue");

    // Pages that need no wallet say it once, above the content, and keep working.
    await page.goto(`${stack.appUrl}/verify`);
    await accountButton(page).waitFor();
    await page.getByText("Your wallet is on another network").waitFor();
    await page.getByRole("heading", { name: "Verify a badge", level: 1 }).waitFor();
    expect(await page.getByText("Your wallet is on another network").count()).toBe(1);
    await shot(page, "wrong-network-verify");
  });

  it("still shows it after a reload (the wallet reconnects on chain 1), and the switch button brings the wallet back", async () => {
    await page.goto(`${stack.appUrl}/issue`);
    await accountButton(page).waitFor();
    const switchButton = page.getByRole("main").getByRole("button", { name: "Switch to Hardhat" });
    await switchButton.waitFor();
    expect(await walletChainId(page)).toBe(1);
    await switchButton.click();
    await page.getByRole("heading", { name: "Register your institution" }).waitFor();
    expect(await walletChainId(page)).toBe(stack.chainId);
    expect(await page.getByText("Your wallet is on another network").count()).toBe(0);
  });
});

describe("a prompt the person rejects in the wallet", () => {
  let app: App;
  let page: Page;
  const account = () => stack.accounts[2]!;
  stopAfterFirstFailure(() => page);

  beforeAll(async () => {
    app = await openApp(stack, { account: account(), rejectPrompts: true });
    page = app.page;
  });
  afterAll(async () => app?.close());

  it("says 'you cancelled' in plain words when the registration transaction is rejected, and nothing is sent", async () => {
    const blockBefore = await rpc(stack.rpcUrl, "eth_blockNumber", []);
    await page.goto(`${stack.appUrl}/issue`);
    await connectWallet(page);
    await page.getByLabel("Name", { exact: true }).fill("École des Données");
    await page.getByLabel("Website").fill("https://donnees.example.fr");
    await page.getByRole("button", { name: "Register on chain" }).click();

    const alert = page.getByRole("alert").filter({ hasText: "You cancelled the request in your wallet" });
    await alert.waitFor();
    expect(await alert.innerText()).toContain("Nothing was signed or sent. Try again when you are ready.");
    // The form stays, filled in, ready for another try.
    expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe("École des Données");
    expect(await page.getByRole("button", { name: "Register on chain" }).isEnabled()).toBe(true);
    await shot(page, "wallet-rejected-transaction");

    expect(app.wallet.filter((r) => r.method === "eth_sendTransaction")).toEqual([{ method: "eth_sendTransaction", rejected: true }]);
    expect(await rpc(stack.rpcUrl, "eth_getTransactionCount", [account(), "latest"])).toBe("0x0");
    expect(await rpc(stack.rpcUrl, "eth_blockNumber", [])).toBe(blockBefore);
  });

  it("says the same when the signature that derives the signing key is rejected", async () => {
    // The institution exists (registered by a script with the same wallet); the person now opens the console.
    await seedIssuer(stack, { accountIndex: 2, name: "École des Données", className: "Data Ethics" });
    const sentBefore = await rpc(stack.rpcUrl, "eth_getTransactionCount", [account(), "latest"]);
    await page.goto(`${stack.appUrl}/issue/team`);
    await page.getByRole("button", { name: "Derive my signing key" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "You cancelled the request in your wallet" });
    await alert.waitFor();
    expect(app.wallet.filter((r) => r.method === "personal_sign")).toEqual([{ method: "personal_sign", rejected: true }]);
    expect(await page.getByRole("button", { name: "Derive my signing key" }).isEnabled()).toBe(true);
    expect(await rpc(stack.rpcUrl, "eth_getTransactionCount", [account(), "latest"])).toBe(sentBefore);
    await shot(page, "wallet-rejected-signature");
  });
});
