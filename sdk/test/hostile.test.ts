/**
 * Hostile corpus: crafted, broken and malicious inputs for the badge readers.
 * Every case names the exact error code it must produce and must finish fast:
 * nothing may hang, loop or allocate without bound.
 */

import {
  chunk,
  concat,
  idat,
  iend,
  ihdr,
  itxt,
  itxtData,
  latin1,
  makePng,
  refCrc32,
  SAMPLE_JWS,
  SAMPLE_OB2,
  SAMPLE_OB3,
  SIGNATURE,
  SIMPLE_SVG,
  textChunk,
  u32,
  utf8,
} from "@chancery/testing/png";
import { zlibSync } from "fflate";
import { describe, expect, it } from "vitest";
import {
  assertSafeSvg,
  BakingError,
  type BakingErrorCode,
  bakePng,
  detectBadgeFile,
  extractBadge,
  extractFromPng,
  extractFromSvg,
  SVG_MAX_DEPTH,
} from "../src/baking/index.ts";

type Target = "png" | "svg" | "safe-svg" | "badge";
interface HostileCase {
  name: string;
  target: Target;
  input: () => Uint8Array | string;
  code: BakingErrorCode;
}

/** Deterministic pseudo-random bytes (xorshift32), so failures are reproducible. */
function pseudoRandom(n: number, seed = 0x9e3779b9): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

const PLAIN = makePng();
const BAKED = bakePng(PLAIN, SAMPLE_OB3, "ob3");
// Layout of BAKED: signature 0..8, IHDR chunk 8..33 (len 8..12, type 12..16, data 16..29, crc 29..33), IDAT from 33.
const IDAT_START = 33;
const IEND_START = BAKED.length - 12;
const ITXT_START = IEND_START - (12 + "openbadgecredential".length + 5 + utf8(SAMPLE_OB3).length);

const cut =
  (bytes: Uint8Array, n: number): (() => Uint8Array) =>
  () =>
    bytes.slice(0, n);
function flip(bytes: Uint8Array, at: number): () => Uint8Array {
  return () => {
    const b = bytes.slice();
    b[at]! ^= 0x40;
    return b;
  };
}
function setU32(bytes: Uint8Array, at: number, value: number): () => Uint8Array {
  return () => {
    const b = bytes.slice();
    b.set(u32(value), at);
    return b;
  };
}
const pngWith =
  (...beforeEnd: Uint8Array[]) =>
  () =>
    makePng({ beforeEnd });

/** A zlib stream of `size` zero bytes: ~1000:1, the classic decompression bomb. */
const bomb = (size: number): Uint8Array => zlibSync(new Uint8Array(size), { level: 9 });

const NS3 = 'xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"';
const svg = (body: string, rootAttrs = ""): string => `<svg ${NS3}${rootAttrs}>${body}</svg>`;
const CRED = `<openbadges:credential><![CDATA[${SAMPLE_OB3}]]></openbadges:credential>`;

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE svg [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<svg xmlns="http://www.w3.org/2000/svg"><text>&lol9;</text></svg>`;

const XXE = `<?xml version="1.0"?>
<!DOCTYPE svg [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<svg ${NS3}><openbadges:credential>&xxe;</openbadges:credential></svg>`;

const CASES: HostileCase[] = [
  // ── PNG: truncation at every part of the structure ──
  { name: "empty input", target: "png", input: () => new Uint8Array(0), code: "png-truncated" },
  { name: "1 byte of signature", target: "png", input: cut(BAKED, 1), code: "png-truncated" },
  { name: "4 bytes of signature", target: "png", input: cut(BAKED, 4), code: "png-truncated" },
  { name: "7 bytes of signature", target: "png", input: cut(BAKED, 7), code: "png-truncated" },
  { name: "signature only", target: "png", input: cut(BAKED, 8), code: "png-truncated" },
  { name: "cut inside the first chunk length", target: "png", input: cut(BAKED, 10), code: "png-truncated" },
  { name: "cut inside the first chunk type", target: "png", input: cut(BAKED, 14), code: "png-truncated" },
  { name: "cut inside IHDR data", target: "png", input: cut(BAKED, 20), code: "png-truncated" },
  { name: "cut inside IHDR CRC", target: "png", input: cut(BAKED, 31), code: "png-truncated" },
  { name: "cut inside IDAT data", target: "png", input: cut(BAKED, IDAT_START + 10), code: "png-truncated" },
  { name: "cut inside the badge iTXt text", target: "png", input: cut(BAKED, ITXT_START + 60), code: "png-truncated" },
  { name: "cut inside IEND CRC", target: "png", input: cut(BAKED, BAKED.length - 2), code: "png-truncated" },
  { name: "cut exactly before IEND", target: "png", input: cut(BAKED, IEND_START), code: "png-missing-iend" },
  // ── PNG: lengths and checksums ──
  { name: "bad CRC on IHDR", target: "png", input: flip(BAKED, 30), code: "png-bad-crc" },
  { name: "bad CRC: one bit of IDAT data changed", target: "png", input: flip(BAKED, IDAT_START + 9), code: "png-bad-crc" },
  { name: "bad CRC: badge text edited after baking", target: "png", input: flip(BAKED, ITXT_START + 40), code: "png-bad-crc" },
  { name: "bad CRC on IEND", target: "png", input: flip(BAKED, BAKED.length - 1), code: "png-bad-crc" },
  { name: "chunk length larger than what remains", target: "png", input: setU32(BAKED, ITXT_START, 1_000_000), code: "png-truncated" },
  { name: "chunk length 2^31", target: "png", input: setU32(BAKED, IDAT_START, 0x80000000), code: "png-bad-chunk-length" },
  { name: "chunk length 0xFFFFFFFF", target: "png", input: setU32(BAKED, 8, 0xffffffff), code: "png-bad-chunk-length" },
  {
    name: "chunk type with digits (valid CRC)",
    target: "png",
    input: () => makePng({ middle: [chunk("ab1d", [1, 2, 3])] }),
    code: "png-bad-chunk-type",
  },
  // ── PNG: framing ──
  { name: "missing IHDR (IDAT first)", target: "png", input: () => concat(SIGNATURE, idat(), iend()), code: "png-missing-ihdr" },
  {
    name: "IHDR of wrong length",
    target: "png",
    input: () => concat(SIGNATURE, chunk("IHDR", [0, 0, 0, 1]), idat(), iend()),
    code: "png-bad-ihdr",
  },
  { name: "IHDR with zero width", target: "png", input: () => concat(SIGNATURE, ihdr(0, 1), idat(), iend()), code: "png-bad-ihdr" },
  { name: "two IHDR chunks", target: "png", input: () => concat(SIGNATURE, ihdr(), ihdr(), idat(), iend()), code: "png-bad-structure" },
  { name: "IEND with data", target: "png", input: () => concat(SIGNATURE, ihdr(), idat(), chunk("IEND", [0])), code: "png-bad-structure" },
  {
    name: "no IDAT at all",
    target: "png",
    input: () => concat(SIGNATURE, ihdr(), itxt("openbadgecredential", SAMPLE_OB3), iend()),
    code: "png-bad-structure",
  },
  {
    name: "missing IEND",
    target: "png",
    input: () => concat(SIGNATURE, ihdr(), idat(), itxt("openbadgecredential", SAMPLE_OB3)),
    code: "png-missing-iend",
  },
  { name: "one byte after IEND", target: "png", input: () => concat(BAKED, [0]), code: "png-trailing-data" },
  { name: "a second PNG appended after IEND", target: "png", input: () => concat(PLAIN, BAKED), code: "png-trailing-data" },
  {
    name: "badge chunk smuggled after IEND",
    target: "png",
    input: () => concat(PLAIN, itxt("openbadgecredential", SAMPLE_OB3)),
    code: "png-trailing-data",
  },
  // ── PNG: badge chunks ──
  {
    name: "two iTXt openbadgecredential chunks",
    target: "png",
    input: pngWith(itxt("openbadgecredential", SAMPLE_OB3), itxt("openbadgecredential", SAMPLE_JWS)),
    code: "png-multiple-badges",
  },
  {
    name: "iTXt openbadges + legacy tEXt openbadges",
    target: "png",
    input: pngWith(itxt("openbadges", SAMPLE_OB2), textChunk("openbadges", "https://evil.example/a")),
    code: "png-multiple-badges",
  },
  {
    name: "OB 3.0 and OB 2.0 badge chunks together",
    target: "png",
    input: () => makePng({ middle: [itxt("openbadges", SAMPLE_OB2)], beforeEnd: [itxt("openbadgecredential", SAMPLE_OB3)] }),
    code: "png-multiple-badges",
  },
  {
    name: "zip bomb: compressed iTXt inflating to 64 MiB",
    target: "png",
    input: pngWith(itxt("openbadgecredential", bomb(64 * 1024 * 1024), { flag: 1 })),
    code: "png-inflate-too-large",
  },
  {
    name: "compressed iTXt with corrupt deflate data",
    target: "png",
    input: pngWith(itxt("openbadgecredential", concat([0x78, 0x9c], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), { flag: 1 })),
    code: "png-bad-compression",
  },
  {
    name: "compressed iTXt with a bad zlib header",
    target: "png",
    input: pngWith(itxt("openbadgecredential", concat([0x12, 0x34], zlibSync(utf8(SAMPLE_OB3)).subarray(2)), { flag: 1 })),
    code: "png-bad-compression",
  },
  {
    name: "compressed iTXt with a wrong Adler-32",
    target: "png",
    input: () => {
      const z = zlibSync(utf8(SAMPLE_OB3));
      z[z.length - 1]! ^= 1;
      return makePng({ beforeEnd: [itxt("openbadgecredential", z, { flag: 1 })] });
    },
    code: "png-bad-compression",
  },
  {
    name: "compressed iTXt with a truncated stream",
    target: "png",
    input: () => {
      const z = zlibSync(utf8(SAMPLE_OB3.repeat(20)));
      return makePng({ beforeEnd: [itxt("openbadgecredential", z.subarray(0, z.length >> 1), { flag: 1 })] });
    },
    code: "png-bad-compression",
  },
  {
    name: "iTXt compression flag 2",
    target: "png",
    input: pngWith(itxt("openbadgecredential", SAMPLE_OB3, { flag: 2 })),
    code: "png-bad-text-chunk",
  },
  {
    name: "iTXt compression method 1",
    target: "png",
    input: pngWith(itxt("openbadges", SAMPLE_OB2, { method: 1 })),
    code: "png-bad-text-chunk",
  },
  {
    name: "iTXt missing the NUL after the language tag",
    target: "png",
    input: pngWith(chunk("iTXt", concat(latin1("openbadgecredential"), [0, 0, 0], latin1("en-US-no-terminator")))),
    code: "png-bad-text-chunk",
  },
  {
    name: "iTXt missing the NUL after the translated keyword",
    target: "png",
    input: pngWith(chunk("iTXt", concat(latin1("openbadgecredential"), [0, 0, 0, 0], utf8(SAMPLE_OB3)))),
    code: "png-bad-text-chunk",
  },
  {
    name: "iTXt cut right after its keyword",
    target: "png",
    input: pngWith(chunk("iTXt", concat(latin1("openbadgecredential"), [0]))),
    code: "png-bad-text-chunk",
  },
  {
    name: "invalid UTF-8 in the badge text",
    target: "png",
    input: pngWith(itxt("openbadgecredential", concat(utf8('{"name":"'), [0xff, 0xfe], utf8('"}')))),
    code: "png-bad-utf8",
  },
  {
    name: "overlong UTF-8 encoding of '/'",
    target: "png",
    input: pngWith(itxt("openbadgecredential", concat(utf8('{"a":"'), [0xc0, 0xaf], utf8('"}')))),
    code: "png-bad-utf8",
  },
  {
    name: "invalid UTF-8 inside compressed text",
    target: "png",
    input: pngWith(itxt("openbadgecredential", zlibSync(new Uint8Array([0x7b, 0xed, 0xa0, 0x80, 0x7d])), { flag: 1 })),
    code: "png-bad-utf8",
  },
  {
    name: "invalid UTF-8 in the translated keyword",
    target: "png",
    input: pngWith(chunk("iTXt", concat(latin1("openbadges"), [0, 0, 0, 0, 0xff, 0], utf8(SAMPLE_OB2)))),
    code: "png-bad-utf8",
  },
  {
    name: "uncompressed badge text over 1 MiB",
    target: "png",
    input: pngWith(itxt("openbadgecredential", "x".repeat(1024 * 1024 + 1))),
    code: "png-text-too-large",
  },
  { name: "badge chunk with only whitespace", target: "png", input: pngWith(itxt("openbadgecredential", " \t\r\n")), code: "empty-badge" },
  // ── PNG: size and count caps ──
  {
    name: "a 12 MiB file",
    target: "png",
    input: () => {
      const b = new Uint8Array(12 * 1024 * 1024);
      b.set(BAKED);
      return b;
    },
    code: "png-too-large",
  },
  {
    name: "100,000 tiny chunks",
    target: "png",
    input: () => {
      const tiny = chunk("teSt");
      const many = new Uint8Array(100_000 * tiny.length);
      for (let i = 0; i < 100_000; i++) many.set(tiny, i * tiny.length);
      return concat(SIGNATURE, ihdr(), many, idat(), iend());
    },
    code: "png-too-many-chunks",
  },
  // ── PNG: things that are not PNGs ──
  { name: "random bytes", target: "png", input: () => pseudoRandom(4096), code: "png-bad-signature" },
  {
    name: "a JPEG header",
    target: "png",
    input: () => new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]),
    code: "png-bad-signature",
  },
  { name: "a credential JSON where a PNG is expected", target: "png", input: () => utf8(SAMPLE_OB3), code: "png-bad-signature" },
  { name: "a compact JWS where a PNG is expected", target: "png", input: () => utf8(SAMPLE_JWS), code: "png-bad-signature" },
  { name: "an SVG where a PNG is expected", target: "png", input: () => utf8(SIMPLE_SVG), code: "png-bad-signature" },
  {
    name: "signature mangled by a text-mode transfer (CRLF → LF)",
    target: "png",
    input: () => concat([0x89, 0x50, 0x4e, 0x47, 0x0a, 0x1a, 0x0a], BAKED.subarray(8)),
    code: "png-bad-signature",
  },

  // ── SVG: DTDs and entities ──
  { name: "billion laughs (DOCTYPE + nested entities)", target: "svg", input: () => BILLION_LAUGHS, code: "svg-doctype" },
  { name: "XXE: external SYSTEM entity", target: "svg", input: () => XXE, code: "svg-doctype" },
  {
    name: "plain DOCTYPE with public id",
    target: "safe-svg",
    input: () => `<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">${svg("")}`,
    code: "svg-doctype",
  },
  {
    name: "undefined entity reference without DTD",
    target: "svg",
    input: () => svg("<openbadges:credential>&xxe;</openbadges:credential>"),
    code: "svg-malformed",
  },
  // ── SVG: active content ──
  { name: "<script> element", target: "svg", input: () => svg(`${CRED}<script>alert(document.cookie)</script>`), code: "svg-script" },
  {
    name: "XHTML <script> element",
    target: "safe-svg",
    input: () => svg('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'),
    code: "svg-script",
  },
  { name: "upper-case <SCRIPT>", target: "safe-svg", input: () => svg("<SCRIPT>alert(1)</SCRIPT>"), code: "svg-script" },
  {
    name: "SVG Tiny <handler>",
    target: "safe-svg",
    input: () => svg('<handler type="application/ecmascript">alert(1)</handler>'),
    code: "svg-script",
  },
  { name: "onload= on the root", target: "svg", input: () => svg(CRED, ' onload="alert(1)"'), code: "svg-event-handler" },
  {
    name: "ONCLICK= on a nested element",
    target: "safe-svg",
    input: () => svg('<g><rect ONCLICK="alert(1)"/></g>'),
    code: "svg-event-handler",
  },
  {
    name: "namespaced on* attribute",
    target: "safe-svg",
    input: () => svg('<rect x:onmouseover="alert(1)" xmlns:x="urn:x"/>'),
    code: "svg-event-handler",
  },
  {
    name: "<set> animating an event handler",
    target: "safe-svg",
    input: () => svg('<set attributeName="onmouseover" to="alert(1)"/>'),
    code: "svg-event-handler",
  },
  {
    name: "javascript: href",
    target: "svg",
    input: () => svg(`${CRED}<a href="javascript:alert(1)"><rect/></a>`),
    code: "svg-javascript-url",
  },
  {
    name: "obfuscated xlink:href (case, tab entity, leading spaces)",
    target: "safe-svg",
    input: () => svg('<a xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="  JaVa&#x09;ScRipt:alert(1)"><rect/></a>'),
    code: "svg-javascript-url",
  },
  {
    name: "<animate> values with javascript:",
    target: "safe-svg",
    input: () => svg('<a><animate attributeName="href" values="https://ok;javascript:alert(1)"/></a>'),
    code: "svg-javascript-url",
  },
  { name: "vbscript: URL", target: "safe-svg", input: () => svg('<a href="vbscript:msgbox(1)"/>'), code: "svg-javascript-url" },
  {
    name: "javascript: url() inside <style>",
    target: "safe-svg",
    input: () => svg("<style>rect { fill: url(javascript:alert(1)) }</style>"),
    code: "svg-javascript-url",
  },
  {
    name: "<script> smuggled in a CDATA section of <style>",
    target: "safe-svg",
    input: () => svg("<style><![CDATA[</style><script>alert(1)</script>]]></style>"),
    code: "svg-script",
  },
  {
    name: "<script> smuggled as escaped text",
    target: "safe-svg",
    input: () => svg("<text>&lt;script>alert(1)&lt;/script></text>"),
    code: "svg-script",
  },
  {
    name: "<foreignObject> with HTML",
    target: "svg",
    input: () => svg(`${CRED}<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>`),
    code: "svg-foreign-object",
  },
  {
    name: "<iframe>",
    target: "safe-svg",
    input: () => svg('<iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example"/>'),
    code: "svg-forbidden-element",
  },
  {
    name: "processing instruction xml-stylesheet",
    target: "svg",
    input: () => `<?xml version="1.0"?><?xml-stylesheet href="https://evil.example/x.css"?>${svg(CRED)}`,
    code: "svg-processing-instruction",
  },
  {
    name: "processing instruction inside the image",
    target: "svg",
    input: () => svg(`${CRED}<?php echo 1 ?>`),
    code: "svg-processing-instruction",
  },
  // ── SVG: malformed XML ──
  { name: "unclosed tags", target: "svg", input: () => `<svg ${NS3}>${CRED}<g><rect>`, code: "svg-malformed" },
  { name: "mismatched closing tag", target: "svg", input: () => `<svg ${NS3}>${CRED}<g></rect></svg>`, code: "svg-malformed" },
  { name: "unterminated CDATA", target: "svg", input: () => svg(`<openbadges:credential><![CDATA[${SAMPLE_OB3}`), code: "svg-malformed" },
  {
    name: "unbound namespace prefix",
    target: "svg",
    input: () => '<svg xmlns="http://www.w3.org/2000/svg"><openbadges:credential>{}</openbadges:credential></svg>',
    code: "svg-malformed",
  },
  { name: "text and a second root after the root", target: "svg", input: () => `${svg(CRED)}<svg/>`, code: "svg-malformed" },
  { name: "NUL character in the text", target: "svg", input: () => svg(`${CRED}<text>a\u0000b</text>`), code: "svg-malformed" },
  { name: "empty SVG text", target: "svg", input: () => "  \n", code: "svg-malformed" },
  // ── SVG: badge element placement and CDATA tricks ──
  { name: "two credential elements", target: "svg", input: () => svg(CRED + CRED), code: "svg-multiple-badges" },
  {
    name: "credential and assertion elements",
    target: "svg",
    input: () => svg(`${CRED}<ob:assertion xmlns:ob="http://openbadges.org" verify="https://evil.example/a"/>`),
    code: "svg-multiple-badges",
  },
  { name: "credential element nested in <g>", target: "svg", input: () => svg(`<g>${CRED}</g>`), code: "svg-badge-misplaced" },
  {
    name: "credential element inside <defs><g>",
    target: "svg",
    input: () => svg(`<defs><g>${CRED}</g></defs>`),
    code: "svg-badge-misplaced",
  },
  {
    name: "credential element with a child element",
    target: "svg",
    input: () => svg("<openbadges:credential><b>{}</b></openbadges:credential>"),
    code: "svg-badge-malformed",
  },
  {
    name: "CDATA ]]> breaking out to inject <script>",
    target: "svg",
    input: () => svg(`<openbadges:credential><![CDATA[{"a":"]]><script>alert(1)</script><![CDATA["}]]></openbadges:credential>`),
    code: "svg-script",
  },
  {
    name: "raw ]]> left in text after a CDATA section",
    target: "svg",
    input: () => svg(`<openbadges:credential><![CDATA[{"a":"]]>"}]]></openbadges:credential>`),
    code: "svg-malformed",
  },
  // ── SVG: encoding, size, root ──
  {
    name: "non-UTF-8 bytes (Latin-1 é)",
    target: "svg",
    input: () => concat(utf8(`<svg ${NS3}><title>caf`), [0xe9], utf8(`</title>${CRED}</svg>`)),
    code: "svg-bad-encoding",
  },
  { name: "UTF-16 byte order mark", target: "svg", input: () => concat([0xff, 0xfe], utf8("<\0s\0v\0g\0")), code: "svg-bad-encoding" },
  { name: "a 3 MiB SVG", target: "svg", input: () => svg(`${CRED}<desc>${"x".repeat(3 * 1024 * 1024)}</desc>`), code: "svg-too-large" },
  {
    name: "a 3 MiB SVG as bytes",
    target: "svg",
    input: () => utf8(svg(`${CRED}<!--${"x".repeat(3 * 1024 * 1024)}-->`)),
    code: "svg-too-large",
  },
  {
    name: "root is <html>, not <svg>",
    target: "svg",
    input: () => `<html xmlns="http://www.w3.org/1999/xhtml"><svg ${NS3}>${CRED}</svg></html>`,
    code: "svg-not-svg",
  },
  {
    name: "100,000-deep nesting (quadratic namespace lookup bait)",
    target: "safe-svg",
    input: () => `<svg xmlns="http://www.w3.org/2000/svg">${"<g>".repeat(100_000)}${"</g>".repeat(100_000)}</svg>`,
    code: "svg-too-deep",
  },
  {
    name: "<svg> root outside the SVG namespace",
    target: "svg",
    input: () => `<svg xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">${CRED}</svg>`,
    code: "svg-not-svg",
  },

  // ── extractBadge: dispatching ──
  { name: "empty file", target: "badge", input: () => new Uint8Array(0), code: "empty-input" },
  { name: "a JSON credential instead of an image", target: "badge", input: () => utf8(SAMPLE_OB3), code: "not-an-image" },
  { name: "a compact JWS instead of an image", target: "badge", input: () => SAMPLE_JWS, code: "not-an-image" },
  {
    name: "a JPEG",
    target: "badge",
    input: () => new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0, 0, 0x45, 0x78, 0x69, 0x66]),
    code: "unsupported-format",
  },
  { name: "random bytes", target: "badge", input: () => pseudoRandom(2048, 42), code: "unsupported-format" },
  { name: "a GIF", target: "badge", input: () => latin1("GIF89a\x01\x00\x01\x00"), code: "unsupported-format" },
  { name: "a truncated PNG", target: "badge", input: cut(BAKED, 40), code: "png-truncated" },
  { name: "a hostile SVG", target: "badge", input: () => XXE, code: "svg-doctype" },
  { name: "a valid PNG with no badge", target: "badge", input: () => PLAIN, code: "not-a-badge" },
];

function run(target: Target, input: Uint8Array | string): void {
  switch (target) {
    case "png":
      extractFromPng(input as Uint8Array);
      return;
    case "svg":
      extractFromSvg(input);
      return;
    case "safe-svg":
      assertSafeSvg(input);
      return;
    case "badge":
      extractBadge(input);
      return;
  }
}

describe("hostile corpus", () => {
  it("has at least 50 cases, each with a distinct name", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(50);
    expect(new Set(CASES.map((c) => `${c.target}:${c.name}`)).size).toBe(CASES.length);
  });

  it.each(CASES.map((c) => [`${c.target} · ${c.name} → ${c.code}`, c] as const))("%s", (_label, c) => {
    const input = c.input();
    const started = performance.now();
    let thrown: unknown;
    try {
      run(c.target, input);
    } catch (e) {
      thrown = e;
    }
    const elapsed = performance.now() - started;
    expect(thrown, "must throw a BakingError").toBeInstanceOf(BakingError);
    expect((thrown as BakingError).code).toBe(c.code);
    expect((thrown as BakingError).message.length).toBeGreaterThan(20);
    expect(elapsed, "must fail fast").toBeLessThan(1000);
  });
});

describe("hostile but valid inputs stay fast", () => {
  it("nesting up to the depth cap, with 2 MiB of siblings at the bottom, stays linear", () => {
    const depth = SVG_MAX_DEPTH - 1;
    const open = `<svg xmlns='http://www.w3.org/2000/svg'>${"<g>".repeat(depth - 1)}`;
    const close = `${"</g>".repeat(depth - 1)}</svg>`;
    const leaves = "<g/>".repeat(Math.floor((2 * 1024 * 1024 - open.length - close.length) / 4));
    const text = open + leaves + close;
    const t = performance.now();
    expect(assertSafeSvg(text)).toBe(text);
    expect(performance.now() - t).toBeLessThan(2000);
  });

  it("a 9 MiB PNG with a badge is read well within the budget", () => {
    const big = new Uint8Array(9 * 1024 * 1024);
    const parts: Uint8Array[] = [];
    for (let i = 0; i < big.length; i += 65536) parts.push(chunk("zzZz", big.subarray(i, i + 65536)));
    const png = makePng({ middle: parts, beforeEnd: [itxt("openbadgecredential", SAMPLE_OB3)] });
    const t = performance.now();
    expect(extractFromPng(png).payload).toBe(SAMPLE_OB3);
    expect(performance.now() - t).toBeLessThan(2000);
  });

  it("a compressed badge just under the inflate cap is accepted", () => {
    const text = JSON.stringify({ type: "OpenBadgeCredential", pad: "a".repeat(1024 * 1024 - 100) });
    const png = makePng({ beforeEnd: [itxt("openbadgecredential", zlibSync(utf8(text)), { flag: 1 })] });
    expect(extractFromPng(png).payload).toBe(text);
  });

  it("detects JSON and JWS handed over as 'images'", () => {
    expect(detectBadgeFile(utf8(SAMPLE_OB3))).toBe("json");
    expect(detectBadgeFile(utf8(SAMPLE_JWS))).toBe("jws");
    expect(detectBadgeFile(pseudoRandom(4096))).toBe("unknown");
  });

  it("fixtures are what they claim: CRCs verify and the iTXt data is laid out as expected", () => {
    const c = itxtData("openbadgecredential", "x");
    expect(Array.from(c.subarray(19, 24))).toEqual([0, 0, 0, 0, 0]);
    expect(refCrc32(latin1("IEND"))).toBe(0xae426082);
    expect(ITXT_START).toBeGreaterThan(IDAT_START);
    expect(String.fromCharCode(...BAKED.subarray(ITXT_START + 4, ITXT_START + 8))).toBe("iTXt");
  });
});
