import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Address } from "viem";
import { useAccount, useWalletClient } from "wagmi";
import type { RegistryContext, WriteContext } from "../sdk/light.ts";
import { useChainEnv } from "./chainEnv.tsx";
import { type Explained, explain } from "./errors.ts";

export type ChainHealth = { state: "ok" | "rpc-down" | "wrong-rpc-chain" | "not-deployed" | "no-registry"; rpcChainId?: number };

/** Is the RPC up, on the configured chain, with the registry deployed? */
export function useChainHealth() {
  const { client, config } = useChainEnv();
  return useQuery({
    queryKey: ["health", config.chainId, config.registry, config.rpcUrl],
    queryFn: async (): Promise<ChainHealth> => {
      let rpcChainId: number;
      try {
        rpcChainId = await client.getChainId();
      } catch {
        return { state: "rpc-down" };
      }
      if (rpcChainId !== config.chainId) return { state: "wrong-rpc-chain", rpcChainId };
      if (!config.registry) return { state: "no-registry", rpcChainId };
      const code = await client.getCode({ address: config.registry }).catch(() => undefined);
      if (!code || code === "0x") return { state: "not-deployed", rpcChainId };
      return { state: "ok", rpcChainId };
    },
    staleTime: 30_000,
    retry: false,
  });
}

/** The registry to read, or undefined when none is configured for this chain. */
export function useRegistry(): RegistryContext | undefined {
  return useChainEnv().registry;
}

export type WalletState =
  | { state: "disconnected" }
  | { state: "wrong-network"; chainId: number | undefined }
  | { state: "loading"; address: Address }
  | { state: "ready"; address: Address; write: WriteContext };

/** The connected wallet, ready to write to the registry on the configured chain. */
export function useWallet(): WalletState {
  const { config, registry } = useChainEnv();
  const { address, isConnected, chainId } = useAccount();
  const { data: walletClient } = useWalletClient({ chainId: config.chainId });
  if (!isConnected || !address) return { state: "disconnected" };
  if (chainId !== config.chainId) return { state: "wrong-network", chainId };
  if (!walletClient || !registry) return { state: "loading", address };
  return { state: "ready", address, write: { ...registry, wallet: walletClient } };
}

export type ActionState<T> =
  | { status: "idle" }
  | { status: "pending"; step?: string }
  | { status: "success"; result: T }
  | { status: "error"; error: Explained };

/** Runs a wallet action (sign, send, wait) with pending / success / error states in plain words. */
export function useAction<T>(options: { invalidate?: unknown[][] } = {}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [state, setState] = useState<ActionState<T>>({ status: "idle" });
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const invalidate = options.invalidate;
  const run = useCallback(
    async (fn: (setStep: (step: string) => void) => Promise<T>): Promise<T | undefined> => {
      setState({ status: "pending" });
      try {
        const result = await fn((step) => mounted.current && setState({ status: "pending", step }));
        if (mounted.current) setState({ status: "success", result });
        for (const key of invalidate ?? []) await queryClient.invalidateQueries({ queryKey: key });
        return result;
      } catch (error) {
        if (import.meta.env.DEV) console.error(error);
        if (mounted.current) setState({ status: "error", error: explain(error, t) });
        return undefined;
      }
    },
    [invalidate, queryClient, t],
  );
  const reset = useCallback(() => setState({ status: "idle" }), []);
  return { state, run, reset };
}

/** A value persisted in localStorage (JSON), per key. */
export function useStoredState<T>(key: string, initial: T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = localStorage.getItem(key);
      return raw ? (JSON.parse(raw) as T) : initial;
    } catch {
      return initial;
    }
  });
  const set = useCallback(
    (next: T) => {
      setValue(next);
      try {
        localStorage.setItem(key, JSON.stringify(next));
      } catch {
        // storage full or blocked: keep the value in memory
      }
    },
    [key],
  );
  return [value, set];
}
