// The one place the app calls the sdk's verifier. The verification path (JSON-LD, proof suites)
// is loaded on first use so no page pays for it up front.
import type { PublicClient } from "viem";
import type { TrustedRegistry } from "../lib/trustedRegistries.ts";
import { parseShareLink } from "../sdk/light.ts";
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
  let credentialAnchor: typeof import("../sdk/heavy.ts").credentialAnchor;
  try {
    ({ verifyBadge, credentialAnchor } = await import("../sdk/heavy.ts"));
  } catch (cause) {
    // The sdk could not load, so its step codes are out of reach too: this one is said in English.
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
    const report = (await verifyBadge(input, verifyOptions)) as VerificationReport;
    return report.verdict === "untrusted-registry" && !report.anchor
      ? { ...report, named: namedRegistry(input, report, credentialAnchor) }
      : report;
  } catch (cause) {
    const detail = (cause as Error).message ?? String(cause);
    return unavailable(`The verifier stopped unexpectedly: ${detail}`, { code: "run.unexpected", params: { detail } });
  }
}

/**
 * The registry an "untrusted-registry" badge names, read with the sdk's own parsers (the share link,
 * else the credential's status anchor), so the verdict can name it and offer to trust it.
 */
function namedRegistry(
  input: VerifyInput,
  report: VerificationReport,
  credentialAnchor: typeof import("../sdk/heavy.ts").credentialAnchor,
): VerificationReport["named"] {
  try {
    if (typeof input === "string" && /^https?:\/\//i.test(input.trim())) {
      const link = parseShareLink(input.trim());
      return { chainId: link.chainId, registry: link.registry };
    }
  } catch {
    // not a share link: a hosted URL names a chain, not a registry
  }
  try {
    if (report.credential) {
      const { deployment } = credentialAnchor(report.credential);
      return { chainId: deployment.chainId, registry: deployment.registry };
    }
  } catch {
    // no Chancery status anchor in the credential
  }
  return undefined;
}

function unavailable(
  message: string,
  said: Pick<VerificationReport["steps"][number], "code" | "params"> = { code: "run.uncoded", params: {} },
): VerificationReport {
  return { verdict: "error", format: "unknown", steps: [{ id: "parse", status: "failed", message, ...said }] };
}
