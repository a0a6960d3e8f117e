// A one-line progress bar on stderr for long runs. It only draws on a terminal, redraws at most
// ten times a second (drawing per file would cost more than small pages take to analyse), and
// steps aside whenever a report line is printed to the same terminal.
export class Progress {
  private done = 0;
  private chars = 0;
  private drawnAt = 0;
  private visible = false;
  private readonly started = Date.now();

  constructor(private readonly total: number, private readonly stream: NodeJS.WriteStream, private readonly enabled: boolean) {}

  tick(chars: number): void {
    this.done++;
    this.chars += chars;
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.drawnAt < 100 && this.done < this.total) return;
    this.drawnAt = now;
    this.draw();
  }

  /** Erases the bar (before printing a report line, and at the end). */
  clear(): void {
    if (!this.visible) return;
    this.stream.write('\r\x1b[2K');
    this.visible = false;
  }

  private draw(): void {
    const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - 50));
    const share = this.total ? this.done / this.total : 1;
    const filled = Math.round(share * width);
    const seconds = Math.max(0.001, (Date.now() - this.started) / 1000);
    const rate = this.chars / seconds;
    const eta = this.done ? ((this.total - this.done) * seconds) / this.done : 0;
    const line = `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${this.done}/${this.total}  ${formatRate(rate)}  ${this.done < this.total ? `${Math.ceil(eta)}s` : ''}`;
    this.stream.write(`\r\x1b[2K${line}`);
    this.visible = true;
  }
}

function formatRate(charsPerSecond: number): string {
  if (charsPerSecond >= 1e6) return `${(charsPerSecond / 1e6).toFixed(1)}M chars/s`;
  if (charsPerSecond >= 1e3) return `${(charsPerSecond / 1e3).toFixed(0)}k chars/s`;
  return `${charsPerSecond.toFixed(0)} chars/s`;
}
