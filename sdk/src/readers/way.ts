// How a badge recorded on its own got on chain, told from the transaction that recorded it: the
// `AssertionIssued` event carries only uid, issuer and recipient, while the call carries the class,
// the expiry and the way (single, array batch, delegated). Shared by the indexer and the chain
// reader so both say the same thing.
import { decodeFunctionData, type Hex } from "viem";
import { badgeRegistryAbi } from "../generated/abi.ts";
import type { IssueWay } from "./types.ts";

export type IssueCall = { way: Exclude<IssueWay, "merkle" | "unknown">; classId: number; expiresAt: number };

function decode(input: Hex): IssueCall[] | undefined {
  let call: { functionName: string; args?: readonly unknown[] };
  try {
    call = decodeFunctionData({ abi: badgeRegistryAbi, data: input }) as typeof call;
  } catch {
    return undefined;
  }
  const args = call.args ?? [];
  switch (call.functionName) {
    case "issue":
    case "issueWithPayload":
      return [{ way: "single", classId: Number(args[0]), expiresAt: Number(args[4]) }];
    case "issueBatch":
      return [{ way: "array", classId: Number(args[0]), expiresAt: Number(args[4]) }];
    case "issueWithSignature": {
      const request = args[0] as { classId: number; expiresAt: number };
      return [{ way: "delegated", classId: Number(request.classId), expiresAt: Number(request.expiresAt) }];
    }
    case "multicall":
      return (args[0] as readonly Hex[]).flatMap((inner) => decode(inner) ?? []);
    default:
      return [];
  }
}

/**
 * The issuing call of a transaction sent to the registry, when it tells one answer for all its
 * badges; undefined when the transaction went through another contract (a smart wallet, a relayer
 * of its own) or mixes classes or ways in one multicall — then ask the registry (getAssertion).
 */
export function issueCallOf(input: Hex | undefined): IssueCall | undefined {
  if (!input) return undefined;
  const calls = decode(input);
  const first = calls?.[0];
  if (!first || !calls) return undefined;
  const same = calls.every((c) => c.way === first.way && c.classId === first.classId && c.expiresAt === first.expiresAt);
  return same ? first : undefined;
}
