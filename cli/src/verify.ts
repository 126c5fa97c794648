// `chancery verify`: one badge in, one report out. With --json the report is ALWAYS printed, even
// when the input cannot be read, an option is wrong or the verifier throws (a scripted caller
// must never have to parse an error text); the exit status says what the verdict means.
import { lookup } from "node:dns/promises";
import { existsSync, readFileSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import type { Step, VerificationReport, VerifyBadgeOptions as VerifyOptions } from "@chancery/sdk/verify";
import { type Address, getAddress, isAddress } from "viem";

/** Exit statuses of `chancery verify` (64 is sysexits' EX_USAGE). */
export const EXIT = { valid: 0, notValid: 1, couldNotCheck: 2, usage: 64 } as const;

export const VERIFY_USAGE = `Usage:
  chancery verify <file | share link | hosted URL> [--rpc URL] [--json] [--trust CHAIN:0x…]…
                  [--require-accredited] [--timeout MS] [--allow-private-hosts]

  <file>                 a baked PNG or SVG badge, an OB 3.0 credential (JSON), or a JWS
  --rpc URL              JSON-RPC endpoint of the badge's chain (default: $CHANCERY_RPC_URL;
                         for the local chain 31337, http://127.0.0.1:8545)
  --json                 print the whole report as JSON (always, even when the check cannot run)
  --trust CHAIN:0x…      also trust this registry on this chain (repeatable). By default only the
                         registries of Chancery's exported deployments are trusted: a badge naming any
                         other registry gets the verdict "untrusted-registry"
  --require-accredited   refuse (exit 1) a valid badge whose issuer no registry authority accredited,
                         or whose name an accredited issuer of the same registry already uses
  --timeout MS           total time budget of the verification (default 10000)
  --allow-private-hosts  let the verifier fetch loopback, private and link-local hosts named by the
                         badge (off by default; for local test setups)

Exit status:
  0   the verdict is "valid" (and, with --require-accredited, the issuer is accredited)
  1   not valid: invalid, revoked, suspended, expired, not-yet-valid, suspended-issuer, erased, unanchored,
      untrusted-registry, record-valid (a link without its key: the record stands, the content
      was not checked) — or refused by --require-accredited
  2   could not check (verdict "error": unreadable input, RPC down, time budget spent, …)
  64  usage error (unknown option, malformed --trust or --timeout)`;

const MAX_FILE_BYTES = 20 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000;
/** Beyond the verifier's own budget, the CLI stops waiting after this grace: it always ends with a report. */
const WATCHDOG_GRACE_MS = 1_500;

// The agreed additions of issue 13 (sdk/src/verify/types.ts, H2/H3): read defensively until every
// field has landed, so the CLI works with the sdk before and after.
type Standing = "accredited" | "self-declared" | "suspended" | "unregistered";
type TrustedRegistry = { chainId: number; registry: Address; label?: string };
type IssuerStanding = { id: number; name?: string; standing: Standing; sameNameAs?: { id: number; name: string } };
type TrustReport = { chainId: number; registry: Address; source: "deployment" | "user"; label?: string };
type Report = Omit<VerificationReport, "verdict"> & {
  verdict: VerificationReport["verdict"] | "untrusted-registry";
  trust?: TrustReport;
  issuer?: IssuerStanding;
};
type HardenedOptions = VerifyOptions & {
  trust?: TrustedRegistry[];
  timeoutMs?: number;
  allowPrivateHosts?: boolean;
  resolveHost?: (hostname: string) => Promise<string[]>;
};

/** Node can resolve names: a badge's host that resolves to a private address is refused like a literal one. */
const resolveHost = async (hostname: string) => (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

const MARK: Record<Step["status"], string> = { passed: "✓", failed: "✗", warning: "!", skipped: "–" };
const VERDICT_TEXT: Record<Report["verdict"], string> = {
  valid: "VALID — every check passed",
  invalid: "INVALID — this badge cannot be trusted",
  revoked: "REVOKED by its issuer",
  suspended: "SUSPENDED by its issuer (its status list)",
  expired: "EXPIRED",
  "not-yet-valid": "NOT YET VALID",
  "suspended-issuer": "ISSUER SUSPENDED by the registry authority",
  erased: "ERASED — no longer disclosed",
  unanchored: "UNANCHORED — a genuine Open Badge that is not recorded on chain",
  "untrusted-registry": "UNTRUSTED REGISTRY — the badge names a registry that is not one we know",
  "record-valid": "RECORD IN FORCE — the record on chain stands; the content was withheld (a link without its key), not checked",
  error: "COULD NOT CHECK — see the failed step",
};
const STANDING_TEXT: Record<Standing, string> = {
  accredited: "accredited by the registry authority",
  "self-declared": "self-declared — no authority vouches for this issuer",
  suspended: "suspended by the registry authority",
  unregistered: "not registered on this registry",
};

const OPTIONS = {
  rpc: { type: "string" },
  json: { type: "boolean" },
  trust: { type: "string", multiple: true },
  "require-accredited": { type: "boolean" },
  timeout: { type: "string" },
  "allow-private-hosts": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** A report for a check that could not run: never "valid", always the reason in the failed step. */
export function errorReport(message: string): Report {
  // The CLI's own words (a usage error, an unreadable file): printed as they are, so no step code to translate.
  return { verdict: "error", format: "unknown", steps: [{ id: "parse", status: "failed", message, code: "run.uncoded", params: {} }] };
}

class UsageError extends Error {}

/** `--trust 31337:0xAbc…` → a trusted registry; anything else is a usage error saying the expected form. */
export function parseTrust(text: string): TrustedRegistry {
  const match = /^(\d{1,12}):(0x[0-9a-fA-F]{40})$/.exec(text.trim());
  const chainId = Number(match?.[1]);
  if (!match?.[2] || !Number.isSafeInteger(chainId) || chainId <= 0 || !isAddress(match[2], { strict: false }))
    throw new UsageError(
      `--trust "${text}" is not CHAIN:ADDRESS (a chain id, a colon, a 0x registry address), e.g. --trust 31337:0x5FbD…0aa3.`,
    );
  return { chainId, registry: getAddress(match[2]) };
}

function parseTimeout(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = Number(text);
  if (!/^[1-9][0-9]*$/.test(text) || ms > 600_000)
    throw new UsageError(`--timeout "${text}" must be a whole number of milliseconds between 1 and 600000.`);
  return ms;
}

/** The report as JSON; a document too deep to serialise loses its credential, never the verdict. */
export function reportJson(report: Report): string {
  const replacer = (_key: string, value: unknown) => (typeof value === "bigint" ? value.toString() : value);
  try {
    return JSON.stringify(report, replacer, 2);
  } catch (error) {
    const { credential: _dropped, ...rest } = report;
    const detail = (error as Error).message;
    const note: Step = {
      id: "parse",
      status: "warning",
      message: `The credential is left out of this report: ${detail}.`,
      code: "run.credential-left-out",
      params: { detail },
    };
    return JSON.stringify({ ...rest, steps: [...rest.steps, note] }, replacer, 2);
  }
}

/** Why --require-accredited refuses a valid badge, or undefined when it accepts it. */
export function accreditationRefusal(report: Report): string | undefined {
  const issuer = report.issuer;
  if (!issuer) return "the verifier could not establish the issuer's standing";
  if (issuer.standing !== "accredited") return `the issuer is ${STANDING_TEXT[issuer.standing] ?? issuer.standing}`;
  if (issuer.sameNameAs) return `another, accredited issuer (#${issuer.sameNameAs.id}) already uses the name “${issuer.sameNameAs.name}”`;
  return undefined;
}

function readInput(target: string): Uint8Array | string {
  if (/^https?:\/\//i.test(target) || target.trim().startsWith("{")) return target;
  if (!existsSync(target)) throw new Error(`No file ${target} and not a link: give a badge file, a share link or a hosted badge URL.`);
  const size = statSync(target).size;
  if (size > MAX_FILE_BYTES) throw new Error(`${target} is ${size} bytes; a badge file is at most ${MAX_FILE_BYTES}.`);
  return new Uint8Array(readFileSync(target));
}

/** Runs the verifier but never waits past its budget plus a grace: a stuck fetch still ends in a report. */
async function verifyWithin(input: Uint8Array | string, options: HardenedOptions, budgetMs: number): Promise<Report> {
  const { verifyBadge } = await import("@chancery/sdk/verify");
  let timer: NodeJS.Timeout | undefined;
  const watchdog = new Promise<Report>((resolve) => {
    timer = setTimeout(
      () =>
        resolve(errorReport(`The verification did not finish within ${budgetMs} ms, so no verdict was given (raise it with --timeout).`)),
      budgetMs + WATCHDOG_GRACE_MS,
    );
  });
  try {
    return await Promise.race([verifyBadge(input, options) as Promise<Report>, watchdog]);
  } finally {
    clearTimeout(timer);
  }
}

function printHuman(report: Report, refusal: string | undefined) {
  for (const step of report.steps) console.log(`${MARK[step.status] ?? "?"} ${step.id.padEnd(9)} ${step.message}`);
  // An unknown registry did not "answer": it is only what the badge names (the anchor step says how to trust it).
  if (report.verdict === "untrusted-registry" && report.anchor)
    console.log(`\n  the badge names registry ${report.anchor.registry} on chain ${report.anchor.chainId}: NOT a registry we know`);
  else if (report.trust) {
    const source = report.trust.source === "user" ? "trusted by you with --trust" : "a Chancery deployment";
    console.log(`\n  answered by registry ${report.trust.registry} on chain ${report.trust.chainId} (${source})`);
  } else if (report.anchor) console.log(`\n  asked registry ${report.anchor.registry} on chain ${report.anchor.chainId}`);
  if (report.anchor) console.log(`  badge ${report.anchor.uid}`);
  if (report.issuer) {
    const name = report.issuer.name ? ` “${report.issuer.name}”` : "";
    console.log(`  issuer #${report.issuer.id}${name}: ${STANDING_TEXT[report.issuer.standing] ?? report.issuer.standing}`);
    if (report.issuer.sameNameAs)
      console.log(`  ! Another, accredited issuer uses this name: #${report.issuer.sameNameAs.id} “${report.issuer.sameNameAs.name}”`);
  }
  console.log(`\n${report.verdict}: ${VERDICT_TEXT[report.verdict] ?? report.verdict}`);
  if (report.verdict === "untrusted-registry" && report.anchor)
    console.log(`If you know and trust this registry, check again with --trust ${report.anchor.chainId}:${report.anchor.registry}`);
  if (refusal) console.log(`Refused by --require-accredited: ${refusal}.`);
}

export function exitCodeOf(report: Report, requireAccredited: boolean): number {
  if (report.verdict === "error") return EXIT.couldNotCheck;
  if (report.verdict !== "valid") return EXIT.notValid;
  return requireAccredited && accreditationRefusal(report) ? EXIT.notValid : EXIT.valid;
}

export async function verifyCommand(argv: string[]): Promise<number> {
  // Known before parsing, so even a malformed command line answers in JSON when asked to.
  const json = argv.includes("--json");
  const fail = (report: Report, code: number, usage = false) => {
    if (json) console.log(reportJson(report));
    else console.error(usage ? `${report.steps[0]?.message}\n\n${VERIFY_USAGE}` : report.steps[0]?.message);
    return code;
  };
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof OPTIONS }>>;
  let trust: TrustedRegistry[];
  let timeoutMs: number | undefined;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
    trust = (parsed.values.trust ?? []).map(parseTrust);
    timeoutMs = parseTimeout(parsed.values.timeout);
  } catch (error) {
    return fail(errorReport(`Usage: ${(error as Error).message}`), EXIT.usage, true);
  }
  if (parsed.values.help) {
    console.log(VERIFY_USAGE);
    return EXIT.valid;
  }
  const [, target, ...extra] = parsed.positionals;
  if (!target || extra.length > 0) return fail(errorReport("Usage: give exactly one badge to verify."), EXIT.usage, true);

  const requireAccredited = Boolean(parsed.values["require-accredited"]);
  let report: Report;
  try {
    const input = readInput(target);
    const rpcUrl = parsed.values.rpc || process.env.CHANCERY_RPC_URL || undefined;
    const options: HardenedOptions = {
      rpcUrl,
      rpcUrls: rpcUrl ? undefined : { 31337: "http://127.0.0.1:8545" },
      trust: trust.length > 0 ? trust : undefined,
      timeoutMs,
      allowPrivateHosts: Boolean(parsed.values["allow-private-hosts"]),
      resolveHost,
    };
    report = await verifyWithin(input, options, timeoutMs ?? DEFAULT_TIMEOUT_MS);
  } catch (error) {
    // Anything at all — an unreadable file, a stack overflow on a deeply nested document — is a
    // report that says the check could not run, never a stack trace instead of a verdict.
    const message = error instanceof Error ? error.message : String(error);
    report = errorReport(`The badge could not be checked: ${message}`);
  }
  const code = exitCodeOf(report, requireAccredited);
  if (json) console.log(reportJson(report));
  else printHuman(report, requireAccredited && report.verdict === "valid" ? accreditationRefusal(report) : undefined);
  return code;
}
