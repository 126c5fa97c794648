// What a step must carry for an app to say it in another language: a code of STEP_CODES (not
// "run.uncoded") and exactly the params that code lists, each a value of its kind.
import { STEP_CODES, type StepCode, TERMS } from "../src/verify/codes.ts";
import type { Step } from "../src/verify/types.ts";

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function valueProblem(kind: string, value: unknown): string | undefined {
  if (kind === "number" || kind === "duration") return typeof value === "number" && Number.isFinite(value) ? undefined : "not a number";
  if (typeof value !== "string") return "not a string";
  if (kind === "date") return ISO_INSTANT.test(value) ? undefined : "not an ISO 8601 instant";
  if (kind === "reason?") return (TERMS.reason as readonly string[]).includes(value) ? undefined : "not a revocation reason";
  const term = /^terms?:(\w+)$/.exec(kind)?.[1] as keyof typeof TERMS | undefined;
  if (term) {
    const words = kind.startsWith("terms:") ? value.split(",") : [value];
    const known = TERMS[term] as readonly string[];
    // A document named by a caller outside the verifier (proofs/jws.ts) only reaches English details.
    if (term === "document") return undefined;
    return words.every((word) => known.includes(word)) ? undefined : `not a word of TERMS.${term}`;
  }
  return undefined;
}

/** What is wrong with a step's code and params ([] when nothing). */
export function stepProblems(step: Step): string[] {
  const where = `${step.id} "${step.message.slice(0, 80)}"`;
  if (!Object.hasOwn(STEP_CODES, step.code)) return [`${where}: unknown code ${JSON.stringify(step.code)}`];
  if (step.code === "run.uncoded") return [`${where}: recorded without a code (run.uncoded)`];
  const kinds: Record<string, string> = STEP_CODES[step.code as StepCode];
  const problems: string[] = [];
  for (const [name, value] of Object.entries(step.params ?? {})) {
    const kind = kinds[name];
    if (!kind) problems.push(`${where}: param ${name} is not one ${step.code} lists`);
    else {
      const problem = valueProblem(kind, value);
      if (problem) problems.push(`${where}: param ${name} (${kind}) is ${problem}: ${JSON.stringify(value)}`);
    }
  }
  for (const [name, kind] of Object.entries(kinds))
    if (!kind.endsWith("?") && !(name in (step.params ?? {}))) problems.push(`${where}: ${step.code} lacks param ${name}`);
  return problems;
}
