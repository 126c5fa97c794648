// What the award-mail and wallet-offer tests stand on: a node, a real SMTP catcher, the real gateway
// process mailing through it, the app built to ask that gateway, one seeded issuer with a class, and
// its console open in Chromium with the issuer's wallet.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@chancery/testing/chain";
import { type MailCatcher, startMailCatcher, startMailingGateway } from "@chancery/testing/mail";
import type { Page } from "playwright-core";
import { type App, openApp, WIDE } from "./app.ts";
import { chainOf, seedIssuer } from "./seed.ts";
import { type Stack, startStack } from "./stack.ts";

export type MailingWorld = {
  stack: Stack;
  catcher: MailCatcher;
  gateway: { origin: string; stop: () => Promise<void> };
  app: App;
  page: Page;
  /** A scratch folder for downloads and written files, removed by stop(). */
  files: string;
  stop: () => Promise<void>;
};

export async function startMailingWorld(options: { issuerName: string; className: string; name: string }): Promise<MailingWorld> {
  const files = mkdtempSync(join(tmpdir(), `chancery-e2e-${options.name}-`));
  const catcher = await startMailCatcher();
  const gatewayPort = await freePort();
  const stack = await startStack({ appEnv: { VITE_GATEWAY_URL: `http://127.0.0.1:${gatewayPort}` } });
  const gateway = await startMailingGateway(chainOf(stack), catcher, { appUrl: stack.appUrl, port: gatewayPort });
  await seedIssuer(stack, { accountIndex: 1, name: options.issuerName, className: options.className });
  const app = await openApp(stack, { account: stack.accounts[1], viewport: WIDE });
  return {
    stack,
    catcher,
    gateway,
    app,
    page: app.page,
    files,
    stop: async () => {
      await app.close();
      await gateway.stop();
      await catcher.stop();
      await stack.stop();
      rmSync(files, { recursive: true, force: true });
    },
  };
}
