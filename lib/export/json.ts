/**
 * The JSON export: the page report wrapped in a versioned envelope, so a file on its own says
 * what it is, which registry resolved it and when it was taken.
 *
 *   { "schema": "sourcelens.export/1", "registryVersion": "…", "exportedAt": "…Z", "report": {…} }
 *
 * `report` is the page report unchanged (`sourcelens.page-report/1`, validated by
 * PageReportSchema in lib/report-schema.ts).
 */
import type { PageReport } from '../types';

export const EXPORT_SCHEMA = 'sourcelens.export/1';

export interface ReportExport {
  schema: typeof EXPORT_SCHEMA;
  registryVersion: string;
  /** ISO 8601 in UTC, e.g. "2026-11-27T09:30:00.000Z". */
  exportedAt: string;
  report: PageReport;
}

export interface ExportOptions {
  /** The moment of the export (default: now). */
  now?: Date;
}

export function buildExport(report: PageReport, options: ExportOptions = {}): ReportExport {
  return {
    schema: EXPORT_SCHEMA,
    registryVersion: report.registryVersion,
    exportedAt: (options.now ?? new Date()).toISOString(),
    report,
  };
}

/** The export as pretty-printed JSON (two-space indent, trailing newline). */
export function toJson(report: PageReport, options: ExportOptions = {}): string {
  return `${JSON.stringify(buildExport(report, options), null, 2)}\n`;
}
