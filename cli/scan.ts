/**
 * Scanning one page: bytes → text (cli/decode) → DOM (cli/parse) → facts (lib/collect) → report
 * (lib/report), checked against the published schema. Runs in the worker threads and, with a
 * single worker, in the main thread.
 */
import fs from 'node:fs';
import { collectPageFacts } from '../lib/collect';
import { buildReport, type Resolver } from '../lib/report';
import { PageReportSchema } from '../lib/report-schema';
import type { PageReport } from '../lib/types';
import { decodeHtml } from './decode';
import { parseHtml } from './parse';
import { errorMessage, type ScanOutcome, type ScanTask } from './tasks';

export type { ScanOutcome, ScanTask } from './tasks';

export interface PageBytes {
  input: string;
  bytes: Uint8Array;
  /** The page's address (a WARC record's target URI): becomes the report's `url` and the DOM's base. */
  url?: string | null;
  /** HTTP Content-Type, for its charset. */
  contentType?: string | null;
}

/** Reports one page given as bytes; the report is validated against the published schema. */
export async function scanPage(page: PageBytes, resolver: Resolver): Promise<PageReport> {
  const { text } = decodeHtml(page.bytes, page.contentType);
  const base = page.url && isHttpUrl(page.url) ? page.url : undefined;
  const parsed = parseHtml(text, base);
  try {
    const { facts } = collectPageFacts(parsed.document, page.url ? { url: page.url } : {});
    const report = buildReport(facts, resolver, { input: page.input });
    const checked = PageReportSchema.safeParse(report);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new Error(`internal error: report does not match its schema at ${issue.path.join('.')}: ${issue.message}`);
    }
    return report;
  } finally {
    await parsed.close();
  }
}

/** Reports one saved page file (its encoding from a BOM or `<meta charset>`, else UTF-8 / windows-1252). */
export async function scanFile(file: string, resolver: Resolver): Promise<PageReport> {
  return scanPage({ input: file, bytes: fs.readFileSync(file) }, resolver);
}

export async function runTask(task: ScanTask, resolver: Resolver): Promise<ScanOutcome> {
  try {
    let report: PageReport;
    if (task.kind === 'file') report = await scanPage({ input: task.input, bytes: await fs.promises.readFile(task.path) }, resolver);
    else if (task.kind === 'bytes') report = await scanPage({ input: task.input, bytes: task.bytes, url: task.url, contentType: task.contentType }, resolver);
    else return { seq: task.seq, ok: false, error: task.message };
    return { seq: task.seq, ok: true, report };
  } catch (error) {
    return { seq: task.seq, ok: false, error: errorMessage(error) };
  }
}

function isHttpUrl(url: string): boolean {
  if (!/^https?:\/\//i.test(url)) return false;
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}
