/**
 * Merges the claims of all datasets and the curated entries into registry sources.
 *
 * - Claims are grouped by site key (see siteKey); a curated entry groups all its domains' keys.
 * - Every fact is taken from the first claim that states it, in PRECEDENCE order (curated first).
 *   Types: a specific type beats the generic "news publisher" class of fundus and Cite Unseen.
 * - Disagreements (two countries, or two types that are not a refinement of one another) are
 *   recorded as conflicts, whichever side wins.
 * - A site becomes a source only with a type, a country and a language. A country may be derived
 *   from the ccTLD and a language from the country (rules.ts); a section or subdomain without
 *   them takes them from the site it belongs to. Everything else keeps only its ratings, which go
 *   to the ratings file.
 */
import { FACT_KEYS, type Ownership, type Rating, type Scope, type Source, type SourceType } from '../../lib/registry/schema';
import { tldCountry } from '../../lib/registry/cctld';
import { hostChain, hostToAscii, registrableDomain, slugify, nameKey } from '../../lib/registry/normalize';
import { RATING_SYSTEMS } from '../../lib/registry/ratings';
import type { Claim } from './claims';
import { keyHost, keyPath } from './claims';
import type { CuratedEntry } from './curated';
import { COUNTRY_LANGUAGE, DS, NEWS_FORMS, precedence } from './rules';

export interface ConflictClaim {
  dataset: string;
  value: string;
  label?: string;
}

export interface Conflict {
  fact: 'country' | 'type';
  /** The source's id, or null when the site did not become a source. */
  id: string | null;
  name: string;
  keys: string[];
  claims: ConflictClaim[];
  chosen: string | null;
  rule: string;
  /** For conflicts about one dataset entry naming several sites. */
  group?: string;
}

export interface TldMismatch {
  id: string;
  name: string;
  domain: string;
  country: string;
  countryFrom: string;
  tldCountry: string;
}

export interface MergeResult {
  sources: Source[];
  /** Ratings of site keys that are no source's domain. */
  ratingsOnly: Map<string, Rating[]>;
  conflicts: Conflict[];
  tldMismatches: TldMismatch[];
  notEmitted: { noType: number; noCountry: number; noLanguage: number };
  /** How many sources got a country from their ccTLD, or a language from their country. */
  derived: { country: number; languages: number; inherited: number };
}

interface Draft {
  keys: string[];
  curated: CuratedEntry | null;
  claims: Claim[];
  id?: string;
  name: string;
  aliases: string[];
  type?: SourceType;
  scope?: Scope;
  ownership?: Ownership;
  country?: string;
  languages?: string[];
  owner?: string;
  coverage?: string[];
  parent?: string;
  description?: string;
  ratings: Rating[];
  provenance: Source['provenance'];
  countryDerived?: boolean;
}

function byPrecedence(a: Claim, b: Claim): number {
  return precedence(a.dataset) - precedence(b.dataset);
}

function first<T>(claims: Claim[], pick: (c: Claim) => T | undefined): { value: T; claim: Claim } | null {
  for (const c of claims) {
    const v = pick(c);
    if (v !== undefined && !(Array.isArray(v) && v.length === 0)) return { value: v, claim: c };
  }
  return null;
}

const SYSTEM_ORDER = Object.keys(RATING_SYSTEMS);

/** One rating per system (the newest dataset's, the first key's), Cite Unseen's categories all. */
export function mergeRatings(claims: Claim[], keys: string[], datasetDates: Map<string, string>, given: Rating[] = []): Rating[] {
  const out: Rating[] = [...given];
  const have = new Set(given.map((r) => r.system));
  const keyOrder = (k: string) => {
    const i = keys.indexOf(k);
    return i < 0 ? keys.length : i;
  };
  const candidates: Array<{ r: Rating; key: string; dataset: string }> = [];
  for (const c of claims) for (const r of c.ratings ?? []) candidates.push({ r, key: c.key, dataset: c.dataset });
  candidates.sort(
    (a, b) =>
      (datasetDates.get(b.dataset) ?? '').localeCompare(datasetDates.get(a.dataset) ?? '') ||
      precedence(a.dataset) - precedence(b.dataset) ||
      keyOrder(a.key) - keyOrder(b.key),
  );
  const seen = new Set<string>();
  for (const { r } of candidates) {
    if (have.has(r.system)) continue;
    const id = r.system === 'cite-unseen' ? `${r.system}\u0000${String(r.value)}` : r.system;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ system: r.system, value: r.value, dataset: r.dataset, date: r.date });
  }
  const rank = (s: string) => {
    const i = SYSTEM_ORDER.indexOf(s);
    return i < 0 ? SYSTEM_ORDER.length : i;
  };
  return out.sort((a, b) => rank(a.system) - rank(b.system) || a.system.localeCompare(b.system) || String(a.value).localeCompare(String(b.value)));
}

function resolveType(d: Draft, conflicts: Conflict[]): void {
  const typed = d.claims.filter((c) => c.type);
  const strong = typed.filter((c) => c.type!.strength === 'strong');
  const weak = typed.filter((c) => c.type!.strength === 'weak');
  const list = (cs: Claim[]): ConflictClaim[] => cs.map((c) => ({ dataset: c.dataset, value: c.type!.type, label: c.type!.label }));
  if (d.curated) {
    const t = d.curated.source.type;
    const disagree = strong.filter((c) => c.type!.type !== t);
    const weakDisagree = NEWS_FORMS.has(t) ? [] : weak;
    if (disagree.length + weakDisagree.length > 0) {
      conflicts.push({
        fact: 'type',
        id: d.curated.source.id,
        name: d.name,
        keys: d.keys,
        claims: [{ dataset: DS.curated, value: t }, ...list([...disagree, ...weakDisagree])],
        chosen: t,
        rule: 'curated wins',
      });
    }
    return;
  }
  let chosen: Claim | undefined;
  if (strong.length > 0) chosen = strong[0];
  else if (weak.length > 0) chosen = weak[0];
  if (!chosen) return;
  d.type = chosen.type!.type;
  d.provenance.type = chosen.dataset;
  const strongTypes = new Set(strong.map((c) => c.type!.type));
  const weakClash = strong.length > 0 && weak.length > 0 && !NEWS_FORMS.has(chosen.type!.type);
  if (strongTypes.size > 1 || weakClash) {
    conflicts.push({
      fact: 'type',
      id: null,
      name: d.name,
      keys: d.keys,
      claims: list([...strong, ...(weakClash ? weak : [])]),
      chosen: d.type,
      rule: strongTypes.size > 1 ? 'first specific type by dataset precedence' : 'a specific type beats the generic news class',
    });
  }
}

/** Keys whose dataset entry names sites under ccTLDs of different countries → that entry. */
export type AmbiguousTlds = Map<string, { group: string; claims: ConflictClaim[] }>;

function findAmbiguousTlds(claims: Claim[]): AmbiguousTlds {
  const groups = new Map<string, Set<string>>();
  const datasetOf = new Map<string, string>();
  for (const c of claims) {
    if (!c.group) continue;
    let keys = groups.get(c.group);
    if (!keys) groups.set(c.group, (keys = new Set()));
    keys.add(c.key);
    datasetOf.set(c.group, c.dataset);
  }
  const out: AmbiguousTlds = new Map();
  for (const [group, keys] of groups) {
    const byCountry = new Map<string, string[]>();
    for (const k of [...keys].sort()) {
      const t = tldCountry(keyHost(k));
      if (t) byCountry.set(t, [...(byCountry.get(t) ?? []), k]);
    }
    if (byCountry.size < 2) continue;
    const list = [...byCountry.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([t, ks]) => ({ dataset: DS.rules, value: t, label: `ccTLD of ${ks.join(', ')}; one ${datasetOf.get(group)} entry` }));
    for (const ks of byCountry.values()) for (const k of ks) out.set(k, { group, claims: list });
  }
  return out;
}

function resolveCountry(d: Draft, conflicts: Conflict[], ambiguous: AmbiguousTlds): void {
  const withCountry = d.claims.filter((c) => c.country);
  const values = new Set(withCountry.map((c) => c.country));
  if (d.curated) {
    const t = d.curated.source.country;
    const disagree = withCountry.filter((c) => c.country !== t);
    if (disagree.length > 0) {
      conflicts.push({
        fact: 'country',
        id: d.curated.source.id,
        name: d.name,
        keys: d.keys,
        claims: [{ dataset: DS.curated, value: t }, ...disagree.map((c) => ({ dataset: c.dataset, value: c.country!, label: c.countryLabel }))],
        chosen: t,
        rule: 'curated wins',
      });
    }
    return;
  }
  if (withCountry.length > 0) {
    d.country = withCountry[0].country;
    d.provenance.country = withCountry[0].dataset;
    if (values.size > 1) {
      conflicts.push({
        fact: 'country',
        id: null,
        name: d.name,
        keys: d.keys,
        claims: withCountry.map((c) => ({ dataset: c.dataset, value: c.country!, label: c.countryLabel })),
        chosen: d.country!,
        rule: 'first by dataset precedence',
      });
    }
    return;
  }
  const derived = tldCountry(keyHost(d.keys[0]));
  // Platforms have a domain per market (pinterest.pe): no country from those.
  if (derived && d.type === 'social-media') return;
  const clash = ambiguous.get(d.keys[0]);
  if (derived && clash && d.type) {
    // Reported once per dataset entry, listing the sites that got no country.
    const rule = 'one entry, sites under ccTLDs of several countries: no country derived';
    const existing = conflicts.find((c) => c.group === clash.group);
    if (existing) existing.keys.push(d.keys[0]);
    else conflicts.push({ fact: 'country', id: null, name: d.name, keys: [...d.keys], claims: clash.claims, chosen: null, rule, group: clash.group });
    return;
  }
  if (derived) {
    d.country = derived;
    d.provenance.country = DS.rules;
    d.countryDerived = true;
  }
}

function draftFor(keys: string[], curated: CuratedEntry | null, claims: Claim[], dates: Map<string, string>, conflicts: Conflict[], ambiguous: AmbiguousTlds): Draft {
  claims.sort(byPrecedence);
  if (curated) {
    const s = curated.source;
    const d: Draft = {
      keys,
      curated,
      claims,
      id: s.id,
      name: s.name,
      aliases: [...s.aliases],
      type: s.type,
      scope: s.scope,
      ownership: s.ownership,
      country: s.country,
      languages: [...s.languages],
      owner: s.owner,
      coverage: s.coverage ? [...s.coverage] : undefined,
      parent: s.parent,
      description: s.description,
      ratings: [],
      provenance: { ...s.provenance },
    };
    // Datasets fill only what the curated entry leaves out (and never its lists of names).
    const fill = <K extends 'owner' | 'coverage'>(fact: K, pick: (c: Claim) => Draft[K] | undefined) => {
      if (d[fact] !== undefined) return;
      const f = first(claims, pick);
      if (f) {
        d[fact] = f.value as Draft[K];
        d.provenance[fact] = f.claim.dataset;
      }
    };
    fill('owner', (c) => c.owner);
    fill('coverage', (c) => c.coverage);
    if (d.aliases.length === 0) {
      const f = first(claims, (c) => c.aliases);
      if (f) {
        d.aliases = f.value.filter((a) => nameKey(a) !== nameKey(d.name));
        if (d.aliases.length > 0) d.provenance.aliases = f.claim.dataset;
      }
    }
    resolveType(d, conflicts);
    resolveCountry(d, conflicts, ambiguous);
    d.ratings = mergeRatings(claims, keys, dates, s.ratings);
    return d;
  }
  const d: Draft = { keys, curated: null, claims, name: keys[0], aliases: [], ratings: [], provenance: {} };
  const named = first(claims, (c) => c.name);
  if (named) {
    d.name = named.value;
    d.provenance.name = named.claim.dataset;
    d.aliases = (named.claim.aliases ?? []).filter((a) => nameKey(a) !== nameKey(d.name));
    if (d.aliases.length > 0) d.provenance.aliases = named.claim.dataset;
  } else if (claims.length > 0) {
    d.provenance.name = claims[0].dataset;
  }
  if (claims.length > 0) d.provenance.domains = claims[0].dataset;
  resolveType(d, conflicts);
  resolveCountry(d, conflicts, ambiguous);
  const langs = first(claims, (c) => c.languages);
  if (langs) {
    d.languages = [...new Set(langs.value)];
    d.provenance.languages = langs.claim.languagesFrom ?? langs.claim.dataset;
  } else if (d.country && COUNTRY_LANGUAGE[d.country]) {
    d.languages = [COUNTRY_LANGUAGE[d.country]];
    d.provenance.languages = DS.rules;
  }
  for (const fact of ['scope', 'ownership', 'owner', 'coverage'] as const) {
    const f = first(claims, (c) => c[fact]);
    if (f) {
      (d as unknown as Record<string, unknown>)[fact] = f.value;
      d.provenance[fact] = f.claim.dataset;
    }
  }
  d.ratings = mergeRatings(claims, keys, dates);
  return d;
}

/** Host labels or path segments that suggest an edition in another language ("cnnespanol", "/en"). */
const LANGUAGE_HINT = /(?:^|[^a-z])(?:en|es|de|fr|ar|ru|zh|cn|pt|it|ja|jp|ko|kr|tr|fa|hi|ur|uk|pl|nl)(?:$|[^a-z])|english|espanol|español|mundo|deutsch|francais|français|arab|chinese|russian|hindi|urdu|turk|persian|farsi|portugu|italian|japan|korea/;

function hasLanguageHint(key: string, parentKey: string): boolean {
  const own = key.startsWith(`${parentKey}/`) ? key.slice(parentKey.length + 1) : key.slice(0, Math.max(0, key.length - parentKey.length));
  return own.split(/[./]/).some((part) => LANGUAGE_HINT.test(part));
}

/** Keys this key belongs to: for "a.b.com/x/y": "a.b.com/x", "a.b.com", "b.com". */
function parentKeys(key: string): string[] {
  const host = keyHost(key);
  const segs = keyPath(key).split('/').filter(Boolean);
  const out: string[] = [];
  for (let i = segs.length - 1; i >= 1; i--) out.push(`${host}/${segs.slice(0, i).join('/')}`);
  if (segs.length > 0) out.push(host);
  const chain = hostChain(host);
  const reg = registrableDomain(host);
  for (const h of chain.slice(1)) out.push(h);
  if (reg && !chain.includes(reg)) out.push(reg);
  return out;
}

function slugForKey(key: string): string {
  const host = keyHost(key);
  const path = keyPath(key);
  return slugify(`${hostToAscii(host)}${path ? `-${path}` : ''}`) || 'source';
}

function toSource(d: Draft): Source {
  const s: Source = {
    id: d.id!,
    name: d.name,
    aliases: d.aliases,
    domains: d.curated ? [...d.curated.source.domains] : [...d.keys],
    type: d.type!,
    scope: d.scope ?? 'national',
    ownership: d.ownership ?? 'unknown',
    country: d.country!,
    languages: d.languages!,
    ratings: d.ratings,
    provenance: {},
  };
  if (d.owner !== undefined) s.owner = d.owner;
  if (d.parent !== undefined) s.parent = d.parent;
  if (d.coverage !== undefined) s.coverage = d.coverage;
  if (d.description !== undefined) s.description = d.description;
  for (const fact of FACT_KEYS) {
    const from = d.provenance[fact];
    const v = (s as unknown as Record<string, unknown>)[fact];
    if (from && v !== undefined && !(Array.isArray(v) && v.length === 0)) s.provenance[fact] = from;
  }
  return s;
}

export function merge(claimsIn: Claim[], curated: CuratedEntry[], datasetDates: Map<string, string>): MergeResult {
  const claimsByKey = new Map<string, Claim[]>();
  for (const c of claimsIn) {
    const list = claimsByKey.get(c.key);
    if (list) list.push(c);
    else claimsByKey.set(c.key, [c]);
  }
  const conflicts: Conflict[] = [];
  const ambiguous = findAmbiguousTlds(claimsIn);
  const drafts: Draft[] = [];
  const owned = new Set<string>();
  for (const e of [...curated].sort((a, b) => (a.source.id < b.source.id ? -1 : 1))) {
    const claims = e.keys.flatMap((k) => claimsByKey.get(k) ?? []);
    e.keys.forEach((k) => owned.add(k));
    drafts.push(draftFor(e.keys, e, claims, datasetDates, conflicts, ambiguous));
  }
  for (const key of [...claimsByKey.keys()].sort()) {
    if (owned.has(key)) continue;
    drafts.push(draftFor([key], null, [...claimsByKey.get(key)!], datasetDates, conflicts, ambiguous));
  }

  // Ids: curated ones as given; dataset ones from the key, made unique in key order.
  const taken = new Set(drafts.filter((d) => d.id).map((d) => d.id!));
  for (const d of drafts) {
    if (d.id) continue;
    const base = slugForKey(d.keys[0]);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    d.id = id;
  }

  const complete = (d: Draft) => Boolean(d.type && d.country && d.languages && d.languages.length > 0);
  const byKey = new Map<string, Draft>();
  for (const d of drafts) if (complete(d)) for (const k of d.keys) byKey.set(k, d);

  // Sections and subdomains: take country and languages from the site they belong to.
  let inherited = 0;
  const scoped = drafts.filter((d) => !d.curated && parentKeys(d.keys[0]).length > 0).sort((a, b) => a.keys[0].length - b.keys[0].length || (a.keys[0] < b.keys[0] ? -1 : 1));
  for (const d of scoped) {
    const parent = parentKeys(d.keys[0])
      .map((k) => byKey.get(k))
      .find((p): p is Draft => Boolean(p) && p !== d);
    if (!parent) continue;
    if (!d.parent) {
      d.parent = parent.id;
      d.provenance.parent = DS.rules;
    }
    if (d.name === d.keys[0]) {
      // An unnamed section or subdomain: "The Guardian (commentisfree)".
      const key = d.keys[0];
      const parentKey = parent.keys.find((k) => key.startsWith(`${k}/`) || keyHost(key).endsWith(`.${keyHost(k)}`)) ?? parent.keys[0];
      const part = key.startsWith(`${parentKey}/`) ? key.slice(parentKey.length + 1) : keyHost(key).slice(0, -keyHost(parentKey).length - 1) + (keyPath(key) ? `/${keyPath(key)}` : '');
      d.name = `${parent.name} (${part})`;
      d.provenance.name = DS.rules;
    }
    // An edition in another language ("cnnespanol.cnn.com", "dw.com/es") keeps no facts of its
    // site: it is not an entry, and its URLs resolve to the site.
    const hint = parent.keys.some((k) => hasLanguageHint(d.keys[0], k));
    if (d.type && (!d.country || d.countryDerived) && !complete(d) && !hint) {
      d.country = parent.country;
      d.provenance.country = parent.provenance.country;
      d.countryDerived = false;
      if (!d.languages?.length) {
        d.languages = [...parent.languages!];
        d.provenance.languages = parent.provenance.languages;
      }
      if (complete(d)) {
        inherited++;
        for (const k of d.keys) byKey.set(k, d);
      }
    } else if (d.type && d.country && !d.languages?.length && d.country === parent.country && !hint) {
      d.languages = [...parent.languages!];
      d.provenance.languages = parent.provenance.languages;
      if (complete(d)) {
        inherited++;
        for (const k of d.keys) byKey.set(k, d);
      }
    }
  }

  const sources: Source[] = [];
  const ratingsOnly = new Map<string, Rating[]>();
  const notEmitted = { noType: 0, noCountry: 0, noLanguage: 0 };
  const derived = { country: 0, languages: 0, inherited };
  const sourceKeys = new Set<string>();
  for (const d of drafts) {
    if (complete(d)) {
      const s = toSource(d);
      if (s.provenance.country === DS.rules) derived.country++;
      if (s.provenance.languages === DS.rules) derived.languages++;
      sources.push(s);
      d.keys.forEach((k) => sourceKeys.add(k));
      continue;
    }
    if (!d.type) notEmitted.noType++;
    else if (!d.country) notEmitted.noCountry++;
    else notEmitted.noLanguage++;
  }
  // Conflicts name the source id when the site became one.
  const emittedIds = new Set(sources.map((s) => s.id));
  for (const c of conflicts) {
    if (c.id === null) {
      const d = drafts.find((x) => x.keys[0] === c.keys[0]);
      if (d && emittedIds.has(d.id!)) c.id = d.id!;
    }
  }
  for (const [key, claims] of claimsByKey) {
    if (sourceKeys.has(key)) continue;
    const ratings = mergeRatings(claims, [key], datasetDates);
    if (ratings.length > 0) ratingsOnly.set(key, ratings);
  }

  // Country stated by a dataset but another ccTLD: worth a look.
  const tldMismatches: TldMismatch[] = [];
  for (const s of sources) {
    const from = s.provenance.country;
    if (!from || from === DS.rules) continue;
    for (const dom of s.domains) {
      const t = tldCountry(keyHost(dom));
      if (t && t !== s.country) tldMismatches.push({ id: s.id, name: s.name, domain: dom, country: s.country, countryFrom: from, tldCountry: t });
    }
  }

  sources.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { sources, ratingsOnly, conflicts, tldMismatches, notEmitted, derived };
}
