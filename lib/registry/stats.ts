/**
 * Counts over a registry: sources by country, by type and by dataset. `byDataset` counts the
 * sources having at least one fact (or rating) from that dataset.
 */
import type { Registry, Source } from './schema';

export interface RegistryStats {
  sources: number;
  byCountry: Record<string, number>;
  byType: Record<string, number>;
  byDataset: Record<string, number>;
}

export function registryStats(registry: Pick<Registry, 'sources'> & { datasets?: Registry['datasets'] }): RegistryStats {
  const byCountry: Record<string, number> = {};
  const byType: Record<string, number> = {};
  const byDataset: Record<string, number> = {};
  for (const d of registry.datasets ?? []) byDataset[d.id] = 0;
  for (const s of registry.sources) {
    byCountry[s.country] = (byCountry[s.country] ?? 0) + 1;
    byType[s.type] = (byType[s.type] ?? 0) + 1;
    for (const id of datasetsOf(s)) byDataset[id] = (byDataset[id] ?? 0) + 1;
  }
  return { sources: registry.sources.length, byCountry: sortByCount(byCountry), byType: sortByCount(byType), byDataset: sortByCount(byDataset) };
}

/** The datasets a source has facts or ratings from. */
export function datasetsOf(s: Source): Set<string> {
  const ids = new Set<string>();
  for (const id of Object.values(s.provenance)) if (id) ids.add(id);
  for (const r of s.ratings) ids.add(r.dataset);
  return ids;
}

/** The same record, keys ordered by count (descending), then alphabetically. */
function sortByCount(record: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(record).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) out[k] = v;
  return out;
}
