/**
 * Progress on standard error. On a terminal: one line, redrawn at most 10 times a second
 * (pages done/total, pages per second, time left, failures). Elsewhere (a log file, CI): a plain
 * line every `every` pages and every `intervalMs` (“scanned 50/106 pages (12.3 pages/s, ETA 5s,
 * 0 failed)”). Messages (failures) are written above the bar.
 */

export interface ProgressOptions {
  tty: boolean;
  /** Terminal width, for the bar. */
  columns?: number;
  /** Plain mode: a line every this many pages. */
  every: number;
  /** Plain mode: and at least this often while pages are being scanned. */
  intervalMs: number;
  /** No progress at all (messages are still written). */
  quiet: boolean;
  now?: () => number;
}

const REDRAW_MS = 100;

export class Progress {
  total = 0;
  done = 0;
  failed = 0;
  private startedAt = 0;
  private lastDraw = -Infinity;
  private lastLineAt = 0;
  private lastLineDone = -1;
  private drawn = false;
  private redrawTimer: ReturnType<typeof setTimeout> | null = null;
  private ticker: ReturnType<typeof setInterval> | null = null;
  private readonly now: () => number;

  constructor(
    private readonly write: (s: string) => void,
    private readonly options: ProgressOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
  }

  /** Starts the clock; `total` pages are to be scanned. */
  begin(total: number): void {
    this.total = total;
    this.startedAt = this.lastLineAt = this.now();
    if (this.options.quiet || total === 0) return;
    if (this.options.tty) {
      this.draw();
      // Keeps rate and ETA moving while a slow page holds everything up.
      this.ticker = setInterval(() => this.scheduleDraw(), 1000);
    } else {
      this.ticker = setInterval(() => {
        if (this.now() - this.lastLineAt >= this.options.intervalMs) this.line();
      }, Math.min(1000, this.options.intervalMs));
    }
    this.ticker.unref?.();
  }

  /** One page done (or failed). */
  advance(ok: boolean): void {
    this.done++;
    if (!ok) this.failed++;
    if (this.options.quiet) return;
    if (this.options.tty) this.scheduleDraw();
    else if (this.done % this.options.every === 0 || this.now() - this.lastLineAt >= this.options.intervalMs) this.line();
  }

  /** A message line (say, a failure), kept clear of the bar. */
  log(text: string): void {
    if (this.options.tty && this.drawn) {
      // Clear the bar, write the message; the bar comes back with the next (throttled) draw.
      this.write(`\r\x1b[2K${text}\n`);
      this.drawn = false;
      if (this.ticker) this.scheduleDraw();
    } else {
      this.write(`${text}\n`);
    }
  }

  /** Stops: the bar's final state, or the last plain line. */
  end(): void {
    if (this.ticker) clearInterval(this.ticker);
    if (this.redrawTimer) clearTimeout(this.redrawTimer);
    this.ticker = this.redrawTimer = null;
    if (this.options.quiet || this.total === 0) return;
    if (this.options.tty) {
      this.draw();
      this.write('\n');
      this.drawn = false;
    } else if (this.lastLineDone !== this.done) {
      this.line();
    }
  }

  /** Seconds since begin(). */
  elapsed(): number {
    return (this.now() - this.startedAt) / 1000;
  }

  private rate(): number {
    const s = this.elapsed();
    return s > 0 ? this.done / s : 0;
  }

  private eta(): string {
    const rate = this.rate();
    if (this.done === 0 || rate === 0) return '?';
    return formatDuration((this.total - this.done) / rate);
  }

  private line(): void {
    this.lastLineAt = this.now();
    this.lastLineDone = this.done;
    this.write(`scanned ${this.done}/${this.total} pages (${this.rate().toFixed(1)} pages/s, ETA ${this.eta()}, ${this.failed} failed)\n`);
  }

  private scheduleDraw(): void {
    const wait = this.lastDraw + REDRAW_MS - this.now();
    if (wait <= 0) this.draw();
    else if (!this.redrawTimer) {
      this.redrawTimer = setTimeout(() => {
        this.redrawTimer = null;
        this.draw();
      }, wait);
      this.redrawTimer.unref?.();
    }
  }

  private draw(): void {
    this.lastDraw = this.now();
    this.drawn = true;
    const columns = this.options.columns && this.options.columns > 0 ? this.options.columns : 80;
    const width = Math.max(40, columns - 1);
    const stats = ` ${this.done}/${this.total} pages  ${this.rate().toFixed(1)} pages/s  ETA ${this.eta()}  ${this.failed} failed`;
    const barWidth = Math.max(10, Math.min(30, width - stats.length - 3));
    const filled = this.total > 0 ? Math.round((barWidth * this.done) / this.total) : 0;
    const text = `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]${stats}`;
    this.write(`\r\x1b[2K${text.slice(0, width)}`);
  }
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 10) return `${seconds.toFixed(1)}s`;
  if (seconds < 60) return `${Math.round(seconds)}s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds - m * 60);
  if (m < 60) return `${m}m${String(s).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
