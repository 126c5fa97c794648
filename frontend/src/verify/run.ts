// The one place the app calls the sdk's verifier. The verification path (JSON-LD, proof suites)
// is loaded on first use so no page pays for it up front.
import type { PublicClient } from "viem";
import type { TrustedRegistry } from "../lib/trustedRegistries.ts";
import type { VerificationReport, VerifyInput } from "./types.ts";

export type RunOptions = {
  publicClient: PublicClient;
  rpcUrl: string;
  expectedRecipient?: { email?: string; wallet?: `0x${string}` };
  now?: Date;
  /** Registries trusted beyond the exported deployments: the app's configured one and the user's own. */
  trust?: TrustedRegistry[];
  /** Origins the operator configured (the app's own gateway): fetched even when they are private hosts. */
  trustedOrigins?: string[];
};

export async function runVerification(input: VerifyInput, options: RunOptions): Promise<VerificationReport> {
  let verifyBadge: typeof import("../sdk/heavy.ts").verifyBadge;
  try {
    ({ verifyBadge } = await import("../sdk/heavy.ts"));
  } catch (cause) {
    return unavailable(`The verifier could not be loaded (${(cause as Error).message}). Check your connection and reload the page.`);
  }
  try {
    // Built apart so the issue-13 options pass whichever sdk version is installed.
    const verifyOptions = {
      publicClient: options.publicClient,
      rpcUrl: options.rpcUrl,
      now: options.now,
      expectedRecipient: options.expectedRecipient,
      trust: options.trust,
      trustedOrigins: options.trustedOrigins,
    };
    const report = await verifyBadge(input, verifyOptions);
    return report as VerificationReport;
  } catch (cause) {
    return unavailable(`The verifier stopped unexpectedly: ${(cause as Error).message ?? String(cause)}`);
  }
}

function unavailable(message: string): VerificationReport {
  return { verdict: "error", format: "unknown", steps: [{ id: "parse", status: "failed", message }] };
}
