// A bulk issue kept in this browser (IndexedDB: a run of hundreds of signed credentials outgrows
// localStorage): the job — which file, class and rows — and the sdk engine's journal, one record
// per entry. A refresh or a failed transaction resumes from them; the engine asks the chain before
// each batch, so nothing is issued twice.
import type { BulkJournal, BulkJournalEntry, RecipientRow } from "@chancery/sdk/bulk";

export type BulkJob = {
  version: 2;
  createdAt: number;
  fileName: string;
  classId: number;
  publish: boolean;
  /** Array batches (one record per badge) or Merkle batches (one root per batch); absent in jobs saved before the choice: array. */
  mode?: "batch" | "merkle";
  /** Merkle batches only: the learners' names travel encrypted for the wallet in each batch's transaction; absent in older jobs: off. */
  batchRoster?: boolean;
  /** The checked rows, as the engine takes them (IndexedDB keeps their dates as dates). */
  rows: RecipientRow[];
};

const DB = "chancery";
const JOBS = "bulk-jobs";
const JOURNAL = "bulk-journal";
// Where IndexedDB is missing (private mode, tests) or fails: the run goes on, but not past a refresh.
const memoryJobs = new Map<string, BulkJob>();
const memoryJournals = new Map<string, BulkJournalEntry[]>();

function open(): Promise<IDBDatabase | undefined> {
  if (typeof indexedDB === "undefined") return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const request = indexedDB.open(DB, 2);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(JOBS)) db.createObjectStore(JOBS);
      if (!db.objectStoreNames.contains(JOURNAL)) db.createObjectStore(JOURNAL, { autoIncrement: true }).createIndex("job", "job");
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => resolve(undefined);
  });
}

/** One transaction over `stores`; resolves with `work`'s result once the transaction committed. */
async function transact<T>(
  stores: string[],
  mode: IDBTransactionMode,
  work: (tx: IDBTransaction) => IDBRequest<T> | undefined,
): Promise<T | undefined> {
  const db = await open();
  if (!db) throw new Error("IndexedDB is unavailable");
  return new Promise((resolve, reject) => {
    // "strict": committed to disk before `complete`, as the journal promises.
    const tx = db.transaction(stores, mode, { durability: "strict" });
    const request = work(tx);
    tx.oncomplete = () => resolve(request?.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

function clearJournal(tx: IDBTransaction, key: string) {
  const cursor = tx.objectStore(JOURNAL).index("job").openKeyCursor(IDBKeyRange.only(key));
  cursor.onsuccess = () => {
    if (!cursor.result) return;
    tx.objectStore(JOURNAL).delete(cursor.result.primaryKey);
    cursor.result.continue();
  };
}

export async function loadJob(key: string): Promise<BulkJob | null> {
  try {
    const stored = await transact<BulkJob | undefined>([JOBS], "readonly", (tx) => tx.objectStore(JOBS).get(key));
    // A job of the first format (before the shared engine) cannot be resumed: it is left for a new run to replace.
    if (stored?.version === 2) return stored;
  } catch {
    // memory below
  }
  return memoryJobs.get(key) ?? null;
}

/** Records a new job for `key`, replacing any earlier one and its journal. */
export async function saveJob(key: string, job: BulkJob): Promise<void> {
  memoryJobs.set(key, job);
  memoryJournals.delete(key);
  try {
    await transact([JOBS, JOURNAL], "readwrite", (tx) => {
      clearJournal(tx, key);
      return tx.objectStore(JOBS).put(job, key);
    });
  } catch {
    // quota or private mode: the run continues from memory, but will not survive a refresh
  }
}

export async function deleteJob(key: string): Promise<void> {
  memoryJobs.delete(key);
  memoryJournals.delete(key);
  try {
    await transact([JOBS, JOURNAL], "readwrite", (tx) => {
      clearJournal(tx, key);
      return tx.objectStore(JOBS).delete(key);
    });
  } catch {
    // ignore
  }
}

/**
 * The engine's journal of the job at `key`. Entries go to memory and to IndexedDB; after a failed
 * IndexedDB write the rest stays in memory only, so what survives a refresh is always a clean
 * prefix of the journal (which the engine resumes from like any crash).
 */
export function journalOf(key: string): BulkJournal {
  let durable = true;
  return {
    async load() {
      try {
        const stored = await transact<{ job: string; entry: BulkJournalEntry }[]>([JOURNAL], "readonly", (tx) =>
          tx.objectStore(JOURNAL).index("job").getAll(IDBKeyRange.only(key)),
        );
        const entries = (stored ?? []).map((record) => record.entry);
        memoryJournals.set(key, entries);
        return structuredClone(entries);
      } catch {
        durable = false;
        return structuredClone(memoryJournals.get(key) ?? []);
      }
    },
    async append(...entries) {
      memoryJournals.set(key, [...(memoryJournals.get(key) ?? []), ...structuredClone(entries)]);
      if (!durable) return;
      try {
        await transact([JOURNAL], "readwrite", (tx) => {
          const store = tx.objectStore(JOURNAL);
          for (const entry of entries) store.add({ job: key, entry });
          return undefined;
        });
      } catch {
        durable = false;
      }
    },
  };
}
