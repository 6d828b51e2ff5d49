/**
 * The report on its way from the background to the content script that asked for it, and back
 * in one piece there. The content script already holds what it sent; the report only adds what
 * resolution found. So on the wire:
 *
 * - each citation is its id plus its resolution (`source`, `sources`, `unresolved`): its marker,
 *   key, parts, sentence and paragraph stay with the content script, which sent them;
 * - each citation names its sources by id only (`{ id }` stubs; every one of them is in
 *   `report.sources`).
 *
 * A page citing a few sources thousands of times then costs one copy of each in the message and
 * in the page, and the page's main thread takes the report in quickly.
 */
import type { CitationData, PageReport, ReportCitation, SourceInfo } from './types';

export type WireCitation = Pick<ReportCitation, 'id' | 'source' | 'sources' | 'unresolved'>;
export interface WireReport extends Omit<PageReport, 'citations'> {
  citations: WireCitation[];
}

/** The background's side. */
export function forTransfer(report: PageReport): WireReport {
  const listed = new Set(report.sources.map((s) => s.source.id));
  const stub = (s: SourceInfo | null): SourceInfo | null => (s && listed.has(s.id) ? ({ id: s.id } as SourceInfo) : s);
  return {
    ...report,
    citations: report.citations.map((c) => ({ id: c.id, source: stub(c.source), sources: c.sources.map(stub), unresolved: c.unresolved })),
  };
}

/**
 * The content script's side: the citations it sent (`sent`, by id) joined with their resolution,
 * and the report's source objects in place of the stubs, shared, not copied. A citation of the
 * report that was not sent is left out. Reuses `wire`'s objects.
 */
export function fromTransfer(wire: WireReport, sent: CitationData[]): PageReport {
  const sources = new Map(wire.sources.map((s) => [s.source.id, s.source]));
  const data = new Map(sent.map((c) => [c.id, c]));
  const citations: ReportCitation[] = [];
  for (const c of wire.citations) {
    const d = data.get(c.id);
    if (!d) continue;
    const list = c.sources.map((s) => (s && sources.get(s.id)) || s);
    citations.push({ ...d, source: list[0] ?? c.source, sources: list, unresolved: c.unresolved });
  }
  return { ...wire, citations };
}
