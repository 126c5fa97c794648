// Deterministic test values: every hash, address and key is derived from a label, so a test reads
// what it uses ("credential:alice") and two runs produce the same chain state.
import { type Address, getAddress, type Hex, keccak256, toHex } from "viem";

/** keccak256 of a label: a stand-in for the hash of a canonical Open Badges credential. */
export const hashOf = (label: string): Hex => keccak256(toHex(label));

/** An address derived from a label (no private key known: a wallet that only receives). */
export const addressOf = (label: string): Address => getAddress(`0x${hashOf(`address:${label}`).slice(26)}`);

/** A 32-byte Ed25519 public key stand-in derived from a label. */
export const keyOf = (label: string): Hex => hashOf(`ed25519:${label}`);

/** `n` credential hashes `label:0 … label:n-1`. */
export const hashesOf = (label: string, n: number): Hex[] => Array.from({ length: n }, (_, i) => hashOf(`${label}:${i}`));

/** `n` recipient addresses; every `zeroEvery`-th one is the zero address (a badge for an e-mail only). */
export const recipientsOf = (label: string, n: number, zeroEvery = 0): Address[] =>
  Array.from({ length: n }, (_, i) => (zeroEvery > 0 && i % zeroEvery === zeroEvery - 1 ? ZERO_ADDRESS : addressOf(`${label}:${i}`)));

export const ZERO_ADDRESS: Address = "0x0000000000000000000000000000000000000000";
export const ZERO_HASH: Hex = `0x${"00".repeat(32)}`;

/** An Open Badges 3.0 issuer Profile as the issuer would publish it. */
export const profileJson = (name: string): string =>
  JSON.stringify({
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    id: `https://${name.toLowerCase().replace(/\W+/g, "-")}.example/issuer`,
    type: ["Profile"],
    name,
    url: `https://${name.toLowerCase().replace(/\W+/g, "-")}.example`,
    email: "badges@example.org",
  });

/** An Open Badges 3.0 Achievement (badge class). */
export const achievementJson = (name: string): string =>
  JSON.stringify({
    type: ["Achievement"],
    name,
    description: `Awarded for ${name}.`,
    criteria: { narrative: "Passed the practical exam with 70% or more." },
    image: { id: "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi", type: "Image" },
    tags: ["data", "statistics"],
  });

/** A string of exactly `length` bytes (ASCII). */
export const documentOfLength = (length: number): string => "x".repeat(length);

/** `length` bytes of encrypted-looking payload. */
export const payloadOfLength = (length: number, fill = "ab"): Hex => `0x${fill.repeat(length)}`;
