import { chunk as referenceChunk } from "@chancery/testing/png";
import { describe, expect, it } from "vitest";
import {
  base64DecodeForgiving,
  base64Encode,
  base64urlDecode,
  base64urlEncode,
  encodePng,
  keyFromString,
  listPngChunks,
  MAX_DATA_URI_BYTES,
  parseDataUri,
  parseImageDataUri,
  pngChunk,
  toDataUri,
} from "../src/index.ts";
import { decodeJwsPayload } from "../src/proofs/jws.ts";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("base64url (one codec, jose underneath, strict)", () => {
  it("accepts only the canonical spelling", () => {
    expect(base64urlDecode("Zm9vYmFy")).toEqual(utf8("foobar"));
    expect(base64urlDecode("")).toEqual(new Uint8Array(0));
    for (const bad of [
      "Zh",
      "Zm9",
      "Z",
      "Zm9v=",
      "Zm8=",
      "Zm9v+",
      "Zm9v/",
      "Zm 9v",
      "Zm9v\n",
      " Zm9v",
      "Zm9vé",
      "Zm9v\u0000",
      "====",
      "Zm9v.",
    ]) {
      expect(base64urlDecode(bad), JSON.stringify(bad)).toBeNull();
    }
    expect(base64urlDecode(42 as unknown as string)).toBeNull();
  });

  it("round-trips every byte value and every length", () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (let n = 0; n <= 256; n += 1) {
      const bytes = all.subarray(0, n);
      const text = base64urlEncode(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(base64urlDecode(text)).toEqual(bytes);
    }
  });

  it("is what badge keys are read with: a key with a non-canonical last character is refused", () => {
    const key = base64urlEncode(new Uint8Array(32).fill(7));
    expect(() => keyFromString(key)).not.toThrow();
    const sloppy = key.slice(0, 42) + String.fromCharCode(key.charCodeAt(42) + 1);
    expect(() => keyFromString(sloppy)).toThrow(expect.objectContaining({ code: "bad-key", kind: "invalid-input" }));
  });
});

describe("base64 (data: URIs)", () => {
  it("writes padded base64 and reads it the way browsers do", () => {
    expect(base64Encode(utf8("foob"))).toBe("Zm9vYg==");
    expect(base64Encode(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe("+/+/");
    expect(base64DecodeForgiving("Zm9vYg==")).toEqual(utf8("foob"));
    expect(base64DecodeForgiving("Zm9vYg")).toEqual(utf8("foob")); // padding optional
    expect(base64DecodeForgiving(" Zm9v\nYg==\t")).toEqual(utf8("foob")); // whitespace ignored
    expect(base64DecodeForgiving("+/+/")).toEqual(new Uint8Array([0xfb, 0xff, 0xbf]));
    for (const bad of ["Z", "Zm9vY", "Zm9v-_", "Zm=9v", "Zm9vYg===", "é"]) expect(base64DecodeForgiving(bad), bad).toBeNull();
  });
});

describe("data: URIs (one module: build, parse with limits)", () => {
  it("round-trips bytes and text", () => {
    const png = encodePng(1, 1, new Uint8Array([1, 2, 3, 255]));
    const uri = toDataUri("image/png", png);
    expect(uri.startsWith("data:image/png;base64,")).toBe(true);
    expect(parseDataUri(uri)).toEqual({ mediaType: "image/png", parameters: {}, base64: true, bytes: png });
    expect(new TextDecoder().decode(parseDataUri(toDataUri("image/svg+xml", "<svg>é</svg>"))!.bytes)).toBe("<svg>é</svg>");
    expect(() => toDataUri("png", png)).toThrow(expect.objectContaining({ code: "invalid-input" }));
  });

  it("reads parameters, percent-encoding, the default type and refuses what is not one", () => {
    expect(parseDataUri("data:image/svg+xml;charset=utf-8;base64,PHN2Zy8+")).toMatchObject({
      mediaType: "image/svg+xml",
      parameters: { charset: "utf-8" },
      base64: true,
    });
    expect(parseDataUri("DATA:Image/SVG+xml,%3Csvg%2F%3E")).toMatchObject({
      mediaType: "image/svg+xml",
      base64: false,
      bytes: utf8("<svg/>"),
    });
    expect(parseDataUri("data:,hello")).toMatchObject({ mediaType: "text/plain", bytes: utf8("hello") });
    for (const bad of [
      "https://example.org/a.png",
      "data:image/png;base64",
      "data:image png;base64,AAAA",
      "data:image/png;base64,A",
      "data:image/png;x,AAAA",
      "data:text/plain,%E0%A4%A",
      12,
      null,
    ]) {
      expect(parseDataUri(bad), String(bad)).toBeUndefined();
    }
    expect(parseDataUri("data:image/jpeg;base64,/9j/", { mediaTypes: ["image/png"] })).toBeUndefined();
  });

  it("refuses a body over the size limit, before decoding a huge one", () => {
    const uri = toDataUri("application/octet-stream", new Uint8Array(1000));
    expect(parseDataUri(uri, { maxBytes: 1000 })?.bytes.length).toBe(1000);
    expect(parseDataUri(uri, { maxBytes: 999 })).toBeUndefined();
    const huge = `data:text/plain,${"a".repeat(3 * 1024 + 2000)}`;
    expect(parseDataUri(huge, { maxBytes: 1024 })).toBeUndefined();
    expect(MAX_DATA_URI_BYTES).toBeGreaterThanOrEqual(5 * 1024 * 1024);
  });

  it("is what class images are read with", () => {
    const png = encodePng(2, 2, new Uint8Array(16).fill(200));
    expect(parseImageDataUri(toDataUri("image/png", png))).toEqual({ type: "image/png", bytes: png });
    expect(parseImageDataUri(toDataUri("image/png", png), { maxBytes: 10 })).toBeUndefined();
    expect(parseImageDataUri(toDataUri("image/gif", png))).toBeUndefined();
  });
});

describe("PNG chunks (one writer)", () => {
  it("matches the independent reference writer, CRC included", () => {
    for (const [type, data] of [
      ["IEND", new Uint8Array(0)],
      ["tEXt", utf8("a\u0000b")],
      ["iTXt", crypto.getRandomValues(new Uint8Array(5000))],
    ] as const) {
      expect(pngChunk(type, data)).toEqual(referenceChunk(type, data));
    }
    expect(() => pngChunk("IHD", new Uint8Array(0))).toThrow(TypeError);
    expect(() => pngChunk("IHD1", new Uint8Array(0))).toThrow(TypeError);
  });

  it("is what the drawn badge images are written with", () => {
    const png = encodePng(3, 2, new Uint8Array(24).fill(9));
    expect(listPngChunks(png)).toEqual(["IHDR", "IDAT", "IEND"]);
  });
});

describe("JWS payloads", () => {
  it("decodes the JSON object a compact JWS carries, or nothing", () => {
    const part = (value: unknown) => base64urlEncode(utf8(JSON.stringify(value)));
    expect(decodeJwsPayload(`${part({ alg: "RS256" })}.${part({ id: "urn:x" })}.sig`)).toEqual({ id: "urn:x" });
    expect(decodeJwsPayload(`${part({ alg: "RS256" })}.${part([1])}.sig`)).toBeUndefined();
    expect(decodeJwsPayload(`${part({ alg: "RS256" })}.!!.sig`)).toBeUndefined();
    expect(decodeJwsPayload("a.b")).toBeUndefined();
  });
});
