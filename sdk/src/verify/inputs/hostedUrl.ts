// The URL of a hosted badge (an OB 2.0 assertion, or any badge JSON served over http(s)). A URL of
// a Chancery gateway's shape is bound to the chain before anything is fetched from its host (see
// formats/ob2.ts); any other is fetched, then verified as the document it returns. 410 Gone is the
// spec's answer for a revoked assertion.
import { fetchHosted } from "../fetch.ts";
import { verifyChanceryHosted } from "../formats/ob2.ts";
import { failuresOf, type Run } from "../run.ts";
import { ourHostedAssertion } from "../steps/anchor.ts";
import { revokedByHost } from "../steps/status.ts";
import { said } from "../steps.ts";
import { short } from "../words.ts";
import { verifyDocument } from "./json.ts";

export async function verifyHostedUrl(run: Run, url: string) {
  const ours = ourHostedAssertion(url);
  if (ours) {
    const params = { uid: ours.uid, chainId: ours.chainId };
    run.log.passed(
      "parse",
      said(
        ours.key ? "parse.read-hosted-url-keyed" : "parse.read-hosted-url",
        params,
        `Read the URL of a Chancery hosted assertion for badge ${short(ours.uid)} on chain ${ours.chainId}${ours.key ? ", with its key" : ""}.`,
      ),
    );
    return verifyChanceryHosted(run, url, ours);
  }
  const hosted = await fetchHosted({ fetch: run.fetch, fail: failuresOf("parse") }, url, "hosted-badge");
  if (hosted.revoked) {
    run.format = "ob2-hosted";
    run.log.passed("parse", said("parse.hosted-answers", { url }, `The issuer's server answers for the hosted badge at ${url}.`));
    revokedByHost(run, hosted.reason);
    return;
  }
  return verifyDocument(run, hosted.document, url);
}
