// A Chromium for the tests, found in this order: $CHROME_PATH, a system Chromium/Chrome, then the
// one shipped inside the npm package @sparticuz/chromium (unpacked on first use), so `npm test`
// needs nothing but npm. Never downloads anything.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { inflateSync } from "node:zlib";
import { type BrowserContext, chromium } from "playwright-core";

const SYSTEM_BROWSERS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];
const HEADLESS_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export async function findChromium(): Promise<{ executablePath: string; args: string[]; source: string }> {
  // E2E_CHROMIUM=package uses the npm package's Chromium even where another one exists (what a fresh CI machine gets).
  if (process.env.E2E_CHROMIUM === "package") return packagedChromium();
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH is ${fromEnv}, which does not exist.`);
    return { executablePath: fromEnv, args: HEADLESS_FLAGS, source: "CHROME_PATH" };
  }
  const system = SYSTEM_BROWSERS.find((path) => existsSync(path));
  if (system) return { executablePath: system, args: HEADLESS_FLAGS, source: "system" };
  return packagedChromium();
}

async function packagedChromium() {
  const { default: packaged } = await import("@sparticuz/chromium");
  const executablePath = await packaged.executablePath();
  return { executablePath, args: [...new Set([...packaged.args, ...HEADLESS_FLAGS])], source: "@sparticuz/chromium" };
}

/**
 * A fontconfig setup that adds a CJK font (Noto Sans SC, regular and bold, from the npm package
 * @fontsource/noto-sans-sc) to the machine's own fonts, so screenshots of Chinese pages show
 * characters, not boxes, on a machine with no CJK font installed. Chromium reads it through
 * FONTCONFIG_FILE / FONTCONFIG_PATH. The package ships web fonts; the Chromium of @sparticuz/chromium
 * does not take WOFF as a system font, so each face is unpacked to a plain TrueType file (WOFF 1.0
 * is the sfnt's tables, each zlib-compressed). Made once per process.
 */
let fontConfig: string | undefined;
export function cjkFontConfig(): string {
  if (fontConfig) return fontConfig;
  const files = dirname(
    createRequire(import.meta.url).resolve("@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-400-normal.woff"),
  );
  const dir = join(tmpdir(), "chancery-e2e-fonts");
  mkdirSync(join(dir, "fonts"), { recursive: true });
  // Only the two faces the app uses: fontconfig then indexes 2 files, not the package's 900 subsets.
  for (const weight of ["400", "700"]) {
    const name = `noto-sans-sc-chinese-simplified-${weight}-normal`;
    writeFileSync(join(dir, "fonts", `${name}.ttf`), sfntOfWoff(readFileSync(join(files, `${name}.woff`))));
  }
  const config = join(dir, "fonts.conf");
  writeFileSync(
    config,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${join(dir, "fonts")}</dir>
  <cachedir>${join(dir, "cache")}</cachedir>
</fontconfig>
`,
  );
  fontConfig = config;
  return config;
}

/** The TrueType / OpenType font a WOFF 1.0 file wraps (W3C WOFF 1.0, section 4). */
export function sfntOfWoff(woff: Buffer): Buffer {
  if (woff.toString("latin1", 0, 4) !== "wOFF") throw new Error("Not a WOFF 1.0 font.");
  const flavor = woff.readUInt32BE(4);
  const count = woff.readUInt16BE(12);
  const tables = Array.from({ length: count }, (_, i) => {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    const compressed = woff.readUInt32BE(at + 8);
    const length = woff.readUInt32BE(at + 12);
    const raw = woff.subarray(offset, offset + compressed);
    return { tag: woff.readUInt32BE(at), checksum: woff.readUInt32BE(at + 16), data: compressed < length ? inflateSync(raw) : raw };
  });
  const power = 2 ** Math.floor(Math.log2(count));
  const header = Buffer.alloc(12 + 16 * count);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(count, 4);
  header.writeUInt16BE(power * 16, 6);
  header.writeUInt16BE(Math.log2(power), 8);
  header.writeUInt16BE(count * 16 - power * 16, 10);
  const chunks: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((table, i) => {
    header.writeUInt32BE(table.tag, 12 + i * 16);
    header.writeUInt32BE(table.checksum, 16 + i * 16);
    header.writeUInt32BE(offset, 20 + i * 16);
    header.writeUInt32BE(table.data.length, 24 + i * 16);
    const padded = Buffer.alloc((table.data.length + 3) & ~3);
    table.data.copy(padded);
    chunks.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(chunks);
}

/** A fresh browser profile (no wallet permissions or storage left from another run). */
export async function launchBrowser(options: { viewport?: { width: number; height: number }; deviceScaleFactor?: number } = {}) {
  const { executablePath, args } = await findChromium();
  const profile = mkdtempSync(join(tmpdir(), "chancery-e2e-profile-"));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath,
    args,
    headless: true,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    // A high-density screen (2: a "Retina" laptop) for screenshots that show whether images stay crisp.
    ...(options.deviceScaleFactor ? { deviceScaleFactor: options.deviceScaleFactor } : {}),
    acceptDownloads: true,
    env: { ...process.env, FONTCONFIG_FILE: cjkFontConfig(), FONTCONFIG_PATH: dirname(cjkFontConfig()) },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
