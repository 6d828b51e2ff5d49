// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { buildReport, citedSources, mentionsCoverage, openingWords, type Resolver } from '../../lib/report';
import { duplicatePassages } from '../../lib/passages';
import type { CitationData, DuplicateCluster, DuplicateKind, PageFacts, ReportCitation, SourceInfo } from '../../lib/types';

const local: SourceInfo = {
  id: 'radio-x', name: 'Radio X', aliases: [], domains: ['radiox.de'], type: 'broadcaster', scope: 'local',
  ownership: 'private', country: 'DE', languages: ['de'], coverage: ['Ennepe-Ruhr-Kreis', 'Witten'], ratings: [], provenance: {},
};
const agency: SourceInfo = { ...local, id: 'agency', name: 'Agency', scope: 'international', languages: ['fr', 'de'], coverage: undefined };

function citation(id: number, key: string): CitationData {
  return { id, marker: `[${key}]`, key, kind: 'domain', parts: [{ key, kind: 'domain' }], context: 'x', paragraph: id };
}

const resolver: Resolver = {
  version: 'test+1',
  resolveCitation(c): ReportCitation {
    const source = c.key === 'radiox.de' ? local : c.key === 'agency.fr' ? agency : null;
    return { ...c, source, sources: [source], unresolved: source ? [] : [{ key: c.key, reason: 'unknown-domain', domain: c.key }] };
  },
  resolvePublisher: (url) => (url.includes('agency.fr') ? agency : null),
};

const FRENCH = "Les deux pays souhaitent réduire leur dépendance à l'égard de la Chine, qui détient un quasi-monopole sur ces ressources.";

function facts(over: Partial<PageFacts> = {}): PageFacts {
  return {
    url: 'https://example.org/a', htmlLang: 'de', title: 'Titre', citations: [citation(0, 'radiox.de'), citation(1, 'radiox.de')],
    duplicates: [], missingMetadata: [], textSample: FRENCH, paragraphCount: 3, ...over,
  };
}

describe('buildReport', () => {
  it('counts, groups sources and detects the article language', () => {
    const r = buildReport(facts({ citations: [citation(0, 'radiox.de'), citation(1, 'unknown.de'), citation(2, 'radiox.de')] }), resolver, { input: 'a.html' });
    expect(r.stats).toEqual({ citations: 3, resolved: 2, unresolved: 1, paragraphs: 3 });
    expect(r.lang).toBe('fr');
    expect(r.input).toBe('a.html');
    expect(r.registryVersion).toBe('test+1');
    expect(r.sources).toHaveLength(1);
    expect(r.sources[0]).toMatchObject({ count: 2, citations: [0, 2] });
  });

  it('warns when a local outlet is cited for news that does not mention its area', () => {
    const codes = buildReport(facts(), resolver).warnings.map((w) => w.code);
    expect(codes).toContain('local-source-for-non-local-news');
    const about = buildReport(facts({ textSample: `${FRENCH} À Witten, le conseil municipal a voté.` }), resolver);
    expect(about.warnings.map((w) => w.code)).not.toContain('local-source-for-non-local-news');
  });

  it('warns when the source publishes in another language than the article', () => {
    const w = buildReport(facts(), resolver).warnings.find((x) => x.code === 'source-language-mismatch');
    expect(w?.params).toMatchObject({ source: 'Radio X', sourceLanguages: 'de', articleLanguage: 'fr' });
    expect(w?.citations).toEqual([0, 1]);
    const same = buildReport(facts({ citations: [citation(0, 'agency.fr')] }), resolver);
    expect(same.warnings.map((x) => x.code)).not.toContain('source-language-mismatch');
  });

  it('compares <html lang> with the text, by primary subtag', () => {
    expect(buildReport(facts({ htmlLang: 'de-DE' }), resolver).warnings.map((w) => w.code)).toContain('html-lang-mismatch');
    expect(buildReport(facts({ htmlLang: 'fr-FR' }), resolver).warnings.map((w) => w.code)).not.toContain('html-lang-mismatch');
    expect(buildReport(facts({ htmlLang: null }), resolver).warnings.map((w) => w.code)).not.toContain('html-lang-mismatch');
  });

  it('turns missing metadata and duplicate groups into warnings', () => {
    const r = buildReport(
      facts({
        missingMetadata: [{ field: 'published', label: 'Veröffentlicht am' }],
        duplicates: [{ kind: 'exact', similarity: 1, paragraphs: [{ index: 1, tag: 'p', text: 'a b c' }, { index: 4, tag: 'p', text: 'a b c' }] }],
      }),
      resolver,
    );
    expect(r.warnings.find((w) => w.code === 'missing-metadata')?.params.label).toBe('Veröffentlicht am');
    expect(r.warnings.find((w) => w.code === 'duplicate-paragraphs')?.paragraphs).toEqual([1, 4]);
  });

  it('makes one warning of a block of paragraphs the page prints twice, not one per paragraph', () => {
    const box = [2, 3, 4].map((i) => group('exact', [i, i + 19], `Kasten ${i}`));
    const r = buildReport(facts({ duplicates: [...box, group('exact', [40, 50], 'Allein')] }), resolver);
    const dup = r.warnings.filter((w) => w.code === 'duplicate-paragraphs');
    expect(dup.map((w) => w.params)).toEqual([
      { count: 2, kind: 'exact', opening: 'Kasten 2', passage: 3 },
      { count: 2, kind: 'exact', opening: 'Allein' },
    ]);
    expect(dup[0].paragraphs).toEqual([2, 3, 4, 21, 22, 23]);
    expect(dup[0].message).toBe('A passage of 3 paragraphs appears 2 times: "Kasten 2"');
    // The duplicate groups themselves stay as found (exports and the side panel list each).
    expect(r.duplicates).toHaveLength(4);
  });

  it('flags unresolved named sources but not unlinked numeric references', () => {
    const numeric: CitationData = { ...citation(5, '1'), kind: 'numeric', parts: [{ key: '1', kind: 'numeric' }] };
    const r1 = buildReport(facts({ citations: [numeric] }), resolver);
    expect(r1.warnings.map((w) => w.code)).not.toContain('unresolved-citations');
    const r2 = buildReport(facts({ citations: [citation(0, 'nowhere.example')] }), resolver);
    expect(r2.warnings.find((w) => w.code === 'unresolved-citations')?.citations).toEqual([0]);
  });

  it('names the publisher only for web pages the registry knows', () => {
    expect(buildReport(facts({ url: 'https://www.agency.fr/x' }), resolver).publisher?.id).toBe('agency');
    expect(buildReport(facts({ url: 'file:///tmp/agency.fr.html' }), resolver).publisher).toBeNull();
  });
});

function group(kind: DuplicateKind, indices: number[], text = 'x'): DuplicateCluster {
  return { kind, similarity: 1, paragraphs: indices.map((index) => ({ index, tag: 'p', text })) };
}
const indicesOf = (passages: DuplicateCluster[][]) => passages.map((p) => p.map((c) => c.paragraphs.map((m) => m.index)));

describe('repeated passages', () => {
  it('joins groups whose paragraphs each follow the previous group’s, in any order given', () => {
    const clusters = [group('exact', [4, 23]), group('exact', [2, 21]), group('exact', [3, 22]), group('exact', [9, 30])];
    expect(indicesOf(duplicatePassages(clusters))).toEqual([[[2, 21], [3, 22], [4, 23]], [[9, 30]]]);
  });

  it('joins three copies of a block, and keeps near and translated blocks apart from exact ones', () => {
    const clusters = [group('exact', [0, 10, 20]), group('exact', [1, 11, 21]), group('near', [2, 12]), group('translation', [3, 13])];
    expect(indicesOf(duplicatePassages(clusters))).toEqual([[[0, 10, 20], [1, 11, 21]], [[2, 12]], [[3, 13]]]);
  });

  it('does not join groups whose copies are not both consecutive', () => {
    // 100 → 101 follows, but 110 → 112 skips a paragraph: two blocks that only partly repeat.
    expect(indicesOf(duplicatePassages([group('exact', [100, 110]), group('exact', [101, 112])]))).toEqual([[[100, 110]], [[101, 112]]]);
    expect(duplicatePassages([])).toEqual([]);
  });
});

describe('helpers', () => {
  it('matches coverage places regardless of case, hyphens and accents', () => {
    expect(mentionsCoverage(local, 'Nachrichten aus dem Ennepe Ruhr Kreis')).toBe(true);
    expect(mentionsCoverage(local, 'Wittenberg liegt anderswo')).toBe(false);
    expect(mentionsCoverage({ ...local, coverage: [] }, 'Witten')).toBe(false);
  });
  it('shortens paragraphs to their opening words', () => {
    expect(openingWords('one two three', 2)).toBe('one two …');
    expect(openingWords('one two', 2)).toBe('one two');
  });
  it('orders cited sources by count, then first citation', () => {
    const mk = (id: number, s: SourceInfo | null): ReportCitation => ({ ...citation(id, 'k'), source: s, sources: [s], unresolved: [] });
    const list = citedSources([mk(0, agency), mk(1, local), mk(2, local)]);
    expect(list.map((x) => x.source.id)).toEqual(['radio-x', 'agency']);
  });
});
