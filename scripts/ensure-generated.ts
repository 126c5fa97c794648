// Runs before every command that imports the sdk (npm `pre…` scripts): regenerates the typed ABI and
// the addresses modules when they are missing or older than the contracts or the deployments, so each
// README command works on a fresh clone by itself. Cheap when nothing changed (no compile).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { DEPLOYMENTS_DIR, GENERATED_DIR, ROOT } from "./lib/deployments.ts";

/** Newest modification time under `path` (0 when it does not exist). */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const outputs = ["abi.ts", "deployments.ts"].map((file) => join(GENERATED_DIR, file));
const oldestOutput = Math.min(...outputs.map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0)));
const newestInput = Math.max(newest(join(ROOT, "contracts")), newest(DEPLOYMENTS_DIR));
if (oldestOutput === 0 || newestInput > oldestOutput) {
  const result = spawnSync(process.execPath, [join(ROOT, "scripts", "export-deployments.ts")], { cwd: ROOT, stdio: ["ignore", 2, 2] }); // stdout stays clean for `chancery … --json`
  process.exit(result.status ?? 1);
}
