// The journal of a bulk issue: what a run decided, signed and sent, written before it matters, so
// a run interrupted anywhere (Ctrl-C, a crash, a kill -9, a closed tab) resumes without issuing a
// badge twice. Append-only: the CLI keeps it in a file beside the CSV, the app in IndexedDB.
import type { Address, Hex } from "viem";
import type { PreparedBadge } from "../award/index.ts";
import type { BulkMode, PlannedBatch } from "./plan.ts";

/** What every credential of a run depends on: a journal is resumed only with the same. */
export type BulkSettings = {
  chainId: number;
  registry: Address;
  classId: number;
  mode: BulkMode;
  /** Array batches only: each credential published encrypted in the transaction. */
  publish: boolean;
  /**
   * Merkle batches only: each batch's transaction carries its learners' names and e-mails encrypted
   * for the sending wallet's roster (sdk/roster/batch.ts), so the console names them on any device.
   */
  batchRoster?: boolean;
  /** Written into every credential (ids, status), so a run keeps one. */
  gatewayBase: string;
  /** The credentials' validFrom (ISO 8601) unless a row gives its own, fixed when the run began. */
  validFrom: string;
};

// 3: Merkle batches carry the key sent with them (batchKey) beside the id their credentials name.
export const JOURNAL_VERSION = 3;

export type BulkJournalEntry =
  /** The run: its settings, its plan, and a digest of every row (a changed input is refused). */
  | ({ type: "start"; v: number; at: string; label?: string; batches: PlannedBatch[]; rows: [line: number, digest: Hex][] } & BulkSettings)
  /** A signed credential, written before its batch can be sent (same id and salt, hence same uid, on resume). */
  | {
      type: "prepared";
      line: number;
      uid: Hex;
      credentialHash: Hex;
      recipient: Address | null;
      credential: PreparedBadge["credential"];
      /** The badge key of an encrypted credential (base64url): it exists nowhere else. */
      key?: string;
      batchId?: Hex;
      /** The status index the credential names: its class's cursor when signed, or its position in its Merkle batch. */
      statusIndex?: number;
    }
  /** A transaction sent for a batch, written as soon as its hash is known. */
  | { type: "sending"; batch: number; tx: Hex }
  /** A batch known to be on chain: `tx` null when every badge was found there already. */
  | { type: "anchored"; batch: number; tx: Hex | null; block: number | null };

export type StartEntry = Extract<BulkJournalEntry, { type: "start" }>;
export type PreparedEntry = Extract<BulkJournalEntry, { type: "prepared" }>;

/** Where a run's journal lives. The engine only appends, and reads it back once when a run opens. */
export interface BulkJournal {
  /** Every entry written so far, in order; none for a new run. */
  load(): Promise<BulkJournalEntry[]>;
  /** Writes entries in order; resolves once they would survive a crash (fsync, a committed IndexedDB transaction). */
  append(...entries: BulkJournalEntry[]): Promise<void>;
}

/** A journal in memory: tests, and the app's fallback where IndexedDB is unavailable (it does not survive a refresh). */
export class MemoryJournal implements BulkJournal {
  readonly entries: BulkJournalEntry[];
  constructor(entries: BulkJournalEntry[] = []) {
    this.entries = structuredClone(entries);
  }
  async load(): Promise<BulkJournalEntry[]> {
    return structuredClone(this.entries);
  }
  async append(...entries: BulkJournalEntry[]): Promise<void> {
    this.entries.push(...structuredClone(entries));
  }
}

/** A journal folded into what a run needs: the start, and per line or batch the latest facts. */
export type JournalState = {
  start: StartEntry | undefined;
  prepared: Map<number, PreparedEntry>;
  /** Transactions sent per batch, in order. */
  sending: Map<number, Hex[]>;
  anchored: Map<number, Extract<BulkJournalEntry, { type: "anchored" }>>;
};

export function foldJournal(entries: readonly BulkJournalEntry[]): JournalState {
  const state: JournalState = { start: undefined, prepared: new Map(), sending: new Map(), anchored: new Map() };
  for (const entry of entries) applyEntry(state, entry);
  return state;
}

export function applyEntry(state: JournalState, entry: BulkJournalEntry): void {
  switch (entry.type) {
    case "start":
      state.start = entry;
      break;
    case "prepared":
      state.prepared.set(entry.line, entry);
      break;
    case "sending":
      state.sending.set(entry.batch, [...(state.sending.get(entry.batch) ?? []), entry.tx]);
      break;
    case "anchored":
      state.anchored.set(entry.batch, entry);
      break;
  }
}
