// Baked downloads of a class image stored as WebP (how the app fits large images for the chain) or
// JPEG (issue 10, item 4): a baked badge must be a PNG or an SVG, so the app redraws the picture as a
// PNG at its own size; the baked SVG wraps that PNG. Each download carries the signed credential,
// shows the class's own picture (not the medallion drawn from the name) and verifies as valid when
// dropped on /verify.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { extractBadge } from "@chancery/sdk/baking";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, download, dropFile, fileFrom, openApp, verdictOf, verifierDropZone, WIDE } from "../src/app.ts";
import { type SeededIssuer, seedIssuer } from "../src/seed.ts";
import { stopAfterFirstFailure } from "../src/sequence.ts";
import { type Stack, startStack } from "../src/stack.ts";

const SIDE = 240;
/** The colour of the bar across the middle of the class picture: a medallion has none there. */
const BAR: [number, number, number] = [0xf4, 0xd3, 0x5e];

let stack: Stack;
let app: App;
let page: Page;
let files: string;
const issuers: Partial<Record<"WebP" | "JPEG", SeededIssuer>> = {};

beforeAll(async () => {
  stack = await startStack();
  app = await openApp(stack, { viewport: WIDE });
  page = app.page;
  files = mkdtempSync(join(tmpdir(), "chancery-baked-"));
  await page.goto(stack.appUrl);
  // Node has no WebP or JPEG encoder here: Chromium's canvas makes the pictures, as an issuer's editor would.
  const pictures = await page.evaluate(
    ({ side, bar }) => {
      const canvas = document.createElement("canvas");
      canvas.width = side;
      canvas.height = side;
      const c = canvas.getContext("2d") as CanvasRenderingContext2D;
      c.fillStyle = "#0b6e4f";
      c.beginPath();
      c.arc(side / 2, side / 2, side / 2 - 6, 0, 2 * Math.PI);
      c.fill();
      c.fillStyle = `rgb(${bar.join(",")})`;
      c.fillRect(side / 4, side / 2 - 24, side / 2, 48);
      return { webp: canvas.toDataURL("image/webp", 0.92), jpeg: canvas.toDataURL("image/jpeg", 0.92) };
    },
    { side: SIDE, bar: BAR },
  );
  expect(pictures.webp).toMatch(/^data:image\/webp;base64,/);
  expect(pictures.jpeg).toMatch(/^data:image\/jpeg;base64,/);
  issuers.WebP = await seedIssuer(stack, { accountIndex: 2, name: "École du Web", className: "Web Archiving", classImage: pictures.webp });
  issuers.JPEG = await seedIssuer(stack, {
    accountIndex: 3,
    name: "Institut de la Photo",
    className: "Field Photography",
    classImage: pictures.jpeg,
  });
});

afterAll(async () => {
  await app?.close();
  await stack?.stop();
  if (files) rmSync(files, { recursive: true, force: true });
});

/** The picture of `bytes` (PNG or SVG) as Chromium draws it: its size and the colour at its centre. */
async function drawn(bytes: Buffer, type: string): Promise<{ width: number; height: number; centre: number[] }> {
  return page.evaluate(
    async ({ base64, type }) => {
      const image = new Image();
      image.src = `data:${type};base64,${base64}`;
      await image.decode();
      const canvas = document.createElement("canvas");
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const c = canvas.getContext("2d") as CanvasRenderingContext2D;
      c.drawImage(image, 0, 0);
      const centre = [...c.getImageData(Math.floor(canvas.width / 2), Math.floor(canvas.height / 2), 1, 1).data].slice(0, 3);
      return { width: image.naturalWidth, height: image.naturalHeight, centre };
    },
    { base64: bytes.toString("base64"), type },
  );
}

const near = (colour: number[], expected: number[]) => colour.every((v, i) => Math.abs(v - (expected[i] ?? 0)) <= 24);

describe("baked downloads of a WebP or JPEG class image", () => {
  stopAfterFirstFailure(() => page);

  for (const kind of ["WebP", "JPEG"] as const) {
    it(`${kind}: the baked PNG and SVG show the class picture, carry the credential and verify as valid`, async () => {
      const issuer = issuers[kind] as SeededIssuer;
      const badge = await issuer.issue({ email: `learner.${kind.toLowerCase()}@example.org`, name: `Learner ${kind}` });
      await page.goto(`${stack.appUrl}/badge/${stack.chainId}/${badge.uid}${new URL(badge.shareLink as string).hash}`);
      expect(await verdictOf(page)).toBe("valid");

      const png = await download(page, page.getByRole("button", { name: "Baked PNG" }), files);
      const pngBytes = readFileSync(png.path);
      expect([...pngBytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(JSON.stringify(extractBadge(new Uint8Array(pngBytes)))).toContain(`Learner ${kind}`);
      const pngPicture = await drawn(pngBytes, "image/png");
      expect([pngPicture.width, pngPicture.height]).toEqual([SIDE, SIDE]);
      expect(near(pngPicture.centre, BAR), `centre ${pngPicture.centre} of the baked PNG`).toBe(true);

      const svg = await download(page, page.getByRole("button", { name: "Baked SVG" }), files);
      const svgBytes = readFileSync(svg.path);
      const svgText = svgBytes.toString("utf8");
      // The picture drawn is the redrawn PNG; the WebP/JPEG stays only inside the credential, as signed.
      const drawnImages = [...svgText.matchAll(/<image\b[^>]*href="data:(image\/[a-z+]+);/g)].map((m) => m[1]);
      expect(drawnImages).toEqual(["image/png"]);
      expect(JSON.stringify(extractBadge(svgText))).toContain(`Learner ${kind}`);
      const svgPicture = await drawn(svgBytes, "image/svg+xml");
      expect([svgPicture.width, svgPicture.height]).toEqual([SIDE, SIDE]);
      expect(near(svgPicture.centre, BAR), `centre ${svgPicture.centre} of the baked SVG`).toBe(true);

      for (const [file, type] of [
        [png.path, "image/png"],
        [svg.path, "image/svg+xml"],
      ] as const) {
        await page.goto(`${stack.appUrl}/verify`);
        await dropFile(verifierDropZone(page), fileFrom(file, type));
        expect(await verdictOf(page), `${kind} baked ${type}`).toBe("valid");
      }
    });
  }
});
