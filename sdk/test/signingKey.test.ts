import { createWalletClient, custom, type Hex, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { describe, expect, it } from "vitest";
import { deriveIssuerSigningKey, type RegistryContext, signWithWallet } from "../src/chain/index.ts";
import { ChanceryError } from "../src/errors.ts";
import { deriveSigningKey, signingKeyMessage } from "../src/proofs/keys.ts";

const REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const account = privateKeyToAccount("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
const keyOf = async (generation: number) =>
  deriveSigningKey(
    await account.signMessage({ message: signingKeyMessage({ chainId: 31337, registry: REGISTRY, issuerId: 4, generation }) }),
  );

/** A registry whose issuer #4 has these keys on chain (the one read the flow makes). */
function registry(keys: { publicKey: Hex; validFrom: number; validUntil?: number }[]): RegistryContext & { reads: string[] } {
  const reads: string[] = [];
  const client = {
    chain: { id: 31337 },
    async readContract({ functionName, args }: { functionName: string; args: unknown[] }) {
      reads.push(`${functionName}(${args.join(",")})`);
      return [keys.map((k) => k.publicKey), keys.map((k) => ({ validFrom: k.validFrom, validUntil: k.validUntil ?? 0 }))];
    },
  } as unknown as PublicClient;
  return { client, registry: REGISTRY, reads };
}

describe("deriveIssuerSigningKey (the one signing-key flow)", () => {
  it("derives the first generation for an issuer without keys, and says it is not registered", async () => {
    const ctx = registry([]);
    const result = await deriveIssuerSigningKey(ctx, { issuerId: 4, signer: account, now: 1000 });
    expect(ctx.reads).toEqual(["getKeys(4)"]);
    expect(result.generation).toBe(1);
    expect(result.message).toBe(signingKeyMessage({ chainId: 31337, registry: REGISTRY, issuerId: 4 }));
    expect(result.key.publicKeyHex).toBe((await keyOf(1)).publicKeyHex);
    expect(result).toMatchObject({ valid: false, onChain: undefined });
  });

  it("finds the registered key valid, and moves to the next generation once every key was revoked", async () => {
    const first = (await keyOf(1)).publicKeyHex;
    const valid = await deriveIssuerSigningKey(registry([{ publicKey: first, validFrom: 10 }]), {
      issuerId: 4,
      signer: account,
      now: 1000,
    });
    expect(valid).toMatchObject({ generation: 1, valid: true, onChain: { publicKey: first, validFrom: 10 } });
    const revoked = await deriveIssuerSigningKey(registry([{ publicKey: first, validFrom: 10, validUntil: 500 }]), {
      issuerId: 4,
      signer: account,
      now: 1000,
    });
    expect(revoked.generation).toBe(2);
    expect(revoked.key.publicKeyHex).toBe((await keyOf(2)).publicKeyHex);
    expect(revoked.valid).toBe(false);
  });

  it("a key another wallet registered is not this wallet's: valid is false", async () => {
    const other = privateKeyToAccount("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
    const result = await deriveIssuerSigningKey(registry([{ publicKey: (await keyOf(1)).publicKeyHex, validFrom: 10 }]), {
      issuerId: 4,
      signer: other,
      now: 1000,
    });
    expect(result).toMatchObject({ generation: 1, valid: false, onChain: undefined });
  });

  it("takes a WalletClient, a local account or a plain function: the same key", async () => {
    const transport = custom({
      request: async () => {
        throw new Error("no RPC in this test");
      },
    });
    const wallet = createWalletClient({ account, chain: foundry, transport });
    const fn = (message: string) => account.signMessage({ message });
    const keys = await Promise.all(
      [wallet, account, fn].map(async (signer) => (await deriveIssuerSigningKey(registry([]), { issuerId: 4, signer })).key.publicKeyHex),
    );
    expect(new Set(keys).size).toBe(1);
    const accountless = createWalletClient({ chain: foundry, transport });
    await expect(signWithWallet(accountless, "hello")).rejects.toBeInstanceOf(ChanceryError);
    expect(await signWithWallet(accountless, "hello", account)).toBe(await account.signMessage({ message: "hello" }));
  });
});
