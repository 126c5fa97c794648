// The verifier's trust root: the registries it reads as authority. A badge names its own registry
// (in its issuer id, credentialStatus or share link), and anyone can deploy a copy of BadgeRegistry
// and register there under a real university's name, so the registry a badge names is only asked
// when it is one of these: the BadgeRegistry of each exported deployment, those the caller passes
// in `registries`, and those the user adds (`trust`, the CLI's --trust chainId:address). Every
// input kind (JSON, JWS, baked files, share links, hosted URLs) goes through `requireTrusted` or
// `trustedOnChain` before the chain is read as authority.
import { type Address, getAddress, isAddress } from "viem";
import { ChanceryError } from "../errors.ts";
import { deployments } from "../generated/deployments.ts";
import type { Deployment } from "../ids.ts";
import { failuresOf, type Run } from "./run.ts";
import { said } from "./steps.ts";
import type { TrustedRegistry, TrustReport, VerifyOptions } from "./types.ts";

/** A trusted registry with the block its event scans start from. */
export type TrustedRegistryEntry = TrustReport & { deployedOnBlock: bigint };

const fail = failuresOf("anchor");
const exported: Record<string, Record<string, { address: Address; deployedOnBlock: number } | undefined>> = deployments;

function addressOf(value: unknown, where: string): Address {
  if (typeof value !== "string" || !isAddress(value, { strict: false }))
    throw new ChanceryError("invalid-input", `${where} must be a registry address (0x + 40 hex digits); got ${JSON.stringify(value)}.`);
  return getAddress(value);
}

function chainIdOf(value: unknown, where: string): number {
  const chainId = Number(value);
  if (!Number.isSafeInteger(chainId) || chainId < 1)
    throw new ChanceryError("invalid-input", `${where} must be a positive chain id; got ${JSON.stringify(value)}.`);
  return chainId;
}

const lists = new WeakMap<VerifyOptions, TrustedRegistryEntry[]>();

/**
 * Every registry this verifier trusts, exported deployments first: a registry that is both
 * exported and added by the user is reported as a deployment.
 */
export function trustedRegistries(options: VerifyOptions): TrustedRegistryEntry[] {
  const cached = lists.get(options);
  if (cached) return cached;
  const entries: TrustedRegistryEntry[] = [];
  const add = (entry: TrustedRegistryEntry) => {
    if (!entries.some((known) => known.chainId === entry.chainId && known.registry === entry.registry)) entries.push(entry);
  };
  for (const [chain, contracts] of Object.entries(exported)) {
    const registry = contracts.BadgeRegistry;
    if (registry)
      add({
        chainId: Number(chain),
        registry: getAddress(registry.address),
        source: "deployment",
        deployedOnBlock: BigInt(registry.deployedOnBlock),
      });
  }
  for (const [chain, registry] of Object.entries(options.registries ?? {})) {
    add({
      chainId: chainIdOf(chain, "A key of VerifyOptions.registries"),
      registry: addressOf(registry?.address, `VerifyOptions.registries[${chain}].address`),
      source: "user",
      deployedOnBlock: BigInt(registry?.deployedOnBlock ?? 0),
    });
  }
  for (const [i, registry] of (options.trust ?? []).entries()) {
    add({
      chainId: chainIdOf(registry?.chainId, `VerifyOptions.trust[${i}].chainId`),
      registry: addressOf(registry?.registry, `VerifyOptions.trust[${i}].registry`),
      source: "user",
      deployedOnBlock: BigInt(registry?.deployedOnBlock ?? 0),
      ...(registry?.label ? { label: registry.label } : {}),
    });
  }
  lists.set(options, entries);
  return entries;
}

/** The trusted entry for a registry a badge names, or undefined. */
export function trustOf(options: VerifyOptions, deployment: Deployment): TrustedRegistryEntry | undefined {
  const registry = deployment.registry.toLowerCase();
  return trustedRegistries(options).find((entry) => entry.chainId === deployment.chainId && entry.registry.toLowerCase() === registry);
}

/** The trusted registries of one chain (a hosted URL names a chain, not a registry). */
export function trustedOnChain(options: VerifyOptions, chainId: number): TrustedRegistryEntry[] {
  return trustedRegistries(options).filter((entry) => entry.chainId === chainId);
}

/** What the report says about the registry that answered. */
export function trustReport({ chainId, registry, source, label }: TrustedRegistryEntry): TrustReport {
  return { chainId, registry, source, ...(label ? { label } : {}) };
}

/** The anchor step's failure for a registry nobody vouches for: names it, and says how to trust it. */
export function untrustedRegistry(deployment: Deployment) {
  return fail(
    said(
      "anchor.untrusted-registry",
      { registry: deployment.registry, chainId: deployment.chainId },
      `The badge names registry ${deployment.registry} on chain ${deployment.chainId}, which is not one this verifier knows ` +
        "(neither a Chancery deployment nor a registry you added), so nothing it records is taken as authority: " +
        `anyone can deploy such a registry and register under any name. Add it with --trust ${deployment.chainId}:${deployment.registry} if you trust it.`,
    ),
    "untrusted-registry",
  );
}

/** A hosted badge served for a chain on which this verifier trusts no registry. */
export function noTrustedRegistryOn(chainId: number) {
  return fail(
    said(
      "anchor.untrusted-chain",
      { chainId },
      `The badge is served for chain ${chainId}, on which this verifier knows no Chancery registry, so nothing can vouch for it. ` +
        `Add the registry with --trust ${chainId}:<registry address> if you trust it.`,
    ),
    "untrusted-registry",
  );
}

/** The registry the badge names, once it is trusted (recorded as the run's trust); otherwise the run ends "untrusted-registry". */
export function requireTrusted(run: Run, deployment: Deployment): TrustedRegistryEntry {
  const entry = trustOf(run.options, deployment);
  if (!entry) throw untrustedRegistry(deployment);
  run.trust = trustReport(entry);
  return entry;
}

/**
 * A registry the user trusts, from the text of `--trust` or an app setting: `chainId:address`,
 * optionally `chainId:address:label`. Throws a ChanceryError saying what is wrong.
 */
export function parseTrustedRegistry(text: string): TrustedRegistry {
  const m = /^\s*(\d+)\s*:\s*(0x[0-9a-fA-F]{40})\s*(?::\s*(.+?))?\s*$/.exec(text);
  const [, chain, address, label] = m ?? [];
  if (chain === undefined || address === undefined)
    throw new ChanceryError(
      "invalid-input",
      `${JSON.stringify(text)} is not a registry to trust: write chainId:address (e.g. 11155111:0x…), optionally followed by :label.`,
    );
  return {
    chainId: chainIdOf(chain, "The chain id of --trust"),
    registry: addressOf(address, "The registry of --trust"),
    ...(label ? { label } : {}),
  };
}
