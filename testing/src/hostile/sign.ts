// Attacker-side signing: Ed25519 keys of the attacker's own, and compact JWS/JWT built by hand
// (node:crypto), so that any header — alg none, an embedded key, a huge header — can be forged.
import { createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from "node:crypto";

export const b64url = (bytes: Uint8Array | string) =>
  Buffer.from(typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes).toString("base64url");

export type AttackerKey = { privateKey: KeyObject; publicJwk: { kty: "OKP"; crv: "Ed25519"; x: string }; didKey: string };

const MULTICODEC_ED25519 = [0xed, 0x01];
const B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

function base58(bytes: Uint8Array): string {
  let n = BigInt(`0x${Buffer.from(bytes).toString("hex") || "0"}`);
  let out = "";
  while (n > 0n) {
    out = B58[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = `1${out}`;
  }
  return out;
}

/** A fresh Ed25519 key of the attacker's, with its JWK and did:key. */
export function attackerKey(): AttackerKey {
  const { privateKey } = generateKeyPairSync("ed25519");
  const jwk = createPublicKey(privateKey).export({ format: "jwk" }) as { x: string };
  const raw = Buffer.from(jwk.x, "base64url");
  const didKey = `did:key:z${base58(Uint8Array.from([...MULTICODEC_ED25519, ...raw]))}`;
  return { privateKey, publicJwk: { kty: "OKP", crv: "Ed25519", x: jwk.x }, didKey };
}

/** The private key of a raw 32-byte Ed25519 seed (e.g. an issuer's `secretKey`). */
export function ed25519FromSeed(seed: Uint8Array): KeyObject {
  const prefix = Buffer.from("302e020100300506032b657004220420", "hex");
  return createPrivateKey({ key: Buffer.concat([prefix, Buffer.from(seed)]), format: "der", type: "pkcs8" });
}

/** A compact JWS over `payload` with `header`, signed with `key` (EdDSA), an HMAC secret (HS256) or not at all. */
export function forgeJws(
  header: Record<string, unknown>,
  payload: unknown,
  key?: { ed25519: KeyObject } | { hmac: Uint8Array | string },
): string {
  const input = `${b64url(JSON.stringify(header))}.${b64url(typeof payload === "string" ? payload : JSON.stringify(payload))}`;
  if (!key) return `${input}.`;
  const signature =
    "ed25519" in key ? sign(null, Buffer.from(input), key.ed25519) : createHmac("sha256", Buffer.from(key.hmac)).update(input).digest();
  return `${input}.${b64url(signature)}`;
}
