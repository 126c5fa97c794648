// The figures of the interoperability test: each independent check × kind of artefact, passed /
// total, then every artefact's answer from every tool, then every URL the tools asked for.
import type { RequestRecord } from "./network.ts";

export type Expectation = "valid" | "tampered" | "expired" | "revoked";
export const EXPECTATIONS: readonly Expectation[] = ["valid", "tampered", "expired", "revoked"];

export type Outcome = {
  check: string;
  artefact: string;
  expected: Expectation;
  /** What the check had to say for a pass. */
  wanted: string;
  got: string;
  detail: string;
  passed: boolean;
};

const pad = (text: string, width: number) => text + " ".repeat(Math.max(0, width - text.length));

/** A Markdown table whose columns line up in plain text too. */
function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0))) ?? [];
  const line = (row: string[]) => `| ${row.map((cell, i) => pad(cell, widths[i] ?? 0)).join(" | ")} |`;
  const [header = [], ...body] = rows;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}

/** `passed / total` of each check for each kind of artefact, and overall. */
export function figures(outcomes: readonly Outcome[], checks: readonly string[]): string {
  const cell = (list: readonly Outcome[]) => (list.length ? `${list.filter((o) => o.passed).length} / ${list.length}` : "—");
  const rows = [["check", ...EXPECTATIONS, "all"]];
  for (const check of checks) {
    const mine = outcomes.filter((o) => o.check === check);
    rows.push([check, ...EXPECTATIONS.map((e) => cell(mine.filter((o) => o.expected === e))), cell(mine)]);
  }
  return table(rows);
}

export function report(options: {
  title: string;
  outcomes: readonly Outcome[];
  checks: readonly string[];
  requests: readonly RequestRecord[];
  notes: readonly string[];
}): string {
  const lines = [`# ${options.title}`, "", figures(options.outcomes, options.checks), ""];
  lines.push("## Notes", ...options.notes.map((n) => `- ${n}`), "");
  lines.push("## Each artefact, each check (wanted → got)");
  for (const o of options.outcomes) {
    lines.push(
      `- ${o.passed ? "PASS" : "FAIL"} ${o.check} · ${o.artefact} (${o.expected}): wanted ${o.wanted}, got ${o.got} — ${o.detail}`,
    );
  }
  lines.push("", `## Every URL the tools asked for (${options.requests.length} requests)`);
  const counted = new Map<string, number>();
  for (const r of options.requests) {
    const key = `${r.tool} · ${r.method} ${r.url} → ${r.served}${r.status === undefined ? "" : ` ${r.status}`}`;
    counted.set(key, (counted.get(key) ?? 0) + 1);
  }
  for (const [key, count] of counted) lines.push(`- ${key}${count > 1 ? ` (×${count})` : ""}`);
  return `${lines.join("\n")}\n`;
}
