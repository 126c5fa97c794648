import {
  chunk,
  chunksOf,
  concat,
  idat,
  iend,
  ihdr,
  itxt,
  latin1,
  makePng,
  refCrc32,
  SAMPLE_JWS,
  SAMPLE_OB2,
  SAMPLE_OB3,
  SIGNATURE,
  SIMPLE_SVG,
  textChunk,
  utf8,
} from "@chancery/testing/png";
import { zlibSync } from "fflate";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import {
  assertSafeSvg,
  BakingError,
  bakePng,
  bakeSvg,
  crc32,
  detectBadgeFile,
  extractBadge,
  extractFromPng,
  extractFromSvg,
  listPngChunks,
  OB2_SVG_NS,
  OB3_SVG_NS,
  validateBakePayload,
} from "../src/baking/index.ts";

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof BakingError) return e.code;
    throw e;
  }
  throw new Error("expected a BakingError, nothing was thrown");
}

/** Parse XML with saxes (namespaces on) and return the root's namespaced children. */
function xmlChildren(xml: string): { uri: string; local: string; attrs: Record<string, string> }[] {
  const p = new SaxesParser({ xmlns: true });
  const out: { uri: string; local: string; attrs: Record<string, string> }[] = [];
  let depth = 0;
  p.on("opentag", (t) => {
    if (depth === 1)
      out.push({ uri: t.uri, local: t.local, attrs: Object.fromEntries(Object.values(t.attributes).map((a) => [a.name, a.value])) });
    depth++;
  });
  p.on("closetag", () => void depth--);
  p.write(xml).close();
  return out;
}

describe("crc32", () => {
  it("matches the standard check value and known PNG chunk CRCs", () => {
    expect(crc32(latin1("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(latin1("IEND"))).toBe(0xae426082);
  });

  it("agrees with the bitwise reference on random data, and can be continued", () => {
    const data = crypto.getRandomValues(new Uint8Array(5000));
    expect(crc32(data)).toBe(refCrc32(data));
    expect(crc32(data, crc32(data, 0, 0, 1234), 1234)).toBe(refCrc32(data));
    expect(crc32(data, 0, 10, 20)).toBe(refCrc32(data.subarray(10, 20)));
    // every alignment and tail length of the 8-byte stepping
    for (let s = 0; s < 9; s++) for (let e = s; e < s + 20; e++) expect(crc32(data, 0, s, e)).toBe(refCrc32(data.subarray(s, e)));
  });
});

describe("bakePng / extractFromPng", () => {
  const png = makePng();

  it("round-trips an OB 3.0 credential JSON with non-ASCII text", () => {
    const baked = bakePng(png, SAMPLE_OB3, "ob3");
    expect(extractFromPng(baked)).toEqual({ kind: "ob3", payload: SAMPLE_OB3, chunk: "iTXt" });
  });

  it("round-trips an OB 3.0 compact JWS, an OB 2.0 URL, JSON and JWS", () => {
    expect(extractFromPng(bakePng(png, SAMPLE_JWS, "ob3"))).toMatchObject({ kind: "ob3", payload: SAMPLE_JWS });
    const url = "https://gateway.example.org/ob2/assertions/0x01";
    expect(extractFromPng(bakePng(png, url, "ob2"))).toMatchObject({ kind: "ob2", payload: url });
    expect(extractFromPng(bakePng(png, SAMPLE_OB2, "ob2"))).toMatchObject({ kind: "ob2", payload: SAMPLE_OB2 });
    expect(extractFromPng(bakePng(png, SAMPLE_JWS, "ob2"))).toMatchObject({ kind: "ob2", payload: SAMPLE_JWS });
  });

  it("writes an uncompressed spec-shaped iTXt chunk just before IEND, with a correct CRC", () => {
    const baked = bakePng(png, SAMPLE_OB3, "ob3");
    const chunks = chunksOf(baked);
    expect(chunks.map((c) => c.type)).toEqual(["IHDR", "IDAT", "iTXt", "IEND"]);
    const it = chunks[2]!;
    const expected = concat(latin1("openbadgecredential"), [0, 0, 0, 0, 0], utf8(SAMPLE_OB3));
    expect(it.data).toEqual(expected);
    expect(it.crc).toBe(refCrc32(concat(latin1("iTXt"), it.data)));
    // OB 2.0 keyword
    expect(chunksOf(bakePng(png, SAMPLE_OB2, "ob2"))[2]!.data.subarray(0, 11)).toEqual(concat(latin1("openbadges"), [0]));
  });

  it("keeps every original chunk byte for byte and does not touch its input", () => {
    const big = makePng({ width: 16, height: 16, middle: [chunk("tIME", [7, 0xe9, 1, 1, 0, 0, 0]), itxt("Comment", "hello")] });
    const copy = big.slice();
    const baked = bakePng(big, SAMPLE_OB3, "ob3");
    expect(big).toEqual(copy);
    const before = chunksOf(big);
    const after = chunksOf(baked).filter((c) => !(c.type === "iTXt" && c.data[0] === 0x6f && c.data[4] === 0x62));
    expect(after.map((c) => [c.type, Array.from(c.data)])).toEqual(before.map((c) => [c.type, Array.from(c.data)]));
    expect(extractFromPng(baked).payload).toBe(SAMPLE_OB3);
  });

  it("replaces an existing badge instead of adding a second one, across kinds and legacy tEXt", () => {
    const once = bakePng(png, SAMPLE_OB3, "ob3");
    const other = SAMPLE_OB3.replace("Teamwork 🤝", "Leadership");
    const twice = bakePng(once, other, "ob3");
    expect(listPngChunks(twice).filter((t) => t === "iTXt")).toHaveLength(1);
    expect(extractFromPng(twice).payload).toBe(other);

    const switched = bakePng(twice, SAMPLE_OB2, "ob2");
    expect(listPngChunks(switched)).toEqual(["IHDR", "IDAT", "iTXt", "IEND"]);
    expect(extractFromPng(switched)).toMatchObject({ kind: "ob2", payload: SAMPLE_OB2 });

    const legacy = makePng({ middle: [textChunk("openbadges", "https://old.example.org/a.json")] });
    expect(extractFromPng(legacy)).toEqual({ kind: "ob2", payload: "https://old.example.org/a.json", chunk: "tEXt" });
    const upgraded = bakePng(legacy, SAMPLE_OB3, "ob3");
    expect(listPngChunks(upgraded)).toEqual(["IHDR", "IDAT", "iTXt", "IEND"]);
    expect(extractFromPng(upgraded).kind).toBe("ob3");
  });

  it("bakes over a file that wrongly carries two badges, leaving one", () => {
    const two = makePng({ beforeEnd: [itxt("openbadgecredential", SAMPLE_OB3), itxt("openbadges", SAMPLE_OB2)] });
    expect(code(() => extractFromPng(two))).toBe("png-multiple-badges");
    expect(extractFromPng(bakePng(two, SAMPLE_JWS, "ob3")).payload).toBe(SAMPLE_JWS);
  });

  it("reads compressed iTXt badges, language tags and translated keywords", () => {
    const compressed = makePng({ beforeEnd: [itxt("openbadgecredential", zlibSync(utf8(SAMPLE_OB3)), { flag: 1 })] });
    expect(extractFromPng(compressed)).toMatchObject({ kind: "ob3", payload: SAMPLE_OB3 });
    const tagged = makePng({ middle: [itxt("openbadges", SAMPLE_OB2, { lang: "fr-FR", translated: "badges ouverts é" })] });
    expect(extractFromPng(tagged)).toMatchObject({ kind: "ob2", payload: SAMPLE_OB2 });
  });

  it("ignores unrelated text chunks and says not-a-badge for a plain image", () => {
    const plain = makePng({ middle: [itxt("Comment", "x"), textChunk("Software", "y"), textChunk("openbadgesX", "z")] });
    expect(code(() => extractFromPng(plain))).toBe("not-a-badge");
    expect(code(() => extractFromPng(makePng()))).toBe("not-a-badge");
  });

  it("says empty-badge when the chunk holds only whitespace", () => {
    expect(code(() => extractFromPng(makePng({ beforeEnd: [itxt("openbadgecredential", "  \n")] })))).toBe("empty-badge");
  });

  it("honours configurable limits", () => {
    const baked = bakePng(png, SAMPLE_OB3, "ob3");
    expect(code(() => extractFromPng(baked, { maxBytes: 100 }))).toBe("png-too-large");
    expect(code(() => extractFromPng(baked, { maxTextBytes: 100 }))).toBe("png-text-too-large");
    expect(code(() => extractFromPng(baked, { maxChunks: 3 }))).toBe("png-too-many-chunks");
    const compressed = makePng({ beforeEnd: [itxt("openbadgecredential", zlibSync(utf8(SAMPLE_OB3)), { flag: 1 })] });
    expect(code(() => extractFromPng(compressed, { maxInflatedBytes: 100 }))).toBe("png-inflate-too-large");
    expect(() => extractFromPng(baked, { maxBytes: -1 })).toThrow(TypeError);
    expect(code(() => bakePng(png, SAMPLE_OB3, "ob3", { maxTextBytes: 64 }))).toBe("payload-too-large");
    expect(code(() => bakePng(png, SAMPLE_OB3, "ob3", { maxBytes: png.length + 50 }))).toBe("png-too-large");
  });

  it("refuses to bake payloads that are not a credential", () => {
    expect(code(() => bakePng(png, "https://example.org/a", "ob3"))).toBe("invalid-payload");
    expect(code(() => bakePng(png, "hello", "ob2"))).toBe("invalid-payload");
    expect(code(() => bakePng(png, "[1,2]", "ob3"))).toBe("invalid-payload");
    expect(code(() => bakePng(png, "{not json", "ob3"))).toBe("invalid-payload");
    expect(code(() => bakePng(png, "", "ob3"))).toBe("invalid-payload");
    expect(() => bakePng(png, SAMPLE_OB3, "ob4" as "ob3")).toThrow(TypeError);
    expect(validateBakePayload(` ${SAMPLE_JWS}\n`, "ob3")).toBe("jws");
  });

  it("refuses to bake into a damaged PNG", () => {
    const bad = makePng();
    bad[20] ^= 1;
    expect(code(() => bakePng(bad, SAMPLE_OB3, "ob3"))).toBe("png-bad-crc");
  });

  it("handles a PNG split into many IDAT chunks", () => {
    const data = zlibSync(new Uint8Array(64 * 65));
    const parts: Uint8Array[] = [];
    for (let i = 0; i < data.length; i += 7) parts.push(chunk("IDAT", data.subarray(i, i + 7)));
    const many = concat(SIGNATURE, ihdr(64, 64), ...parts, iend());
    const baked = bakePng(many, SAMPLE_OB3, "ob3");
    expect(listPngChunks(baked).at(-2)).toBe("iTXt");
    expect(extractFromPng(baked).payload).toBe(SAMPLE_OB3);
  });

  it("works on a Uint8Array view into a larger buffer", () => {
    const buf = new Uint8Array(png.length + 20);
    buf.set(png, 10);
    const view = buf.subarray(10, 10 + png.length);
    expect(extractFromPng(bakePng(view, SAMPLE_OB3, "ob3")).payload).toBe(SAMPLE_OB3);
    expect(idat().length).toBeGreaterThan(12);
  });
});

describe("bakeSvg / extractFromSvg", () => {
  it("bakes OB 3.0 JSON as CDATA in <openbadges:credential>, first child of the root, spec namespace", () => {
    const baked = bakeSvg(SIMPLE_SVG, SAMPLE_OB3, "ob3");
    expect(baked).toContain(`xmlns:openbadges="${OB3_SVG_NS}"`);
    const children = xmlChildren(baked);
    expect(children[0]).toEqual({ uri: OB3_SVG_NS, local: "credential", attrs: {} });
    expect(children.map((c) => c.local)).toEqual(["credential", "title", "circle"]);
    expect(extractFromSvg(baked)).toEqual({ kind: "ob3", payload: SAMPLE_OB3 });
    // the rest of the image is untouched
    expect(baked.replace(/ xmlns:openbadges="[^"]*"/, "").replace(/<openbadges:credential>.*?<\/openbadges:credential>/s, "")).toBe(
      SIMPLE_SVG,
    );
  });

  it("bakes an OB 3.0 JWS in the verify attribute", () => {
    const baked = bakeSvg(SIMPLE_SVG, SAMPLE_JWS, "ob3");
    expect(baked).toContain(`<openbadges:credential verify="${SAMPLE_JWS}"></openbadges:credential>`);
    expect(extractFromSvg(baked)).toEqual({ kind: "ob3", payload: SAMPLE_JWS, verify: SAMPLE_JWS });
  });

  it("bakes OB 2.0 hosted JSON with verify = its id, URL-only and JWS assertions", () => {
    const baked = bakeSvg(SIMPLE_SVG, SAMPLE_OB2, "ob2");
    expect(baked).toContain(`xmlns:openbadges="${OB2_SVG_NS}"`);
    const child = xmlChildren(baked)[0]!;
    expect(child).toEqual({ uri: OB2_SVG_NS, local: "assertion", attrs: { verify: JSON.parse(SAMPLE_OB2).id } });
    expect(extractFromSvg(baked)).toEqual({ kind: "ob2", payload: SAMPLE_OB2, verify: JSON.parse(SAMPLE_OB2).id });

    const url = "https://gateway.example.org/a?x=1&y=<2>";
    const urlBaked = bakeSvg(SIMPLE_SVG, url, "ob2");
    expect(urlBaked).toContain('verify="https://gateway.example.org/a?x=1&amp;y=&lt;2&gt;"');
    expect(extractFromSvg(urlBaked)).toEqual({ kind: "ob2", payload: url, verify: url });
    expect(extractFromSvg(bakeSvg(SIMPLE_SVG, SAMPLE_JWS, "ob2")).payload).toBe(SAMPLE_JWS);

    const noId = JSON.stringify({ type: "Assertion" });
    expect(code(() => bakeSvg(SIMPLE_SVG, noId, "ob2"))).toBe("invalid-payload");
    expect(extractFromSvg(bakeSvg(SIMPLE_SVG, noId, "ob2", { verify: "https://h.example/a" }))).toEqual({
      kind: "ob2",
      payload: noId,
      verify: "https://h.example/a",
    });
  });

  it("escapes ]]> inside the JSON so the CDATA cannot be broken out of", () => {
    const tricky = JSON.stringify({ type: ["OpenBadgeCredential"], name: "a]]><script>alert(1)</script><![CDATA[b]]>]]>" });
    const baked = bakeSvg(SIMPLE_SVG, tricky, "ob3");
    expect(baked).not.toContain("<script>alert(1)</script>]");
    // One CDATA section (readers such as the Python bakery keep only one), the same JSON value.
    expect(baked.match(/\]\]>/g)).toHaveLength(1);
    const payload = extractFromSvg(baked).payload;
    expect(payload).not.toContain("]]>");
    expect(JSON.parse(payload)).toEqual(JSON.parse(tricky));
    // The old form (a ]]> split across two sections) still reads back whole.
    const old = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="${OB3_SVG_NS}"><openbadges:credential><![CDATA[{"name":"a]]]]><![CDATA[>b"}]]></openbadges:credential></svg>`;
    expect(JSON.parse(extractFromSvg(old).payload)).toEqual({ name: "a]]>b" });
  });

  it("replaces an existing badge and switches the namespace when the kind changes", () => {
    const ob3 = bakeSvg(SIMPLE_SVG, SAMPLE_OB3, "ob3");
    const again = bakeSvg(ob3, SAMPLE_JWS, "ob3");
    expect(again.match(/openbadges:credential/g)).toHaveLength(2); // one open + one close tag
    expect(extractFromSvg(again).payload).toBe(SAMPLE_JWS);
    const ob2 = bakeSvg(again, SAMPLE_OB2, "ob2");
    expect(ob2).not.toContain(OB3_SVG_NS);
    expect(ob2.match(/xmlns:openbadges=/g)).toHaveLength(1);
    expect(extractFromSvg(ob2).kind).toBe("ob2");
    expect(xmlChildren(ob2).map((c) => c.local)).toEqual(["assertion", "title", "circle"]);
  });

  it("handles a self-closing root, single-quoted attributes, a BOM and Uint8Array input", () => {
    const selfClosing = "<svg xmlns='http://www.w3.org/2000/svg' width='1'/>";
    const baked = bakeSvg(selfClosing, SAMPLE_JWS, "ob3");
    expect(baked).toMatch(
      /^<svg xmlns:openbadges="[^"]+" xmlns='http:\/\/www.w3.org\/2000\/svg' width='1'><openbadges:credential verify="[^"]+"><\/openbadges:credential><\/svg>$/,
    );
    expect(extractFromSvg(baked).payload).toBe(SAMPLE_JWS);
    const bytes = concat([0xef, 0xbb, 0xbf], utf8(SIMPLE_SVG));
    expect(extractFromSvg(utf8(bakeSvg(bytes, SAMPLE_OB3, "ob3"))).payload).toBe(SAMPLE_OB3);
  });

  it("reads the OB 3.0 spec's baked examples (whitespace around CDATA, verify attribute)", () => {
    const json = `<?xml version="1.0" encoding="UTF-8"?>
  <svg xmlns="http://www.w3.org/2000/svg"
    xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"
    viewBox="0 0 512 512">
    <openbadges:credential>
      <![CDATA[
        {"id": "http://example.edu/credentials/3732", "type": ["VerifiableCredential", "OpenBadgeCredential"]}
      ]]>
    </openbadges:credential>

    <!-- rest-of-image -->
  </svg>`;
    expect(extractFromSvg(json)).toEqual({
      kind: "ob3",
      payload: '{"id": "http://example.edu/credentials/3732", "type": ["VerifiableCredential", "OpenBadgeCredential"]}',
    });
    const jws = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" viewBox="0 0 512 512">
    <openbadges:credential verify="header.payload.signature"></openbadges:credential></svg>`;
    expect(extractFromSvg(jws)).toMatchObject({ kind: "ob3", payload: "header.payload.signature" });
  });

  it("reads an OB 2.0 hosted SVG with another prefix for the namespace", () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:ob="http://openbadges.org"><ob:assertion verify="https://x.example/a.json"/><rect width="1" height="1"/></svg>`;
    expect(extractFromSvg(svg)).toEqual({ kind: "ob2", payload: "https://x.example/a.json", verify: "https://x.example/a.json" });
    const rebaked = bakeSvg(svg, SAMPLE_JWS, "ob3");
    expect(xmlChildren(rebaked).map((c) => c.local)).toEqual(["credential", "rect"]);
  });

  it("says not-a-badge for a plain SVG and empty-badge for an empty element", () => {
    expect(code(() => extractFromSvg(SIMPLE_SVG))).toBe("not-a-badge");
    const empty = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="${OB3_SVG_NS}"><openbadges:credential>  </openbadges:credential></svg>`;
    expect(code(() => extractFromSvg(empty))).toBe("empty-badge");
  });

  it("refuses payloads XML cannot carry", () => {
    expect(code(() => bakeSvg(SIMPLE_SVG, `${JSON.stringify({ a: 1 })}\u0001`, "ob3"))).toBe("invalid-payload");
    expect(code(() => bakeSvg(SIMPLE_SVG, `{"a":"\ud800"}`, "ob3"))).toBe("invalid-payload");
  });

  it("refuses to bake into an unsafe SVG", () => {
    const bad = SIMPLE_SVG.replace("<title>", "<script>alert(1)</script><title>");
    expect(code(() => bakeSvg(bad, SAMPLE_OB3, "ob3"))).toBe("svg-script");
  });
});

describe("assertSafeSvg", () => {
  it("accepts ordinary badge artwork", () => {
    const svg = `<?xml version="1.0"?>
<!-- made by hand -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 100">
  <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>
  <style>.a { fill: url(#g); font-family: "Open Sans"; }</style></defs>
  <a href="https://issuer.example.org/"><circle class="a" r="40" cx="50" cy="50" opacity="0.5"/></a>
  <image xlink:href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
  <text x="5" y="90">Ünïcode ✓ 🤝 &amp; &#x263A;</text>
</svg>`;
    expect(assertSafeSvg(svg)).toBe(svg);
    expect(assertSafeSvg(utf8(svg))).toBe(svg);
  });
});

describe("detectBadgeFile", () => {
  it.each([
    ["png", makePng()],
    ["png", "\x89PNG\r\n\x1a\n"],
    ["svg", utf8(SIMPLE_SVG)],
    ["svg", SIMPLE_SVG],
    ["svg", concat([0xef, 0xbb, 0xbf], utf8("  <svg xmlns='http://www.w3.org/2000/svg'/>"))],
    ["svg", utf8("<!-- c --><svg/>")],
    ["json", utf8('\n  {"a":1}')],
    ["json", ' {"type":"OpenBadgeCredential"}'],
    ["jws", utf8(`${SAMPLE_JWS}\n`)],
    ["jws", SAMPLE_JWS],
    ["unknown", new Uint8Array([0xff, 0xd8, 0xff, 0xe0])],
    ["unknown", new Uint8Array(0)],
    ["unknown", "   "],
    ["unknown", "<html><body>hi</body></html>"],
    ["unknown", "https://example.org/assertion"],
    ["unknown", "eyJhbGciOiJIUzI1NiJ9.e30"],
    ["unknown", "eyJ.a.b.c"],
  ] as const)("%s ← %#", (expected, input) => {
    expect(detectBadgeFile(input)).toBe(expected);
  });
});

describe("extractBadge", () => {
  it("dispatches PNG and SVG, and names the format", () => {
    expect(extractBadge(bakePng(makePng(), SAMPLE_OB3, "ob3"))).toEqual({ format: "png", kind: "ob3", payload: SAMPLE_OB3 });
    const svg = bakeSvg(SIMPLE_SVG, SAMPLE_JWS, "ob3");
    expect(extractBadge(svg)).toEqual({ format: "svg", kind: "ob3", payload: SAMPLE_JWS, verify: SAMPLE_JWS });
    expect(extractBadge(utf8(svg)).format).toBe("svg");
  });

  it("says what to do with credentials, empty and unknown files", () => {
    expect(code(() => extractBadge(utf8(SAMPLE_OB3)))).toBe("not-an-image");
    expect(code(() => extractBadge(SAMPLE_JWS))).toBe("not-an-image");
    expect(code(() => extractBadge(new Uint8Array(0)))).toBe("empty-input");
    expect(code(() => extractBadge(""))).toBe("empty-input");
    expect(code(() => extractBadge(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2])))).toBe("unsupported-format");
    expect(code(() => extractBadge("\x89PNG\r\n\x1a\n"))).toBe("unsupported-format"); // bytes needed, not text
  });

  it("passes limits through", () => {
    const svg = bakeSvg(SIMPLE_SVG, SAMPLE_OB3, "ob3");
    expect(code(() => extractBadge(svg, { maxSvgBytes: 100 }))).toBe("svg-too-large");
    expect(code(() => extractBadge(bakePng(makePng(), SAMPLE_OB3, "ob3"), { maxBytes: 100 }))).toBe("png-too-large");
  });

  it("gives messages that say what is wrong and what to do", () => {
    try {
      extractFromPng(utf8(SAMPLE_OB3));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(BakingError);
      expect((e as BakingError).code).toBe("png-bad-signature");
      expect((e as Error).message).toMatch(/JSON credential/);
      expect((e as Error).name).toBe("BakingError");
    }
  });
});
