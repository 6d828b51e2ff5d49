import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RegistrySchema } from '../../lib/registry/schema';
import { readCurated, CuratedError } from '../../scripts/registry/curated';
import { siteKey, type Claim } from '../../scripts/registry/claims';
import { merge } from '../../scripts/registry/merge';
import { parseCsv } from '../../scripts/registry/csv';
import { rspNameCell, splitNameAbbreviation } from '../../scripts/registry/datasets';
import { buildRegistry } from '../../scripts/registry/pipeline';
import { parseArgs, run, PROJECT_ROOT } from '../../scripts/registry/build';

const fixtures = resolve(PROJECT_ROOT, 'tests/fixtures/registry');
const known = new Set(['fundus', 'cred-1', 'local-news-dataset', 'citeunseen', 'sourcelens-rules']);
const temps: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'sourcelens-registry-'));
  temps.push(d);
  return d;
}
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

const entry = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Source ${id}`,
  domains: [`${id}.de`],
  type: 'newspaper',
  scope: 'local',
  ownership: 'private',
  country: 'DE',
  languages: ['de'],
  ...extra,
});

function curatedDir(files: Record<string, string | object>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

function curatedProblems(dir: string): string[] {
  try {
    readCurated(dir, known, dir);
  } catch (err) {
    expect(err).toBeInstanceOf(CuratedError);
    return (err as CuratedError).problems;
  }
  throw new Error('expected the curated files to be rejected');
}

describe('curated files', () => {
  it('reads a valid file, giving every fact the file provenance unless the entry names one', () => {
    const r = readCurated(join(fixtures, 'curated-good'), known, fixtures);
    expect(r.files).toEqual(['curated-good/xx.json']);
    expect(r.date).toBe('2026-01-02');
    const [radio, paper] = r.entries.map((e) => e.source);
    expect(radio.provenance).toMatchObject({ name: 'curated', aliases: 'curated', domains: 'curated', coverage: 'curated', country: 'curated' });
    expect(radio).not.toHaveProperty('ref');
    expect(paper.provenance.country).toBe('fundus');
    expect(paper.provenance.aliases).toBeUndefined();
  });

  it('names the file, position and nearby entry of invalid JSON', () => {
    const broken = '{\n  "group": "x",\n  "date": "2026-01-01",\n  "sources": [\n    { "id": "good-one", "name": "A" },\n    { "id": "broken", "name": "B",, }\n  ]\n}\n';
    const problems = curatedProblems(curatedDir({ 'zz.json': broken }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^zz\.json: invalid JSON at line 6, column \d+, in or after the entry with id "broken"/);
  });

  it('names file, entry index and id, and field of a bad entry among many', () => {
    const sources = Array.from({ length: 12 }, (_, i) => entry(`src-${i}`));
    sources[7] = entry('src-7', { country: 'Germany' });
    sources[9] = entry('src-9', { languages: ['German'] });
    sources[10] = entry('src-10', { domains: ['https://www.src-10.de/'] });
    const problems = curatedProblems(curatedDir({ 'de.json': { group: 'Test', date: '2026-01-01', sources }, 'ok.json': { group: 'Ok', date: '2026-01-01', sources: [entry('other')] } }));
    expect(problems).toEqual([
      expect.stringMatching(/^de\.json: sources\[7\] \(id "src-7"\), field "country": an ISO 3166-1 alpha-2 code/),
      expect.stringMatching(/^de\.json: sources\[9\] \(id "src-9"\), field "languages\[0\]": a BCP 47 tag/),
      expect.stringMatching(/^de\.json: sources\[10\] \(id "src-10"\), field "domains\[0\]": a lowercase domain/),
    ]);
  });

  it('rejects a missing required field, a bad date and an unknown type', () => {
    const { type: _t, ...noType } = entry('no-type');
    const problems = curatedProblems(
      curatedDir({ 'a.json': { group: 'A', date: '27.11.2026', sources: [noType, entry('bad-type', { type: 'tabloid' })] } }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^a\.json: field "date": a date as YYYY/),
        expect.stringMatching(/^a\.json: sources\[0\] \(id "no-type"\), field "type"/),
        expect.stringMatching(/^a\.json: sources\[1\] \(id "bad-type"\), field "type"/),
      ]),
    );
  });

  it('rejects unknown provenance datasets, duplicate ids and shared domains across files', () => {
    const problems = curatedProblems(
      curatedDir({
        'a.json': { group: 'A', date: '2026-01-01', sources: [entry('one', { provenance: { country: 'wikidata' } }), entry('two')] },
        'b.json': { group: 'B', date: '2026-01-01', sources: [entry('one', { domains: ['x.de'] }), entry('three', { domains: ['two.de'] })] },
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^a\.json: sources\[0\] \(id "one"\), field "provenance\.country": unknown dataset "wikidata"/),
      expect.stringMatching(/^b\.json: sources\[0\] \(id "one"\), field "id": also used by a\.json: sources\[0\]/),
      expect.stringMatching(/^b\.json: sources\[1\] \(id "three"\), field "domains\[0\]": "two\.de" is also a domain of a\.json: sources\[1\] \(id "two"\)/),
    ]);
  });

  it('accepts no curated folder at all', () => {
    expect(readCurated(join(tempDir(), 'missing'), known).entries).toEqual([]);
  });
});

describe('site keys and dataset parsing', () => {
  it('keys sites by host (variants stripped) and section', () => {
    expect(siteKey('https://www.Example.com/')).toBe('example.com');
    expect(siteKey('http://m.example.com/index.html')).toBe('example.com');
    expect(siteKey('theguardian.com/commentisfree')).toBe('theguardian.com/commentisfree');
    expect(siteKey('http://www.mlive.com/grand-rapids/')).toBe('mlive.com/grand-rapids');
    expect(siteKey('https://news.sky.com')).toBe('news.sky.com');
    expect(siteKey('newsnationnow.com/space/ufo*')).toBe('newsnationnow.com/space/ufo');
    expect(siteKey('go.jp')).toBeNull();
    expect(siteKey('gov.uk', { allowPublicSuffix: true })).toBe('gov.uk');
    expect(siteKey('blogspot.com')).toBe('blogspot.com');
    expect(siteKey('82.221.129.208')).toBeNull();
    expect(siteKey('not a site')).toBeNull();
    expect(siteKey(new URL('http://www.россиясегодня.рф/').hostname)).toBe('россиясегодня.рф');
  });

  it('parses CSV with quotes and newlines', () => {
    expect(parseCsv('a,b\n"x, y","line1\nline2 ""q"""\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'line1\nline2 "q"'],
    ]);
  });

  it('reads names and abbreviations, not summaries', () => {
    expect(rspNameCell("| [[Agence France-Presse]] <small>(AFP)</small> {{WP:RSPSHORTCUT|WP:RSPAFP}}", 'x')).toEqual({ name: 'Agence France-Presse', aliases: ['AFP'] });
    expect(rspNameCell("| ''[[Mother Jones (magazine)|Mother Jones]]'' <small>(''MoJo'')</small>", 'x')).toEqual({ name: 'Mother Jones', aliases: ['MoJo'] });
    expect(rspNameCell("| data-sort-value=\"Register\"| ''[[The Register]]'' <small>(''\"El Reg\"'')</small>", 'x')).toEqual({ name: 'The Register', aliases: ['El Reg'] });
    expect(rspNameCell("| ''[[CNET]]'' (pre–October 2020)", 'x').name).toBe('CNET');
    expect(splitNameAbbreviation('Neue Zürcher Zeitung (NZZ)')).toEqual({ name: 'Neue Zürcher Zeitung', aliases: ['NZZ'] });
    expect(splitNameAbbreviation('Euronews (DE)')).toEqual({ name: 'Euronews (DE)', aliases: [] });
  });
});

describe('merge rules', () => {
  const dates = new Map([
    ['curated', '2026-01-01'],
    ['fundus', '2026-08-05'],
    ['local-news-dataset', '2018-08-14'],
    ['citeunseen', '2023-10-07'],
    ['wiki-reliable-sources-parser', '2026-04-19'],
    ['wikipedia-perennial-sources', '2021-03-17'],
    ['domain-quality-ratings', '2023-09-14'],
  ]);
  const r = (system: string, value: string | number, dataset: string) => ({ system, value, dataset, date: dates.get(dataset)! });
  const claims: Claim[] = [
    // Two datasets, two countries: fundus wins and the disagreement is reported.
    { dataset: 'local-news-dataset', key: 'paper.com', name: 'Paper', type: { type: 'newspaper', strength: 'strong', label: 'LND' }, country: 'US', languages: ['en'], languagesFrom: 'sourcelens-rules' },
    { dataset: 'fundus', key: 'paper.com', name: 'The Paper', type: { type: 'online-news', strength: 'weak', label: 'fundus' }, country: 'CA', languages: ['en'] },
    // A specific type refines the generic news class without a conflict; country from the ccTLD.
    { dataset: 'citeunseen', key: 'zeitung.de', type: { type: 'online-news', strength: 'weak', label: 'CU news' }, ratings: [r('wikipedia-perennial', 'gu', 'citeunseen')] },
    { dataset: 'wiki-reliable-sources-parser', key: 'zeitung.de', name: 'Die Zeitung', ratings: [r('wikipedia-perennial', 'gr', 'wiki-reliable-sources-parser')] },
    { dataset: 'domain-quality-ratings', key: 'zeitung.de', ratings: [r('lin-2023', 0.8, 'domain-quality-ratings')] },
    // Two specific types: reported.
    { dataset: 'citeunseen', key: 'state-media.cn', type: { type: 'government', strength: 'strong', label: 'CU government' } },
    { dataset: 'citeunseen', key: 'state-media.cn', type: { type: 'advocacy', strength: 'strong', label: 'CU advocacy' } },
    // No ccTLD country, no other country: ratings only.
    { dataset: 'citeunseen', key: 'advocacy.org', type: { type: 'advocacy', strength: 'strong', label: 'CU' }, ratings: [r('cite-unseen', 'advocacy', 'citeunseen')] },
    { dataset: 'domain-quality-ratings', key: 'rated.com', ratings: [r('lin-2023', 0.3, 'domain-quality-ratings')] },
    // Generic-use ccTLD and platforms: no country.
    { dataset: 'citeunseen', key: 'thing.io', type: { type: 'blog', strength: 'strong', label: 'CU' } },
    { dataset: 'citeunseen', key: 'pinterest.pe', type: { type: 'social-media', strength: 'strong', label: 'CU' } },
    // A section inherits country and language from its site, and gets a name and parent.
    { dataset: 'citeunseen', key: 'bigpaper.com/opinion', type: { type: 'online-news', strength: 'weak', label: 'CU opinions' } },
    // …but an edition in another language does not.
    { dataset: 'citeunseen', key: 'bigpaperespanol.bigpaper.com', type: { type: 'online-news', strength: 'weak', label: 'CU news' } },
    { dataset: 'citeunseen', key: 'bigpaper.com/fr', type: { type: 'online-news', strength: 'weak', label: 'CU news' } },
    // Curated wins, disagreement reported; datasets fill the owner.
    { dataset: 'fundus', key: 'curated.de', name: 'Curated Dataset Name', country: 'AT', type: { type: 'online-news', strength: 'weak', label: 'fundus' } },
    { dataset: 'local-news-dataset', key: 'curated.de', owner: 'Owner from data' },
  ];
  const curated = [
    {
      file: 'x.json',
      index: 0,
      keys: ['curated.de'],
      source: { id: 'curated-one', name: 'Curated One', aliases: [], domains: ['curated.de'], type: 'satire' as const, scope: 'national' as const, ownership: 'private' as const, country: 'DE', languages: ['de'], ratings: [], provenance: { name: 'curated', domains: 'curated', type: 'curated', scope: 'curated', ownership: 'curated', country: 'curated', languages: 'curated' } },
    },
    {
      file: 'x.json',
      index: 1,
      keys: ['bigpaper.com'],
      source: { id: 'big-paper', name: 'Big Paper', aliases: [], domains: ['bigpaper.com'], type: 'newspaper' as const, scope: 'national' as const, ownership: 'private' as const, country: 'GB', languages: ['en'], ratings: [], provenance: { name: 'curated', domains: 'curated', type: 'curated', country: 'curated', languages: 'curated' } },
    },
  ];
  const m = merge(claims, curated, dates);
  const byId = new Map(m.sources.map((s) => [s.id, s]));

  it('applies dataset precedence and reports country disagreements', () => {
    const paper = byId.get('paper-com')!;
    expect(paper).toMatchObject({ name: 'The Paper', country: 'CA', type: 'newspaper', languages: ['en'] });
    expect(paper.provenance).toMatchObject({ name: 'fundus', country: 'fundus', type: 'local-news-dataset', languages: 'fundus' });
    const c = m.conflicts.find((x) => x.keys.includes('paper.com'))!;
    expect(c).toMatchObject({ fact: 'country', id: 'paper-com', chosen: 'CA' });
    expect(c.claims.map((x) => `${x.dataset}:${x.value}`)).toEqual(['fundus:CA', 'local-news-dataset:US']);
  });

  it('derives country from the ccTLD and language from the country, and keeps the newest perennial status', () => {
    const z = byId.get('zeitung-de')!;
    expect(z).toMatchObject({ name: 'Die Zeitung', type: 'online-news', country: 'DE', languages: ['de'], scope: 'national', ownership: 'unknown' });
    expect(z.provenance).toMatchObject({ country: 'sourcelens-rules', languages: 'sourcelens-rules', type: 'citeunseen', name: 'wiki-reliable-sources-parser' });
    expect(z.provenance.scope).toBeUndefined();
    expect(z.ratings).toEqual([r('wikipedia-perennial', 'gr', 'wiki-reliable-sources-parser'), r('lin-2023', 0.8, 'domain-quality-ratings')]);
    expect(m.conflicts.some((x) => x.keys.includes('zeitung.de'))).toBe(false);
  });

  it('reports two specific types', () => {
    const c = m.conflicts.find((x) => x.keys.includes('state-media.cn'))!;
    expect(c).toMatchObject({ fact: 'type', chosen: 'government' });
    expect(byId.get('state-media-cn')?.type).toBe('government');
  });

  it('keeps sites without a country as ratings only', () => {
    expect(byId.has('advocacy-org')).toBe(false);
    expect(m.ratingsOnly.get('advocacy.org')).toEqual([r('cite-unseen', 'advocacy', 'citeunseen')]);
    expect(m.ratingsOnly.get('rated.com')).toEqual([r('lin-2023', 0.3, 'domain-quality-ratings')]);
    expect(m.ratingsOnly.has('zeitung.de')).toBe(false);
    expect(byId.has('thing-io')).toBe(false);
    expect(byId.has('pinterest-pe')).toBe(false);
  });

  it('lets sections inherit from their site', () => {
    const s = byId.get('bigpaper-com-opinion')!;
    expect(s).toMatchObject({ name: 'Big Paper (opinion)', country: 'GB', languages: ['en'], parent: 'big-paper' });
    expect(s.provenance).toMatchObject({ country: 'curated', languages: 'curated', parent: 'sourcelens-rules', name: 'sourcelens-rules' });
    expect(byId.has('bigpaperespanol-bigpaper-com')).toBe(false);
    expect(byId.has('bigpaper-com-fr')).toBe(false);
  });

  it('lets curated facts win, reporting disagreements, and fills what they leave out', () => {
    const c = byId.get('curated-one')!;
    expect(c).toMatchObject({ name: 'Curated One', country: 'DE', type: 'satire', owner: 'Owner from data' });
    expect(c.provenance.owner).toBe('local-news-dataset');
    const facts = m.conflicts.filter((x) => x.id === 'curated-one').map((x) => `${x.fact}:${x.rule}`).sort();
    expect(facts).toEqual(['country:curated wins', 'type:curated wins']);
  });

  it('sorts sources by id', () => {
    const ids = m.sources.map((s) => s.id);
    expect(ids).toEqual([...ids].sort());
  });
});

// ---------------------------------------------------------------------------------------------
// Builds from the real datasets. They must be there: a missing corpus fails loudly unless
// SOURCELENS_ALLOW_NO_CORPUS=1.

const dataDir = parseArgs([]).dataDir;
const haveCorpus = existsSync(join(dataDir, 'fundus'));
const allowNoCorpus = process.env.SOURCELENS_ALLOW_NO_CORPUS === '1';

describe('registry build from the datasets', () => {
  if (!haveCorpus && allowNoCorpus) {
    it.skip(`needs the datasets at ${dataDir} (skipped: SOURCELENS_ALLOW_NO_CORPUS=1)`, () => {});
    return;
  }

  it('has the datasets', () => {
    expect(haveCorpus, `datasets not found at ${dataDir}: set SOURCELENS_DATA, or SOURCELENS_ALLOW_NO_CORPUS=1 to skip`).toBe(true);
  });

  it('is deterministic: two builds give identical bytes', () => {
    const outs = [tempDir(), tempDir()];
    for (const out of outs) {
      run({ dataDir, curatedDir: join(fixtures, 'curated-good'), outDir: out, conflictsFile: join(out, 'CONFLICTS.md') }, () => {});
    }
    for (const f of ['registry.json', 'ratings.json', 'CONFLICTS.md']) {
      const a = readFileSync(join(outs[0], f));
      const b = readFileSync(join(outs[1], f));
      expect(a.equals(b), `${f} differs between two builds`).toBe(true);
    }
    const reg = RegistrySchema.parse(JSON.parse(readFileSync(join(outs[0], 'registry.json'), 'utf8')));
    expect(reg.version).toMatch(/^\d{4}-\d{2}-\d{2}\+[0-9a-f]{8}$/);
    expect(reg.sources.find((s) => s.id === 'test-radio')?.provenance.name).toBe('curated');
    expect(reg.datasets.map((d) => d.id)).toEqual([
      'curated',
      'cred-1',
      'domain-quality-ratings',
      'citeunseen',
      'wiki-reliable-sources-parser',
      'wikipedia-perennial-sources',
      'fundus',
      'local-news-dataset',
      'sourcelens-rules',
    ]);
  });

  it('fails on a bad curated file, naming file, entry and field', () => {
    const sources = Array.from({ length: 5 }, (_, i) => entry(`bad-${i}`));
    sources[3] = entry('bad-3', { scope: 'city' });
    const dir = tempDir();
    mkdirSync(join(dir, 'curated'));
    writeFileSync(join(dir, 'curated', 'broken.json'), JSON.stringify({ group: 'x', date: '2026-01-01', sources }));
    expect(() => buildRegistry({ dataDir, curatedDir: join(dir, 'curated'), root: dir })).toThrow(
      /curated\/broken\.json: sources\[3\] \(id "bad-3"\), field "scope"/,
    );
  });
});

describe('build command line', () => {
  it('reads --data, --curated, --out and SOURCELENS_DATA', () => {
    expect(parseArgs([], { SOURCELENS_DATA: '/x/data' }).dataDir).toBe('/x/data');
    expect(parseArgs([], {}).dataDir).toBe(resolve(PROJECT_ROOT, '../shared/data'));
    const o = parseArgs(['--data', '/d', '--curated', '/c', '--out', '/o', '--conflicts', '/o/C.md'], {});
    expect(o).toEqual({ dataDir: '/d', curatedDir: '/c', outDir: '/o', conflictsFile: '/o/C.md' });
    expect(() => parseArgs(['--bogus'], {})).toThrow(/unknown argument/);
  });
});
