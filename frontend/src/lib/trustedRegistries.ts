// The registries this browser's user trusts beyond Chancery's exported deployments (issue 13, trust
// root): a badge naming any other registry is "untrusted-registry", never valid. Kept in
// localStorage on this device only; every entry is checked (chain id, checksummed address) on the
// way in and on the way out, so a hand-edited store cannot smuggle a malformed registry in.
import { useCallback, useSyncExternalStore } from "react";
import { type Address, getAddress, isAddress } from "viem";
import type { ChainEnv } from "./chainEnv.tsx";

export type TrustedRegistry = { chainId: number; registry: Address; deployedOnBlock?: bigint | number; label?: string };

export const TRUSTED_REGISTRIES_KEY = "chancery.trustedRegistries";
const MAX_ENTRIES = 50;
const MAX_LABEL = 80;

export class TrustedRegistryError extends Error {
  constructor(
    readonly field: "chainId" | "registry",
    message: string,
  ) {
    super(message);
    this.name = "TrustedRegistryError";
  }
}

/** A registry the user typed in, validated; throws a TrustedRegistryError naming the wrong field. */
export function parseTrustedRegistry(input: { chainId: string | number; registry: string; label?: string }): TrustedRegistry {
  const chainText = String(input.chainId).trim();
  const chainId = Number(chainText);
  if (!/^[1-9][0-9]{0,11}$/.test(chainText) || !Number.isSafeInteger(chainId)) throw new TrustedRegistryError("chainId", "chainId");
  const address = input.registry.trim();
  if (!/^0x[0-9a-fA-F]{40}$/.test(address) || !isAddress(address, { strict: false }))
    throw new TrustedRegistryError("registry", "registry");
  const label = input.label?.trim().slice(0, MAX_LABEL) || undefined;
  return { chainId, registry: getAddress(address), ...(label ? { label } : {}) };
}

export const sameRegistry = (a: { chainId: number; registry: string }, b: { chainId: number; registry: string }) =>
  a.chainId === b.chainId && a.registry.toLowerCase() === b.registry.toLowerCase();

function parse(raw: string | null): TrustedRegistry[] {
  try {
    const list = JSON.parse(raw ?? "[]");
    if (!Array.isArray(list)) return [];
    const out: TrustedRegistry[] = [];
    for (const entry of list.slice(0, MAX_ENTRIES)) {
      try {
        const parsed = parseTrustedRegistry(entry);
        if (!out.some((e) => sameRegistry(e, parsed))) out.push(parsed);
      } catch {
        // a malformed entry is dropped, never trusted
      }
    }
    return out;
  } catch {
    return [];
  }
}

/** The stored text; when storage is blocked, the list kept in memory for this session. */
function stored(): string | null {
  try {
    return localStorage.getItem(TRUSTED_REGISTRIES_KEY);
  } catch {
    return memory;
  }
}

// One snapshot per stored text, shared by every component: a write here or in another tab is seen
// at the next read, and an unchanged store keeps the same array (what useSyncExternalStore needs).
let snapshot: { raw: string | null; list: TrustedRegistry[] } | undefined;
let memory: string | null = null;
const listeners = new Set<() => void>();

function current(): TrustedRegistry[] {
  const raw = stored();
  if (snapshot?.raw !== raw) snapshot = { raw, list: parse(raw) };
  return snapshot.list;
}

function write(next: TrustedRegistry[]) {
  memory = JSON.stringify(next.slice(0, MAX_ENTRIES));
  try {
    localStorage.setItem(TRUSTED_REGISTRIES_KEY, memory);
  } catch {
    // storage blocked: `memory` keeps the list for this session
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key === TRUSTED_REGISTRIES_KEY || e.key === null) listener();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

/** The user's trusted registries, for `VerifyOptions.trust` (read once per verification). */
export function trustedRegistries(): TrustedRegistry[] {
  return current();
}

export function useTrustedRegistries() {
  const list = useSyncExternalStore(subscribe, current, current);
  const add = useCallback((entry: TrustedRegistry) => {
    const rest = current().filter((e) => !sameRegistry(e, entry));
    write([...rest, entry]);
  }, []);
  const remove = useCallback((entry: TrustedRegistry) => write(current().filter((e) => !sameRegistry(e, entry))), []);
  return { list, add, remove };
}

/**
 * What the app trusts beyond the exported deployments: the registry it is configured with (the
 * operator's choice, e.g. VITE_REGISTRY_ADDRESS) and the user's own list; and its gateway's origin,
 * which the verifier may fetch even when it is a private host (the demo gateway runs on 127.0.0.1).
 */
export function trustOptions(env: ChainEnv, user: TrustedRegistry[] = trustedRegistries()) {
  const { config } = env;
  const app: TrustedRegistry[] = config.registry
    ? [{ chainId: config.chainId, registry: config.registry, deployedOnBlock: config.deployedOnBlock }]
    : [];
  let gatewayOrigin: string | undefined;
  try {
    gatewayOrigin = new URL(config.gatewayUrl).origin;
  } catch {
    gatewayOrigin = undefined;
  }
  return { trust: [...app, ...user], trustedOrigins: gatewayOrigin ? [gatewayOrigin] : [] };
}
