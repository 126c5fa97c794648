#!/usr/bin/env node
// Entry of the `chancery` command: runs the TypeScript CLI with Node's type stripping (Node ≥ 22.18).
import { main } from "../src/main.ts";

process.exitCode = await main(process.argv.slice(2));
