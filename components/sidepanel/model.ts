/**
 * The side panel's citation table as data: one row per citation, the columns, sorting and
 * filtering. Pure (no DOM, no browser.*); the words shown come from a `Labels` object so the
 * same sort works in any UI language and tests can pass plain codes.
 */
import type { Scope, SourceType } from '../../lib/registry/schema';
import type { PageReport, ReportCitation, SourceInfo } from '../../lib/types';

export const COLUMNS = ['marker', 'context', 'source', 'type', 'scope', 'country', 'ratings', 'paragraph'] as const;
export type Column = (typeof COLUMNS)[number];
export type SortDirection = 'ascending' | 'descending';
export interface SortState {
  column: Column;
  direction: SortDirection;
}

export interface Filters {
  /** Only citations with a part SourceLens could not identify. */
  unresolvedOnly: boolean;
  /** A source id, or '' for all. */
  source: string;
  /** A source type, or '' for all. */
  type: SourceType | '';
}

export const NO_FILTERS: Filters = { unresolvedOnly: false, source: '', type: '' };

export interface CitationRow {
  id: number;
  citation: ReportCitation;
  /** The identified sources of the citation's parts, each once, in order. */
  sources: SourceInfo[];
  /** Keys of the parts that did not resolve. */
  unresolvedKeys: string[];
  unresolved: boolean;
}

export function buildRows(report: PageReport): CitationRow[] {
  return report.citations.map((citation) => {
    const sources: SourceInfo[] = [];
    for (const s of [citation.source, ...citation.sources]) {
      if (s && !sources.some((x) => x.id === s.id)) sources.push(s);
    }
    return {
      id: citation.id,
      citation,
      sources,
      unresolvedKeys: citation.unresolved.map((u) => u.key),
      unresolved: citation.unresolved.length > 0,
    };
  });
}

export function filterRows(rows: CitationRow[], filters: Filters): CitationRow[] {
  return rows.filter(
    (r) =>
      (!filters.unresolvedOnly || r.unresolved) &&
      (!filters.source || r.sources.some((s) => s.id === filters.source)) &&
      (!filters.type || r.sources.some((s) => s.type === filters.type)),
  );
}

export function hasFilters(filters: Filters): boolean {
  return filters.unresolvedOnly || filters.source !== '' || filters.type !== '';
}

/**
 * A rough position of a rating on one 0..1 scale, only to sort the ratings column (never
 * shown): numeric scores as they are, Wikipedia's statuses and CRED-1's categories mapped to
 * 1 (reliable), 0.5 (no consensus, mixed, several entries) or 0 and 0.25 (unreliable ones).
 * Systems without an order (Cite Unseen's categories) are left out.
 */
export function ratingPosition(system: string, value: string | number): number | null {
  if (typeof value === 'number') return system === 'lin-2023' || system === 'cred-1-score' ? value : null;
  const v = value.toLowerCase();
  if (system === 'wikipedia-perennial') {
    return ({ gr: 1, nc: 0.5, m: 0.5, gu: 0.25, d: 0, b: 0 } as Record<string, number>)[v] ?? null;
  }
  if (system === 'cred-1') {
    return ({ reliable: 1, mixed: 0.5, satire: 0.5, unreliable: 0.25, rumor: 0, fake: 0, conspiracy: 0 } as Record<string, number>)[v] ?? null;
  }
  return null;
}

/** The mean position of a source's ratings, or null when it has none that can be ordered. */
export function ratingScore(source: SourceInfo | undefined): number | null {
  if (!source) return null;
  const positions = source.ratings.map((r) => ratingPosition(r.system, r.value)).filter((p): p is number => p !== null);
  return positions.length ? positions.reduce((a, b) => a + b, 0) / positions.length : null;
}

/** Words for codes, in the UI language. */
export interface Labels {
  type: (type: SourceType) => string;
  scope: (scope: Scope) => string;
  country: (code: string) => string;
}

export const CODE_LABELS: Labels = { type: (v) => v, scope: (v) => v, country: (v) => v };

/** The value a column sorts by: text, a number, or null (always sorted last). */
export function sortValue(row: CitationRow, column: Column, labels: Labels): string | number | null {
  const first = row.sources[0];
  switch (column) {
    case 'marker':
      return row.citation.marker;
    case 'context':
      return row.citation.context.trim() || null;
    case 'source':
      return first ? first.name : row.unresolvedKeys[0] ?? null;
    case 'type':
      return first ? labels.type(first.type) : null;
    case 'scope':
      return first ? labels.scope(first.scope) : null;
    case 'country':
      return first?.country ? labels.country(first.country) : null;
    case 'ratings':
      return ratingScore(first);
    case 'paragraph':
      return row.citation.paragraph;
  }
}

/**
 * Rows sorted by a column (stable; ties and the unsorted table keep document order). Empty
 * values go last in both directions, so flipping the direction never buries the data.
 */
export function sortRows(
  rows: CitationRow[],
  sort: SortState | null,
  labels: Labels = CODE_LABELS,
  collator: Intl.Collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' }),
): CitationRow[] {
  const byId = (a: CitationRow, b: CitationRow) => a.id - b.id;
  if (!sort) return [...rows].sort(byId);
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const keyed = rows.map((row) => ({ row, value: sortValue(row, sort.column, labels) }));
  keyed.sort((a, b) => {
    if (a.value === null || b.value === null) {
      if (a.value === b.value) return byId(a.row, b.row);
      return a.value === null ? 1 : -1;
    }
    const order =
      typeof a.value === 'number' && typeof b.value === 'number'
        ? a.value - b.value
        : collator.compare(String(a.value), String(b.value));
    return order !== 0 ? sign * order : byId(a.row, b.row);
  });
  return keyed.map((k) => k.row);
}

/** The next sort after activating a column's header: ascending first, then flipping. */
export function nextSort(current: SortState | null, column: Column): SortState {
  if (current?.column === column) {
    return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  return { column, direction: 'ascending' };
}

/** Sources for the source filter: every identified source with how many citations name it. */
export function sourceOptions(rows: CitationRow[]): Array<{ id: string; name: string; count: number }> {
  const byId = new Map<string, { id: string; name: string; count: number }>();
  for (const r of rows) {
    for (const s of r.sources) {
      const entry = byId.get(s.id) ?? { id: s.id, name: s.name, count: 0 };
      entry.count++;
      byId.set(s.id, entry);
    }
  }
  return [...byId.values()];
}

/** Source types present among the identified sources, for the type filter. */
export function typeOptions(rows: CitationRow[]): SourceType[] {
  const types = new Set<SourceType>();
  for (const r of rows) for (const s of r.sources) types.add(s.type);
  return [...types];
}
