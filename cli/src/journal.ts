// The journal of `chancery issue --csv` (the sdk's BulkJournal) in a file beside the CSV: JSON
// lines, appended and fsynced before the engine goes on, so a kill -9 loses at most the line
// being written — which the next run drops, since nothing was done on the strength of it.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, truncateSync, writeSync } from "node:fs";
import type { BulkJournal, BulkJournalEntry } from "@chancery/sdk/bulk";
import { CliError } from "./connect.ts";

export class FileJournal implements BulkJournal {
  readonly path: string;
  private fd: number | undefined;

  constructor(path: string) {
    this.path = path;
  }

  async load(): Promise<BulkJournalEntry[]> {
    if (!existsSync(this.path)) return [];
    const text = readFileSync(this.path, "utf8");
    // A line cut short by a crash (no newline yet) was never acted on: drop it, so appends start clean.
    const complete = text.slice(0, text.lastIndexOf("\n") + 1);
    if (complete.length < text.length) truncateSync(this.path, Buffer.byteLength(complete));
    const entries: BulkJournalEntry[] = [];
    for (const [i, line] of complete.split("\n").entries()) {
      if (!line.trim()) continue;
      try {
        entries.push(JSON.parse(line));
      } catch {
        throw new CliError(
          `The journal ${this.path} is damaged at line ${i + 1}. Move it away to start over (badges already on chain are then issued again under new ids).`,
        );
      }
    }
    return entries;
  }

  async append(...entries: BulkJournalEntry[]): Promise<void> {
    // Opened on the first write: a CSV refused before anything is planned leaves no journal behind.
    this.fd ??= openSync(this.path, "a");
    writeSync(this.fd, entries.map((entry) => `${JSON.stringify(entry)}\n`).join(""));
    fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
