/**
 * Checks of the committed generated registry (lib/registry/generated/*.json): no datasets
 * needed, so this runs wherever the unit suite runs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RegistrySchema, type Registry } from '../../lib/registry/schema';
import { RATINGS_SCHEMA, RATING_SYSTEMS, type RatingsFile } from '../../lib/registry/ratings';
import { getBundledIndex, getResolver } from '../../lib/registry/bundled';
import { registryStats } from '../../lib/registry/stats';
import { splitHostPath } from '../../lib/registry/normalize';

const read = (f: string) => JSON.parse(readFileSync(new URL(`../../lib/registry/generated/${f}`, import.meta.url), 'utf8'));
const raw = read('registry.json');
const ratings = read('ratings.json') as RatingsFile;
const registry = raw as Registry;

describe('generated registry file', () => {
  const parsed = RegistrySchema.safeParse(raw);

  it('validates with RegistrySchema', () => {
    expect(parsed.success ? [] : parsed.error.issues.slice(0, 5)).toEqual([]);
  });

  const datasetIds = new Set(registry.datasets.map((d) => d.id));

  it('has unique ids, sorted, and no domain claimed by two sources', () => {
    const ids = registry.sources.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const s of registry.sources) {
      for (const d of s.domains) {
        const hp = splitHostPath(d)!;
        const key = hp.path ? `${hp.host}/${hp.path}` : hp.host;
        if (owner.has(key)) clashes.push(`${key}: ${owner.get(key)} and ${s.id}`);
        owner.set(key, s.id);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('credits every fact and rating to a dataset of its table, and every parent exists', () => {
    const ids = new Set(registry.sources.map((s) => s.id));
    const problems: string[] = [];
    for (const s of registry.sources) {
      for (const fact of ['name', 'type', 'country', 'languages'] as const) {
        if (!s.provenance[fact]) problems.push(`${s.id}: no provenance for ${fact}`);
      }
      if (s.domains.length > 0 && !s.provenance.domains) problems.push(`${s.id}: no provenance for domains`);
      for (const [fact, ds] of Object.entries(s.provenance)) if (!datasetIds.has(ds!)) problems.push(`${s.id}: ${fact} from unknown ${ds}`);
      for (const r of s.ratings) {
        if (!datasetIds.has(r.dataset)) problems.push(`${s.id}: rating from unknown ${r.dataset}`);
        if (!(r.system in RATING_SYSTEMS)) problems.push(`${s.id}: unknown rating system ${r.system}`);
      }
      if (s.parent && !ids.has(s.parent)) problems.push(`${s.id}: parent ${s.parent} missing`);
      // Only curated entries may be known by name alone (a body without a website of its own).
      if (s.domains.length === 0 && s.provenance.name !== 'curated') problems.push(`${s.id}: no domain`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('carries no free text from datasets: descriptions only on curated entries', () => {
    const bad = registry.sources.filter((s) => s.description !== undefined && !Object.values(s.provenance).includes('curated'));
    expect(bad.map((s) => s.id)).toEqual([]);
  });

  it('lists every dataset with licence, date and attribution; share-alike ones flagged', () => {
    for (const d of registry.datasets) {
      expect(d.licence.length).toBeGreaterThan(0);
      expect(d.attribution.length).toBeGreaterThan(0);
    }
    const sa = registry.datasets.filter((d) => /BY-SA/.test(d.licence));
    expect(sa.length).toBeGreaterThan(0);
    for (const d of sa) expect(d.shareAlike).toBe(true);
    expect([...datasetIds]).toEqual(
      expect.arrayContaining(['cred-1', 'domain-quality-ratings', 'citeunseen', 'wiki-reliable-sources-parser', 'wikipedia-perennial-sources', 'fundus', 'local-news-dataset', 'sourcelens-rules']),
    );
    expect(registry.version).toMatch(/^\d{4}-\d{2}-\d{2}\+[0-9a-f]{8}$/);
  });

  it('is large enough: ≥ 5,000 sources with type, country and provenance, ≥ 800 outside the US', () => {
    const complete = registry.sources.filter((s) => s.type && s.country && s.provenance.type && s.provenance.country);
    expect(complete.length).toBeGreaterThanOrEqual(5000);
    expect(registry.sources.filter((s) => s.country !== 'US').length).toBeGreaterThanOrEqual(800);
    const stats = registryStats(registry);
    for (const id of ['local-news-dataset', 'citeunseen', 'fundus', 'wiki-reliable-sources-parser', 'cred-1', 'domain-quality-ratings']) {
      expect(stats.byDataset[id], id).toBeGreaterThan(0);
    }
  });

  it('has a ratings file of the same version for domains without an entry', () => {
    expect(ratings.schema).toBe(RATINGS_SCHEMA);
    expect(ratings.version).toBe(registry.version);
    const domains = new Set(registry.sources.flatMap((s) => s.domains));
    const overlap = Object.keys(ratings.ratings).filter((d) => domains.has(d));
    expect(overlap).toEqual([]);
    for (const [domain, list] of Object.entries(ratings.ratings).slice(0, 2000)) {
      for (const [system, value, dataset] of list) {
        expect(system in RATING_SYSTEMS, `${domain}: ${system}`).toBe(true);
        expect(datasetIds.has(dataset), `${domain}: ${dataset}`).toBe(true);
        if (system === 'lin-2023') expect(Math.round((value as number) * 100) / 100).toBe(value);
      }
    }
  });
});

describe('lookups in the bundled registry', () => {
  const index = getBundledIndex();

  it('resolves Radio Ennepe Ruhr (curated)', () => {
    const s = index.byDomain('https://www.radioenneperuhr.de/nachrichten/witten.html');
    expect(s?.name).toBe('Radio Ennepe Ruhr');
    expect(s?.country).toBe('DE');
    expect(index.byName('Radio Ennepe Ruhr')?.id).toBe(s?.id);
  });

  it('resolves entries that come from the Local News Dataset', () => {
    const kwhe = index.byDomain('http://www.kwhe.com/');
    expect(kwhe).toMatchObject({ name: 'KWHE', type: 'broadcaster', country: 'US', scope: 'local', coverage: ['Hawaii'], owner: 'LeSea' });
    expect(kwhe?.provenance.type).toBe('local-news-dataset');
    const acton = index.byDomain('https://acton.wickedlocal.com/news/2018/x');
    expect(acton).toMatchObject({ name: 'Acton Beacon', type: 'newspaper', coverage: ['Massachusetts'] });
    expect(index.byDomain('noreste.televisa.com.mx')).toMatchObject({ country: 'MX', languages: ['es'] });
  });

  it('resolves entries that come from fundus, Cite Unseen and the perennial-sources list', () => {
    // Whichever fundus entries curated files have not taken over yet.
    const fromFundus = registry.sources.filter((s) => s.provenance.country === 'fundus' && s.provenance.name === 'fundus');
    expect(fromFundus.length).toBeGreaterThan(0);
    for (const s of fromFundus) expect(index.byDomain(`https://www.${s.domains[0]}/x`)?.id).toBe(s.id);
    expect(fromFundus.every((s) => s.languages.length > 0 && s.provenance.languages === 'fundus')).toBe(true);
    const advocacy = index.byDomain('https://www.38degrees.org.uk/');
    expect(advocacy).toMatchObject({ type: 'advocacy', country: 'GB' });
    expect(advocacy?.provenance).toMatchObject({ type: 'citeunseen', country: 'sourcelens-rules' });
    const opinion = index.byDomain('https://www.theguardian.com/commentisfree/2024/jan/01/x');
    const guardian = index.byDomain('https://www.theguardian.com/world');
    expect(opinion?.domains).toEqual(['theguardian.com/commentisfree']);
    expect(opinion?.parent).toBe(guardian?.id);
    expect(opinion?.ratings.map((r) => r.value)).toContain('opinions');
  });

  it('carries ratings: on entries, and for domains without one', () => {
    const any = index.sources().find((s) => s.ratings.some((r) => r.system === 'wikipedia-perennial'));
    expect(any).toBeDefined();
    expect(index.byDomain('infowars.com')).toBeNull();
    const r = index.ratingsFor('https://www.infowars.com/posts/x');
    expect(r?.find((x) => x.system === 'cred-1')?.value).toBe('conspiracy');
    expect(r?.find((x) => x.system === 'lin-2023')?.licence).toMatch(/reuse/i);
  });

  it('resolves citations through the bundled resolver', () => {
    const resolver = getResolver();
    const c = resolver.resolveCitation({
      id: 0,
      marker: '[radioenneperuhr.de]',
      key: 'radioenneperuhr.de',
      kind: 'domain',
      parts: [{ key: 'radioenneperuhr.de', kind: 'domain' }],
      context: 'x',
      paragraph: null,
    });
    expect(c.source?.name).toBe('Radio Ennepe Ruhr');
    expect(c.source?.provenance.country?.licence).toBeTruthy();
    expect(resolver.version).toBe(registry.version);
    expect(resolver.resolvePublisher('https://www.kwhe.com/')?.name).toBe('KWHE');
  });
});
