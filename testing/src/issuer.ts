// A registered issuer with a badge class and a wallet-derived signing key registered on chain,
// plus an award builder: the starting point of every end-to-end test and benchmark.

import { addIssuerKey, createBadgeClass, deriveIssuerSigningKey, registerIssuer, type WriteContext } from "@chancery/sdk/chain";
import type { AwardInput } from "@chancery/sdk/documents";
import type { Ed25519SigningKey } from "@chancery/sdk/proofs";
import type { Address } from "viem";
import type { TestChain } from "./chain.ts";

export const TEST_GATEWAY = "https://badges.example.org";

export type TestIssuer = {
  admin: WriteContext;
  issuerId: number;
  classId: number;
  signingKey: Ed25519SigningKey;
  /** An award of the test class, to `recipient` (default: an e-mail and wallet #5). */
  award: (overrides?: Partial<AwardInput>) => AwardInput;
};

export async function setUpIssuer(
  chain: TestChain,
  options: { walletIndex?: number; name?: string; className?: string; recipientWallet?: Address } = {},
): Promise<TestIssuer> {
  const wallet = chain.wallets[options.walletIndex ?? 1];
  const name = options.name ?? "Université Exemple";
  const className = options.className ?? "Data Literacy I";
  const admin: WriteContext = { client: chain.publicClient, registry: chain.registry, deployedOnBlock: chain.deployedOnBlock, wallet };
  const { issuerId } = await registerIssuer(admin, { type: "Profile", name });
  const { classId } = await createBadgeClass(admin, issuerId, { type: ["Achievement"], name: className });
  // The issuer's Ed25519 key comes from its wallet's signature over the documented message.
  const { key: signingKey } = await deriveIssuerSigningKey(admin, { issuerId, signer: wallet, chainId: 31337 });
  await addIssuerKey(admin, issuerId, signingKey.publicKeyHex);
  const recipientWallet = options.recipientWallet ?? chain.wallets[5].account!.address;
  const award = (overrides: Partial<AwardInput> = {}): AwardInput => ({
    issuer: { issuerId, name, url: "https://univ.example", email: "badges@univ.example" },
    achievement: {
      name: className,
      description: "Reads, cleans and charts a real data set.",
      criteria: { narrative: "Passed the practical exam." },
    },
    recipient: { email: "ada@example.org", wallet: recipientWallet },
    validFrom: new Date(Date.now() - 60_000),
    deployment: { chainId: 31337, registry: chain.registry },
    gatewayBase: TEST_GATEWAY,
    classId,
    ...overrides,
  });
  return { admin, issuerId, classId, signingKey, award };
}
