// Holder proof against a real Hardhat node: the recipient's wallet signs the verifier's challenge
// (EIP-191, as wallets' personal_sign does) and viem's verifyMessage on the chain's client says so;
// another wallet, another badge's challenge, an altered signature and a stale challenge do not pass.
import { startTestChain, type TestChain } from "@chancery/testing/chain";
import type { Hex } from "viem";
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
});
