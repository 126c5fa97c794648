// credentialHash: the bytes32 the BadgeRegistry stores for a badge.
//
//   credentialHash = 0x + hex(sha256(UTF-8(RDFC-1.0 canonical N-Quads of the credential without `proof` and `id`)))
//
// Why it survives reformatting: the hash is not over the JSON text but over the RDF graph the
// JSON-LD denotes. JSON-LD expansion (with the credential's own, bundled @context) maps every
// property to an absolute IRI and every value to a typed literal or node, so JSON key order,
// whitespace, indentation, a single value vs a one-element array, compact terms vs full IRIs,
// or an equivalent @context all yield the same set of RDF statements. RDFC-1.0 then gives that
// set one canonical serialisation (sorted N-Quads, blank nodes renamed deterministically).
// Any change of meaning (a claim, a date, the recipient, the issuer) changes a statement and
// hence the hash. `proof` is removed first so the hash is the same before and after signing.
// `id` is removed too, so that the id can name the badge's own uid (ids.ts `credentialUrl`):
// the signature still covers the id, and the verifier checks that an id of ours names this uid. JSON-LD safe mode rejects properties no context defines, which would
// otherwise drop out of the graph unhashed (see README.md).
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { ChanceryError } from "../documents/errors.ts";
import type { Bytes32 } from "../ids.ts";
import { canonicalize } from "../proofs/canonical.ts";

/** The credential without its `proof` (a shallow copy; the input is not changed). */
export function withoutProof<T extends object>(credential: T): Omit<T, "proof"> {
  const { proof: _proof, ...rest } = credential as T & { proof?: unknown };
  return rest;
}

/** What the hash covers: the credential without its `proof` and its `id` (`@id` once expanded). */
function hashedPart(credential: object): object {
  const { id: _id, "@id": _expandedId, ...rest } = withoutProof(credential) as { id?: unknown; "@id"?: unknown };
  return rest;
}

/** The RDFC-1.0 canonical N-Quads the credential hash is computed over. */
export async function canonicalCredential(credential: object): Promise<string> {
  if (!credential || typeof credential !== "object" || Array.isArray(credential)) {
    throw new ChanceryError("invalid-input", "canonicalCredentialHash needs the credential as a JSON object (parse JSON text first).");
  }
  return canonicalize(hashedPart(credential));
}

export async function canonicalCredentialHash(credential: object): Promise<Bytes32> {
  const nquads = await canonicalCredential(credential);
  return `0x${bytesToHex(sha256(new TextEncoder().encode(nquads)))}`;
}
