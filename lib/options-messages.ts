/**
 * Messages from the options page to the background, named by direction like lib/messages.ts.
 * The registry (4.5 MB) stays in the background; the options page asks it for what it shows:
 * - `options→background:about`: registry version, counts, datasets and rating systems;
 * - `options→background:search`: bundled sources matching a name or domain (to copy and override);
 * - `options→background:bundled`: which of some ids are bundled sources (to mark overrides).
 *
 * `answerOptionsMessage` is the background's side, pure over a registry index, so it is
 * tested without a browser. Type-only imports of the registry: nothing of it is bundled here.
 */
import type { Dataset, Source } from './registry/schema';
import type { RegistryIndex, RegistryLike } from './registry/index';

export interface OptionsToBackgroundAbout {
  type: 'options→background:about';
}
export interface OptionsToBackgroundSearch {
  type: 'options→background:search';
  /** A name, alias, domain or URL. */
  query: string;
  /** At most this many results (default 8, at most 25). */
  limit?: number;
}
export interface OptionsToBackgroundBundled {
  type: 'options→background:bundled';
  ids: string[];
}
export type OptionsToBackground = OptionsToBackgroundAbout | OptionsToBackgroundSearch | OptionsToBackgroundBundled;

export interface AboutInfo {
  /** The registry's version, e.g. "2026-11-27+5b8c2436". */
  registryVersion: string;
  /** Bundled sources. */
  sources: number;
  /** Domains with ratings but no source entry (the ratings file). */
  ratedDomains: number;
  datasets: Dataset[];
  /** Every rating system used by the registry or the ratings file, sorted. */
  ratingSystems: string[];
}

export interface OptionsToBackgroundReplies {
  'options→background:about': AboutInfo;
  'options→background:search': Source[];
  /** id → name, for the ids that are bundled sources. */
  'options→background:bundled': Record<string, string>;
}

const TYPES: ReadonlySet<string> = new Set<OptionsToBackground['type']>([
  'options→background:about',
  'options→background:search',
  'options→background:bundled',
]);

export function isOptionsMessage(value: unknown): value is OptionsToBackground {
  return typeof value === 'object' && value !== null && TYPES.has((value as { type?: unknown }).type as string);
}

/** What the background knows: the bundled registry (raw, for datasets and counts) and its index. */
export interface OptionsContext {
  registry: RegistryLike;
  /** Domains of the ratings file (its `ratings` object), or null. */
  ratings: { ratings: Record<string, ReadonlyArray<readonly [string, ...unknown[]]>> } | null;
  /** The index over the bundled registry only (not the user's sources). */
  index: RegistryIndex;
}

let aboutCache: { registry: RegistryLike; about: AboutInfo } | null = null;

export function aboutInfo(ctx: OptionsContext): AboutInfo {
  if (aboutCache?.registry === ctx.registry) return aboutCache.about;
  const systems = new Set<string>();
  for (const s of ctx.registry.sources) for (const r of s.ratings) systems.add(r.system);
  const rated = ctx.ratings?.ratings ?? {};
  for (const list of Object.values(rated)) for (const r of list) if (typeof r[0] === 'string') systems.add(r[0]);
  const about: AboutInfo = {
    registryVersion: ctx.registry.version,
    sources: ctx.registry.sources.length,
    ratedDomains: Object.keys(rated).length,
    datasets: ctx.registry.datasets.map((d) => ({ ...d })),
    ratingSystems: [...systems].sort(),
  };
  aboutCache = { registry: ctx.registry, about };
  return about;
}

/** Bundled sources for a query: the domain's owner, exact names and aliases, then close names. */
export function searchBundled(index: RegistryIndex, query: string, limit = 8): Source[] {
  const q = query.trim();
  const n = Math.max(1, Math.min(25, Math.floor(limit)));
  if ([...q].length < 2) return [];
  const out: Source[] = [];
  const seen = new Set<string>();
  const add = (s: Source | null) => {
    if (s && !seen.has(s.id) && out.length < n) {
      seen.add(s.id);
      out.push(s);
    }
  };
  if (/\.[^\s.]{2,}/.test(q) && !/\s/.test(q)) add(index.byDomain(q));
  add(index.get(q));
  for (const s of index.byNameAll(q)) add(s);
  for (const hit of index.suggest(q, n)) add(index.get(hit.id));
  return out;
}

export function answerOptionsMessage(
  message: OptionsToBackground,
  ctx: OptionsContext,
): OptionsToBackgroundReplies[OptionsToBackground['type']] {
  switch (message.type) {
    case 'options→background:about':
      return aboutInfo(ctx);
    case 'options→background:search':
      return typeof message.query === 'string' ? searchBundled(ctx.index, message.query, message.limit ?? 8) : [];
    case 'options→background:bundled': {
      const out: Record<string, string> = {};
      for (const id of Array.isArray(message.ids) ? message.ids : []) {
        const s = typeof id === 'string' ? ctx.index.get(id) : null;
        if (s) out[id] = s.name;
      }
      return out;
    }
  }
}
