// The one place the app calls the sdk's verifier. The verification path (JSON-LD, proof suites)
// is loaded on first use so no page pays for it up front.
import type { PublicClient } from "viem";
import type { VerificationReport, VerifyInput } from "./types.ts";

export type RunOptions = {
  publicClient: PublicClient;
  rpcUrl: string;
  expectedRecipient?: { email?: string; wallet?: `0x${string}` };
  now?: Date;
};

export async function runVerification(input: VerifyInput, options: RunOptions): Promise<VerificationReport> {
  let verifyBadge: typeof import("../sdk/heavy.ts").verifyBadge;
  try {
    ({ verifyBadge } = await import("../sdk/heavy.ts"));
  } catch (cause) {
    return unavailable(`The verifier could not be loaded (${(cause as Error).message}). Check your connection and reload the page.`);
  }
  try {
    const report = await verifyBadge(input, {
      publicClient: options.publicClient,
      rpcUrl: options.rpcUrl,
      now: options.now,
      expectedRecipient: options.expectedRecipient,
    });
    return report as VerificationReport;
  } catch (cause) {
    return unavailable(`The verifier stopped unexpectedly: ${(cause as Error).message ?? String(cause)}`);
  }
}

function unavailable(message: string): VerificationReport {
  return { verdict: "error", format: "unknown", steps: [{ id: "parse", status: "failed", message }] };
}
