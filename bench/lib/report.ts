/** Bench results: rows with a value, the baseline measured in the same run, their ratio and a target. */

export interface Row {
  section: string;
  name: string;
  value: number | null;
  unit: string;
  /** What the value is compared with, measured in the same run. */
  baseline?: number | null;
  baselineName?: string;
  /** value / baseline (computed when both are there and not given). */
  ratio?: number | null;
  /** Human-readable target, e.g. "ratio ≤ 2". */
  target?: string;
  pass?: boolean | null;
  note?: string;
}

export class Results {
  readonly rows: Row[] = [];
  readonly notes: string[] = [];
  readonly extra: Record<string, unknown> = {};
  /** Sections that threw: their figures are missing, so the run cannot say "All targets PASS". */
  readonly errors: string[] = [];

  add(row: Row): Row {
    if (row.ratio === undefined) {
      row.ratio = row.value !== null && row.baseline !== undefined && row.baseline !== null && row.baseline > 0 ? row.value / row.baseline : null;
    }
    this.rows.push(row);
    return row;
  }

  note(text: string): void {
    this.notes.push(text);
  }

  /** Records a section that threw (first lines of its stack) as a note and as an error. */
  sectionFailed(section: string, error: unknown): void {
    const text = `${section}: failed: ${String((error as Error)?.stack ?? error).split('\n').slice(0, 3).join(' | ')}`;
    this.errors.push(text);
    this.notes.push(text);
  }

  failed(): Row[] {
    return this.rows.filter((r) => r.pass === false);
  }

  /** The run's last lines and its exit code: a section that threw is never read as a pass. */
  verdict(strict: boolean): { lines: string[]; exitCode: number } {
    const failed = this.failed();
    const lines: string[] = [];
    if (this.errors.length) {
      lines.push(`${this.errors.length} section(s) FAILED TO RUN (exit 1): ${this.errors.map((e) => e.split(':')[0]).join(', ')}`);
    }
    lines.push(
      failed.length
        ? `${failed.length} target(s) FAIL${strict ? ' (--strict: exit 1)' : ' (exit 0; use --strict to fail)'}`
        : this.errors.length
          ? 'No measured target failed'
          : 'All targets PASS',
    );
    return { lines, exitCode: this.errors.length || (strict && failed.length) ? 1 : 0 };
  }

  table(): string {
    const head = ['sec', 'measure', 'value', 'baseline (same run)', 'ratio', 'target', 'result'];
    const order = ['size', 'a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const rank = (r: Row) => (order.includes(r.section) ? order.indexOf(r.section) : order.length);
    const rows = this.rows.map((r, i) => ({ r, i })).sort((x, y) => rank(x.r) - rank(y.r) || x.i - y.i).map((x) => x.r);
    const body = rows.map((r) => [
      r.section,
      r.name,
      r.value === null ? 'n/a' : `${fmt(r.value)} ${r.unit}`.trim(),
      r.baseline === undefined || r.baseline === null ? '' : `${fmt(r.baseline)} ${r.unit}${r.baselineName ? ` (${r.baselineName})` : ''}`,
      r.ratio === null || r.ratio === undefined ? '' : `${fmt(r.ratio)}×`,
      r.target ?? '',
      r.pass === undefined || r.pass === null ? '' : r.pass ? 'PASS' : 'FAIL',
    ]);
    const widths = head.map((h, i) => Math.min(i === 3 ? 44 : 60, Math.max(h.length, ...body.map((b) => b[i].length))));
    const line = (cells: string[]) => cells.map((c, i) => (c.length > widths[i] ? c.slice(0, widths[i] - 1) + '…' : c.padEnd(widths[i]))).join(' │ ');
    return [line(head), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...body.map(line)].join('\n');
  }
}

export function fmt(n: number): string {
  const a = Math.abs(n);
  if (a === 0) return '0';
  if (a >= 1000) return Math.round(n).toLocaleString('en-US');
  if (a >= 100) return n.toFixed(0);
  if (a >= 10) return n.toFixed(1);
  if (a >= 1) return n.toFixed(2);
  if (a >= 0.01) return n.toFixed(3);
  return n.toExponential(2);
}

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const MB = 1024 * 1024;

/** Wall and CPU time (ms) of one call. CPU time (user + system of this process) is much less
 * disturbed by other processes on a shared machine than wall time. */
export function timed<T>(fn: () => T): { value: T; wallMs: number; cpuMs: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, wallMs, cpuMs: (c.user + c.system) / 1000 };
}

/** Runs `fn` `n` times; returns the minimum wall and the median CPU time (ms). */
export function repeat(n: number, fn: () => unknown): { minWallMs: number; medianWallMs: number; medianCpuMs: number; minCpuMs: number } {
  const w: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = timed(fn);
    w.push(t.wallMs);
    c.push(t.cpuMs);
  }
  return { minWallMs: Math.min(...w), medianWallMs: median(w), medianCpuMs: median(c), minCpuMs: Math.min(...c) };
}
