// `chancery` — the command line of Chancery. `chancery verify <file | link | url>` prints each
// verification step in plain words (or the report as JSON) and exits 0 only for a valid badge.
import { existsSync, readFileSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import type { Step, VerificationReport } from "@chancery/sdk/verify";
import { verifyBadge } from "@chancery/sdk/verify";

const USAGE = `Usage:
  chancery verify <file | share link | hosted URL> [--rpc URL] [--json]

  <file>      a baked PNG or SVG badge, an OB 3.0 credential (JSON), or a JWS
  --rpc URL   JSON-RPC endpoint of the badge's chain (default: $CHANCERY_RPC_URL;
              for the local chain 31337, http://127.0.0.1:8545)
  --json      print the whole report as JSON

Exit status: 0 when the verdict is "valid", 1 for any other verdict, 2 for a usage error.

Issuers: chancery issuer register | issuer add-key | class create | issue [--csv FILE] | revoke UID
         (chancery issue --help for the details)`;

const MAX_FILE_BYTES = 20 * 1024 * 1024;
const MARK: Record<Step["status"], string> = { passed: "✓", failed: "✗", warning: "!", skipped: "–" };
const VERDICT_TEXT: Record<VerificationReport["verdict"], string> = {
  valid: "VALID — every check passed",
  invalid: "INVALID — this badge cannot be trusted",
  revoked: "REVOKED by its issuer",
  expired: "EXPIRED",
  "not-yet-valid": "NOT YET VALID",
  "suspended-issuer": "ISSUER SUSPENDED by the registry authority",
  erased: "ERASED — no longer disclosed",
  unanchored: "UNANCHORED — a genuine Open Badge that is not recorded on chain",
  error: "COULD NOT CHECK — see the failed step",
};

const VERIFY_OPTIONS = { rpc: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } } as const;

export async function main(argv: string[]): Promise<number> {
  // The issuer commands live in ./index.ts (loaded only when asked for).
  if (argv[0] && ["issuer", "class", "issue", "revoke"].includes(argv[0])) return (await import("./index.ts")).runIssuerCommand(argv);
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof VERIFY_OPTIONS }>>;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: VERIFY_OPTIONS });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [command, target, ...extra] = parsed.positionals;
  if (parsed.values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (command !== "verify" || !target || extra.length > 0) {
    console.error(`${command !== "verify" ? `Unknown command "${command}".` : "Give one badge to verify."}\n\n${USAGE}`);
    return 2;
  }

  let input: Uint8Array | string = target;
  if (!/^https?:\/\//i.test(target) && existsSync(target)) {
    const size = statSync(target).size;
    if (size > MAX_FILE_BYTES) {
      console.error(`${target} is ${size} bytes; a badge file is at most ${MAX_FILE_BYTES}.`);
      return 1;
    }
    input = new Uint8Array(readFileSync(target));
  } else if (!/^https?:\/\//i.test(target) && !target.trim().startsWith("{")) {
    console.error(`No file ${target} and not a link: give a badge file, a share link or a hosted badge URL.`);
    return 2;
  }

  const rpcUrl = parsed.values.rpc ?? process.env.CHANCERY_RPC_URL;
  const report = await verifyBadge(input, { rpcUrl, rpcUrls: rpcUrl ? undefined : { 31337: "http://127.0.0.1:8545" } });
  if (parsed.values.json) {
    console.log(JSON.stringify(report, (_key, value) => (typeof value === "bigint" ? value.toString() : value), 2));
  } else {
    for (const step of report.steps) console.log(`${MARK[step.status]} ${step.id.padEnd(9)} ${step.message}`);
    if (report.anchor) console.log(`\n  chain ${report.anchor.chainId} · registry ${report.anchor.registry} · badge ${report.anchor.uid}`);
    console.log(`\n${report.verdict}: ${VERDICT_TEXT[report.verdict]}`);
  }
  return report.verdict === "valid" ? 0 : 1;
}
