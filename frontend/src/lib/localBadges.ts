// What this browser remembers about badges: the badge keys of share links it issued or opened
// (the key exists nowhere else: it travels only in the link's #k= fragment). Kept in
// localStorage on this device only; erasing a badge forgets its key here. A badge whose content is
// not on chain (Merkle-batched, or not published) has no key: its full link carries the credential
// itself, kept here in the link's own compressed form (about 0.9 kB) so this device can share it again.
import type { Hex } from "viem";

const STORAGE = "chancery.badgeKeys.v1";

export type LocalBadge = {
  chainId: number;
  registry: string;
  uid: Hex;
  key?: string;
  /** The `#c=` value of the badge's full link (the signed credential, compressed), for a badge with no content on chain. */
  linkCredential?: string;
  batchId?: Hex;
  /** Issuer-side notes, shown in the issued list (never sent anywhere). */
  label?: string;
  savedAt: number;
};

function readAll(): LocalBadge[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE) ?? "[]");
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

const same = (a: Pick<LocalBadge, "chainId" | "registry" | "uid">, b: Pick<LocalBadge, "chainId" | "registry" | "uid">) =>
  a.chainId === b.chainId && a.registry.toLowerCase() === b.registry.toLowerCase() && a.uid.toLowerCase() === b.uid.toLowerCase();

export function rememberBadge(badge: Omit<LocalBadge, "savedAt">) {
  const all = readAll().filter((b) => !same(b, badge));
  const previous = readAll().find((b) => same(b, badge));
  all.push({ ...previous, ...badge, savedAt: Date.now() });
  try {
    localStorage.setItem(STORAGE, JSON.stringify(all.slice(-2000)));
  } catch {
    // storage full or blocked
  }
}

export function findLocalBadge(chainId: number, registry: string, uid: string): LocalBadge | undefined {
  return readAll().find((b) => same(b, { chainId, registry, uid: uid as Hex }));
}

export function forgetBadge(chainId: number, registry: string, uid: string) {
  try {
    localStorage.setItem(STORAGE, JSON.stringify(readAll().filter((b) => !same(b, { chainId, registry, uid: uid as Hex }))));
  } catch {
    // ignore
  }
}
