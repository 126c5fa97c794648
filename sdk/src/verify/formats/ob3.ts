// Open Badges 3.0 with an eddsa-rdfc-2022 Data Integrity proof: ours, anchored on a trusted
// Chancery registry (the chain answers for anchor, issuer, status and expiry), one naming a
// registry this verifier does not trust ("untrusted-registry", its proof still checked so an
// altered copy is "invalid"), or another issuer's (checked by its proof and its own status list,
// and "unanchored" at best).
import type { Hex } from "viem";
import { isVc11Credential } from "../../documents/validateOb3.ts";
import type { Credential } from "../../proofs/dataIntegrity.ts";
import type { StatusAnchor } from "../../urls.ts";
import { clientForChain } from "../chain.ts";
import type { Json } from "../json.ts";
import { failuresOf, type Run } from "../run.ts";
import { anchoredOn, checkAnchor, namedAnchor, notAnchored } from "../steps/anchor.ts";
import { checkOb3Format } from "../steps/format.ts";
import { checkIssuer, issuerNameOf, issuerNotRecorded } from "../steps/issuer.ts";
import { checkDataIntegrityProof } from "../steps/proof.ts";
import { checkRecipient } from "../steps/recipient.ts";
import { checkChainStatus } from "../steps/status.ts";
import { checkThirdPartyStatus } from "../steps/statusLists.ts";
import { checkValidity } from "../steps/validity.ts";
import { StepLog, said, VerificationStepError } from "../steps.ts";
import { trustOf, untrustedRegistry } from "../trust.ts";

const fail = failuresOf("anchor");

/** `expectedUid`: the badge a share link named, which the credential must hash to. */
export async function verifyOb3(run: Run, document: Json, expected: { expectedUid?: Hex } = {}) {
  run.credential = document;
  run.format = "ob3-data-integrity";
  const credential = checkOb3Format(run, document);
  const named = namedAnchor(credential);
  if (!named) {
    await checkDataIntegrityProof(run, credential, undefined);
    notAnchored(run, "anchor.unanchored-proof");
    issuerNotRecorded(run);
    await checkThirdPartyStatus(run, credential);
    checkValidity(run, credential);
    checkRecipient(run, credential);
    return;
  }
  // Chancery issues VC 2.0 credentials only: one naming a registry in the VC 1.1 data model is not ours.
  if (isVc11Credential(credential))
    throw fail(
      said(
        "anchor.vc11",
        {},
        "The credential names a Chancery registry but is written in the VC 1.1 data model (credentials/v1); Chancery badges are VC 2.0.",
      ),
    );
  if (!trustOf(run.options, named.deployment)) return untrusted(run, credential, named);
  const anchored = await anchoredOn(run, named);
  const proof = await checkDataIntegrityProof(run, credential, anchored);
  const status = await checkAnchor(run, credential, anchored, { publicKey: proof.publicKeyHex, expectedUid: expected.expectedUid });
  await checkIssuer(run, status, Boolean(proof.publicKeyHex), { registry: anchored.registry, name: issuerNameOf(credential) });
  await checkChainStatus(run, anchored.registry, status);
  checkValidity(run, credential, status);
  checkRecipient(run, credential);
}

/**
 * A credential naming a registry nobody vouches for. Its proof is still checked against the keys
 * that registry lists, so an altered copy says "invalid"; a good signature proves nothing there
 * (whoever deployed the registry chose its keys), so the proof step is a warning at best, and the
 * issuer's standing, status and dates it records are never read.
 */
async function untrusted(run: Run, credential: Credential, anchor: StatusAnchor): Promise<never> {
  const { chainId, registry } = anchor.deployment;
  const client = await clientForChain(chainId, run.options).catch(() => undefined);
  if (!client) {
    run.log.skipped(
      "proof",
      said(
        "proof.untrusted-no-rpc",
        { chainId },
        `Not checked: no RPC endpoint for chain ${chainId} answered, and the registry it names is not trusted anyway.`,
      ),
    );
    throw untrustedRegistry(anchor.deployment);
  }
  // The proof step's own check, with its log kept aside: its words are for trusted keys.
  const scratch: Run = { ...run, log: new StepLog() };
  try {
    await checkDataIntegrityProof(scratch, credential, { anchor, registry: { client, registry } });
    run.log.warning(
      "proof",
      said(
        "proof.untrusted-matches",
        { registry },
        `The signature matches a key listed by registry ${registry}, which this verifier does not trust: that proves nothing about who issued it.`,
      ),
    );
  } catch (error) {
    if (!(error instanceof VerificationStepError) || error.verdict === "error")
      run.log.skipped(
        "proof",
        said(
          "proof.untrusted-keys-unreadable",
          {},
          "Not checked: the keys of the registry it names could not be read, and that registry is not trusted anyway.",
        ),
      );
    else run.log.failed("proof", error.said, error.verdict);
  }
  throw untrustedRegistry(anchor.deployment);
}
