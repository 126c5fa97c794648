// A progress bar on stderr: redrawn in place on a terminal, one line per step otherwise (logs, CI).

export class Progress {
  private readonly total: number;
  private readonly label: string;
  private readonly stream: NodeJS.WriteStream;
  private readonly tty: boolean;
  private done = 0;
  private lastPrinted = -1;
  private readonly started = Date.now();

  constructor(label: string, total: number, stream: NodeJS.WriteStream = process.stderr) {
    this.label = label;
    this.total = Math.max(1, total);
    this.stream = stream;
    this.tty = Boolean(stream.isTTY);
  }

  update(done: number, note = ""): void {
    this.done = Math.min(done, this.total);
    const percent = Math.floor((this.done / this.total) * 100);
    if (!this.tty && percent === this.lastPrinted && this.done !== this.total) return;
    // Off a terminal, print every 10 % only.
    if (!this.tty && percent % 10 !== 0 && this.done !== this.total && percent - this.lastPrinted < 10) return;
    this.lastPrinted = percent;
    const width = 30;
    const filled = Math.round((this.done / this.total) * width);
    const bar = `[${"#".repeat(filled)}${"-".repeat(width - filled)}]`;
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    const text = `${this.label.padEnd(9)} ${bar} ${String(this.done).padStart(String(this.total).length)}/${this.total} ${String(percent).padStart(3)} % ${seconds} s${note ? ` · ${note}` : ""}`;
    this.stream.write(this.tty ? `\r\x1b[2K${text}` : `${text}\n`);
  }

  tick(note = ""): void {
    this.update(this.done + 1, note);
  }

  finish(note = ""): void {
    this.update(this.total, note);
    if (this.tty) this.stream.write("\n");
  }
}
