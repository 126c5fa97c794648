// The journal of a bulk issue, kept in this browser (IndexedDB: a run of hundreds of signed
// credentials outgrows localStorage). A refresh or a failed transaction resumes from it, and the
// chain is asked which badges already exist before each batch, so nothing is issued twice.
import type { Hex } from "viem";

export type BulkRow = { line: number; email?: string; wallet?: string; name?: string; validFrom?: string; expires?: string; evidence?: string; narrative?: string };
export type BulkPrepared = { uid: Hex; credentialHash: Hex; recipient?: Hex; credential: object; key?: string };
export type BulkChunk = { id: number; lines: number[]; expiresAt: number; done: boolean; tx?: Hex; alreadyOnChain?: number };
export type BulkJob = {
  version: 1;
  createdAt: number;
  fileName: string;
  classId: number;
  publish: boolean;
  validFrom: string;
  rows: BulkRow[];
  prepared: Record<number, BulkPrepared>;
  chunks: BulkChunk[];
};

const DB = "chancery";
const STORE = "bulk-jobs";
const memory = new Map<string, BulkJob>();

function open(): Promise<IDBDatabase | undefined> {
  if (typeof indexedDB === "undefined") return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => resolve(undefined);
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest): Promise<T | undefined> {
  const db = await open();
  if (!db) return undefined;
  return new Promise((resolve, reject) => {
    const request = work(db.transaction(STORE, mode).objectStore(STORE));
    request.onsuccess = () => resolve(request.result as T);
    request.onerror = () => reject(request.error);
  });
}

export async function loadJob(key: string): Promise<BulkJob | null> {
  try {
    const stored = await run<BulkJob>("readonly", (s) => s.get(key));
    return stored ?? memory.get(key) ?? null;
  } catch {
    return memory.get(key) ?? null;
  }
}

export async function saveJob(key: string, job: BulkJob): Promise<void> {
  memory.set(key, job);
  try {
    await run("readwrite", (s) => s.put(job, key));
  } catch {
    // quota or private mode: the run continues from memory, but will not survive a refresh
  }
}

export async function deleteJob(key: string): Promise<void> {
  memory.delete(key);
  try {
    await run("readwrite", (s) => s.delete(key));
  } catch {
    // ignore
  }
}
