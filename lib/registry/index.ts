/**
 * Lookups over the source registry: by domain (or URL), by name or alias in any script, and
 * did-you-mean suggestions. Built once from a `Registry` (plus, optionally, the ratings of
 * domains the registry has no entry for, and the user's own sources); every lookup after that
 * is a few Map reads. Pure: usable in the extension's background and in Node.
 */
import type { Dataset, Rating, Source } from './schema';
import type { FactOrigin, SourceInfo } from '../types';
import { expandRatingsFile, type RatingsFile, type RatingsMap } from './ratings';
import {
  hostChain,
  hostToAscii,
  hostToUnicode,
  looksLikeDomain,
  nameKey,
  nameKeys,
  registrableDomain,
  splitHostPath,
  unwrapArchiveUrl,
} from './normalize';
import { getDomainWithoutSuffix } from 'tldts';

/** Registry-shaped input: the generated JSON, or a parsed `Registry`. */
export interface RegistryLike {
  version: string;
  datasets: readonly Dataset[];
  sources: readonly Source[];
}

/** A user source may leave out what the schema defaults. */
export type UserSource = Omit<Source, 'aliases' | 'domains' | 'ratings'> &
  Partial<Pick<Source, 'aliases' | 'domains' | 'ratings'>>;

export interface RegistryIndexOptions {
  /** Ratings of domains without a source entry: the generated ratings file, or a ready map. */
  ratings?: RatingsFile | RatingsMap | null;
  /** The user's own sources: they replace bundled ones with the same id and take over their domains. */
  userSources?: readonly UserSource[] | null;
}

export interface Suggestion {
  id: string;
  name: string;
}

export type InfoRating = SourceInfo['ratings'][number];

/** The dataset id facts of user sources are credited to. */
export const USER_DATASET = 'user';

interface NameHit {
  source: Source;
  /** Matched the name rather than an alias. */
  primary: boolean;
}

interface PathEntry<T> {
  path: string;
  value: T;
}

/** Host → value, with path-scoped entries ("theguardian.com/commentisfree") per host. */
class DomainMap<T> {
  private readonly hosts = new Map<string, T>();
  private readonly paths = new Map<string, PathEntry<T>[]>();

  /** Adds a domain unless it is taken (first wins) or `override` is set. */
  set(domain: string, value: T, override = false): void {
    const hp = splitHostPath(domain);
    if (!hp) return;
    const hosts = new Set([hp.host, hostToAscii(hp.host), hostToUnicode(hp.host)]);
    for (const host of hosts) {
      if (hp.path) {
        let list = this.paths.get(host);
        if (!list) this.paths.set(host, (list = []));
        const existing = list.findIndex((e) => e.path === hp.path);
        if (existing >= 0) {
          if (override) list[existing] = { path: hp.path, value };
          continue;
        }
        list.push({ path: hp.path, value });
        list.sort((a, b) => b.path.length - a.path.length || (a.path < b.path ? -1 : 1));
      } else if (override || !this.hosts.has(host)) {
        this.hosts.set(host, value);
      }
    }
  }

  /** Path-scoped entries first (longest prefix), then the host, then its parents. */
  get(hostOrUrl: string): T | null {
    const hp = splitHostPath(unwrapArchiveUrl(hostOrUrl));
    if (!hp) return null;
    const chain = hostChain(hp.host);
    if (/[^\x00-\x7f]|xn--/.test(hp.host)) {
      const alt = hp.host.includes('xn--') ? hostToUnicode(hp.host) : hostToAscii(hp.host);
      if (alt !== hp.host) chain.splice(1, 0, ...hostChain(alt));
    }
    for (const host of chain) {
      if (hp.path) {
        const list = this.paths.get(host);
        if (list) {
          for (const e of list) {
            if (hp.path === e.path || hp.path.startsWith(`${e.path}/`)) return e.value;
          }
        }
      }
      const v = this.hosts.get(host);
      if (v !== undefined) return v;
    }
    return null;
  }
}

/** Trigram index for did-you-mean: built on first use. */
class TrigramIndex {
  /** trigram → entry numbers */
  private readonly postings = new Map<string, number[]>();
  private readonly entrySource: number[] = [];
  private readonly entrySize: number[] = [];

  constructor(private readonly sources: readonly Source[]) {
    sources.forEach((s, si) => {
      const keys = new Set<string>();
      for (const text of [s.name, ...s.aliases]) {
        const k = nameKey(text, false);
        if (k) keys.add(k);
      }
      for (const d of s.domains) {
        const label = domainLabel(d);
        if (label) keys.add(label);
      }
      for (const k of keys) {
        const grams = trigrams(k);
        const entry = this.entrySource.length;
        this.entrySource.push(si);
        this.entrySize.push(grams.size);
        for (const g of grams) {
          let list = this.postings.get(g);
          if (!list) this.postings.set(g, (list = []));
          list.push(entry);
        }
      }
    });
  }

  /** Sources whose name, alias or domain label is close to the key, best first. */
  search(key: string, n: number, minScore = 0.34): Array<{ source: Source; score: number }> {
    const grams = trigrams(key);
    if (grams.size === 0) return [];
    const shared = new Map<number, number>();
    for (const g of grams) {
      const list = this.postings.get(g);
      if (!list) continue;
      for (const e of list) shared.set(e, (shared.get(e) ?? 0) + 1);
    }
    const best = new Map<number, number>();
    for (const [e, count] of shared) {
      const score = (2 * count) / (grams.size + this.entrySize[e]);
      if (score < minScore) continue;
      const si = this.entrySource[e];
      if ((best.get(si) ?? 0) < score) best.set(si, score);
    }
    return [...best.entries()]
      .map(([si, score]) => ({ source: this.sources[si], score }))
      .sort((a, b) => b.score - a.score || cmp(a.source.name, b.source.name) || cmp(a.source.id, b.source.id))
      .slice(0, n);
  }
}

function trigrams(key: string): Set<string> {
  const padded = `\u0002${key}\u0003`;
  const out = new Set<string>();
  if (!/[\ud800-\udfff]/.test(padded)) {
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
    return out;
  }
  const chars = [...padded];
  for (let i = 0; i + 3 <= chars.length; i++) out.add(chars.slice(i, i + 3).join(''));
  return out;
}

/** "spiegel.de" → "spiegel", "theguardian.com/commentisfree" → "theguardian". */
function domainLabel(domain: string): string {
  const slash = domain.indexOf('/');
  const host = slash < 0 ? domain : domain.slice(0, slash);
  const label = getDomainWithoutSuffix(host, { allowPrivateDomains: true }) ?? host;
  return nameKey(hostToUnicode(label), false);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function withDefaults(s: UserSource): Source {
  return { ...s, aliases: s.aliases ?? [], domains: s.domains ?? [], ratings: s.ratings ?? [] };
}

export class RegistryIndex {
  readonly version: string;
  readonly datasets: readonly Dataset[];
  private readonly list: Source[];
  private readonly byIdMap = new Map<string, Source>();
  private readonly domains = new DomainMap<Source>();
  private readonly names = new Map<string, NameHit[]>();
  private readonly bareNames = new Map<string, NameHit[]>();
  private readonly user = new Set<Source>();
  private readonly datasetById: Map<string, Dataset>;
  private readonly ratings = new DomainMap<Rating[]>();
  private trigramIndex: TrigramIndex | null = null;

  constructor(registry: RegistryLike, options: RegistryIndexOptions = {}) {
    this.version = registry.version;
    this.datasets = registry.datasets;
    this.datasetById = new Map(registry.datasets.map((d) => [d.id, d]));

    for (const s of registry.sources) this.byIdMap.set(s.id, s);
    const users = (options.userSources ?? []).map(withDefaults);
    for (const s of users) {
      this.byIdMap.set(s.id, s);
      this.user.add(s);
    }
    this.list = [...this.byIdMap.values()];

    for (const s of this.list) {
      if (this.user.has(s)) continue;
      for (const d of s.domains) this.domains.set(d, s);
    }
    for (const s of users) for (const d of s.domains) this.domains.set(d, s, true);

    for (const s of this.list) {
      const seen = new Set<string>();
      const seenBare = new Set<string>();
      [s.name, ...s.aliases].forEach((text, i) => {
        const { key, bare } = nameKeys(text, false);
        if (key && !seen.has(key)) {
          seen.add(key);
          push(this.names, key, { source: s, primary: i === 0 });
        }
        if (bare && !seenBare.has(bare)) {
          seenBare.add(bare);
          push(this.bareNames, bare, { source: s, primary: i === 0 });
        }
      });
    }

    const ratings = options.ratings;
    if (ratings) {
      const map: RatingsMap =
        ratings instanceof Map ? ratings : expandRatingsFile(ratings as RatingsFile, registry.datasets);
      for (const [domain, list] of map) this.ratings.set(domain, list);
    }
  }

  /** Number of sources (bundled and user). */
  get size(): number {
    return this.list.length;
  }

  /** All sources, bundled ones replaced by user ones with the same id. */
  sources(): readonly Source[] {
    return this.list;
  }

  get(id: string): Source | null {
    return this.byIdMap.get(id) ?? null;
  }

  isUserSource(source: Source): boolean {
    return this.user.has(source);
  }

  /**
   * The source that owns a host or URL: path-scoped entries first (longest path prefix), then
   * the full host, then its parent hosts up to the registrable domain. Scheme, "www.", "m.",
   * "amp." and archive.org wrappers are ignored: "https://m.example.de/a/b" finds "example.de".
   */
  byDomain(hostOrUrl: string): Source | null {
    return this.domains.get(hostOrUrl);
  }

  /**
   * The source with this name or alias, in any script and spelling: case, diacritics,
   * punctuation, spaces and labels ("Quelle:", "via", "出典：") do not matter. When several
   * sources share the name, the user's, then curated ones, then those named so (not by alias),
   * then national/international ones win; a tie that remains gives null (see `byNameAll`).
   */
  byName(name: string): Source | null {
    const hits = this.nameHits(name);
    if (hits.length === 0) return null;
    if (hits.length === 1) return hits[0].source;
    const tiers: Array<(h: NameHit) => boolean> = [
      (h) => this.user.has(h.source),
      (h) => h.source.provenance.name === 'curated',
      (h) => h.primary,
      (h) => h.source.scope === 'national' || h.source.scope === 'international',
    ];
    let pool = hits;
    for (const test of tiers) {
      const narrowed = pool.filter(test);
      if (narrowed.length === 1) return narrowed[0].source;
      if (narrowed.length > 1) pool = narrowed;
    }
    return null;
  }

  /** Every source with this name or alias (see `byName`). */
  byNameAll(name: string): Source[] {
    return this.nameHits(name).map((h) => h.source);
  }

  private nameHits(name: string): NameHit[] {
    const { key, bare } = nameKeys(name);
    if (!key) return [];
    const hits = this.names.get(key) ?? this.names.get(bare) ?? this.bareNames.get(bare) ?? [];
    const seen = new Set<Source>();
    return hits.filter((h) => (seen.has(h.source) ? false : (seen.add(h.source), true)));
  }

  /**
   * Did-you-mean: up to `n` sources whose name, alias or domain is close to `key` (trigram
   * similarity over an inverted index, so only entries sharing a trigram are scored).
   */
  suggest(key: string, n = 3): Suggestion[] {
    if (n <= 0) return [];
    this.trigramIndex ??= new TrigramIndex(this.list);
    let q: string;
    if (looksLikeDomain(key)) {
      const hp = splitHostPath(key);
      const reg = hp ? registrableDomain(hp.host) ?? hp.host : key;
      q = nameKey(hostToUnicode(getDomainWithoutSuffix(reg, { allowPrivateDomains: true }) ?? reg));
    } else {
      q = nameKey(key);
    }
    if ([...q].length < 2) return [];
    return this.trigramIndex.search(q, n).map(({ source }) => ({ id: source.id, name: source.name }));
  }

  /** Ratings of a domain the registry has no source for (path-scoped and parent hosts considered). */
  ratingsFor(hostOrUrl: string): InfoRating[] | null {
    const list = this.ratings.get(hostOrUrl);
    return list ? list.map((r) => this.infoRating(r)) : null;
  }

  /** A source as the UI and reports see it: provenance and rating licences expanded. */
  info(source: Source): SourceInfo {
    const user = this.user.has(source);
    const provenance: Partial<Record<string, FactOrigin>> = {};
    for (const [fact, dataset] of Object.entries(source.provenance)) {
      if (dataset) provenance[fact] = this.origin(dataset, user);
    }
    const info: SourceInfo = {
      id: source.id,
      name: source.name,
      aliases: [...source.aliases],
      domains: [...source.domains],
      type: source.type,
      scope: source.scope,
      ownership: source.ownership,
      country: source.country,
      languages: [...source.languages],
      ratings: source.ratings.map((r) => this.infoRating(r)),
      provenance,
    };
    if (source.owner !== undefined) info.owner = source.owner;
    if (source.parent !== undefined) {
      info.parent = source.parent;
      const parent = this.byIdMap.get(source.parent);
      if (parent) info.parentName = parent.name;
    }
    if (source.coverage !== undefined) info.coverage = [...source.coverage];
    if (source.description !== undefined) info.description = source.description;
    if (user) info.user = true;
    return info;
  }

  private origin(dataset: string, user: boolean): FactOrigin {
    const d = this.datasetById.get(dataset);
    if (d) return { dataset, title: d.title, licence: d.licence, date: d.date };
    if (user || dataset === USER_DATASET) return { dataset, title: 'Your own sources', licence: '', date: '' };
    return { dataset, title: dataset, licence: '', date: '' };
  }

  private infoRating(r: Rating): InfoRating {
    return { system: r.system, value: r.value, dataset: r.dataset, date: r.date, licence: this.datasetById.get(r.dataset)?.licence ?? '' };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
