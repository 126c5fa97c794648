// Claim tokens: the sealed e-mail recipient of a claim URL opens only under the secret and for the
// badge it was minted for, and a claim URL stays within what e-mail backpacks store.
import { describe, expect, it } from "vitest";
import { hashIdentity } from "../src/documents/recipient.ts";
import { CLAIM_URL_MAX_LENGTH, claimSecret, claimUrlOf, mintClaimToken, openClaimToken } from "../src/hosted/claims.ts";
import { parseOb2ClaimUrl } from "../src/urls.ts";

const secret = claimSecret("a gateway secret of at least thirty-two bytes");
const scope = { chainId: 31337, registry: "0x5FbDB2315678afecb367f032d93F642f64180aa3", uid: `0x${"ab".repeat(32)}` };
const salt = "272e1e88f1e6430774f5c67b620ac2ca";
const recipient = { identityHash: hashIdentity("ada@example.org", salt), salt };

describe("claim tokens", () => {
  it("open to the recipient they were minted for, under the same secret and badge only", () => {
    const token = mintClaimToken(secret, scope, recipient);
    expect(token).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(openClaimToken(secret, scope, token)).toEqual(recipient);
    expect(openClaimToken(claimSecret("another gateway's secret, also 32 bytes long"), scope, token)).toBeUndefined();
    expect(openClaimToken(secret, { ...scope, uid: `0x${"cd".repeat(32)}` }, token)).toBeUndefined();
    expect(openClaimToken(secret, { ...scope, chainId: 1 }, token)).toBeUndefined();
    // Another recipient's hash in the same token (every position of the hash flipped in turn) is refused.
    const bytes = Buffer.from(token, "base64url");
    for (const at of [1, 16, 32]) {
      const forged = Buffer.from(bytes);
      forged[at] = (forged[at] ?? 0) ^ 1;
      expect(openClaimToken(secret, scope, forged.toString("base64url"))).toBeUndefined();
    }
    expect(openClaimToken(secret, scope, token.slice(0, -2))).toBeUndefined();
  });

  it("carry any salt a credential may have (text as well as the sdk's 32 hex digits)", () => {
    const text = { identityHash: hashIdentity("ada@example.org", "Kosher"), salt: "Kosher" };
    const token = mintClaimToken(secret, scope, text);
    expect(openClaimToken(secret, scope, token)).toEqual(text);
    expect(() => mintClaimToken(secret, scope, { identityHash: "md5$abc", salt })).toThrow(/sha256\$/);
    expect(() => claimSecret("short")).toThrow(/at least 32 bytes/);
  });

  it("make claim URLs that fit the 254 characters Badgr keeps, and parse back", () => {
    const token = mintClaimToken(secret, scope, recipient);
    const url = claimUrlOf("https://badges.university-of-somewhere.example", 31337, scope.uid, token);
    expect(url.length).toBeLessThanOrEqual(CLAIM_URL_MAX_LENGTH);
    expect(parseOb2ClaimUrl(url)).toEqual({
      gatewayBase: "https://badges.university-of-somewhere.example",
      chainId: 31337,
      uid: scope.uid,
      claim: token,
    });
    expect(() => claimUrlOf(`https://${"x".repeat(120)}.example`, 31337, scope.uid, token)).toThrow(/more than the 254/);
  });
});
