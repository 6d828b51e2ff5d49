/** CSV and table output of page reports. */
import type { PageReport } from '../lib/types';

const CSV_COLUMNS = [
  'input', 'url', 'lang', 'citation', 'marker', 'key', 'kind', 'paragraph', 'context',
  'source_id', 'source_name', 'type', 'scope', 'ownership', 'country', 'languages', 'unresolved_reason',
] as const;

function csvCell(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  // Cells that a spreadsheet would run as a formula are quoted and prefixed.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const CSV_HEADER = `${CSV_COLUMNS.join(',')}\r\n`;

/** A report's CSV rows (one per citation), each ending in CRLF. */
export function csvRows(r: PageReport): string {
  let out = '';
  for (const c of r.citations) {
    const s = c.source;
    out += `${[
      r.input, r.url, r.lang, c.id, c.marker, c.key, c.kind, c.paragraph, c.context,
      s?.id, s?.name, s?.type, s?.scope, s?.ownership, s?.country, s?.languages.join(' '),
      c.unresolved.map((u) => u.reason).join(' '),
    ].map(csvCell).join(',')}\r\n`;
  }
  return out;
}

export function formatCsv(reports: PageReport[]): string {
  return CSV_HEADER + reports.map(csvRows).join('');
}

/** A report as one element of the `--format json` array (JSON.stringify(reports, null, 2)). */
export function jsonArrayElement(r: PageReport): string {
  return `  ${JSON.stringify(r, null, 2).replace(/\n/g, '\n  ')}`;
}

export function formatTable(reports: PageReport[]): string {
  const header = ['page', 'lang', 'citations', 'resolved', 'duplicates', 'warnings'];
  const rows = reports.map((r) => [
    r.input ?? r.url ?? '',
    r.lang ?? '-',
    String(r.stats.citations),
    String(r.stats.resolved),
    String(r.duplicates.length),
    String(r.warnings.length),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  const total = reports.reduce((n, r) => n + r.stats.citations, 0);
  out.push('', `${reports.length} page${reports.length === 1 ? '' : 's'}, ${total} citation${total === 1 ? '' : 's'}`);
  return `${out.join('\n')}\n`;
}
