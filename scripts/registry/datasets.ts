/**
 * The open datasets under /work/shared/data (or SOURCELENS_DATA / --data): their metadata for
 * the registry's datasets table, and one reader per dataset that turns its rows into claims.
 * Facts carry over (names, domains, countries, categories, ratings); free-text summaries never do.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset, Rating } from '../../lib/registry/schema';
import { parseCsvObjects } from './csv';
import { siteKey, type Claim, type Skipped } from './claims';
import { registrableDomain } from '../../lib/registry/normalize';
import {
  CITE_UNSEEN_RSP,
  CITE_UNSEEN_TYPES,
  DS,
  FUNDUS_COUNTRY,
  LOCAL_NEWS_TYPES,
  PLATFORM_DOMAINS,
  RSP_2021_STATUS,
  SPANISH_LANGUAGE_US_TV,
  US_STATES,
} from './rules';

export interface DatasetRead {
  dataset: Dataset;
  claims: Claim[];
  skipped: Skipped[];
}

interface DatasetMeta {
  id: string;
  folder: string;
  title: string;
  licence: string;
  attribution: string;
  shareAlike?: boolean;
  /** The date the facts are as of, when it is not the date of the copied commit. */
  date?: string;
  /** A URL to cite instead of the repository named in SOURCE.txt. */
  url?: string;
  read(dir: string, dataset: Dataset): Omit<DatasetRead, 'dataset'>;
}

/** Reads "source: URL commit HASH (YYYY-MM-DD …)" from a dataset folder's SOURCE.txt. */
export function readSourceTxt(dir: string): { url: string; date: string } {
  const file = join(dir, 'SOURCE.txt');
  const text = readFileSync(file, 'utf8');
  const m = /source:\s*(\S+)\s+commit\s+[0-9a-f]+\s+\((\d{4}-\d{2}-\d{2})/i.exec(text);
  if (!m) throw new Error(`${file}: expected "source: URL commit HASH (YYYY-MM-DD …)"`);
  return { url: m[1], date: m[2] };
}

function need(dir: string, file: string): string {
  const path = join(dir, file);
  if (!existsSync(path)) throw new Error(`dataset file missing: ${path}`);
  return readFileSync(path, 'utf8');
}

function rating(system: string, value: string | number, dataset: Dataset): Rating {
  return { system, value, dataset: dataset.id, date: dataset.date };
}

// ---------------------------------------------------------------------------------------------

const cred1: DatasetMeta = {
  id: DS.cred1,
  folder: 'cred-1',
  title: 'CRED-1: Open Domain Credibility Dataset',
  licence: 'CC BY 4.0',
  attribution:
    'CRED-1 by Alexander Loth (built from OpenSources.co, CC BY 4.0, and the Iffy.news Index, MIT). Loth, Kappes & Pahl (2026), doi:10.2139/ssrn.6448466',
  read(dir, ds) {
    const data = JSON.parse(need(dir, 'data__cred1_current.json')) as Record<string, { category?: string; credibility_score?: number }>;
    const claims: Claim[] = [];
    const skipped: Skipped[] = [];
    for (const [domain, row] of Object.entries(data)) {
      const key = siteKey(domain, { allowPublicSuffix: true });
      if (!key) {
        skipped.push({ dataset: ds.id, what: domain, why: 'not a site key' });
        continue;
      }
      const ratings: Rating[] = [];
      if (row.category) ratings.push(rating('cred-1', row.category, ds));
      if (typeof row.credibility_score === 'number') ratings.push(rating('cred-1-score', row.credibility_score, ds));
      const claim: Claim = { dataset: ds.id, key, ratings };
      if (row.category === 'satire') claim.type = { type: 'satire', strength: 'strong', label: 'CRED-1: satire' };
      claims.push(claim);
    }
    return { claims, skipped };
  },
};

const lin: DatasetMeta = {
  id: DS.lin,
  folder: 'domain-quality-ratings',
  title: 'News domain quality ratings (Lin et al. 2023)',
  licence: 'Reuse invited by the authors ("Feel free to reuse the data"); cite the paper',
  attribution:
    'Lin, Lasser, Lewandowsky, Cole, Gully, Rand & Pennycook (2023), High level of correspondence across different news domain quality rating sets, PNAS Nexus 2(9), pgad286, doi:10.1093/pnasnexus/pgad286',
  read(dir, ds) {
    const rows = parseCsvObjects(need(dir, 'data__domain_pc1.csv'));
    const claims: Claim[] = [];
    const skipped: Skipped[] = [];
    for (const row of rows) {
      const key = siteKey(row.domain, { allowPublicSuffix: true });
      const pc1 = Number(row.pc1);
      if (!key || !Number.isFinite(pc1)) {
        skipped.push({ dataset: ds.id, what: row.domain, why: key ? 'no pc1' : 'not a site key' });
        continue;
      }
      claims.push({ dataset: ds.id, key, ratings: [rating('lin-2023', Math.round(pc1 * 100) / 100, ds)] });
    }
    return { claims, skipped };
  },
};

const citeUnseen: DatasetMeta = {
  id: DS.citeUnseen,
  folder: 'CiteUnseen',
  title: 'Cite Unseen categorized domains',
  licence: 'CC BY-SA 4.0',
  shareAlike: true,
  attribution: 'Cite Unseen by Kevin Payravi and Josh Lim (Credibility Coalition, CredCon 2018), en.wikipedia.org/wiki/User:SuperHamster/CiteUnseen',
  read(dir, ds) {
    const data = JSON.parse(need(dir, 'data__categorized-domains.json')) as Record<string, string[]>;
    const claims: Claim[] = [];
    const skipped: Skipped[] = [];
    for (const category of Object.keys(data)) {
      if (!(category in CITE_UNSEEN_TYPES)) throw new Error(`CiteUnseen: unknown category "${category}": add it to CITE_UNSEEN_TYPES in scripts/registry/rules.ts`);
    }
    // Categories in the order of CITE_UNSEEN_TYPES: when a site is in two, the first one's type wins.
    for (const category of Object.keys(CITE_UNSEEN_TYPES).filter((c) => c in data)) {
      const mapping = CITE_UNSEEN_TYPES[category];
      for (const entry of new Set(data[category])) {
        if (entry.includes('?') || entry.endsWith('.') || !entry.includes('.')) {
          skipped.push({ dataset: ds.id, what: `${category}: ${entry}`, why: 'a pattern, not a site' });
          continue;
        }
        const key = siteKey(entry);
        if (!key) {
          skipped.push({ dataset: ds.id, what: `${category}: ${entry}`, why: 'a public suffix or not a site key' });
          continue;
        }
        const claim: Claim = { dataset: ds.id, key };
        if (mapping) {
          claim.type = { type: mapping.type, strength: mapping.strength, label: `Cite Unseen: ${category}` };
          if (mapping.ownership) claim.ownership = mapping.ownership;
          if (category !== 'news') claim.ratings = [rating('cite-unseen', category, ds)];
        } else {
          claim.ratings = [rating('wikipedia-perennial', CITE_UNSEEN_RSP[category], ds)];
        }
        claims.push(claim);
      }
    }
    return { claims, skipped };
  },
};

// --- Wikipedia perennial sources, parsed (2026) ------------------------------------------------

/** The wikitext of a table cell reduced to its visible words. */
function wikiText(s: string): string {
  return s
    .replace(/\{\{[^{}]*\}\}/g, '')
    .replace(/\[\[(?:[^|\]]*\|)?([^\]]*)\]\]/g, '$1')
    .replace(/'{2,}/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Splits on commas outside brackets. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of s) {
    if (c === '(' || c === '[' || c === '{') depth++;
    if (c === ')' || c === ']' || c === '}') depth--;
    if (c === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter(Boolean);
}

/** Name and abbreviations from a perennial-sources row's first cell. */
export function rspNameCell(cell: string, fallback: string): { name: string; aliases: string[] } {
  let c = cell.replace(/^\|\s*/, '');
  c = c.replace(/^data-sort-value="[^"]*"\s*\|\s*/, '');
  c = c.replace(/\{\{(?:anchor|WP:RSPSHORTCUT)[^{}]*\}\}/gi, '');
  const aliases: string[] = [];
  c = c.replace(/<small>\s*\(([\s\S]*?)\)\s*<\/small>/gi, (_m, inner: string) => {
    for (const a of splitTop(inner)) {
      const t = wikiText(a).replace(/^"|"$/g, '');
      if (t && t.length <= 60) aliases.push(t);
    }
    return '';
  });
  let name = wikiText(c)
    .replace(/\s*\([^()]*\)/g, '')
    .replace(/\s+and\s+$/, '')
    .trim();
  if (!name || name.length > 80) name = fallback.replace(/\s*\([^()]*\)\s*$/, '').trim();
  return { name, aliases: aliases.filter((a) => a !== name) };
}

const rspParser: DatasetMeta = {
  id: DS.rspParser,
  folder: 'wiki-reliable-sources-parser',
  title: 'Wikipedia: Reliable sources/Perennial sources (via wiki-reliable-sources-parser)',
  licence: 'CC BY-SA 4.0',
  shareAlike: true,
  url: 'https://en.wikipedia.org/wiki/Wikipedia:Reliable_sources/Perennial_sources',
  attribution:
    'English Wikipedia contributors, "Wikipedia:Reliable sources/Perennial sources", CC BY-SA 4.0; table parsed by audiodude/wiki-reliable-sources-parser',
  read(dir, ds) {
    const lines = need(dir, 'data__sources.jsonl').split('\n').filter((l) => l.trim());
    const byKey = new Map<string, { name: string; aliases: string[]; statuses: Set<string>; group: string }>();
    const skipped: Skipped[] = [];
    lines.forEach((line, i) => {
      const row = JSON.parse(line) as { alltext: string; name?: string; status?: string; domain?: string | null };
      const text = row.alltext ?? '';
      const cls = /class="s-(\w+)"/.exec(text)?.[1];
      const flags = /\{\{WP:RSPSTATUS\|([^}]*)\}\}/.exec(text)?.[1] ?? '';
      let status = cls ?? row.status ?? '';
      if (/\bb=y\b/.test(flags)) status = 'b';
      if (!status) {
        skipped.push({ dataset: ds.id, what: `row ${i + 1} (${row.name ?? '?'})`, why: 'no status' });
        return;
      }
      const cell = text.split('\n')[1] ?? '';
      const { name, aliases } = rspNameCell(cell, row.name ?? '');
      const domains = new Set<string>();
      for (const m of text.matchAll(/\{\{WP:RSPUSES\|([^}]*)\}\}/g)) for (const d of m[1].split('|')) if (d.trim()) domains.add(d.trim());
      if (domains.size === 0 && row.domain) domains.add(row.domain);
      if (domains.size === 0) skipped.push({ dataset: ds.id, what: `row ${i + 1} (${name})`, why: 'no domain' });
      for (const d of domains) {
        const key = /^[a-z]+:\/\//i.test(d) && !/^https?:\/\/[^/]*\./i.test(d) ? null : siteKey(d, { allowPublicSuffix: true });
        if (!key || !key.includes('.')) {
          skipped.push({ dataset: ds.id, what: `row ${i + 1} (${name}): ${d}`, why: 'not a site key' });
          continue;
        }
        const e = byKey.get(key);
        if (e) e.statuses.add(status);
        else byKey.set(key, { name, aliases, statuses: new Set([status]), group: `${ds.id}:${i + 1}` });
      }
    });
    const claims: Claim[] = [];
    for (const [key, e] of byKey) {
      const value = e.statuses.size === 1 ? [...e.statuses][0] : 'm';
      claims.push({ dataset: ds.id, key, name: e.name, aliases: e.aliases, ratings: [rating('wikipedia-perennial', value, ds)], group: e.group });
    }
    return { claims, skipped };
  },
};

const rsp2021: DatasetMeta = {
  id: DS.rsp2021,
  folder: 'wikipedia-perennial-sources',
  title: 'Wikipedia perennial sources, 2021 extract',
  licence: 'CC BY-SA 3.0',
  shareAlike: true,
  attribution:
    'English Wikipedia contributors, "Wikipedia:Reliable sources/Perennial sources" (as of 2021-03-17); extract by Kudusch/wikipedia-perennial-sources',
  read(dir, ds) {
    const rows = parseCsvObjects(need(dir, 'perennial-sources.csv'));
    const byKey = new Map<string, { name: string; aliases: string[]; statuses: Set<string>; group: string }>();
    const skipped: Skipped[] = [];
    for (const row of rows) {
      const statuses = (JSON.parse(row.status || '[]') as string[]).map((s) => RSP_2021_STATUS[s]).filter(Boolean);
      const status = statuses.includes('b') ? 'b' : statuses[0];
      if (!status) {
        skipped.push({ dataset: ds.id, what: row.name, why: 'no known status' });
        continue;
      }
      const m = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(row.name);
      const name = (m ? m[1] : row.name).trim();
      const aliases = m ? splitTop(m[2]).filter((a) => a !== name && a.length <= 60) : [];
      for (const url of JSON.parse(row.urls || '[]') as string[]) {
        const key = siteKey(url, { allowPublicSuffix: true });
        if (!key) {
          skipped.push({ dataset: ds.id, what: `${row.name}: ${url}`, why: 'not a site key' });
          continue;
        }
        const reg = registrableDomain(key.split('/')[0]);
        if (reg && PLATFORM_DOMAINS.has(reg) && !row.name.toLowerCase().includes(reg.split('.')[0])) {
          skipped.push({ dataset: ds.id, what: `${row.name}: ${url}`, why: 'a platform page, not the source' });
          continue;
        }
        const e = byKey.get(key);
        if (e) e.statuses.add(status);
        else byKey.set(key, { name, aliases, statuses: new Set([status]), group: `${ds.id}:${row.id}` });
      }
    }
    const claims: Claim[] = [];
    for (const [key, e] of byKey) {
      const value = e.statuses.size === 1 ? [...e.statuses][0] : 'm';
      claims.push({ dataset: ds.id, key, name: e.name, aliases: e.aliases, ratings: [rating('wikipedia-perennial', value, ds)], group: e.group });
    }
    return { claims, skipped };
  },
};

// --- fundus ------------------------------------------------------------------------------------

function decodeEntities(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');
}

/** fundus' publisher table (docs/supported_publishers.md): class → name and languages. */
function fundusDocs(dir: string): Map<string, { name: string; languages: string[] }> {
  const out = new Map<string, { name: string; languages: string[] }>();
  const text = need(dir, 'docs__supported_publishers.md');
  for (const tr of text.matchAll(/<tr>([\s\S]*?)<\/tr>/g)) {
    const tds = [...tr[1].matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1]);
    if (tds.length < 4) continue;
    const cls = decodeEntities(tds[0].replace(/<[^>]+>/g, '')).trim();
    const name = decodeEntities(tds[1].replace(/<[^>]+>/g, '')).trim();
    const languages = [...tds[3].matchAll(/<code>([^<]+)<\/code>/g)].map((m) => m[1].trim().toLowerCase());
    out.set(cls, { name, languages });
  }
  return out;
}

/** "Neue Zürcher Zeitung (NZZ)" → name + alias; "Euronews (DE)" keeps its edition in the name. */
export function splitNameAbbreviation(full: string): { name: string; aliases: string[] } {
  const m = /^(.*?)\s*\(([^()]+)\)\s*$/.exec(full.trim());
  if (!m || /^[A-Z]{2}$/.test(m[2].trim())) return { name: full.trim(), aliases: [] };
  return { name: m[1].trim(), aliases: [m[2].trim()] };
}

const fundus: DatasetMeta = {
  id: DS.fundus,
  folder: 'fundus',
  title: 'Fundus supported publishers',
  licence: 'MIT',
  attribution: 'Fundus (flairNLP), © 2023 Max Dallabetta, Conrad Dobberstein, Aaron Wey, MIT licence',
  read(dir, ds) {
    const docs = fundusDocs(dir);
    const rows = parseCsvObjects(need(dir, 'supported_publishers_extracted.csv'));
    const claims: Claim[] = [];
    const skipped: Skipped[] = [];
    for (const row of rows) {
      const doc = docs.get(row.fundus_class);
      const key = siteKey(row.url, { allowPublicSuffix: true });
      const section = row.country_section.trim();
      const country = FUNDUS_COUNTRY[section] ?? section;
      if (!key || !/^[A-Z]{2}$/.test(country)) {
        skipped.push({ dataset: ds.id, what: `${row.fundus_class} ${row.url}`, why: key ? `unknown country section ${section}` : 'not a site key' });
        continue;
      }
      const full = (row.name || doc?.name || row.fundus_class).trim();
      const { name, aliases } = splitNameAbbreviation(full);
      const claim: Claim = {
        dataset: ds.id,
        key,
        name,
        aliases,
        type: { type: 'online-news', strength: 'weak', label: 'fundus: news publisher' },
        country,
        countryLabel: `section ${section}`,
      };
      const langs = (doc?.languages ?? []).filter((l) => /^[a-z]{2,3}$/.test(l));
      if (langs.length > 0) claim.languages = langs;
      claims.push(claim);
    }
    return { claims, skipped };
  },
};

// --- Local News Dataset ------------------------------------------------------------------------

const MEDIUM_ORDER = ['TV station', 'Newspapers', 'College Newspapers', 'Magazines'];

const localNews: DatasetMeta = {
  id: DS.localNews,
  folder: 'LocalNewsDataset',
  title: 'Local News Dataset 2018',
  licence: 'MIT',
  date: '2018-08-14',
  url: 'https://doi.org/10.5281/zenodo.1345145',
  attribution: 'Leon Yin, Local News Dataset (2018), doi:10.5281/zenodo.1345145, MIT licence; compiled from usnpl.com, stationindex.com and station owners’ sites',
  read(dir, ds) {
    const rows = parseCsvObjects(need(dir, 'data__local_news_dataset_2018.csv'));
    const groups = new Map<string, Array<Record<string, string>>>();
    const skipped: Skipped[] = [];
    rows.forEach((row, i) => {
      // A few cells hold two sites or a stray space ("http:// 22thepoint.com"): take the first site.
      const site = (row.website || row.domain).split(/\s+/).find((t) => /\.[a-z]/i.test(t)) ?? '';
      if (!site) {
        skipped.push({ dataset: ds.id, what: `row ${i + 2} (${row.name})`, why: 'no website' });
        return;
      }
      const key = siteKey(site, { allowPublicSuffix: true });
      if (!key) {
        skipped.push({ dataset: ds.id, what: `row ${i + 2} (${row.name}): ${site}`, why: 'not a site key' });
        return;
      }
      if (!key.includes('/') && PLATFORM_DOMAINS.has(registrableDomain(key) ?? '') && registrableDomain(key) === key) {
        skipped.push({ dataset: ds.id, what: `row ${i + 2} (${row.name}): ${site}`, why: 'a platform’s home page' });
        return;
      }
      const list = groups.get(key);
      if (list) list.push(row);
      else groups.set(key, [row]);
    });
    const claims: Claim[] = [];
    for (const [key, group] of groups) {
      const names = [...new Set(group.map((r) => r.name.trim()).filter(Boolean))].sort();
      const states = new Set<string>();
      let national = false;
      let mexico = 0;
      for (const r of group) {
        for (const st of r.state.split(/[/-]/).map((x) => x.trim().toUpperCase())) {
          if (st === 'NATIONAL') national = true;
          else if (st === 'MX') mexico++;
          else if (st) states.add(st);
        }
      }
      // The type of the most frequent medium; the other media's types become claims of their
      // own, so that a site listed as a newspaper and as a TV station shows up as a conflict.
      const mediumCount = new Map<string, number>();
      for (const r of group) if (r.medium in LOCAL_NEWS_TYPES) mediumCount.set(r.medium, (mediumCount.get(r.medium) ?? 0) + 1);
      const mediums = [...mediumCount.keys()].sort((a, b) => mediumCount.get(b)! - mediumCount.get(a)! || MEDIUM_ORDER.indexOf(a) - MEDIUM_ORDER.indexOf(b));
      if (mediums.length === 0) {
        skipped.push({ dataset: ds.id, what: key, why: `unknown medium ${[...new Set(group.map((r) => r.medium))].join(', ')}` });
        continue;
      }
      const typeOf = (m: string) => ({ type: LOCAL_NEWS_TYPES[m], strength: 'strong' as const, label: `Local News Dataset: ${m} (${mediumCount.get(m)} row${mediumCount.get(m) === 1 ? '' : 's'})` });
      const claim: Claim = { dataset: ds.id, key, type: typeOf(mediums[0]) };
      const extra: Claim[] = [];
      const seenTypes = new Set([LOCAL_NEWS_TYPES[mediums[0]]]);
      for (const m of mediums.slice(1)) {
        if (seenTypes.has(LOCAL_NEWS_TYPES[m])) continue;
        seenTypes.add(LOCAL_NEWS_TYPES[m]);
        extra.push({ dataset: ds.id, key, type: typeOf(m) });
      }
      if (names.length === 1 || (names.length > 1 && names.length <= 3)) {
        claim.name = names[0];
        claim.aliases = names.slice(1);
      }
      const isMexican = mexico > 0 && states.size === 0;
      claim.country = isMexican ? 'MX' : 'US';
      claim.countryLabel = isMexican ? 'state MX' : `state ${[...states].sort().join('/') || 'NATIONAL'}`;
      const usStates = [...states].filter((s) => s in US_STATES).sort();
      if (national || usStates.length >= 3) claim.scope = 'national';
      else if (usStates.length === 2) claim.scope = 'regional';
      else claim.scope = 'local';
      if (claim.scope !== 'national' && usStates.length > 0) claim.coverage = usStates.map((s) => US_STATES[s]);
      const owners = new Map<string, number>();
      for (const r of group) if (r.owner.trim()) owners.set(r.owner.trim(), (owners.get(r.owner.trim()) ?? 0) + 1);
      const owner = [...owners.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
      if (owner) claim.owner = owner;
      const spanish = isMexican || group.some((r) => SPANISH_LANGUAGE_US_TV.test(r.owner) || SPANISH_LANGUAGE_US_TV.test(r.name));
      claim.languages = [spanish ? 'es' : 'en'];
      claim.languagesFrom = DS.rules;
      claims.push(claim, ...extra);
    }
    return { claims, skipped };
  },
};

export const DATASETS: readonly DatasetMeta[] = [cred1, lin, citeUnseen, rspParser, rsp2021, fundus, localNews];

/** Reads every dataset under `dataDir`; throws naming the folder when one is missing. */
export function readDatasets(dataDir: string): DatasetRead[] {
  if (!existsSync(dataDir)) throw new Error(`dataset directory not found: ${dataDir} (set SOURCELENS_DATA or pass --data DIR)`);
  return DATASETS.map((meta) => {
    const dir = join(dataDir, meta.folder);
    if (!existsSync(dir)) throw new Error(`dataset folder missing: ${dir}`);
    const src = readSourceTxt(dir);
    const dataset: Dataset = {
      id: meta.id,
      title: meta.title,
      licence: meta.licence,
      date: meta.date ?? src.date,
      url: meta.url ?? src.url,
      attribution: meta.attribution,
    };
    if (meta.shareAlike) dataset.shareAlike = true;
    const { claims, skipped } = meta.read(dir, dataset);
    return { dataset, claims, skipped };
  });
}
