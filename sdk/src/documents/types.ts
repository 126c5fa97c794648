// Inputs for building a badge. Names follow Open Badges: an issuer (Profile), an achievement
// (OB 3.0 Achievement / OB 2.0 BadgeClass), a recipient, an award (the assertion).
import type { Address, Bytes32, Deployment } from "../ids.ts";

export interface ImageInput {
  /** URL (or data: URI for OB 3.0 / BadgeClass images). */
  id: string;
  caption?: string;
}

export interface IssuerInput {
  /** The issuer's id in the IssuerRegistry (uint32, from 1). */
  issuerId: number;
  name: string;
  /** The issuer's home page. */
  url: string;
  email?: string;
  description?: string;
  image?: string | ImageInput;
}

export interface AlignmentInput {
  targetName: string;
  targetUrl: string;
  targetDescription?: string;
  targetFramework?: string;
  targetCode?: string;
  /** OB 3.0 alignment target type, e.g. "CFItem", "ceasn:Competency", "ext:…". */
  targetType?: string;
}

export interface AchievementInput {
  /** Defaults to the OB 2.0 BadgeClass URL of `classId` (resolvable through the gateway). */
  id?: string;
  name: string;
  description: string;
  /** At least one of narrative (Markdown) or id (URL of the criteria page). */
  criteria: { narrative?: string; id?: string };
  image?: string | ImageInput;
  tags?: string[];
  alignments?: AlignmentInput[];
  /** OB 3.0 achievementType, e.g. "Badge", "Certificate", "Course", or "ext:…". */
  achievementType?: string;
}

export interface RecipientInput {
  /** Stored only as a salted sha256 (OB IdentityObject); trimmed and lower-cased first. */
  email?: string;
  /** The learner's wallet: credentialSubject.id becomes did:pkh, and the uid binds it. */
  wallet?: string;
  /** Printed in the credential only (never on chain in clear): pass it only if the learner agrees. */
  name?: string;
}

export interface EvidenceInput {
  id?: string;
  name?: string;
  description?: string;
  narrative?: string;
  genre?: string;
  audience?: string;
}

export interface AwardInput {
  issuer: IssuerInput;
  achievement: AchievementInput;
  recipient: RecipientInput;
  evidence?: EvidenceInput[];
  /** When the award takes effect: a Date or an ISO 8601 date-time with a time zone. */
  validFrom: Date | string;
  validUntil?: Date | string;
  deployment: Deployment;
  /** e.g. "https://badges.example.org" */
  gatewayBase: string;
  /** The on-chain badge class; names the achievement when `achievement.id` is not given. */
  classId?: number;
  /** Set when the badge goes into a Merkle batch (credentialStatus then names the batch). */
  batchId?: string;
  /**
   * The badge's entry in a W3C BitstringStatusList: the class's `nextStatusIndex` (needs `classId`), or
   * for a Merkle batch the badge's position in it. With it, credentialStatus is that list's
   * BitstringStatusListEntry; without it, the issuer's 1EdTechRevocationList (badges issued before).
   */
  statusIndex?: number;
  /** Credential name; defaults to the achievement's name. */
  name?: string;
  /** Fixed credential id (urn:uuid:…); a random one otherwise. */
  credentialId?: string;
  /** Fixed salt for the e-mail hash (hex); random otherwise. Reuse it to rebuild the same credential. */
  emailSalt?: string;
}

/** The recipient as it appears in documents: no e-mail in clear. */
export interface PreparedRecipient {
  wallet?: Address;
  /** did:pkh:eip155:<chainId>:<wallet> */
  did?: string;
  email?: { salt: string; identityHash: string };
  name?: string;
}

export type { Address, Bytes32, Deployment };
