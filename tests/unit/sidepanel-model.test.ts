import { describe, expect, it } from 'vitest';
import {
  NO_FILTERS,
  buildRows,
  filterRows,
  nextSort,
  ratingPosition,
  ratingScore,
  sortRows,
  sourceOptions,
  typeOptions,
} from '../../components/sidepanel/model';
import { mixedReport, seedReport } from '../fixtures/export/reports';

describe('side panel table model', () => {
  const rows = buildRows(mixedReport());

  it('builds one row per citation with its identified sources, each once', () => {
    expect(rows.map((r) => r.id)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(rows[3].sources.map((s) => s.id)).toEqual(['le-monde', 'afp']);
    expect(rows[4].sources).toEqual([]);
    expect(rows[4].unresolved).toBe(true);
    expect(rows[4].unresolvedKeys).toEqual(['=HYPERLINK("http://evil.example/?x=1","Click")']);
  });

  it('filters by unresolved, source and type, together', () => {
    const ids = (f: Partial<typeof NO_FILTERS>) => filterRows(rows, { ...NO_FILTERS, ...f }).map((r) => r.id);
    expect(ids({})).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(ids({ unresolvedOnly: true })).toEqual([4, 6]);
    expect(ids({ source: 'afp' })).toEqual([3]);
    expect(ids({ type: 'newspaper' })).toEqual([3]);
    expect(ids({ type: 'broadcaster', source: 'radio-ennepe-ruhr' })).toEqual([0, 1, 2]);
    expect(ids({ type: 'broadcaster', unresolvedOnly: true })).toEqual([]);
  });

  it('sorts stably with empty values last in both directions', () => {
    const by = (column: Parameters<typeof nextSort>[1], direction: 'ascending' | 'descending') =>
      sortRows(rows, { column, direction }).map((r) => r.id);
    expect(sortRows(rows, null).map((r) => r.id)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // with codes as labels: international < local < national; citations without a source last
    expect(by('scope', 'ascending')).toEqual([5, 0, 1, 2, 3, 4, 6]);
    expect(by('scope', 'descending')).toEqual([3, 0, 1, 2, 5, 4, 6]);
    expect(by('ratings', 'ascending')).toEqual([5, 3, 0, 1, 2, 4, 6]);
    expect(by('ratings', 'descending')).toEqual([3, 5, 0, 1, 2, 4, 6]);
    expect(by('paragraph', 'descending')).toEqual([2, 6, 5, 1, 3, 0, 4]);
  });

  it('flips the direction on the same column and starts ascending on another', () => {
    expect(nextSort(null, 'source')).toEqual({ column: 'source', direction: 'ascending' });
    expect(nextSort({ column: 'source', direction: 'ascending' }, 'source')).toEqual({ column: 'source', direction: 'descending' });
    expect(nextSort({ column: 'source', direction: 'descending' }, 'source')).toEqual({ column: 'source', direction: 'ascending' });
    expect(nextSort({ column: 'source', direction: 'descending' }, 'type')).toEqual({ column: 'type', direction: 'ascending' });
  });

  it('places ratings on one scale only to sort them', () => {
    expect(ratingPosition('wikipedia-perennial', 'gr')).toBe(1);
    expect(ratingPosition('wikipedia-perennial', 'D')).toBe(0);
    expect(ratingPosition('cred-1', 'fake')).toBe(0);
    expect(ratingPosition('lin-2023', 0.42)).toBe(0.42);
    expect(ratingPosition('cite-unseen', 'tabloids')).toBeNull();
    expect(ratingPosition('unknown-system', 3)).toBeNull();
    const lemonde = rows[3].sources[0];
    expect(ratingScore(lemonde)).toBeCloseTo((1 + 0.87) / 2);
    expect(ratingScore(rows[0].sources[0])).toBeNull();
    expect(ratingScore(undefined)).toBeNull();
  });

  it('lists the sources and types to filter by', () => {
    expect(sourceOptions(rows)).toEqual([
      { id: 'radio-ennepe-ruhr', name: 'Radio Ennepe Ruhr', count: 3 },
      { id: 'le-monde', name: 'Le Monde', count: 1 },
      { id: 'afp', name: 'Agence France-Presse', count: 1 },
      { id: 'daily-truth-farm', name: 'Daily Truth Farm', count: 1 },
    ]);
    expect(typeOptions(rows).sort()).toEqual(['broadcaster', 'content-farm', 'news-agency', 'newspaper']);
    expect(typeOptions(buildRows(seedReport()))).toEqual(['broadcaster']);
  });
});
