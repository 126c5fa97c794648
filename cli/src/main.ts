// `chancery` — the command line of Chancery. `chancery verify <file | link | url>` prints each
// verification step in plain words (or the report as JSON) and exits 0 only for a valid badge;
// the issuer commands live in ./index.ts (loaded only when asked for).
import { EXIT, errorReport, reportJson, VERIFY_USAGE, verifyCommand } from "./verify.ts";

const USAGE = `${VERIFY_USAGE}

Issuers: chancery issuer register | issuer add-key | class create | issue [--csv FILE] | revoke UID
         (chancery issue --help for the details)
Lists:   chancery list badges (--issuer ID | --recipient 0x… | --class ID | --batch 0x…) [--indexer URL]
         | list revocations --issuer ID | list issuers`;

export async function main(argv: string[]): Promise<number> {
  if (argv[0] && ["issuer", "class", "issue", "revoke", "list"].includes(argv[0]))
    return (await import("./index.ts")).runIssuerCommand(argv);
  const [command] = argv.filter((a) => !a.startsWith("-"));
  if (command === "verify") {
    try {
      return await verifyCommand(argv);
    } catch (error) {
      // verifyCommand reports its own failures; this is the last line against a bug of ours.
      return lastResort(argv, error);
    }
  }
  if (!command && (argv.includes("--help") || argv.includes("-h"))) {
    console.log(USAGE);
    return EXIT.valid;
  }
  const message = command ? `Unknown command "${command}".` : "Give a command: chancery verify <badge>.";
  if (argv.includes("--json")) console.log(reportJson(errorReport(`Usage: ${message}`)));
  else console.error(`${message}\n\n${USAGE}`);
  return EXIT.usage;
}

/** Whatever escaped: with --json still a report (verdict "error", exit 2), never only a stack trace. */
export function lastResort(argv: string[], error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  if (argv[0] === "verify" || argv.includes("verify")) {
    if (argv.includes("--json")) console.log(reportJson(errorReport(`The verifier stopped unexpectedly: ${message}`)));
    else console.error(`error: COULD NOT CHECK — the verifier stopped unexpectedly: ${message}`);
    return EXIT.couldNotCheck;
  }
  console.error(`chancery failed: ${message}`);
  return 1;
}
