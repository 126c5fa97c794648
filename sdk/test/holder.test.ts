// Holder proof against a real Hardhat node: the recipient's wallet signs the verifier's challenge
// (EIP-191, as wallets' personal_sign does) and viem's verifyMessage on the chain's client says so;
// another wallet, another badge's challenge, an altered signature and a stale challenge do not pass.
// A smart-contract wallet (ERC-1271, the repository's test wallet with one owner) holds a badge when
// its owner signs; the same signature checked against another contract wallet does not pass.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, startTestChain, type TestChain } from "@chancery/testing/chain";
import { type Address, getAddress, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkHolderProof, createHolderChallenge, HOLDER_CHALLENGE_SECONDS, holderChallengeMessage } from "../src/verify/index.ts";

let chain: TestChain;
beforeAll(async () => {
  chain = await startTestChain();
}, 120_000);
afterAll(async () => {
  await chain?.stop();
});

const UID = `0x${"ab".repeat(32)}` as Hex;

/** Deploys contracts/test/ERC1271WalletMock.sol (compiled by `hardhat build`) with `owner` as its one owner. */
async function deploySmartWallet(owner: Address): Promise<Address> {
  const file = join(ROOT, "artifacts", "contracts", "test", "ERC1271WalletMock.sol", "ERC1271WalletMock.json");
  const { abi, bytecode } = JSON.parse(readFileSync(file, "utf8")) as { abi: unknown[]; bytecode: Hex };
  const deployer = chain.wallets[0]!;
  const hash = await deployer.deployContract({ abi, bytecode, args: [owner], account: deployer.account!, chain: deployer.chain });
  const { contractAddress } = await chain.publicClient.waitForTransactionReceipt({ hash });
  if (!contractAddress) throw new Error("the smart wallet deployment created no contract");
  return getAddress(contractAddress);
}

async function sign(walletIndex: number, message: string): Promise<Hex> {
  const wallet = chain.wallets[walletIndex]!;
  return wallet.signMessage({ account: wallet.account!, message });
}

describe("holder proof", () => {
  it("says held only for the recipient wallet's signature of this very challenge", async () => {
    const recipient = chain.wallets[5]!.account!.address;
    const challenge = createHolderChallenge({ uid: UID, chainId: chain.chainId, registry: chain.registry, origin: "https://verify.test" });
    const message = holderChallengeMessage(challenge);
    expect(message).toContain(`Badge: ${UID}`);
    expect(message).toContain("Verifier: https://verify.test");
    const check = (signature: Hex, c = challenge) =>
      checkHolderProof({ publicClient: chain.publicClient, challenge: c, signature, recipient });

    expect(await check(await sign(5, message))).toEqual({ outcome: "held", recipient });
    expect(await check(await sign(6, message))).toEqual({ outcome: "not-held", recipient });
    // The recipient's signature of another badge's (or another page's) challenge.
    const other = { ...challenge, uid: `0x${"cd".repeat(32)}` as Hex };
    expect((await check(await sign(5, holderChallengeMessage(other)))).outcome).toBe("not-held");
    const altered = (await sign(5, message)).replace(/.{4}$/, "0000") as Hex;
    expect((await check(altered)).outcome).toBe("not-held");
  });

  it("asks for a new challenge once the old one is stale", async () => {
    const recipient = chain.wallets[5]!.account!.address;
    const old = new Date(Date.now() - (HOLDER_CHALLENGE_SECONDS + 5) * 1000);
    const challenge = createHolderChallenge({
      uid: UID,
      chainId: chain.chainId,
      registry: chain.registry,
      origin: "https://v.test",
      now: old,
    });
    const signature = await sign(5, holderChallengeMessage(challenge));
    expect(await checkHolderProof({ publicClient: chain.publicClient, challenge, signature, recipient })).toEqual({ outcome: "expired" });
  });

  it("says held for an ERC-1271 smart wallet whose owner signs, and not for a stranger or another smart wallet", async () => {
    const owner = chain.wallets[5]!.account!.address;
    const smartWallet = await deploySmartWallet(owner);
    const otherSmartWallet = await deploySmartWallet(chain.wallets[7]!.account!.address);
    expect(await chain.publicClient.getCode({ address: smartWallet })).toMatch(/^0x[0-9a-f]{10,}/);
    const challenge = createHolderChallenge({ uid: UID, chainId: chain.chainId, registry: chain.registry, origin: "https://verify.test" });
    const message = holderChallengeMessage(challenge);
    const check = (signature: Hex, recipient: Address) =>
      checkHolderProof({ publicClient: chain.publicClient, challenge, signature, recipient });
    // The badge's recipient is the contract; its owner's EIP-191 signature is what the contract approves.
    const byOwner = await sign(5, message);
    expect(await check(byOwner, smartWallet)).toEqual({ outcome: "held", recipient: smartWallet });
    expect(await check(await sign(6, message), smartWallet)).toEqual({ outcome: "not-held", recipient: smartWallet });
    expect((await check(byOwner, otherSmartWallet)).outcome).toBe("not-held");
    // The owner's signature of another badge's challenge is not this one's, for a contract wallet too.
    const other = holderChallengeMessage({ ...challenge, uid: `0x${"cd".repeat(32)}` as Hex });
    expect((await check(await sign(5, other), smartWallet)).outcome).toBe("not-held");
  });
});
