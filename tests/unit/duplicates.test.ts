// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDuplicates, normalizeForComparison, type DuplicateInput } from '../../lib/duplicates';
import { duplicatePassages } from '../../lib/passages';
import { findMissingMetadata } from '../../lib/metadata';
import { extractParagraphs } from '../../lib/paragraphs';
import type { DuplicateCluster } from '../../lib/types';
import { ALLOW_NO_CORPUS, CORPUS_DIR, corpusPages, FIXTURES, parsePage, readHtml, requireCorpus, SEED_HTML } from '../fixtures/dup/load';
import { join } from 'node:path';

const p = (index: number, text: string, tag = 'p'): DuplicateInput => ({ index, tag, text });
const list = (...texts: string[]) => texts.map((t, i) => p(i, t));
const indices = (clusters: DuplicateCluster[]) => clusters.map((c) => c.paragraphs.map((m) => m.index));

/** Reference Jaccard over word 3-shingles, written plainly. */
function referenceJaccard(a: string, b: string): number {
  const sh = (t: string) => {
    const w = normalizeForComparison(t).split(' ');
    const out = new Set<string>();
    if (w.length < 3) out.add(w.join(' '));
    for (let i = 0; i + 3 <= w.length; i++) out.add(w.slice(i, i + 3).join(' '));
    return out;
  };
  const A = sh(a);
  const B = sh(b);
  let inter = 0;
  for (const x of A) if (B.has(x)) inter++;
  return inter / (A.size + B.size - inter);
}

const LONG_A =
  'The regional council approved the new budget on Tuesday after a long debate about school funding, ' +
  'road repairs and the future of the public swimming pool, which had been closed for renovation since ' +
  'the spring of last year and is now expected to reopen before the summer holidays begin in July.';

/** Invariants every result must satisfy. */
function checkInvariants(input: DuplicateInput[], clusters: DuplicateCluster[], threshold = 0.8): void {
  const seen = new Set<number>();
  const byIndex = new Map(input.map((x) => [x.index, x]));
  let prevFirst = -1;
  for (const c of clusters) {
    expect(c.paragraphs.length).toBeGreaterThanOrEqual(2);
    const idx = c.paragraphs.map((m) => m.index);
    expect(idx).toEqual([...idx].sort((a, b) => a - b));
    expect(idx[0]).toBeGreaterThan(prevFirst);
    prevFirst = idx[0];
    for (const m of c.paragraphs) {
      expect(seen.has(m.index)).toBe(false);
      seen.add(m.index);
      expect(m.text).toBe(byIndex.get(m.index)!.text);
      expect(m.tag).toBe(byIndex.get(m.index)!.tag);
    }
    const norms = new Set(c.paragraphs.map((m) => normalizeForComparison(m.text)));
    if (c.kind === 'exact') {
      expect(norms.size).toBe(1);
      expect(c.similarity).toBe(1);
    } else {
      expect(c.kind).toBe('near');
      expect(norms.size).toBeGreaterThan(1);
      expect(c.similarity).toBeGreaterThanOrEqual(Math.floor(threshold * 10000) / 10000);
      expect(c.similarity).toBeLessThanOrEqual(1);
    }
  }
}

describe('normalizeForComparison', () => {
  it('applies NFKC: full-width letters, digits and punctuation become ASCII', () => {
    expect(normalizeForComparison('ＳｏｕｒｃｅＬｅｎｓ　２０２４！')).toBe('sourcelens 2024');
    expect(normalizeForComparison('ﬁnal')).toBe('final');
  });

  it('composes combining accents so both spellings compare equal, and keeps accents', () => {
    expect(normalizeForComparison('Cafe\u0301 de\u0301ja\u0300')).toBe(normalizeForComparison('Café déjà'));
    expect(normalizeForComparison('Café')).toBe('café');
    expect(normalizeForComparison('résumé')).not.toBe(normalizeForComparison('resume'));
  });

  it('strips straight, curly and CJK quotes, guillemets and other Unicode punctuation', () => {
    expect(normalizeForComparison('“Hello,” she said — ‘twice’…')).toBe('hello she said twice');
    expect(normalizeForComparison('« pierre angulaire » „Zitat“ ‚x‘ 「引用」。')).toBe('pierre angulaire zitat x 引用');
    expect(normalizeForComparison("l'influence")).toBe(normalizeForComparison('l’influence'));
    expect(normalizeForComparison('¿Qué? ¡Sí!')).toBe('qué sí');
  });

  it('case-folds, including ß and final sigma', () => {
    expect(normalizeForComparison('STRASSE')).toBe(normalizeForComparison('Straße'));
    expect(normalizeForComparison('ẞ')).toBe('ss');
    expect(normalizeForComparison('ΟΔΟΣ')).toBe(normalizeForComparison('οδος'));
  });

  it('drops soft hyphens and zero-width characters and collapses white space', () => {
    expect(normalizeForComparison('Wohnungs\u00ADsuche\u200B in\u00A0\n\t Freiburg ')).toBe('wohnungssuche in freiburg');
    expect(normalizeForComparison('  ')).toBe('');
  });
});

describe('findDuplicates: exact', () => {
  it('finds paragraphs equal after normalisation, ignoring case, punctuation and spacing', () => {
    const c = findDuplicates(list(LONG_A, 'Something else entirely, long enough.', LONG_A.toUpperCase().replace(/,/g, ' ,')));
    expect(c).toEqual([
      {
        kind: 'exact',
        similarity: 1,
        paragraphs: [
          { index: 0, tag: 'p', text: LONG_A },
          { index: 2, tag: 'p', text: LONG_A.toUpperCase().replace(/,/g, ' ,') },
        ],
      },
    ]);
  });

  it('treats full-width and curly-quote variants as the same paragraph', () => {
    const a = '“Ｔｈｅ ｑｕｉｃｋ” brown fox jumps over the lazy dog’s back.';
    const b = '"The quick" brown fox jumps over the lazy dog\'s back!';
    expect(indices(findDuplicates(list(a, b)))).toEqual([[0, 1]]);
    expect(findDuplicates(list(a, b))[0].kind).toBe('exact');
  });

  it('groups many copies into one cluster and keeps the full original text', () => {
    const t = 'Anzeige: Jetzt das Abo testen und weiterlesen!';
    const c = findDuplicates(list(t, LONG_A, t, t + '  ', 'x'));
    expect(indices(c)).toEqual([[0, 2, 3]]);
    expect(c[0].paragraphs[2].text).toBe(t + '  ');
  });

  it('ignores short paragraphs unless they are headings of at least 3 words', () => {
    expect(findDuplicates(list('Mehr zum Thema', 'Mehr zum Thema'))).toEqual([]);
    const h = [p(0, 'Mehr zum Thema', 'h2'), p(1, 'Mehr zum Thema', 'h3'), p(2, 'Zum Thema', 'h2'), p(3, 'Zum Thema', 'h2')];
    expect(indices(findDuplicates(h))).toEqual([[0, 1]]);
    expect(findDuplicates(list('Short one.', 'Short one.'), { minChars: 5 })).toHaveLength(1);
  });

  it('sorts clusters by their first member', () => {
    const a = 'First repeated paragraph of the page, long enough.';
    const b = 'Second repeated paragraph of the page, long enough.';
    const c = findDuplicates(list(b, a, 'unique text that is not repeated anywhere', a, b));
    expect(indices(c)).toEqual([[0, 4], [1, 3]]);
  });

  it('uses the given indices, not array positions', () => {
    const t = 'A teaser that appears twice on the same page.';
    expect(indices(findDuplicates([p(10, t), p(42, 'other text, long enough here'), p(17, t)]))).toEqual([[10, 17]]);
  });
});

describe('findDuplicates: near', () => {
  it('finds a long paragraph with one word changed', () => {
    const b = LONG_A.replace('Tuesday', 'Wednesday');
    const c = findDuplicates(list(LONG_A, 'Unrelated text about something else entirely.', b));
    expect(indices(c)).toEqual([[0, 2]]);
    expect(c[0].kind).toBe('near');
    expect(c[0].similarity).toBeGreaterThanOrEqual(0.8);
    expect(c[0].similarity).toBeLessThan(1);
    expect(c[0].similarity).toBeCloseTo(referenceJaccard(LONG_A, b), 3);
  });

  it('does not link different paragraphs on the same topic', () => {
    const a =
      'The regional council approved the new budget on Tuesday after a long debate about school funding and road repairs.';
    const b =
      'After a long debate on Tuesday, the council approved a budget that puts more money into schools and repairs roads.';
    const c2 =
      'School funding and road repairs dominated the budget debate of the regional council, which approved it on Tuesday.';
    expect(findDuplicates(list(a, b, c2))).toEqual([]);
  });

  it('respects the threshold', () => {
    const b = LONG_A.replace('Tuesday', 'Wednesday');
    const sim = referenceJaccard(LONG_A, b);
    expect(findDuplicates(list(LONG_A, b), { nearThreshold: sim - 0.01 })).toHaveLength(1);
    expect(findDuplicates(list(LONG_A, b), { nearThreshold: sim + 0.01 })).toEqual([]);
    expect(findDuplicates(list(LONG_A, b), { nearThreshold: 1.1 })).toEqual([]);
    // Exact duplicates are found whatever the near threshold.
    expect(findDuplicates(list(LONG_A, LONG_A), { nearThreshold: 1.1 })).toHaveLength(1);
  });

  it('links chains transitively and reports the lowest linked similarity', () => {
    const words = LONG_A.split(' ');
    const v1 = [...words];
    v1[5] = 'CHANGED1';
    const v2 = [...v1];
    v2[30] = 'CHANGED2';
    const texts = [LONG_A, v1.join(' '), v2.join(' ')];
    const c = findDuplicates(list(...texts));
    expect(indices(c)).toEqual([[0, 1, 2]]);
    const s01 = referenceJaccard(texts[0], texts[1]);
    const s12 = referenceJaccard(texts[1], texts[2]);
    const s02 = referenceJaccard(texts[0], texts[2]);
    // The linked pairs are (0,1) and one of (1,2)/(0,2); the reported value is one of them, the lowest.
    expect([Math.min(s01, s12), Math.min(s01, s02)].map((x) => Math.floor(x * 10000) / 10000)).toContain(c[0].similarity);
  });

  it('makes a cluster near when an exact group is linked to a variant', () => {
    const b = LONG_A.replace('Tuesday', 'Wednesday');
    const c = findDuplicates(list(LONG_A, LONG_A, b));
    expect(indices(c)).toEqual([[0, 1, 2]]);
    expect(c[0].kind).toBe('near');
  });

  it('is deterministic', () => {
    const input = list(LONG_A, LONG_A.replace('road', 'street'), 'Other paragraph entirely, long enough.', LONG_A);
    expect(findDuplicates(input)).toEqual(findDuplicates(input));
    expect(JSON.stringify(findDuplicates(input))).toBe(JSON.stringify(findDuplicates(input.map((x) => ({ ...x })))));
  });
});

describe('findDuplicates: Chinese and Japanese', () => {
  const ja =
    '子どもへの虐待をなくすための法律ができて、親が子どもを教育するために、たたいたり蹴ったりする体罰を禁止することになりました。';
  it('compares text without word spaces by character shingles', () => {
    const changed = ja.replace('禁止', '制限');
    const c = findDuplicates(list(ja, changed));
    expect(c).toHaveLength(1);
    expect(c[0].kind).toBe('near');
    expect(c[0].similarity).toBeGreaterThanOrEqual(0.8);
  });

  it('finds exact CJK duplicates across full-width and half-width punctuation', () => {
    const zh = '美国和日本签署了关于稀土的新协议，以减少对中国的依赖。';
    expect(findDuplicates(list(zh, zh.replace('，', ',').replace('。', '.')))[0].kind).toBe('exact');
  });

  it('does not link different sentences that share many characters', () => {
    const other = '最近、親に虐待された子どもを児童相談所が守ることができなくて、子どもが亡くなる事件が続いています。';
    expect(findDuplicates(list(ja, other))).toEqual([]);
  });

  it('keeps CJK headings of at least 6 characters', () => {
    const h = '子どもへの体罰を禁止';
    expect(findDuplicates([p(0, h, 'h1'), p(1, h, 'h2')])).toHaveLength(1);
    expect(findDuplicates([p(0, '関連記事', 'h2'), p(1, '関連記事', 'h2')])).toEqual([]);
  });
});

describe('findDuplicates on the seed page', () => {
  it('yields exactly the teaser and the title, not the German translation', () => {
    const doc = new DOMParser().parseFromString(readHtml(SEED_HTML), 'text/html') as unknown as Document;
    const ps = extractParagraphs(doc);
    const clusters = findDuplicates(ps);
    expect(clusters.map((c) => [c.kind, c.similarity, c.paragraphs.map((m) => [m.index, m.tag])])).toEqual([
      ['exact', 1, [[0, 'h1'], [5, 'h2']]],
      ['exact', 1, [[2, 'p'], [4, 'p']]],
    ]);
    expect(clusters[1].paragraphs[0].text).toBe(ps[2].text);
    expect(clusters.flatMap((c) => c.paragraphs).some((m) => m.text.startsWith('Erfahren Sie'))).toBe(false);
  });
});

describe('findDuplicates on a page full of repeated boilerplate', () => {
  it('reports the repeated article text, not the repeated cookie banner, nav, share bar or footer', async () => {
    const page = parsePage(readHtml(join(FIXTURES, 'boilerplate-farm.html')));
    const ps = extractParagraphs(page.doc);
    const clusters = findDuplicates(ps);
    await page.close();
    const all = ps.map((x) => x.text).join('\n');
    for (const chrome of ['Cookies', 'Startseite', 'Teilen', 'Newsletter', 'Kommentare', 'Beispiel-Verlag', 'Ihr Portal']) {
      expect(all).not.toContain(chrome);
    }
    expect(clusters.map((c) => [c.kind, c.paragraphs.map((m) => m.index)])).toEqual([
      ['exact', [2, 4]],
      ['near', [3, 7]],
    ]);
    expect(clusters[1].similarity).toBeGreaterThanOrEqual(0.8);
    expect(clusters[1].similarity).toBeLessThan(1);
  });
});

describe('findDuplicates: properties', () => {
  // A small vocabulary makes collisions likely.
  const word = fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'Epsilon', 'zeta,', 'eta', '“theta”', 'iota', 'kappa');
  const text = fc.array(word, { minLength: 1, maxLength: 30 }).map((w) => w.join(' '));
  const paragraphs = fc
    .array(fc.tuple(text, fc.constantFrom('p', 'h2', 'li')), { maxLength: 40 })
    .chain((base) =>
      // Repeat some paragraphs so exact clusters occur.
      fc.array(fc.nat({ max: Math.max(0, base.length - 1) }), { maxLength: base.length ? 10 : 0 }).map((picks) =>
        [...base, ...picks.map((i) => base[i])].map(([t, tag], index) => ({ index, tag, text: t })),
      ),
    );

  it('returns disjoint, sorted clusters whose kind and similarity are consistent', () => {
    fc.assert(
      fc.property(paragraphs, fc.constantFrom(0.5, 0.8, 0.9), (input, threshold) => {
        const clusters = findDuplicates(input, { nearThreshold: threshold });
        checkInvariants(input, clusters, threshold);
      }),
      { seed: 20241103, numRuns: 200 },
    );
  });

  it('puts every pair of equal eligible paragraphs in the same cluster', () => {
    fc.assert(
      fc.property(paragraphs, (input) => {
        const clusters = findDuplicates(input);
        const clusterOf = new Map<number, number>();
        clusters.forEach((c, ci) => c.paragraphs.forEach((m) => clusterOf.set(m.index, ci)));
        const firstByNorm = new Map<string, number>();
        for (const x of input) {
          const n = normalizeForComparison(x.text);
          const eligible = n.length >= 20 || (/^h[1-6]$/.test(x.tag) && n.split(' ').length >= 3);
          if (!eligible) {
            expect(clusterOf.has(x.index)).toBe(false);
            continue;
          }
          const first = firstByNorm.get(n);
          if (first === undefined) firstByNorm.set(n, x.index);
          else expect(clusterOf.get(x.index)).toBe(clusterOf.get(first));
        }
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('links near pairs only at or above the threshold (two-paragraph inputs)', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const c = findDuplicates(list(a, b), { minChars: 1 });
        const same = normalizeForComparison(a) === normalizeForComparison(b);
        if (c.length === 1 && !same) expect(referenceJaccard(a, b)).toBeGreaterThanOrEqual(0.8);
        if (same && normalizeForComparison(a)) expect(c).toHaveLength(1);
      }),
      { seed: 99, numRuns: 300 },
    );
  });
});

describe('findDuplicates: scale', () => {
  /** Seeded generator: tests never use Math.random. */
  function lcg(seed: number) {
    let s = seed >>> 0;
    return () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
  }
  const vocab = Array.from({ length: 4000 }, (_, i) => `w${i.toString(36)}x`);

  it('handles 20,000 paragraphs and still finds the planted duplicates', { timeout: 20_000 }, () => {
    const rnd = lcg(42);
    const sentence = (n: number) => Array.from({ length: n }, () => vocab[Math.floor(rnd() * vocab.length)]).join(' ');
    const input = Array.from({ length: 20_000 }, (_, i) => p(i, sentence(30 + (i % 30))));
    input[19_999] = p(19_999, input[3].text);
    const words = input[500].text.split(' ');
    words[10] = 'replaced';
    input[15_000] = p(15_000, words.join(' '));
    const clusters = findDuplicates(input);
    expect(indices(clusters)).toEqual([[3, 19_999], [500, 15_000]]);
    expect(clusters.map((c) => c.kind)).toEqual(['exact', 'near']);
  });

  it('handles 20,000 near-identical paragraphs (worst case for the LSH buckets)', { timeout: 20_000 }, () => {
    const base = LONG_A.split(' ');
    const input = Array.from({ length: 20_000 }, (_, i) => {
      const w = [...base];
      w[i % base.length] = `changed${i}`;
      return p(i, w.join(' '));
    });
    const clusters = findDuplicates(input);
    expect(clusters).toHaveLength(1);
    expect(clusters[0].paragraphs).toHaveLength(20_000);
    expect(clusters[0].kind).toBe('near');
  });

  it('handles 20,000 identical paragraphs', { timeout: 20_000 }, () => {
    const input = Array.from({ length: 20_000 }, (_, i) => p(i, 'The same boilerplate sentence again and again.'));
    const clusters = findDuplicates(input);
    expect(clusters).toHaveLength(1);
    expect(clusters[0].paragraphs).toHaveLength(20_000);
  });
});

describe('corpus run', () => {
  const pages = corpusPages();

  it.skipIf(pages.length === 0 && ALLOW_NO_CORPUS)(
    `runs paragraphs, duplicates and metadata over every page in ${CORPUS_DIR}`,
    { timeout: 120_000 },
    async () => {
      requireCorpus(); // throws when the corpus is missing (SOURCELENS_ALLOW_NO_CORPUS=1 skips instead)
      const lines: string[] = [];
      let clusterCount = 0;
      let withParagraphs = 0;
      const failures: string[] = [];
      const flagged: string[] = [];
      for (const [name, path] of pages) {
        const page = parsePage(readHtml(path));
        try {
          const ps = extractParagraphs(page.doc);
          const clusters = findDuplicates(ps);
          // Empty labels only: an absent date/author (label '') is checked in metadata-absent.test.ts.
          const missing = findMissingMetadata(page.doc).filter((m) => m.label !== '');
          checkInvariants(ps, clusters);
          if (ps.length > 0) withParagraphs++;
          if (missing.length > 0) flagged.push(`${name}: ${JSON.stringify(missing)}`);
          clusterCount += clusters.length;
          lines.push(`${name}: ${ps.length} paragraphs, ${clusters.length} clusters${missing.length ? `, missing ${JSON.stringify(missing)}` : ''}`);
          for (const c of clusters) {
            lines.push(
              `    ${c.kind} ${c.similarity} ` + c.paragraphs.map((m) => `#${m.index} ${m.tag} "${m.text.slice(0, 50)}"`).join(' | '),
            );
          }
        } catch (e) {
          failures.push(`${name}: ${(e as Error).stack ?? e}`);
        } finally {
          await page.close();
        }
      }
      console.log(`corpus: ${pages.length} pages ran, ${withParagraphs} with paragraphs, ${clusterCount} clusters\n${lines.join('\n')}`);
      expect(failures).toEqual([]);
      expect(pages.length).toBeGreaterThan(0);
      // Nearly every page has article text (a few are malformed for happy-dom's parser).
      expect(withParagraphs).toBeGreaterThanOrEqual(pages.length * 0.9);
      // No corpus page has an empty "Published"/"By" label: their labels are followed by dates and names.
      expect(flagged).toEqual([]);
    },
  );

  it.skipIf(!pages.some(([n]) => n.endsWith('domradio.de-Reformstau')))('finds the fact box a real page prints twice', async () => {
    const [, path] = pages.find(([n]) => n.endsWith('domradio.de-Reformstau'))!;
    const page = parsePage(readHtml(path));
    const clusters = findDuplicates(extractParagraphs(page.doc));
    await page.close();
    const zdk = clusters.filter((c) => c.paragraphs.some((m) => m.text.startsWith('Das Zentralkomitee der deutschen Katholiken (ZdK)')));
    expect(zdk).toHaveLength(1);
    expect(zdk[0].kind).toBe('exact');
    // The whole box (a heading and six paragraphs) stands twice: one repeated passage, one warning.
    const box = duplicatePassages(clusters).find((p) => p.includes(zdk[0]))!;
    expect(box.map((c) => c.paragraphs[0].text.slice(0, 40))[0]).toBe('Zentralkomitee der deutschen Katholiken');
    expect(box).toHaveLength(7);
    expect(duplicatePassages(clusters).length).toBeLessThan(clusters.length);
  });
});
