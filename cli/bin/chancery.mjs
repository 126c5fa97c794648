#!/usr/bin/env node
// Entry of the `chancery` command: runs the TypeScript CLI with Node's type stripping (Node ≥ 22.18).
import { lastResort, main } from "../src/main.ts";

const argv = process.argv.slice(2);
let settled = false;
const finish = (code) => {
  if (settled) return;
  settled = true;
  process.exitCode = code;
  // A socket the verifier gave up on (a trickling host, a dead RPC) must not keep the command alive.
  setTimeout(() => process.exit(code), 250).unref();
};
// Errors raised outside the awaited chain (an emitter's "error", a rejected promise nobody awaits)
// still end in a report; one after the report is out changes nothing.
const escaped = (error) => {
  if (settled) return;
  settled = true;
  process.exit(lastResort(argv, error));
};
process.on("uncaughtException", escaped);
process.on("unhandledRejection", escaped);
finish(await main(argv).catch((error) => lastResort(argv, error)));
