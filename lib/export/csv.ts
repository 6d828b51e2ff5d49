/**
 * The CSV export: one row per citation (RFC 4180: comma-separated, CRLF line ends, fields with
 * a comma, quote, CR or LF in double quotes, quotes doubled), with a header row.
 *
 * The first 17 columns are those of the command line's `--format csv` (cli/format.ts), in the
 * same order, so files from both can be concatenated; three more follow.
 *
 * Formula injection: a cell that begins with = + - @ TAB or CR would be run as a formula by a
 * spreadsheet (page text is untrusted: a page can write `[=HYPERLINK(…)]`). Such a cell gets a
 * leading apostrophe, which spreadsheets show as text and treat as a text marker.
 */
import type { PageReport, ReportCitation, SourceInfo } from '../types';

export const CSV_COLUMNS = [
  'input',
  'url',
  'lang',
  'citation',
  'marker',
  'key',
  'kind',
  'paragraph',
  'context',
  'source_id',
  'source_name',
  'type',
  'scope',
  'ownership',
  'country',
  'languages',
  'unresolved_reason',
  /** Every part's source id, space-separated (the `source_*` columns describe the first). */
  'source_ids',
  /** The keys of the parts that did not resolve, space-separated. */
  'unresolved_keys',
  /** The first source's ratings: "system=value", separated by "; ". */
  'ratings',
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number];

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field: formula-safe, quoted when RFC 4180 requires it. */
export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function ratingsCell(source: SourceInfo | null): string {
  return source ? source.ratings.map((r) => `${r.system}=${r.value}`).join('; ') : '';
}

/** The values of one citation's row, in CSV_COLUMNS order (raw, not yet escaped). */
export function csvRow(report: PageReport, c: ReportCitation): Array<string | number | null> {
  const s = c.source;
  return [
    report.input,
    report.url,
    report.lang,
    c.id,
    c.marker,
    c.key,
    c.kind,
    c.paragraph,
    c.context,
    s?.id ?? null,
    s?.name ?? null,
    s?.type ?? null,
    s?.scope ?? null,
    s?.ownership ?? null,
    s?.country ?? null,
    s ? s.languages.join(' ') : null,
    c.unresolved.map((u) => u.reason).join(' '),
    c.sources.filter((x): x is SourceInfo => x !== null).map((x) => x.id).join(' '),
    c.unresolved.map((u) => u.key).join(' '),
    ratingsCell(s),
  ];
}

/** The report's citations as CSV, header first, every record ended by CRLF. */
export function toCsv(report: PageReport): string {
  const lines = [CSV_COLUMNS.map(csvCell).join(',')];
  for (const c of report.citations) lines.push(csvRow(report, c).map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
