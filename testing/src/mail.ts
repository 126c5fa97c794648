// A real SMTP catcher for tests: MailDev as its own process on free loopback ports, read back over
// its HTTP API (the same web inbox `npm start` prints), and the gateway process pointed at it.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { freePort, ROOT, type TestChain } from "./chain.ts";

/** A message as MailDev's HTTP API returns it. */
export type CaughtMail = {
  id: string;
  subject: string;
  to: { address: string }[];
  html: string;
  text: string;
  attachments: { fileName: string; generatedFileName: string; contentDisposition: string; contentType: string; contentId?: string }[];
};

export type MailCatcher = {
  smtpPort: number;
  /** The web inbox and its API (GET /email, /email/:id/attachment/:generatedFileName). */
  webUrl: string;
  inbox: () => Promise<CaughtMail[]>;
  /** The bytes of one attachment. */
  attachment: (mail: CaughtMail, fileName: string) => Promise<Uint8Array>;
  stop: () => Promise<void>;
};

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
}

async function ready(url: string, child: ChildProcess, what: string, output: string[], timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode} before it was ready:\n${output.join("")}`);
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`${what} was not ready within ${timeoutMs / 1000} s:\n${output.join("")}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** MailDev closes idle keep-alive sockets: a request on one that just closed is asked again once. */
async function get(url: string): Promise<Response> {
  try {
    return await fetch(url);
  } catch {
    return fetch(url);
  }
}

export async function startMailCatcher(): Promise<MailCatcher> {
  const smtpPort = await freePort();
  const webPort = await freePort();
  const bin = createRequire(import.meta.url).resolve("maildev/bin/maildev");
  const output: string[] = [];
  const child = spawn(process.execPath, [bin, "--ip", "127.0.0.1", "--smtp", String(smtpPort), "--web", String(webPort), "--silent"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (c) => output.push(String(c)));
  child.stderr?.on("data", (c) => output.push(String(c)));
  const webUrl = `http://127.0.0.1:${webPort}`;
  await ready(`${webUrl}/healthz`, child, "MailDev", output);
  return {
    smtpPort,
    webUrl,
    inbox: async () => (await get(`${webUrl}/email`)).json() as Promise<CaughtMail[]>,
    attachment: async (mail, fileName) => {
      const found = mail.attachments.find((a) => a.fileName === fileName);
      if (!found) throw new Error(`no attachment ${fileName} in "${mail.subject}"`);
      return new Uint8Array(await (await get(`${webUrl}/email/${mail.id}/attachment/${found.generatedFileName}`)).arrayBuffer());
    },
    stop: () => stopChild(child),
  };
}

/** `node gateway/src/main.ts` against `chain`, sending award e-mails to `catcher`. */
export async function startMailingGateway(
  chain: TestChain,
  catcher: MailCatcher,
  options: { appUrl: string; port?: number; env?: Record<string, string> },
): Promise<{ origin: string; stop: () => Promise<void> }> {
  const port = options.port ?? (await freePort());
  const origin = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const child = spawn(process.execPath, [join(ROOT, "gateway", "src", "main.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      RPC_URL: chain.rpcUrl,
      CHAIN_ID: String(chain.chainId),
      REGISTRY_ADDRESS: chain.registry,
      DEPLOYED_BLOCK: String(chain.deployedOnBlock),
      PUBLIC_BASE_URL: origin,
      APP_URL: options.appUrl,
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "warn",
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(catcher.smtpPort),
      MAIL_FROM: "badges@chancery.test",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (c) => output.push(String(c)));
  child.stderr?.on("data", (c) => output.push(String(c)));
  await ready(`${origin}/healthz`, child, "The gateway", output);
  return { origin, stop: () => stopChild(child) };
}
