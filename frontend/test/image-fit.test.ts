// Fitting an issuer's image into an on-chain document, the parts that need no canvas (jsdom has
// none; the canvas ladder is exercised in Chromium by e2e/test/images-classes.e2e.ts): what a file
// is, by its bytes; what is refused and why; a document kept within the registry's limit.

import { encodePng } from "@chancery/sdk/hosted";
import { describe, expect, it } from "vitest";
import { type PreparedImage, preparedFromDataUri, prepareImage, sniffImage } from "../src/lib/images.ts";
import { historyOf } from "../src/pages/issue/Classes.tsx";
import { fitDocument, MAX_DOCUMENT_BYTES } from "../src/pages/issue/forms.tsx";
import { toDataUri } from "../src/sdk/light.ts";

const t = ((key: string, values?: Record<string, unknown>) => `${key}${values ? ` ${JSON.stringify(values)}` : ""}`) as never;
const bytes = (...b: number[]) => new Uint8Array([...b, ...new Array(16).fill(0)]);

/** A large, ordinary SVG: many shapes (about `kb` kB), with `extra` inside. */
function bigSvg(kb: number, extra = ""): string {
  const shapes: string[] = [];
  for (let i = 0, length = 0; length < kb * 1024; i++, length += shapes.at(-1)?.length ?? 0)
    shapes.push(
      `<circle cx="${(i * 37) % 512}" cy="${(i * 91) % 512}" r="${3 + (i % 9)}" fill="#${(i * 4099).toString(16).slice(-6).padStart(6, "0")}"/>`,
    );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">${extra}${shapes.join("")}</svg>`;
}

describe("sniffImage", () => {
  it("tells PNG, JPEG, WebP, GIF and SVG apart by their bytes, whatever the name says", () => {
    expect(sniffImage(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe("png");
    expect(sniffImage(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("jpeg");
    expect(sniffImage(bytes(0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50))).toBe("webp");
    expect(sniffImage(bytes(0x47, 0x49, 0x46, 0x38, 0x39, 0x61))).toBe("gif");
    expect(sniffImage(new TextEncoder().encode('<?xml version="1.0"?>\n<!-- logo -->\n<svg xmlns="http://www.w3.org/2000/svg">'))).toBe(
      "svg",
    );
    expect(sniffImage(new TextEncoder().encode("name,email\nAda,ada@example.org\n"))).toBe("unknown");
    // A RIFF file that is not WebP (a WAV sound) is no image.
    expect(sniffImage(bytes(0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45))).toBe("unknown");
  });
});

describe("prepareImage refusals (before any transaction)", () => {
  it("refuses a file that is not an image, naming it and the formats it takes", async () => {
    const csv = new File(["name,email\nAda,ada@example.org\n"], "recipients.png", { type: "image/png" });
    await expect(prepareImage(csv, 15_000, t)).rejects.toThrow(/imageFit\.unsupported .*recipients\.png/);
  });

  it("refuses an empty file and one over the upload limit with what to do", async () => {
    await expect(prepareImage(new File([], "logo.png"), 15_000, t)).rejects.toThrow(/imageFit\.empty/);
    const huge = new File([new Uint8Array(9 * 1024 * 1024)], "scan.png");
    await expect(prepareImage(huge, 15_000, t)).rejects.toThrow(/images\.tooLarge .*9(\.0)?\s?MB.*8(\.0)?\s?MB/);
  });

  it("refuses a 300 kB SVG with a script, a foreignObject or a DOCTYPE, saying which (translated)", async () => {
    const cases: [string, RegExp][] = [
      [bigSvg(300, "<script>alert(1)</script>"), /images\.unsafeSvg .*imageFit\.svgRefused\.svg-script/],
      [
        bigSvg(300, '<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'),
        /svg-foreign-object/,
      ],
      [`<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">]>${bigSvg(300)}`, /svg-doctype/],
      [bigSvg(300, '<image href="https://tracker.example/pixel.png" width="1" height="1"/>'), /svg-external-resource/],
    ];
    for (const [svg, reason] of cases) {
      expect(svg.length).toBeGreaterThan(300 * 1024);
      await expect(prepareImage(new File([svg], "medal.svg", { type: "image/svg+xml" }), 15_000, t)).rejects.toThrow(reason);
    }
  });

  it("keeps a safe SVG that fits as vector, with its source for a later refit", async () => {
    const svg = bigSvg(6);
    const image = await prepareImage(new File([svg], "medal.svg", { type: "image/svg+xml" }), 15_000, t);
    expect(image.type).toBe("image/svg+xml");
    expect(image.dataUri.length).toBeLessThanOrEqual(15_000);
    expect(atob(image.dataUri.split(",")[1] ?? "")).toContain("<circle");
    expect(image.source?.kind).toBe("svg");
  });
});

describe("fitDocument", () => {
  const svgImage: PreparedImage = { dataUri: toDataUri("image/svg+xml", bigSvg(2)), type: "image/svg+xml", bytes: 2048 };
  it("returns the document as built when it is within the registry's limit", async () => {
    const { document, image } = await fitDocument(
      (uri) => ({ name: "Data Literacy I", image: uri }),
      svgImage,
      t,
      () => "too large",
    );
    expect(document.image).toBe(svgImage.dataUri);
    expect(image).toBe(svgImage);
  });

  it("says how large the document is when its texts alone leave no room (never drops the image)", async () => {
    const build = (uri: string | undefined) => ({ description: "x".repeat(MAX_DOCUMENT_BYTES), image: uri });
    const size = new TextEncoder().encode(JSON.stringify(build(svgImage.dataUri))).length;
    await expect(fitDocument(build, svgImage, t, (n) => `the profile is ${n} bytes`)).rejects.toThrow(`the profile is ${size} bytes`);
  });
});

describe("historyOf", () => {
  const klass = (classId: number, previousVersion: number) => ({ classId, previousVersion, content: {}, retired: false, blockNumber: 1n });
  it("follows previousVersion back through the issuer's classes, newest first", () => {
    const all = [klass(7, 4), klass(5, 0), klass(4, 2), klass(2, 0)];
    expect(historyOf(all[0] as never, all as never).map((c) => c.classId)).toEqual([4, 2]);
    expect(historyOf(all[1] as never, all as never)).toEqual([]);
  });
});

describe("preparedFromDataUri", () => {
  it("reads the pixel size of a PNG already on chain, and keeps an SVG as it is", () => {
    const png = encodePng(300, 200, new Uint8Array(300 * 200 * 4));
    const image = preparedFromDataUri(toDataUri("image/png", png));
    expect(image).toMatchObject({ type: "image/png", bytes: png.length, width: 300, height: 200 });
    const svg = preparedFromDataUri(toDataUri("image/svg+xml", bigSvg(1)));
    expect(svg?.type).toBe("image/svg+xml");
    expect(preparedFromDataUri("https://cdn.example.org/logo.png")).toBeUndefined();
  });
});
