// The pieces without a chain: content negotiation, key redaction, the images drawn in code and
// the reading back of on-chain Open Badges JSON into award inputs.
import { inflateSync } from "node:zlib";
import { bakePng, extractFromPng, listPngChunks } from "@chancery/sdk/baking";
import {
  achievementInputFromClass,
  badgeArtPng,
  badgeArtSvg,
  badgeClassImages,
  encodePng,
  initialsOf,
  issuerInputFromProfile,
  parseImageDataUri,
  toDataUri,
} from "@chancery/sdk/hosted";
import { describe, expect, it } from "vitest";
import { prefersHtml } from "../src/accept.ts";
import { redactUrl } from "../src/redact.ts";

const KEY = "34cewmcC2qSDYWpz6Js_Y0ElRz5l9Wbx-SZe5nPBoWw";
const UID = `0x${"ab".repeat(32)}`;

describe("prefersHtml", () => {
  it.each([
    ["text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", true],
    ["text/html", true],
    ["*/*", false],
    [undefined, false],
    ["application/ld+json, application/json", false],
    ["application/json, text/html;q=0.5", false],
    ["text/html;q=0.9, application/json;q=0.9", false],
    ["text/html;q=0", false],
  ])("%s → %s", (accept, expected) => {
    expect(prefersHtml(accept)).toBe(expected);
  });
});

describe("redactUrl", () => {
  it.each([
    [`/ob2/assertions/31337/${UID}/${KEY}`, `/ob2/assertions/31337/${UID}/[redacted]`],
    [`/ob2/assertions/31337/${UID}/${KEY}.png`, `/ob2/assertions/31337/${UID}/[redacted]`],
    [`/OB2/ASSERTIONS/31337/${UID}/${KEY}`, `/OB2/ASSERTIONS/31337/${UID}/[redacted]`],
    [`/ob2/assertions/31337/${UID}%2F${KEY}`, `/ob2/assertions/31337/${UID}/[redacted]`],
    [`/ob2/assertions/31337/${UID}?k=${KEY}`, `/ob2/assertions/31337/${UID}`],
    [`/ob2/assertions/31337/${UID}.png`, `/ob2/assertions/31337/${UID}.png`],
    ["/ob2/badges/31337/1/image", "/ob2/badges/31337/1/image"],
    // The "add from URL" credential carries the key after the uid too.
    [`/ob3/credentials/31337/0xAbC/${UID}/${KEY}`, `/ob3/credentials/31337/0xAbC/${UID}/[redacted]`],
    [`/ob3/credentials/31337/0xAbC/${UID}%2f${KEY}`, `/ob3/credentials/31337/0xAbC/${UID}/[redacted]`],
  ])("%s", (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
    expect(redactUrl(url)).not.toContain(KEY);
  });
});

describe("images drawn in code", () => {
  it("encodes a real PNG (signature, IHDR, IDAT that inflates to the pixels, IEND)", () => {
    const rgba = new Uint8Array(4 * 4 * 4).map((_, i) => (i * 37) % 256);
    const png = encodePng(4, 4, rgba);
    expect(listPngChunks(png)).toEqual(["IHDR", "IDAT", "IEND"]);
    // IDAT starts after the signature (8) and IHDR (12 + 13): length, type, data.
    const idatLength = new DataView(png.buffer, png.byteOffset + 33, 4).getUint32(0);
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    expect(raw.length).toBe(4 * (1 + 4 * 4));
  });

  it("draws a medallion small enough for a class document, and bakes like any PNG", () => {
    const png = badgeArtPng({ initials: "DL", hue: 210, size: 96 });
    expect(toDataUri("image/png", png).length).toBeLessThan(9000);
    const baked = bakePng(png, `https://badges.test/ob2/assertions/31337/${UID}`, "ob2");
    expect(extractFromPng(baked).payload).toMatch(/^https:/);
    const svg = badgeArtSvg({ initials: "ML", hue: 20, title: "A <b> & c" });
    expect(svg).toContain("<title>A &lt;b&gt; &amp; c</title>");
    expect(parseImageDataUri(toDataUri("image/svg+xml", svg))?.type).toBe("image/svg+xml");
  });

  it("reads PNG and safe SVG data: URIs, and refuses anything else", () => {
    expect(parseImageDataUri(toDataUri("image/png", badgeArtPng({ initials: "A", hue: 1, size: 16 })))?.type).toBe("image/png");
    expect(parseImageDataUri("data:image/svg+xml,%3Csvg%20xmlns%3D%22http%3A%2F%2Fwww.w3.org%2F2000%2Fsvg%22%2F%3E")?.type).toBe(
      "image/svg+xml",
    );
    expect(
      parseImageDataUri(toDataUri("image/svg+xml", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')),
    ).toBeUndefined();
    expect(parseImageDataUri("data:image/png;base64,AAAA")).toBeUndefined();
    expect(parseImageDataUri("data:image/jpeg;base64,/9j/")).toBeUndefined();
    expect(parseImageDataUri("https://example.org/badge.png")).toBeUndefined();
  });

  it("picks the class's own image, or draws one (never fetching a URL)", () => {
    const png = badgeArtPng({ initials: "X", hue: 5, size: 32 });
    expect(badgeClassImages({ name: "X", classId: 1, image: toDataUri("image/png", png) }).source).toBe("class-png");
    expect(
      badgeClassImages({ name: "X", classId: 1, image: { id: toDataUri("image/svg+xml", badgeArtSvg({ initials: "X", hue: 5 })) } }).source,
    ).toBe("class-svg");
    const remote = badgeClassImages({ name: "Data Literacy", classId: 1, image: "https://cdn.example/badge.png" });
    expect(remote.source).toBe("generated");
    expect(remote.svg).toContain(">DL<");
    expect(initialsOf("Machine Learning Foundations")).toBe("MLF");
    expect(initialsOf("Éthique")).toBe("ET");
  });
});

describe("on-chain JSON read back into award inputs", () => {
  it("reads an OB 3.0 Achievement and the sdk's input form alike", () => {
    const ob3 = {
      type: ["Achievement"],
      name: "Data",
      description: "D",
      criteria: { narrative: "N" },
      image: { id: "https://x.example/i.png", type: "Image" },
      tag: ["a"],
      alignment: [{ type: ["Alignment"], targetName: "T", targetUrl: "https://t.example" }],
      achievementType: "Course",
    };
    expect(achievementInputFromClass(ob3)).toEqual({
      name: "Data",
      description: "D",
      criteria: { narrative: "N" },
      image: "https://x.example/i.png",
      tags: ["a"],
      alignments: [{ targetName: "T", targetUrl: "https://t.example" }],
      achievementType: "Course",
    });
    expect(
      achievementInputFromClass({
        name: "Data",
        description: "D",
        criteria: { id: "https://c.example" },
        tags: ["b"],
        image: "javascript:alert(1)",
      }),
    ).toEqual({ name: "Data", description: "D", criteria: { id: "https://c.example" }, tags: ["b"] });
  });

  it("fills what Open Badges requires when the chain's JSON lacks it", () => {
    expect(achievementInputFromClass({ type: ["Achievement"], name: "Bare" })).toEqual({
      name: "Bare",
      description: "Bare",
      criteria: { narrative: "Awarded by the issuer for “Bare”." },
    });
    expect(achievementInputFromClass("not json")).toMatchObject({ name: "Badge" });
    expect(issuerInputFromProfile(3, { name: "Uni", url: "not a url", email: "nope" }, "https://gw.example/ob2/issuers/1/3")).toEqual({
      issuerId: 3,
      name: "Uni",
      url: "https://gw.example/ob2/issuers/1/3",
    });
    expect(issuerInputFromProfile(3, undefined)).toMatchObject({ issuerId: 3, name: "Issuer #3" });
  });
});
