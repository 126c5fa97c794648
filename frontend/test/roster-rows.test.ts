// The console's rows from what the roster opened: a Merkle badge named by its batch's appendix shows
// its name and is found by its e-mail (whole or in part); an erased one shows neither.
import type { BadgeListing } from "@chancery/sdk/readers";
import type { RosterEntry } from "@chancery/sdk/roster";
import type { Hex } from "viem";
import { describe, expect, it } from "vitest";
import { filterRoster, rosterRows } from "../src/pages/issue/roster.tsx";

const REGISTRY = "0x00000000000000000000000000000000000000b1";
const uid = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hex;
const BATCH = `0x${"ba".repeat(32)}` as Hex;
const listing = (n: number, extra: Partial<BadgeListing> = {}): BadgeListing => ({
  uid: uid(n),
  issuerId: 1,
  classId: 1,
  recipient: undefined,
  batchId: BATCH,
  way: "merkle",
  issuedAt: 1_700_000_000,
  expiresAt: undefined,
  revokedAt: undefined,
  revocationCode: undefined,
  revocationReason: undefined,
  erased: false,
  blockNumber: 7n,
  logIndex: n,
  transactionHash: `0x${"77".repeat(32)}`,
  ...extra,
});
const context = { chainId: 31337, registry: REGISTRY, now: 1_800_000_000, classNames: new Map([[1, "Data Literacy"]]) };
const all = { query: "", classId: "all" as const, status: "all" as const, from: "", to: "" };

describe("roster rows of a Merkle batch", () => {
  const entries = new Map<Hex, RosterEntry>([
    [uid(1), { uid: uid(1), state: "batch-named", name: "Inès Moreau", email: "Ines.Moreau@example.org" }],
    [uid(2), { uid: uid(2), state: "batch-named", name: "Li Wei", email: undefined }],
    [uid(3), { uid: uid(3), state: "damaged" }],
    [uid(4), { uid: uid(4), state: "batch-named", name: "Erased Learner", email: "gone@example.org" }],
  ]);
  const rows = rosterRows([listing(1), listing(2), listing(3), listing(4, { erased: true })], entries, context);

  it("names the batch's badges, never an erased one, and gives no key (no credential on chain)", () => {
    expect(rows.map((r) => r.name)).toEqual(["Inès Moreau", "Li Wei", undefined, undefined]);
    expect(rows.every((r) => r.key === undefined)).toBe(true);
    expect(rows[3]?.entry).toBeUndefined();
  });

  it("finds a badge by its e-mail, whole (normalised) or in part, and by name", () => {
    const names = (query: string) => filterRoster(rows, { ...all, query }).map((r) => r.name);
    expect(names("ines.moreau@EXAMPLE.org")).toEqual(["Inès Moreau"]);
    expect(names("moreau@")).toEqual(["Inès Moreau"]);
    expect(names("li wei")).toEqual(["Li Wei"]);
    expect(names("gone@example.org")).toEqual([]);
  });
});
