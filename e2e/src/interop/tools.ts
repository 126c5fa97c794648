// The independent tools of the interoperability test, each run unmodified, and what each says of a
// credential in one word (its verdict) with its own words beside it (detail):
//   - DCC verifier-core (the verifier behind the Learner Credential Wallet and VerifierPlus), with
//     its own built-in document loader;
//   - Digital Bazaar's vc + data-integrity + eddsa-rdfc-2022 with a loader that only does a plain
//     HTTP GET of the URL it is given, and vc-bitstring-status-list's checkStatus;
//   - ajv (JSON Schema 2019-09) with the official 1EdTech AchievementCredential schema.
// Every network request of theirs goes through the test's offline network (network.ts).
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as dbVc from "@digitalbazaar/vc";
import { checkStatus as dbCheckStatus } from "@digitalbazaar/vc-bitstring-status-list";
import { verifyCredential as dccVerifyCredential } from "@digitalcredentials/verifier-core";
import { Ajv2019 } from "ajv/dist/2019.js";
import addFormatsImport from "ajv-formats";
import { officialAchievementCredentialSchema } from "./network.ts";

/**
 * What a tool concluded. "status unchecked": the signature and dates are fine but the tool found no
 * status it can read, so it cannot tell a revoked badge from a valid one.
 */
export type Verdict = "verified" | "invalid" | "expired" | "revoked" | "status unchecked" | "error";

export type ToolAnswer = { verdict: Verdict; detail: string };

const messageOf = (error: unknown): string => {
  if (!error || typeof error !== "object") return String(error);
  const e = error as { message?: string; errors?: unknown[]; cause?: unknown };
  const inner = e.errors?.length ? ` (${e.errors.map(messageOf).join("; ")})` : e.cause ? ` (cause: ${messageOf(e.cause)})` : "";
  return `${e.message ?? String(error)}${inner}`;
};

// ------------------------------------------------------------------------------------------------
// DCC verifier-core

type DccStep = { id: string; valid?: boolean; error?: { name?: string; message: string }; matchingIssuers?: unknown[] };
type DccResponse = {
  errors?: { name?: string; message: string }[];
  log?: DccStep[];
  additionalInformation?: { id: string; results: unknown }[];
};

export type DccAnswer = ToolAnswer & {
  /** What its issuer-registry step said (the test gives it no registry). */
  registeredIssuer?: DccStep;
  /** Its own schema check (informational in DCC): true / false / undefined when it ran none. */
  schemaValid?: boolean;
};

export async function verifyWithDcc(credential: object): Promise<DccAnswer> {
  // No known registry: the issuer-registry step must not fetch anything.
  const response = (await dccVerifyCredential({ credential: credential as never, knownDIDRegistries: [] })) as DccResponse;
  if (response.errors?.length) {
    const [first] = response.errors;
    const detail = response.errors.map((e) => `${e.name}: ${e.message}`).join("; ");
    return { verdict: first?.name === "invalid_signature" ? "invalid" : "error", detail };
  }
  const step = (id: string) => response.log?.find((s) => s.id === id);
  const schemaEntry = response.additionalInformation?.find((entry) => entry.id === "schema_check");
  const schemaResults = Array.isArray(schemaEntry?.results) ? (schemaEntry.results as { result: { valid: boolean } }[]) : undefined;
  const extra = {
    registeredIssuer: step("registered_issuer"),
    schemaValid: schemaResults ? schemaResults.every((r) => r.result.valid) : undefined,
  };
  const log = (response.log ?? []).map((s) => `${s.id}=${s.error ? `error(${s.error.name}: ${s.error.message})` : s.valid}`).join(", ");
  const signature = step("valid_signature");
  const expiration = step("expiration");
  const revocation = step("revocation_status");
  const verdict: Verdict =
    signature?.valid !== true
      ? "invalid"
      : expiration?.valid === false
        ? "expired"
        : revocation?.error
          ? "error"
          : revocation?.valid === false
            ? "revoked"
            : revocation?.valid === true
              ? "verified"
              : "status unchecked";
  return { verdict, detail: log, ...extra };
}

// ------------------------------------------------------------------------------------------------
// Digital Bazaar vc with a plain-GET loader

/**
 * A stock document loader: an HTTP GET of exactly the URL it is given (fetch drops a fragment, as
 * every HTTP client does), the body as the document. No knowledge of our URL shapes or of fragments.
 */
export async function plainGetLoader(url: string): Promise<{ contextUrl: null; documentUrl: string; document: unknown }> {
  const response = await fetch(url, { headers: { accept: "application/ld+json, application/json" } });
  if (!response.ok) throw new Error(`GET ${url} answered HTTP ${response.status}`);
  return { contextUrl: null, documentUrl: url, document: await response.json() };
}

const dbSuite = () => new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });

export async function verifyWithDigitalBazaar(credential: object): Promise<ToolAnswer> {
  const result = await dbVc.verifyCredential({
    credential,
    suite: dbSuite(),
    documentLoader: plainGetLoader,
    checkStatus: dbCheckStatus as never,
    // Its default tolerance (300 s) would hide an expiry of a few seconds ago; the wall clock decides.
    maxClockSkew: 0,
  });
  const proof = result.results?.[0];
  if (!proof?.verified) {
    // vc checks the validity window before the proof and answers an expired credential with its reason.
    const detail = messageOf(proof?.error ?? result.error);
    return { verdict: /is after "validUntil"|Credential has expired/.test(detail) ? "expired" : "invalid", detail };
  }
  const status = result.statusResult;
  if (status?.error) return { verdict: "status unchecked", detail: `proof verified; status: ${messageOf(status.error)}` };
  if (!result.verified) return { verdict: "error", detail: messageOf(result.error) };
  // vc only says whether the status could be checked; what the list says is each entry's `status` bit.
  const set = setStatuses(status);
  if (set.length) return { verdict: "revoked", detail: `proof verified; status bit set for ${set.join(", ")}` };
  return { verdict: "verified", detail: `proof verified; ${statusSummary(status)}` };
}

type DbStatusResult = { verified: boolean; results?: { verified: boolean; status?: boolean; credentialStatus: object }[]; error?: unknown };

const purposeOf = (r: { credentialStatus: object }) => (r.credentialStatus as { statusPurpose?: string }).statusPurpose ?? "?";
/** The purposes (revocation, suspension) whose bit is set. */
const setStatuses = (status: DbStatusResult | undefined) => (status?.results ?? []).filter((r) => r.status === true).map(purposeOf);
const statusSummary = (status: DbStatusResult | undefined) =>
  status ? (status.results ?? []).map((r) => `${purposeOf(r)} bit ${r.status}`).join(", ") || "no status entry" : "no credentialStatus";

export type StatusAnswer = { verdict: "not revoked" | "revoked" | "error"; detail: string };

/** vc-bitstring-status-list's checkStatus alone (the status list credential's signature included). */
export async function checkStatusWithDigitalBazaar(credential: object): Promise<StatusAnswer> {
  const result = await dbCheckStatus({ credential, documentLoader: plainGetLoader, suite: dbSuite() });
  if (result.error || !result.verified) return { verdict: "error", detail: messageOf(result.error ?? "the status could not be checked") };
  // `verified`: the list was fetched and its signature holds; `status`: the entry's bit (true = set).
  return { verdict: setStatuses(result).includes("revocation") ? "revoked" : "not revoked", detail: statusSummary(result) };
}

// ------------------------------------------------------------------------------------------------
// The official 1EdTech JSON Schema, ajv 2019-09

// ajv-formats is CommonJS: node hands its module object to a default import, bundlers its default.
type AddFormats = typeof import("ajv-formats").default;
const addFormats = ((addFormatsImport as unknown as { default?: unknown }).default ?? addFormatsImport) as AddFormats;
const ajv = new Ajv2019({ allErrors: true, strict: false });
addFormats(ajv);
const validateAchievementCredential = ajv.compile(officialAchievementCredentialSchema());

export type SchemaAnswer = { valid: boolean; detail: string };

/** The credential as issued (no normalisation of `proof` or anything else). */
export function validateWithOfficialSchema(credential: object): SchemaAnswer {
  const valid = validateAchievementCredential(credential) as boolean;
  const errors = (validateAchievementCredential.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
  return { valid, detail: valid ? "valid" : [...new Set(errors)].join("; ") };
}
