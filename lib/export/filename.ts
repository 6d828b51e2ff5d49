/** File names for exports: `sourcelens-<host>-<YYYY-MM-DD>.<ext>`. */
import type { PageReport } from '../types';

export type ExportFormat = 'json' | 'csv' | 'csl';

export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = {
  json: 'json',
  csv: 'csv',
  csl: 'csl.json',
};

export const EXPORT_MIME_TYPES: Record<ExportFormat, string> = {
  json: 'application/json',
  csv: 'text/csv;charset=utf-8',
  csl: 'application/vnd.citationstyles.csl+json',
};

/** The page's host without "www.", made safe for a file name; "page" when there is none. */
export function exportHost(url: string | null): string {
  let host = '';
  if (url) {
    try {
      host = new URL(url).hostname.replace(/^www\./, '');
    } catch {
      host = '';
    }
  }
  const safe = host
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[.-]+|[.-]+$/g, '')
    .slice(0, 80);
  return safe || 'page';
}

/** The local calendar date of `now`, YYYY-MM-DD. */
export function exportDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function exportFilename(report: Pick<PageReport, 'url'>, format: ExportFormat, now: Date = new Date()): string {
  return `sourcelens-${exportHost(report.url)}-${exportDate(now)}.${EXPORT_EXTENSIONS[format]}`;
}
