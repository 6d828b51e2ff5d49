/**
 * "Check selection" (context menu): a selected text, as plain text, through the same checks as
 * a page — citations found (lib/detect/text, no DOM: the MV3 background has none) and resolved,
 * paragraphs split on blank lines and compared for duplicates and translations — into a
 * PageReport the side panel's Editor view shows. The text is never parsed as HTML.
 *
 * The result is kept in storage.session (memory only, gone when the browser closes) under
 * SELECTION_CHECK_KEY, for the side panel to read.
 */
import { detectInText, textParagraphs } from './detect/text';
import { findDuplicates } from './duplicates';
import { buildReport, type Resolver } from './report';
import { MAX_SENT_PARAGRAPHS, type PageFacts, type PageReport } from './types';

/** storage.session key of the last selection check. */
export const SELECTION_CHECK_KEY = 'sourcelens.selectionCheck';

/** Longest selection checked, in characters (the rest is cut off). */
export const MAX_SELECTION_CHARS = 200_000;
const MAX_TEXT_SAMPLE = 6000;

/** What is stored after a check: the report and where the text came from. */
export interface SelectionCheck {
  /** The tab the text was selected in, when known. */
  tabId: number | null;
  /** Page the text was selected on, when known. */
  pageUrl: string | null;
  /** When it was checked (ms since the epoch). */
  checkedAt: number;
  /** True when the selection was longer than MAX_SELECTION_CHARS and cut. */
  truncated: boolean;
  report: PageReport;
}

/** The facts of a plain text, as the content script gathers them from a page. */
export function selectionFacts(text: string, pageUrl: string | null = null): PageFacts {
  const paragraphs = textParagraphs(text.slice(0, MAX_SELECTION_CHARS)).map((p, index) => ({
    index,
    tag: 'p',
    text: p.replace(/\s+/g, ' '),
  }));
  let sample = '';
  for (const p of paragraphs) {
    if (sample.length >= MAX_TEXT_SAMPLE) break;
    sample += (sample ? '\n' : '') + p.text;
  }
  return {
    // No URL: the text's sources are checked, not the page's publisher.
    url: null,
    htmlLang: null,
    title: pageUrl ?? '',
    citations: detectInText(text.slice(0, MAX_SELECTION_CHARS)),
    duplicates: findDuplicates(paragraphs),
    missingMetadata: [],
    textSample: sample.slice(0, MAX_TEXT_SAMPLE),
    paragraphCount: paragraphs.length,
    paragraphs: paragraphs.slice(0, MAX_SENT_PARAGRAPHS),
  };
}

/** Check a selected text against `resolver`: the report the Editor view lists. */
export function checkSelection(
  text: string,
  resolver: Resolver,
  origin: { tabId?: number | null; pageUrl?: string | null; now?: number } = {},
): SelectionCheck {
  const pageUrl = origin.pageUrl ?? null;
  return {
    tabId: origin.tabId ?? null,
    pageUrl,
    checkedAt: origin.now ?? Date.now(),
    truncated: text.length > MAX_SELECTION_CHARS,
    report: buildReport(selectionFacts(text, pageUrl), resolver),
  };
}

/** A stored value that looks like a SelectionCheck (storage is not trusted blindly). */
export function isSelectionCheck(value: unknown): value is SelectionCheck {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<SelectionCheck>;
  return (
    typeof v.checkedAt === 'number' &&
    typeof v.report === 'object' &&
    v.report !== null &&
    Array.isArray(v.report.citations) &&
    Array.isArray(v.report.duplicates)
  );
}
