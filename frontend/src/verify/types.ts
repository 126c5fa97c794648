// The verifier's report. The UI is written against the sdk's own types (verifyBadge), re-exported here.
import type { VerificationReport as SdkReport, Step } from "../sdk/light.ts";

export type { StepStatus, Verdict } from "../sdk/light.ts";
export type VerificationStep = Step;
export type VerificationAnchor = NonNullable<SdkReport["anchor"]>;
/** The sdk's report with the credential typed as a JSON object for display. */
export type VerificationReport = Omit<SdkReport, "credential"> & { credential?: Record<string, unknown> };

/** What the verifier is given: the bytes of a dropped file, a pasted string (JSON, JWS, link), or an object. */
export type VerifyInput = Uint8Array | string | Record<string, unknown>;
