// Every step any test of this workspace makes the verifier record is checked here (vitest setup
// file): it must carry a code of STEP_CODES with exactly that code's params, so the whole
// verification test corpus proves the app can translate what the verifier says.
import { afterEach, expect } from "vitest";
import { StepLog } from "../src/verify/steps.ts";
import { stepProblems } from "./stepCodes.ts";

const problems: string[] = [];
const record = StepLog.prototype.record;

/** A step a test writes into a log itself (a StepLog unit test) is not the verifier speaking. */
function recordedByATest(): boolean {
  const frames = (new Error().stack ?? "").split("\n").slice(1);
  const caller = frames.find((frame) => !/\/src\/verify\/steps\.ts|setup-step-codes\.ts|^Error$/.test(frame));
  return caller !== undefined && /\/sdk\/test\//.test(caller);
}

StepLog.prototype.record = function (this: StepLog, ...args: Parameters<typeof record>) {
  record.apply(this, args);
  const step = this.steps.at(-1);
  if (step && !recordedByATest()) problems.push(...stepProblems(step));
};

afterEach(() => {
  const found = problems.splice(0);
  expect(found, "steps recorded without a proper code (see sdk/src/verify/codes.ts)").toEqual([]);
});
