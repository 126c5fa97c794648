// Delegated issue: a signer of the issuer signs an EIP-712 request, any relayer sends it and pays.
import { type Address, type Hex, type WalletClient, zeroAddress } from "viem";
import { badgeRegistryAbi } from "../generated/abi.ts";
import type { RegistryContext, WriteContext } from "./registry.ts";
import { writeRegistry } from "./write.ts";

export const ISSUE_TYPES = {
  Issue: [
    { name: "classId", type: "uint32" },
    { name: "statusIndex", type: "uint32" },
    { name: "credentialHash", type: "bytes32" },
    { name: "recipient", type: "address" },
    { name: "expiresAt", type: "uint40" },
    { name: "payload", type: "bytes" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/** The registry's EIP-712 domain (name and version are fixed in the contract's constructor). */
export function issueDomain(chainId: number, registry: Address) {
  return { name: "Chancery BadgeRegistry", version: "1", chainId, verifyingContract: registry } as const;
}

/** `statusIndex`: the class's next status index, which the credential's BitstringStatusListEntry names. */
export type IssueRequest = {
  classId: number;
  statusIndex: number;
  credentialHash: Hex;
  recipient: Address;
  expiresAt: number;
  payload: Hex;
};
export type SignedIssueRequest = { request: IssueRequest; signer: Address; deadline: bigint; signature: Hex };

/** Signs a delegated issue with the signer's wallet (its next nonce is read from the registry). */
export async function signIssueRequest(
  ctx: RegistryContext,
  signerWallet: WalletClient,
  request: { classId: number; statusIndex: number; credentialHash: Hex; recipient?: Address; expiresAt?: number; payload?: Hex },
  deadline: bigint,
): Promise<SignedIssueRequest> {
  const account = signerWallet.account;
  if (!account) throw new Error("The signer wallet has no account connected.");
  const full: IssueRequest = {
    classId: request.classId,
    statusIndex: request.statusIndex,
    credentialHash: request.credentialHash,
    recipient: request.recipient ?? zeroAddress,
    expiresAt: request.expiresAt ?? 0,
    payload: request.payload ?? "0x",
  };
  const [chainId, nonce] = await Promise.all([
    ctx.client.getChainId(),
    ctx.client.readContract({ address: ctx.registry, abi: badgeRegistryAbi, functionName: "nonces", args: [account.address] }),
  ]);
  const signature = await signerWallet.signTypedData({
    account,
    domain: issueDomain(chainId, ctx.registry),
    types: ISSUE_TYPES,
    primaryType: "Issue",
    message: { ...full, nonce, deadline },
  });
  return { request: full, signer: account.address, deadline, signature };
}

/** Sends a signed request as the relayer (`ctx.wallet`), who pays the gas. */
export async function issueDelegated(ctx: WriteContext, signed: SignedIssueRequest) {
  return writeRegistry(ctx, "issueWithSignature", [signed.request, signed.signer, signed.deadline, signed.signature]);
}
