import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RegistrySchema, type Source } from '../../lib/registry/schema';
import { RegistryIndex } from '../../lib/registry/index';
import type { RatingsFile } from '../../lib/registry/ratings';
import { tldCountry, ccTldTable } from '../../lib/registry/cctld';
import { bareNameKey, nameKey, splitHostPath, stripLabels } from '../../lib/registry/normalize';
import { registryStats } from '../../lib/registry/stats';

const fixture = (f: string) => JSON.parse(readFileSync(new URL(`../fixtures/registry/${f}`, import.meta.url), 'utf8'));
const registry = RegistrySchema.parse(fixture('registry.json'));
const ratings = fixture('ratings.json') as RatingsFile;
const index = new RegistryIndex(registry, { ratings });

const idOf = (s: Source | null) => s?.id ?? null;

describe('RegistryIndex.byDomain', () => {
  it('finds a source by its domain, host, www./m./amp. variant and URL with path', () => {
    expect(idOf(index.byDomain('radioenneperuhr.de'))).toBe('radio-ennepe-ruhr');
    expect(idOf(index.byDomain('RadioEnnepeRuhr.DE'))).toBe('radio-ennepe-ruhr');
    expect(idOf(index.byDomain('www.radioenneperuhr.de'))).toBe('radio-ennepe-ruhr');
    expect(idOf(index.byDomain('m.radioenneperuhr.de'))).toBe('radio-ennepe-ruhr');
    expect(idOf(index.byDomain('amp.theguardian.com'))).toBe('guardian');
    expect(idOf(index.byDomain('https://www.radioenneperuhr.de/artikel/unfall-in-witten-123.html?utm=x#top'))).toBe('radio-ennepe-ruhr');
    expect(idOf(index.byDomain('http://user@sueddeutsche.de:8080/politik'))).toBe('sueddeutsche');
    expect(idOf(index.byDomain('//www.dpa.com/de/'))).toBe('dpa');
  });

  it('resolves subdomains of a known domain to it, and every domain of a source', () => {
    expect(idOf(index.byDomain('https://live.sueddeutsche.de/ticker'))).toBe('sueddeutsche');
    expect(idOf(index.byDomain('a.b.c.sueddeutsche.de'))).toBe('sueddeutsche');
    expect(idOf(index.byDomain('guardian.co.uk'))).toBe('guardian');
    expect(idOf(index.byDomain('english.kyodonews.net'))).toBe('kyodo');
    expect(idOf(index.byDomain('kyodonews.jp'))).toBe('kyodo');
  });

  it('prefers path-scoped entries, the longest prefix first, on segment boundaries', () => {
    expect(idOf(index.byDomain('https://www.theguardian.com/commentisfree/2024/jan/01/x'))).toBe('guardian-opinion');
    expect(idOf(index.byDomain('theguardian.com/commentisfree'))).toBe('guardian-opinion');
    expect(idOf(index.byDomain('https://www.theguardian.com/commentisfree/letters/2024/x'))).toBe('guardian-opinion-letters');
    expect(idOf(index.byDomain('https://www.theguardian.com/commentisfreedom'))).toBe('guardian');
    expect(idOf(index.byDomain('https://www.theguardian.com/world/2024/x'))).toBe('guardian');
    expect(idOf(index.byDomain('https://uk.theguardian.com/commentisfree/x'))).toBe('guardian-opinion');
  });

  it('keeps a subdomain entry apart from its registrable domain', () => {
    expect(idOf(index.byDomain('https://news.yahoo.com/story'))).toBe('yahoo-news');
    expect(idOf(index.byDomain('https://uk.news.yahoo.com/story'))).toBe('yahoo-news');
    expect(index.byDomain('https://finance.yahoo.com/')).toBeNull();
    expect(index.byDomain('yahoo.com')).toBeNull();
  });

  it('matches internationalised domains in Unicode and punycode', () => {
    expect(idOf(index.byDomain('россиясегодня.рф'))).toBe('ria-novosti');
    const ascii = new URL('http://россиясегодня.рф/').hostname;
    expect(ascii.startsWith('xn--')).toBe(true);
    expect(idOf(index.byDomain(`https://${ascii}/news`))).toBe('ria-novosti');
  });

  it('unwraps archive.org links', () => {
    expect(idOf(index.byDomain('https://web.archive.org/web/20200101000000/https://www.dpa.com/x'))).toBe('dpa');
  });

  it('returns null for unknown hosts and non-hosts', () => {
    expect(index.byDomain('example.de')).toBeNull();
    expect(index.byDomain('')).toBeNull();
    expect(index.byDomain('dpa')).toBeNull();
    expect(index.byDomain('mailto:x@dpa.com')).toBeNull();
    expect(index.byDomain('not a host')).toBeNull();
  });
});

describe('RegistryIndex.byName', () => {
  it('matches names and aliases regardless of case, punctuation, spaces and diacritics', () => {
    expect(idOf(index.byName('Deutsche Presse-Agentur'))).toBe('dpa');
    expect(idOf(index.byName('deutsche presse agentur'))).toBe('dpa');
    expect(idOf(index.byName('DPA'))).toBe('dpa');
    expect(idOf(index.byName('Suddeutsche Zeitung'))).toBe('sueddeutsche');
    expect(idOf(index.byName('SÜDDEUTSCHE  ZEITUNG'))).toBe('sueddeutsche');
    expect(idOf(index.byName('Agence France Presse'))).toBe('afp');
  });

  it('matches aliases in other scripts', () => {
    expect(idOf(index.byName('共同通信'))).toBe('kyodo');
    expect(idOf(index.byName('共同通信社'))).toBe('kyodo');
    expect(idOf(index.byName('フランス通信社'))).toBe('afp');
    expect(idOf(index.byName('РИА Новости'))).toBe('ria-novosti');
    expect(idOf(index.byName('риа новости'))).toBe('ria-novosti');
    // Full-width Latin folds to ASCII (NFKC).
    expect(idOf(index.byName('ＡＦＰ'))).toBe('afp');
  });

  it('strips labels such as "Quelle:", "Source:", "via", "Fuente:", "出典："', () => {
    expect(idOf(index.byName('Quelle: dpa'))).toBe('dpa');
    expect(idOf(index.byName('Quellen: dpa'))).toBe('dpa');
    expect(idOf(index.byName('Source: AFP'))).toBe('afp');
    expect(idOf(index.byName('via AFP'))).toBe('afp');
    expect(idOf(index.byName('Fuente: AFP'))).toBe('afp');
    expect(idOf(index.byName('出典：共同通信'))).toBe('kyodo');
    expect(idOf(index.byName('[Quelle: dpa]'))).toBe('dpa');
  });

  it('ignores a leading article', () => {
    expect(idOf(index.byName('the guardian'))).toBe('guardian');
    expect(idOf(index.byName('Guardian'))).toBe('guardian');
  });

  it('gives null for a name several sources share, and lists them in byNameAll', () => {
    expect(index.byName('Daily News')).toBeNull();
    expect(index.byNameAll('Daily News').map((s) => s.id).sort()).toEqual(['daily-news-a', 'daily-news-b']);
    expect(index.byName('Unknown Gazette')).toBeNull();
    expect(index.byName('')).toBeNull();
  });
});

describe('RegistryIndex.suggest, info, ratings, user sources', () => {
  it('suggests close names, aliases and domains', () => {
    expect(index.suggest('Radio Enepe Ruhr')[0]).toEqual({ id: 'radio-ennepe-ruhr', name: 'Radio Ennepe Ruhr' });
    expect(index.suggest('radioenneperuhr.com')[0]?.id).toBe('radio-ennepe-ruhr');
    expect(index.suggest('Suddeutsche')[0]?.id).toBe('sueddeutsche');
    expect(index.suggest('Kyodo Newz')[0]?.id).toBe('kyodo');
    expect(index.suggest('Daily News', 3).map((s) => s.id).sort()).toEqual(['daily-news-a', 'daily-news-b']);
    expect(index.suggest('zzzzqqqq')).toEqual([]);
    expect(index.suggest('x')).toEqual([]);
    expect(index.suggest('Guardian', 1)).toHaveLength(1);
  });

  it('expands provenance and rating licences in info()', () => {
    const info = index.info(index.get('dpa')!);
    expect(info.provenance.country).toEqual({ dataset: 'curated', title: 'Test curated sources', licence: 'MIT', date: '2026-01-01' });
    expect(info.ratings).toEqual([{ system: 'lin-2023', value: 0.9, dataset: 'domain-quality-ratings', date: '2023-09-14', licence: 'reuse invited' }]);
    expect(info.user).toBeUndefined();
    expect(index.info(index.get('radio-ennepe-ruhr')!).coverage).toEqual(['Ennepe-Ruhr-Kreis', 'Witten']);
  });

  it('gives ratings of domains without an entry', () => {
    expect(index.ratingsFor('https://www.rated-only.example/story')).toEqual([
      { system: 'cred-1', value: 'fake', dataset: 'cred-1', date: '2026-08-04', licence: 'CC BY 4.0' },
      { system: 'lin-2023', value: 0.12, dataset: 'domain-quality-ratings', date: '2023-09-14', licence: 'reuse invited' },
    ]);
    expect(index.ratingsFor('unrated.example')).toBeNull();
  });

  it('lets user sources replace bundled ones by id and take over their domains', () => {
    const withUser = new RegistryIndex(registry, {
      ratings,
      userSources: [
        { id: 'my-blog', name: 'My Blog', domains: ['example.de'], type: 'blog', scope: 'local', ownership: 'private', country: 'DE', languages: ['de'], provenance: { name: 'user' } },
        { id: 'dpa', name: 'dpa (mine)', aliases: ['dpa'], domains: ['dpa.com'], type: 'news-agency', scope: 'national', ownership: 'private', country: 'DE', languages: ['de'], provenance: { name: 'user' } },
        { id: 'sz-override', name: 'SZ override', domains: ['sueddeutsche.de'], type: 'newspaper', scope: 'national', ownership: 'private', country: 'DE', languages: ['de'], provenance: {} },
      ],
    });
    expect(withUser.byDomain('https://example.de/post')?.id).toBe('my-blog');
    expect(withUser.byDomain('dpa.com')?.name).toBe('dpa (mine)');
    expect(withUser.byName('dpa')?.name).toBe('dpa (mine)');
    expect(withUser.byDomain('sueddeutsche.de')?.id).toBe('sz-override');
    expect(withUser.get('sueddeutsche')).not.toBeNull();
    const info = withUser.info(withUser.byDomain('example.de')!);
    expect(info.user).toBe(true);
    expect(info.provenance.name?.title).toBe('Your own sources');
    expect(withUser.size).toBe(registry.sources.length + 2);
    // The bundled index is untouched.
    expect(index.byDomain('example.de')).toBeNull();
  });

  it('exposes version and datasets', () => {
    expect(index.version).toBe('2026-01-01+fixture');
    expect(index.datasets.map((d) => d.id)).toContain('curated');
  });
});

describe('normalisation helpers', () => {
  it('splits hosts and paths', () => {
    expect(splitHostPath('https://WWW.Example.DE/A/B/?q#f')).toEqual({ host: 'example.de', path: 'a/b' });
    expect(splitHostPath('m.example.de')).toEqual({ host: 'example.de', path: '' });
    expect(splitHostPath('www.gov.uk/x')).toEqual({ host: 'gov.uk', path: 'x' });
    expect(splitHostPath('javascript:alert(1)')).toBeNull();
    expect(splitHostPath('dpa')).toBeNull();
  });

  it('builds name keys', () => {
    expect(nameKey('Deutsche Presse-Agentur')).toBe('deutschepresseagentur');
    expect(nameKey('Quelle: dpa')).toBe('dpa');
    expect(nameKey('Le Monde')).toBe('lemonde');
    expect(bareNameKey('Le Monde')).toBe('monde');
    expect(nameKey('Straße')).toBe('strasse');
    // Japanese voiced marks are kept (only Latin/Greek/Cyrillic diacritics are removed).
    expect(nameKey('ジャパン')).not.toBe(nameKey('シャハン'));
    expect(stripLabels('Source : AFP')).toBe('AFP');
  });
});

describe('ccTLD table', () => {
  it('maps ccTLDs to countries', () => {
    expect(tldCountry('example.de')).toBe('DE');
    expect(tldCountry('bbc.co.uk')).toBe('GB');
    expect(tldCountry('example.gb')).toBe('GB');
    expect(tldCountry('europa.eu')).toBeUndefined();
    expect(tldCountry('example.com')).toBeUndefined();
    expect(tldCountry('example.news')).toBeUndefined();
    expect(tldCountry('россиясегодня.рф')).toBe('RU');
    expect(tldCountry(new URL('http://россиясегодня.рф/').hostname)).toBe('RU');
    expect(tldCountry('example.中国')).toBe('CN');
    expect(tldCountry('.fr')).toBe('FR');
  });

  it('leaves ccTLDs used as generic names out unless asked', () => {
    expect(tldCountry('example.io')).toBeUndefined();
    expect(tldCountry('example.tv')).toBeUndefined();
    expect(tldCountry('example.tv', { includeGenericUse: true })).toBe('TV');
  });

  it('covers every ISO 3166-1 code', () => {
    const countries = new Set(ccTldTable().values());
    expect(countries.size).toBe(249);
  });
});

describe('registryStats', () => {
  it('counts by country, type and dataset', () => {
    const stats = registryStats(registry);
    expect(stats.sources).toBe(registry.sources.length);
    expect(stats.byCountry.DE).toBe(3);
    expect(stats.byType['news-agency']).toBe(4);
    expect(stats.byDataset['local-news-dataset']).toBe(2);
    expect(stats.byDataset['domain-quality-ratings']).toBe(1);
    expect(stats.byDataset.curated).toBe(registry.sources.length - 2);
  });
});
