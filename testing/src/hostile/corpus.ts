// The hostile corpus's cases and their judge. A case names what its verdict must NOT be (never
// "valid"), the verdict family it must end in where that is certain, and it is measured: wall time
// against a bound, CPU time (process.cpuUsage around the case) and RSS growth. Input encoders wrap
// a document in every shape a person may hand over (object, JSON text, PNG, SVG, bytes), made with
// the test-side PNG writer and plain SVG text so that the sdk's own bakers cannot refuse them.
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { itxt, makePng, textChunk } from "../png.ts";
import type { World } from "./world.ts";

/** The parts of a verification report the judge reads (the sdk's type, loosely). */
export type Report = {
  verdict: string;
  steps: { id: string; status: string; message: string }[];
  issuer?: { id: number; standing?: string; sameNameAs?: { id: number; name: string } };
  trust?: unknown;
};

export type Expectation = {
  /** The verdicts this case may end in (it is never "valid", whatever this says). Unset: anything but "valid". */
  family?: readonly string[];
  /**
   * For a badge that may honestly be "valid" only with a warning (an impostor by name): a sentence
   * saying why this "valid" is not acceptable, or undefined when it is.
   */
  validOnlyIf?: (report: Report, w: World) => string | undefined;
  /** Paths of the attacker host that must see no request during the case. */
  noRequestsTo?: string[];
  /** A further check: a sentence saying what is wrong, or undefined. */
  check?: (report: Report, w: World) => string | undefined;
};

export type HostileCase = {
  /** The attack class (one `describe` per class). */
  cls: string;
  name: string;
  /** Builds the input from the world (at run time, after beforeAll; not measured). */
  input: (w: World) => unknown | Promise<unknown>;
  /** Verifier options beyond the corpus defaults (trust of the real registry, a public client). */
  options?: (w: World) => Record<string, unknown>;
  expect: Expectation;
  /** The verifier's total budget for this case (default: its own default, 10 s). */
  timeoutMs?: number;
};

export type Outcome = {
  cls: string;
  name: string;
  verdict: string;
  wallMs: number;
  cpuMs: number;
  rssGrowth: number;
  failures: string[];
};

export const DEFAULT_BUDGET_MS = 10_000;
export const CPU_BOUND_MS = 2_000;
/** The wall-time bound of a case: its budget plus 2 s of slack. */
export const wallBoundOf = (c: Pick<HostileCase, "timeoutMs">) => (c.timeoutMs ?? DEFAULT_BUDGET_MS) + 2_000;

/** Judges a finished report against its case: the list of what is wrong (empty when it passes). */
export function judge(c: HostileCase, report: Report | undefined, w: World): string[] {
  if (!report) return ["no report"];
  const failures: string[] = [];
  if (typeof report.verdict !== "string") return [`the report has no verdict (${JSON.stringify(report).slice(0, 120)})`];
  if (report.verdict === "valid") {
    const why = c.expect.validOnlyIf ? c.expect.validOnlyIf(report, w) : "a hostile case is never valid";
    if (why) failures.push(`FALSE VALID (${why})`);
  } else if (c.expect.family && !c.expect.family.includes(report.verdict)) {
    failures.push(`verdict ${report.verdict}, expected one of ${c.expect.family.join(", ")}`);
  }
  const extra = c.expect.check?.(report, w);
  if (extra) failures.push(extra);
  return failures;
}

/** The first failed step's message, for the failure list. */
export const reasonOf = (report: Report | undefined) =>
  report?.steps?.find((s) => s.status === "failed")?.message ?? report?.steps?.find((s) => s.status === "warning")?.message ?? "";

/**
 * Runs one case through `verify` with its wall bound: a verification that outlives the bound is a
 * hang (its host connections are dropped so it cannot leak into the next case); one that throws is
 * a crash. CPU and RSS are process-wide, so cases run one at a time give exact figures.
 */
export async function runCase(
  c: HostileCase,
  w: World,
  verify: (input: unknown, options: Record<string, unknown>) => Promise<Report>,
  baseOptions: Record<string, unknown>,
): Promise<Outcome & { report?: Report }> {
  const input = await c.input(w);
  const options = { ...baseOptions, ...(c.timeoutMs ? { timeoutMs: c.timeoutMs } : {}), ...c.options?.(w) };
  const before = Object.fromEntries((c.expect.noRequestsTo ?? []).map((p) => [p, w.host.requests(p)]));
  const rss0 = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const bound = wallBoundOf(c);
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<"hang">((resolve) => {
    timer = setTimeout(() => resolve("hang"), bound);
  });
  let report: Report | undefined;
  let thrown: unknown;
  let outcome: "hang" | "done" = "done";
  try {
    const result = await Promise.race([verify(input, options).then((r) => ({ r })), hang]);
    if (result === "hang") outcome = "hang";
    else report = result.r;
  } catch (error) {
    thrown = error;
  } finally {
    clearTimeout(timer);
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const rssGrowth = Math.max(0, process.memoryUsage().rss - rss0);
  // A hung verification's connections are cut so that it ends (and frees its memory).
  if (outcome === "hang")
    for (const path of pathsOf(input, options)) {
      w.host.dropConnections(path);
      w.rpc.dropConnections(path);
    }
  const failures: string[] = [];
  let verdict: string;
  if (outcome === "hang") {
    verdict = "HANG";
    failures.push(`HANG: no report within ${bound} ms`);
  } else if (thrown !== undefined) {
    verdict = "CRASH";
    failures.push(`CRASH: verifyBadge threw ${String((thrown as Error)?.message ?? thrown).slice(0, 200)}`);
  } else {
    verdict = report?.verdict ?? "none";
    failures.push(...judge(c, report, w));
    if (wallMs > bound) failures.push(`took ${Math.round(wallMs)} ms (bound ${bound} ms)`);
  }
  if (cpuMs > CPU_BOUND_MS) failures.push(`used ${Math.round(cpuMs)} ms CPU (bound ${CPU_BOUND_MS} ms)`);
  for (const [path, count] of Object.entries(before)) {
    const seen = w.host.requests(path) - count;
    if (seen > 0) failures.push(`the verifier fetched ${path} from the attacker host ${seen} time(s)`);
  }
  return { cls: c.cls, name: c.name, verdict, wallMs, cpuMs, rssGrowth, failures, report };
}

/** The attacker paths a case's input and options name (text of the input, URLs in the options). */
function pathsOf(input: unknown, options: Record<string, unknown>): string[] {
  let text = String(options.rpcUrl ?? "");
  try {
    text += typeof input === "string" ? input : input instanceof Uint8Array ? new TextDecoder().decode(input) : JSON.stringify(input);
  } catch {
    // too deep to serialise: no attacker path to drop
  }
  return [...text.matchAll(/http:\/\/127\.0\.0\.1:\d+(\/[^"'\s<>]*)/g)].map((m) => m[1] ?? "/");
}

const MB = 1024 * 1024;

/** The figures by class: cases, verdict counts, failures, max wall / CPU ms, max RSS growth. */
export function tableOf(outcomes: Outcome[]): string {
  const classes = [...new Set(outcomes.map((o) => o.cls))];
  const rows = classes.map((cls) => {
    const of = outcomes.filter((o) => o.cls === cls);
    const verdicts = new Map<string, number>();
    for (const o of of) verdicts.set(o.verdict, (verdicts.get(o.verdict) ?? 0) + 1);
    return [
      cls,
      String(of.length),
      String(of.filter((o) => o.failures.length).length),
      [...verdicts].map(([v, n]) => `${v} ${n}`).join(", "),
      String(Math.round(Math.max(...of.map((o) => o.wallMs)))),
      String(Math.round(Math.max(...of.map((o) => o.cpuMs)))),
      (Math.max(...of.map((o) => o.rssGrowth)) / MB).toFixed(1),
    ];
  });
  const falseValid = outcomes.filter((o) => o.failures.some((f) => f.startsWith("FALSE VALID"))).length;
  const hangs = outcomes.filter((o) => o.verdict === "HANG").length;
  const crashes = outcomes.filter((o) => o.verdict === "CRASH").length;
  rows.push([
    "TOTAL",
    String(outcomes.length),
    String(outcomes.filter((o) => o.failures.length).length),
    `false valid ${falseValid}, hangs ${hangs}, crashes ${crashes}`,
    String(Math.round(Math.max(0, ...outcomes.map((o) => o.wallMs)))),
    String(Math.round(Math.max(0, ...outcomes.map((o) => o.cpuMs)))),
    (Math.max(0, ...outcomes.map((o) => o.rssGrowth)) / MB).toFixed(1),
  ]);
  const header = ["class", "cases", "failing", "verdicts", "max wall ms", "max CPU ms", "max RSS growth MB"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ");
  return [line(header), widths.map((n) => "-".repeat(n)).join("-|-"), ...rows.map(line)].join("\n");
}

/** The failing cases, by class, with the verdict they got and why they fail. */
export function failuresOf(outcomes: (Outcome & { reason?: string })[]): string {
  return outcomes
    .filter((o) => o.failures.length)
    .map((o) => `[${o.cls}] ${o.name} → ${o.verdict}: ${o.failures.join("; ")}${o.reason ? ` — "${o.reason.slice(0, 160)}"` : ""}`)
    .join("\n");
}

/** Writes the table and the failure list under the OS temp dir and returns the file's path. */
export function writeFigures(name: string, outcomes: (Outcome & { reason?: string })[]): string {
  const file = join(tmpdir(), `${name}.txt`);
  writeFileSync(file, `${tableOf(outcomes)}\n\nFailing cases:\n${failuresOf(outcomes) || "none"}\n`);
  writeFileSync(join(tmpdir(), `${name}.json`), JSON.stringify(outcomes, null, 1));
  return file;
}

// ------------------------------------------------------------------------------ input encoders

/** The shapes a badge document is handed over in. */
export const DOCUMENT_KINDS = ["object", "json", "png", "svg"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

const SVG_NS = "http://www.w3.org/2000/svg";
export const OB3_NS = "https://purl.imsglobal.org/ob/v3p0";
export const OB2_NS = "http://openbadges.org";

const cdata = (text: string) => `<![CDATA[${text.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;

/** An SVG carrying `text` as an OB 3.0 credential (or an OB 2.0 assertion). */
export function svgWith(text: string, kind: "ob3" | "ob2" = "ob3", extra = ""): Uint8Array {
  const element =
    kind === "ob3"
      ? `<openbadges:credential>${cdata(text)}</openbadges:credential>`
      : `<openbadges:assertion>${cdata(text)}</openbadges:assertion>`;
  return new TextEncoder().encode(
    `<svg xmlns="${SVG_NS}" xmlns:openbadges="${kind === "ob3" ? OB3_NS : OB2_NS}" width="10" height="10">${extra}${element}<rect width="10" height="10"/></svg>`,
  );
}

/** An SVG whose OB 2.0 assertion element names a hosted URL (`verify=`). */
export const svgVerifying = (url: string): Uint8Array =>
  new TextEncoder().encode(
    `<svg xmlns="${SVG_NS}" xmlns:openbadges="${OB2_NS}" width="10" height="10"><openbadges:assertion verify="${url.replaceAll("&", "&amp;").replaceAll('"', "&quot;")}"></openbadges:assertion></svg>`,
  );

/** A PNG carrying `text` in an iTXt chunk (`openbadgecredential` for OB 3.0, `openbadges` for OB 2.0). */
export const pngWith = (text: string, keyword = "openbadgecredential"): Uint8Array => makePng({ beforeEnd: [itxt(keyword, text)] });

/** A legacy bake: a tEXt `openbadges` chunk holding a hosted URL. */
export const pngLegacyUrl = (url: string): Uint8Array => makePng({ beforeEnd: [textChunk("openbadges", url)] });

/** `doc` (an object, or JSON text already hostile) in the given shape. */
export function encode(kind: DocumentKind, doc: unknown): unknown {
  const text = typeof doc === "string" ? doc : JSON.stringify(doc);
  switch (kind) {
    case "object":
      return typeof doc === "string" ? JSON.parse(doc) : structuredClone(doc);
    case "json":
      return text;
    case "png":
      return pngWith(text, isOb2(doc) ? "openbadges" : "openbadgecredential");
    case "svg":
      return svgWith(text, isOb2(doc) ? "ob2" : "ob3");
  }
}

function isOb2(doc: unknown): boolean {
  const text = typeof doc === "string" ? doc : JSON.stringify(doc);
  return text.includes('"Assertion"');
}

/** Kinds in which a JSON text survives byte for byte (duplicate keys, an own __proto__). */
export const TEXT_KINDS = ["json", "bytes", "png", "svg"] as const;
export type TextKind = (typeof TEXT_KINDS)[number];

export function encodeText(kind: TextKind, text: string): unknown {
  switch (kind) {
    case "json":
      return text;
    case "bytes":
      return new TextEncoder().encode(text);
    case "png":
      return pngWith(text);
    case "svg":
      return svgWith(text);
  }
}
