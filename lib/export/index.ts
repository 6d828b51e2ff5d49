/**
 * Exports of a page report, as pure functions (no DOM, no browser.*): the UI copies or
 * downloads what these return (components/export), and the CLI or tests can call them in Node.
 */
export { EXPORT_SCHEMA, buildExport, toJson, type ExportOptions, type ReportExport } from './json';
export { CSV_COLUMNS, csvCell, csvRow, toCsv, type CsvColumn } from './csv';
export { cslItem, cslItems, cslType, toCslJson, type CslItem, type CslItemType } from './csl';
export { EXPORT_EXTENSIONS, EXPORT_MIME_TYPES, exportDate, exportFilename, exportHost, type ExportFormat } from './filename';

import type { PageReport } from '../types';
import { toCslJson } from './csl';
import { toCsv } from './csv';
import type { ExportFormat } from './filename';
import { toJson } from './json';

/** The export of `report` in `format`, as text. */
export function exportText(report: PageReport, format: ExportFormat, now: Date = new Date()): string {
  switch (format) {
    case 'json':
      return toJson(report, { now });
    case 'csv':
      return toCsv(report);
    case 'csl':
      return toCslJson(report);
  }
}
