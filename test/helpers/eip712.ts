// EIP-712 delegated issue: what an issuer signer signs so that any relayer can record the badge.
import { hashTypedData, type Address, type Hex } from "viem";

export interface IssueRequest {
  classId: number;
  credentialHash: Hex;
  recipient: Address;
  expiresAt: number;
  payload: Hex;
}

export const ISSUE_TYPES = {
  Issue: [
    { name: "classId", type: "uint32" },
    { name: "credentialHash", type: "bytes32" },
    { name: "recipient", type: "address" },
    { name: "expiresAt", type: "uint40" },
    { name: "payload", type: "bytes" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

export const DOMAIN_NAME = "Chancery BadgeRegistry";
export const DOMAIN_VERSION = "1";

export function issueDomain(chainId: number, verifyingContract: Address) {
  return { name: DOMAIN_NAME, version: DOMAIN_VERSION, chainId, verifyingContract } as const;
}

interface TypedDataSigner {
  signTypedData(args: {
    domain: ReturnType<typeof issueDomain>;
    types: typeof ISSUE_TYPES;
    primaryType: "Issue";
    message: IssueRequest & { nonce: bigint; deadline: bigint };
  }): Promise<Hex>;
}

/** The digest `issueDigest(request, nonce, deadline)` must return, computed by viem. */
export function issueTypedDataHash(
  chainId: number,
  verifyingContract: Address,
  request: IssueRequest,
  nonce: bigint,
  deadline: bigint,
): Hex {
  return hashTypedData({
    domain: issueDomain(chainId, verifyingContract),
    types: ISSUE_TYPES,
    primaryType: "Issue",
    message: { ...request, nonce, deadline },
  });
}

/** `signer` signs the request (a wallet client, or a local account). */
export function signIssue(
  signer: TypedDataSigner,
  chainId: number,
  verifyingContract: Address,
  request: IssueRequest,
  nonce: bigint,
  deadline: bigint,
): Promise<Hex> {
  return signer.signTypedData({
    domain: issueDomain(chainId, verifyingContract),
    types: ISSUE_TYPES,
    primaryType: "Issue",
    message: { ...request, nonce, deadline },
  });
}
