// verifyBadge: one entry point for every kind of badge a person may hold — a baked PNG or SVG,
// JSON, a JWS / VC-JWT, one of our share links or a hosted URL — checked in named steps
// (parse → format → proof → anchor → issuer → status → validity → recipient). Each step says
// in a plain sentence what passed or failed; a check that could not run gives "error", never
// "valid".
//
// inputs/   what was given, read into a document, a JWS, a share link or a hosted URL
// formats/  the steps each kind of badge goes through (OB 3.0, OB 3.0 VC-JWT, OB 2.0)
// steps/    the checks of each step, each failing with an error that names its step
// fetch.ts  the one HTTP fetcher; chain.ts the client for a badge's chain; run.ts the run's state
import { verifyHostedUrl } from "./inputs/hostedUrl.ts";
import { verifyDocument } from "./inputs/json.ts";
import { verifyJws } from "./inputs/jws.ts";
import { type Input, readInput } from "./inputs/read.ts";
import { verifyShareLink } from "./inputs/shareLink.ts";
import { type Run, recordFailure, reportOf, startRun, withinBudget } from "./run.ts";
import type { VerificationReport, VerifyOptions } from "./types.ts";

/** Verifies a badge and returns the verdict with every step. Never throws for bad input. */
export async function verifyBadge(
  input: Uint8Array | ArrayBuffer | string | object,
  options: VerifyOptions = {},
): Promise<VerificationReport> {
  const run = startRun(options);
  try {
    // One budget for the whole run: a stuck fetch or chain read ends it with "error" (run.ts).
    await withinBudget(run, verifyInput(run, readInput(input)));
  } catch (error) {
    recordFailure(run, error);
  }
  return reportOf(run);
}

function verifyInput(run: Run, input: Input): Promise<void> {
  switch (input.kind) {
    case "document":
      return verifyDocument(run, input.document, input.source);
    case "jws":
      return verifyJws(run, input.jws, input.source);
    case "share-link":
      return verifyShareLink(run, input.link);
    case "hosted-url":
      return verifyHostedUrl(run, input.url);
  }
}
