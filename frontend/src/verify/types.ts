// The verifier's report. The UI is written against the sdk's own types (verifyBadge), re-exported here,
// with issue 13's additions (the "untrusted-registry" verdict, which registry answered, the issuer's
// standing) spelled out so the app reads them the same before and after the sdk carries them.
import type { VerificationReport as SdkReport, Verdict as SdkVerdict, Step } from "../sdk/light.ts";

export type { StepStatus } from "../sdk/light.ts";
export type Verdict = SdkVerdict | "untrusted-registry";
export type VerificationStep = Step;
export type VerificationAnchor = NonNullable<SdkReport["anchor"]>;
export type IssuerStandingName = "accredited" | "self-declared" | "suspended" | "unregistered";
/** The issuer as the chain records it, for badges of a trusted registry. */
export type IssuerStanding = { id: number; name?: string; standing: IssuerStandingName; sameNameAs?: { id: number; name: string } };
/** Which registry and chain answered, and why the verifier trusts it. */
export type TrustAnswer = { chainId: number; registry: `0x${string}`; source: "deployment" | "user"; label?: string };
/** The sdk's report with the credential typed as a JSON object for display. */
export type VerificationReport = Omit<SdkReport, "credential" | "verdict" | "trust" | "issuer"> & {
  verdict: Verdict;
  credential?: Record<string, unknown>;
  trust?: TrustAnswer;
  issuer?: IssuerStanding;
  /** App-side: the registry an "untrusted-registry" badge names, when the sdk's report carries no anchor. */
  named?: { chainId: number; registry: `0x${string}` };
};

/** What the verifier is given: the bytes of a dropped file, a pasted string (JSON, JWS, link), or an object. */
export type VerifyInput = Uint8Array | string | Record<string, unknown>;
