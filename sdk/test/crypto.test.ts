// node:crypto is fine in tests: an independent path (OpenSSL EVP, not WebCrypto) to check the format.
import { createCipheriv, createDecipheriv } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  badgeAad,
  base64urlDecode,
  base64urlEncode,
  CryptoError,
  decryptCredential,
  ENVELOPE_OVERHEAD,
  encryptCredential,
  generateBadgeKey,
  IV_BYTES,
  keyFromString,
  keyToString,
  MAX_ENVELOPE_BYTES,
  MAX_PLAINTEXT_BYTES,
} from "../src/crypto/index.ts";

async function codeOf(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === "function" ? p() : p);
  } catch (e) {
    if (e instanceof CryptoError) return e.code;
    throw e;
  }
  throw new Error("expected a CryptoError, nothing was thrown");
}

const AAD = badgeAad({
  chainId: 31337,
  registry: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  uid: `0x${"Ab".repeat(32)}`,
});
const KAT_ENVELOPE_HEX = "01a0a1a2a3a4a5a6a7a8a9aaab9d3a144829a76d9d5847f010b108acba52d1aa25096db8682e9e3226ddbd0cf159e8";
const CREDENTIAL = { type: ["VerifiableCredential", "OpenBadgeCredential"], credentialSubject: { name: "Zoë Dupré 🎓" } };

describe("base64url", () => {
  it("matches RFC 4648 test vectors (unpadded, url alphabet)", () => {
    const vectors: [string, string][] = [
      ["", ""],
      ["f", "Zg"],
      ["fo", "Zm8"],
      ["foo", "Zm9v"],
      ["foob", "Zm9vYg"],
      ["fooba", "Zm9vYmE"],
      ["foobar", "Zm9vYmFy"],
    ];
    for (const [plain, enc] of vectors) {
      expect(base64urlEncode(new TextEncoder().encode(plain))).toBe(enc);
      expect(new TextDecoder().decode(base64urlDecode(enc)!)).toBe(plain);
    }
    expect(base64urlEncode(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe("-_-_");
  });

  it("round-trips random bytes of every length and rejects non-canonical input", () => {
    for (let n = 0; n < 70; n++) {
      const b = crypto.getRandomValues(new Uint8Array(n));
      expect(base64urlDecode(base64urlEncode(b))).toEqual(b);
    }
    expect(base64urlDecode("Zh")).toBeNull(); // leftover bits set
    expect(base64urlDecode("Z")).toBeNull(); // impossible length
    expect(base64urlDecode("Zm9v+")).toBeNull();
    expect(base64urlDecode("Zm9v=")).toBeNull();
    expect(base64urlDecode("Zm9vé")).toBeNull();
  });
});

describe("badge keys", () => {
  it("generates 32 random bytes, different each time", () => {
    const a = generateBadgeKey();
    const b = generateBadgeKey();
    expect(a).toBeInstanceOf(Uint8Array);
    expect(a.length).toBe(32);
    expect(a).not.toEqual(b);
  });

  it("writes keys as 43 base64url characters and reads them back", () => {
    for (let i = 0; i < 50; i++) {
      const k = generateBadgeKey();
      const s = keyToString(k);
      expect(s).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(keyFromString(s)).toEqual(k);
    }
    expect(keyToString(new Uint8Array(32).fill(0xff))).toBe("__________________________________________8");
  });

  it("rejects keys of the wrong size or spelling", async () => {
    const good = keyToString(generateBadgeKey());
    expect(await codeOf(() => keyFromString(good.slice(0, 42)))).toBe("bad-key");
    expect(await codeOf(() => keyFromString(`${good}A`))).toBe("bad-key");
    expect(await codeOf(() => keyFromString(`${good.slice(0, 42)}+`))).toBe("bad-key");
    expect(await codeOf(() => keyFromString(`${good.slice(0, 42)}9`))).toBe("bad-key"); // non-zero padding bits
    expect(await codeOf(() => keyFromString(`${good.slice(0, 41)}==`))).toBe("bad-key");
    expect(await codeOf(() => keyFromString(42 as unknown as string))).toBe("bad-key");
    expect(await codeOf(() => keyToString(new Uint8Array(16)))).toBe("bad-key");
  });
});

describe("badgeAad", () => {
  it("is canonical: decimal chain id, lowercase hex", () => {
    expect(AAD).toBe(`31337:0x5fbdb2315678afecb367f032d93f642f64180aa3:0x${"ab".repeat(32)}`);
    expect(badgeAad({ chainId: 31337n, registry: "0x5fbdb2315678afecb367f032d93f642f64180aa3", uid: `0x${"AB".repeat(32)}` })).toBe(AAD);
  });

  it("rejects malformed parts", async () => {
    const ok = { chainId: 1, registry: `0x${"11".repeat(20)}`, uid: `0x${"22".repeat(32)}` };
    expect(await codeOf(() => badgeAad({ ...ok, chainId: 0 }))).toBe("bad-aad");
    expect(await codeOf(() => badgeAad({ ...ok, chainId: 1.5 }))).toBe("bad-aad");
    expect(await codeOf(() => badgeAad({ ...ok, registry: "0x1234" }))).toBe("bad-aad");
    expect(await codeOf(() => badgeAad({ ...ok, uid: `0x${"22".repeat(31)}` }))).toBe("bad-aad");
  });
});

describe("encryptCredential / decryptCredential", () => {
  it("round-trips a JSON string and an object, with and without AAD", async () => {
    const key = generateBadgeKey();
    const json = JSON.stringify(CREDENTIAL);
    expect(await decryptCredential(await encryptCredential(json, key, AAD), key, AAD)).toBe(json);
    expect(await decryptCredential(await encryptCredential(CREDENTIAL, key), key)).toBe(json);
    expect(await decryptCredential(await encryptCredential(json, keyToString(key)), keyToString(key))).toBe(json);
  });

  it("produces the documented envelope: 0x01 ‖ 12-byte IV ‖ ciphertext ‖ 16-byte tag", async () => {
    const key = generateBadgeKey();
    const json = JSON.stringify(CREDENTIAL);
    const env = await encryptCredential(json, key, AAD);
    const plainLen = new TextEncoder().encode(json).length;
    expect(env[0]).toBe(0x01);
    expect(env.length).toBe(plainLen + ENVELOPE_OVERHEAD);
    expect(ENVELOPE_OVERHEAD).toBe(29);
    // An independent AES-GCM implementation opens it with AAD = 0x01 ‖ utf8(aad).
    const ad = new Uint8Array([1, ...new TextEncoder().encode(AAD)]);
    const d = createDecipheriv("aes-256-gcm", key, env.subarray(1, 1 + IV_BYTES));
    d.setAAD(ad);
    d.setAuthTag(env.subarray(env.length - 16));
    const opened = new Uint8Array([...d.update(env.subarray(1 + IV_BYTES, env.length - 16)), ...d.final()]);
    expect(new TextDecoder().decode(opened)).toBe(json);
  });

  it("opens a fixed known-answer envelope (format frozen at version 1)", async () => {
    // Made once with node:crypto: key = 0x00..0x1f, IV = 0xa0..0xab, aad "1:0x…11:0x…22".
    const key = Uint8Array.from({ length: 32 }, (_, i) => i);
    const aad = badgeAad({ chainId: 1, registry: `0x${"11".repeat(20)}`, uid: `0x${"22".repeat(32)}` });
    const env = Uint8Array.from(Buffer.from(KAT_ENVELOPE_HEX, "hex"));
    expect(await decryptCredential(env, key, aad)).toBe('{"hello":"wörld"}');
  });

  it("uses a fresh IV every time", async () => {
    const key = generateBadgeKey();
    const a = await encryptCredential("{}", key);
    const b = await encryptCredential("{}", key);
    expect(a.subarray(1, 13)).not.toEqual(b.subarray(1, 13));
    expect(a).not.toEqual(b);
  });

  it("fails with decrypt-failed on a wrong key, another badge's AAD, or any altered byte", async () => {
    const key = generateBadgeKey();
    const env = await encryptCredential(CREDENTIAL, key, AAD);
    expect(await codeOf(decryptCredential(env, generateBadgeKey(), AAD))).toBe("decrypt-failed");
    expect(await codeOf(decryptCredential(env, key))).toBe("decrypt-failed");
    const otherBadge = badgeAad({ chainId: 31337, registry: "0x5FbDB2315678afecb367f032d93F642f64180aa3", uid: `0x${"cd".repeat(32)}` });
    expect(await codeOf(decryptCredential(env, key, otherBadge))).toBe("decrypt-failed");
    for (const at of [1, 12, 13, env.length - 17, env.length - 1]) {
      const t = env.slice();
      t[at]! ^= 0x01;
      expect(await codeOf(decryptCredential(t, key, AAD))).toBe("decrypt-failed");
    }
    expect(await codeOf(decryptCredential(env.subarray(0, env.length - 1), key, AAD))).toBe("decrypt-failed");
  });

  it("rejects bad versions, short and oversized envelopes with their own codes", async () => {
    const key = generateBadgeKey();
    const env = await encryptCredential("{}", key);
    const v2 = env.slice();
    v2[0] = 2;
    expect(await codeOf(decryptCredential(v2, key))).toBe("bad-envelope-version");
    expect(await codeOf(decryptCredential(new Uint8Array(0), key))).toBe("envelope-too-short");
    expect(await codeOf(decryptCredential(env.subarray(0, 28), key))).toBe("envelope-too-short");
    expect(await codeOf(decryptCredential(new Uint8Array(MAX_ENVELOPE_BYTES + 1).fill(1), key))).toBe("envelope-too-large");
    expect(await codeOf(decryptCredential(env, new Uint8Array(31)))).toBe("bad-key");
  });

  it("enforces the contract's 65,536-byte payload limit exactly", async () => {
    const key = generateBadgeKey();
    expect(MAX_PLAINTEXT_BYTES).toBe(65_507);
    const max = "x".repeat(MAX_PLAINTEXT_BYTES);
    const env = await encryptCredential(max, key);
    expect(env.length).toBe(MAX_ENVELOPE_BYTES);
    expect(await decryptCredential(env, key)).toBe(max);
    expect(await codeOf(encryptCredential(`${max}x`, key))).toBe("payload-too-large");
    // multi-byte characters count as bytes, not characters
    expect(await codeOf(encryptCredential("é".repeat(MAX_PLAINTEXT_BYTES / 2 + 1), key))).toBe("payload-too-large");
  });

  it("reports authenticated but non-UTF-8 content as bad-plaintext", async () => {
    const key = generateBadgeKey();
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const c = createCipheriv("aes-256-gcm", key, iv);
    c.setAAD(new Uint8Array([1]));
    const ct = new Uint8Array([...c.update(new Uint8Array([0xff, 0xfe])), ...c.final()]);
    const env = new Uint8Array([1, ...iv, ...ct, ...c.getAuthTag()]);
    expect(await codeOf(decryptCredential(env, key))).toBe("bad-plaintext");
  });

  it("rejects an oversized or non-string AAD", async () => {
    const key = generateBadgeKey();
    expect(await codeOf(encryptCredential("{}", key, "a".repeat(1025)))).toBe("bad-aad");
    expect(await codeOf(encryptCredential("{}", key, 5 as unknown as string))).toBe("bad-aad");
  });
});
