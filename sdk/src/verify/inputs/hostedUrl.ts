// The URL of a hosted badge (an OB 2.0 assertion, or any badge JSON served over http(s)): fetched,
// then verified as the document it returns. 410 Gone is the spec's answer for a revoked assertion.
import { fetchHosted } from "../fetch.ts";
import { failuresOf, type Run } from "../run.ts";
import { revokedByHost } from "../steps/status.ts";
import { verifyDocument } from "./json.ts";

export async function verifyHostedUrl(run: Run, url: string) {
  const hosted = await fetchHosted({ fetch: run.fetch, fail: failuresOf("parse") }, url, "the hosted badge");
  if (hosted.revoked) {
    run.format = "ob2-hosted";
    run.log.passed("parse", `The issuer's server answers for the hosted badge at ${url}.`);
    revokedByHost(run, hosted.reason);
    return;
  }
  return verifyDocument(run, hosted.document, url);
}
