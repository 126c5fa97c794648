// EIP-712 delegated issue: what an issuer signer signs so that any relayer can record the badge.

import { ISSUE_TYPES, type IssueRequest, issueDomain } from "@chancery/sdk/chain";
import { type Address, type Hex, hashTypedData } from "viem";

// The typed data lives in the sdk (one implementation); the tests sign through it.
export { ISSUE_TYPES, type IssueRequest, issueDomain } from "@chancery/sdk/chain";

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
