/** The totals `sourcelens scan` prints on standard error when it is done. */
import type { PageReport } from '../lib/types';
import { formatDuration } from './progress';

export class Summary {
  pages = 0;
  citations = 0;
  resolved = 0;
  unresolved = 0;
  duplicates = 0;
  warnings = new Map<string, number>();
  failures: string[] = [];
  /** Inputs not scanned because --out already has their reports. */
  skipped = 0;
  /** Archive response records that are not pages. */
  otherResponses = 0;

  add(report: PageReport): void {
    this.pages++;
    this.citations += report.stats.citations;
    this.resolved += report.stats.resolved;
    this.unresolved += report.stats.unresolved;
    this.duplicates += report.duplicates.length;
    for (const w of report.warnings) this.warnings.set(w.code, (this.warnings.get(w.code) ?? 0) + 1);
  }

  fail(name: string): void {
    this.failures.push(name);
  }

  format(run: { elapsed: number; workers: number; mode: 'threads' | 'main thread' }): string {
    const rows: Array<[string, string]> = [];
    const pct = this.citations > 0 ? ` (${((100 * this.resolved) / this.citations).toFixed(1)}%)` : '';
    rows.push(['pages', String(this.pages)]);
    if (this.skipped) rows.push(['skipped', `${this.skipped} (already in the output file)`]);
    rows.push(['failures', String(this.failures.length)]);
    rows.push(['citations', String(this.citations)]);
    rows.push(['resolved', `${this.resolved}${pct}`]);
    rows.push(['unresolved', String(this.unresolved)]);
    rows.push(['duplicates', String(this.duplicates)]);
    const warningTotal = [...this.warnings.values()].reduce((a, b) => a + b, 0);
    rows.push(['warnings', String(warningTotal)]);
    for (const [code, n] of [...this.warnings].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) rows.push([`  ${code}`, String(n)]);
    if (this.otherResponses) rows.push(['other records', `${this.otherResponses} archived responses that are not 200 HTML pages`]);
    rows.push(['elapsed', formatDuration(run.elapsed)]);
    rows.push(['pages/s', run.elapsed > 0 ? (this.pages / run.elapsed).toFixed(1) : '-']);
    rows.push(['workers', run.mode === 'threads' ? `${run.workers} threads` : '1 (main thread)']);
    const width = Math.max(...rows.map(([k]) => k.length));
    const lines = ['summary:', ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)];
    if (this.failures.length) {
      const shown = this.failures.slice(0, 10);
      lines.push('failed:', ...shown.map((f) => `  ${f}`));
      if (this.failures.length > shown.length) lines.push(`  … and ${this.failures.length - shown.length} more (named above)`);
    }
    return `${lines.join('\n')}\n`;
  }
}
