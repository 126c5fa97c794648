// The recipients CSV of `chancery issue --csv`: RFC 4180 (quoted fields may hold commas, quotes
// and line breaks), a header row naming the columns, every row checked before anything is sent,
// each problem reported with its line number in the file.
import { type Address, getAddress, isAddress } from "viem";
import { normalizeEmail } from "../documents/recipient.ts";
import { ChanceryError } from "../errors.ts";

export const CSV_COLUMNS = ["email", "wallet", "name", "valid_from", "expires", "evidence", "narrative"] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export type CsvRecord = { line: number; fields: string[] };

/** Splits CSV text into records, each with the line number (1-based) where it starts. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let fieldStarted = false;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === "" && !fieldStarted)) records.push({ line: start, fields });
    fields = [];
    field = "";
    fieldStarted = false;
  };
  for (; i < text.length; i++) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === "\n") line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === "") {
      quoted = true;
      fieldStarted = true;
    } else if (c === ",") {
      fields.push(field);
      field = "";
      fieldStarted = true;
    } else if (c === "\r" && text[i + 1] === "\n") {
      // CRLF: the \n that follows ends the record
    } else if (c === "\n" || c === "\r") {
      endRecord();
      line++;
      start = line;
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (quoted) throw new CsvError([{ line: start, message: 'a quoted field is never closed (a missing ").' }]);
  if (field !== "" || fields.length > 0 || fieldStarted) endRecord();
  return records;
}

export type CsvProblem = { line: number; message: string };

/** A recipients CSV that cannot be used as it is: every problem with its line (kind `invalid-input`). */
export class CsvError extends ChanceryError {
  readonly problems: CsvProblem[];
  constructor(problems: CsvProblem[]) {
    super("csv-invalid", problems.map((p) => `line ${p.line}: ${p.message}`).join("\n"), { kind: "invalid-input", details: { problems } });
    this.name = "CsvError";
    this.problems = problems;
  }
}

export type RecipientRow = {
  /** Line of the row in the file (1-based, the header is line 1 when it is the first line). */
  line: number;
  email?: string;
  wallet?: Address;
  name?: string;
  validFrom?: Date;
  expires?: Date;
  evidence?: string;
  narrative?: string;
  /** The row's cells as written, for the journal's check that the file did not change. */
  raw: string;
};

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function parseDate(text: string, endOfDay: boolean): Date | undefined {
  if (DATE_ONLY.test(text)) {
    const date = new Date(`${text}T${endOfDay ? "23:59:59" : "00:00:00"}Z`);
    return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text ? undefined : date;
  }
  if (DATE_TIME.test(text)) {
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}

/**
 * Reads and checks every row. Throws a `CsvError` listing every problem (with line numbers) when
 * any row is wrong: nothing is issued from a file with a single bad row.
 */
export function readRecipients(text: string, options: { now?: Date } = {}): RecipientRow[] {
  const now = options.now ?? new Date();
  const records = parseCsv(text);
  const [header, ...rows] = records;
  if (!header)
    throw new CsvError([
      { line: 1, message: "the file is empty: give a header row (e.g. email,wallet,name,expires) and one row per recipient." },
    ]);
  const problems: CsvProblem[] = [];
  const columns = header.fields.map((f) =>
    f
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, "_"),
  );
  columns.forEach((c, i) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(c))
      problems.push({ line: header.line, message: `unknown column "${header.fields[i]}" (known: ${CSV_COLUMNS.join(", ")}).` });
    if (columns.indexOf(c) !== i) problems.push({ line: header.line, message: `column "${c}" appears twice.` });
  });
  if (!columns.includes("email") && !columns.includes("wallet"))
    problems.push({ line: header.line, message: "the header needs an email or a wallet column." });
  if (problems.length) throw new CsvError(problems);
  if (rows.length === 0) throw new CsvError([{ line: header.line, message: "the file has a header but no recipient rows." }]);

  const out: RecipientRow[] = [];
  const seen = new Map<string, number>();
  for (const record of rows) {
    const line = record.line;
    if (record.fields.length !== columns.length) {
      problems.push({ line, message: `${record.fields.length} fields, but the header names ${columns.length} columns.` });
      continue;
    }
    const cell = (c: CsvColumn) => {
      const i = columns.indexOf(c);
      return (record.fields[i] ?? "").trim();
    };
    const row: RecipientRow = { line, raw: JSON.stringify(record.fields) };
    const rowProblems: string[] = [];
    const email = cell("email");
    if (email) {
      try {
        row.email = normalizeEmail(email);
      } catch {
        rowProblems.push(`"${email}" is not an e-mail address.`);
      }
    }
    const wallet = cell("wallet");
    if (wallet) {
      // All lower-case (or all upper-case) hex carries no checksum; mixed case must be EIP-55.
      if (
        isAddress(wallet, { strict: true }) ||
        (isAddress(wallet, { strict: false }) && wallet.slice(2) === wallet.slice(2).toUpperCase())
      )
        row.wallet = getAddress(wallet);
      else
        rowProblems.push(
          isAddress(wallet, { strict: false })
            ? `wallet ${wallet} has a bad EIP-55 checksum (a typo?).`
            : `"${wallet}" is not a wallet address (0x + 40 hex digits).`,
        );
    }
    if (!email && !wallet) rowProblems.push("no email and no wallet: a badge needs at least one to name its learner.");
    const name = cell("name");
    if (name) row.name = name;
    const validFrom = cell("valid_from");
    if (validFrom) {
      const date = parseDate(validFrom, false);
      if (!date) rowProblems.push(`valid_from "${validFrom}" is not a date (YYYY-MM-DD) or an ISO 8601 date-time with a zone.`);
      else row.validFrom = date;
    }
    const expires = cell("expires");
    if (expires) {
      const date = parseDate(expires, true);
      if (!date) rowProblems.push(`expires "${expires}" is not a date (YYYY-MM-DD) or an ISO 8601 date-time with a zone.`);
      else if (date.getTime() <= now.getTime())
        rowProblems.push(`expires ${expires} is in the past: the registry refuses badges that are already expired.`);
      else if (row.validFrom && date <= row.validFrom) rowProblems.push(`expires ${expires} is not after valid_from ${validFrom}.`);
      else row.expires = date;
    }
    const evidence = cell("evidence");
    if (evidence) {
      try {
        const url = new URL(evidence);
        if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error();
        row.evidence = evidence;
      } catch {
        rowProblems.push(`evidence "${evidence}" is not an http(s) URL.`);
      }
    }
    const narrative = cell("narrative");
    if (narrative) row.narrative = narrative;
    const identity = `${row.email ?? ""}|${row.wallet ?? ""}`;
    if (identity !== "|" && rowProblems.length === 0) {
      const earlier = seen.get(identity);
      if (earlier !== undefined)
        rowProblems.push(
          `the same recipient as line ${earlier} (${[row.email, row.wallet].filter(Boolean).join(", ")}): remove the duplicate.`,
        );
      else seen.set(identity, line);
    }
    for (const message of rowProblems) problems.push({ line, message });
    if (rowProblems.length === 0) out.push(row);
  }
  if (problems.length) throw new CsvError(problems);
  return out;
}

/** One CSV field, quoted when it must be. */
export function csvField(value: unknown): string {
  const text = value === undefined || value === null ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
