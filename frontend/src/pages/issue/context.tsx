import { createContext, type ReactNode, useContext, useState } from "react";
import type { Address } from "viem";
import type { Ed25519SigningKey, IssuerOnChain, WriteContext } from "../../sdk/light.ts";

export type IssuerSession = {
  issuer: IssuerOnChain;
  role: "admin" | "signer";
  address: Address;
  write: WriteContext;
  /** The wallet-derived Ed25519 key, kept in memory for this visit only. */
  signingKey: Ed25519SigningKey | undefined;
  setSigningKey: (key: Ed25519SigningKey | undefined) => void;
};

const IssuerContext = createContext<IssuerSession | null>(null);

export function IssuerProvider({ value, children }: { value: Omit<IssuerSession, "signingKey" | "setSigningKey">; children: ReactNode }) {
  const [signingKey, setSigningKey] = useState<Ed25519SigningKey>();
  return <IssuerContext.Provider value={{ ...value, signingKey, setSigningKey }}>{children}</IssuerContext.Provider>;
}

export function useIssuer(): IssuerSession {
  const value = useContext(IssuerContext);
  if (!value) throw new Error("useIssuer outside <IssuerProvider>");
  return value;
}

export const issuerKeys = {
  memberships: (address: string) => ["issuers-of", address.toLowerCase()],
  classes: (issuerId: number) => ["issuer-classes", issuerId],
  issued: (issuerId: number) => ["issuer-issued", issuerId],
  signers: (issuerId: number) => ["issuer-signers", issuerId],
  keys: (issuerId: number) => ["issuer-keys", issuerId],
  reason: (issuerId: number) => ["issuer-reason", issuerId],
  /** Admin offers waiting for this account to accept. */
  adminOffers: (address: string) => ["admin-offers", address.toLowerCase()],
  /** The chain's "now" (latest block time): refetched after every console write, with what it changed. */
  chainNow: ["chain-now"],
};
