/**
 * Translation duplicates (lib/translation): the seed page, the labelled pair set split into a
 * tuning and a held-out half, same-language paraphrases, the corpus of real pages, a 20,000-
 * paragraph page, and the pieces the evidence is made of.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../cli/parse';
import { extractParagraphs, findArticleRoot } from '../../lib/paragraphs';
import {
  explainPair,
  FEATURES,
  findTranslations,
  lastRunStats,
  MAX_DISTANT,
  MODEL,
  scorePair,
  TRANSLATION_MIN_CONFIDENCE,
  WINDOW,
  type TranslationInput,
} from '../../lib/translation';
import { metricsAt } from '../../lib/translation/fit';
import { paragraphLanguage } from '../../lib/translation/language';
import { lexiconProblems } from '../../lib/translation/lexicon';
import { extractNumbers } from '../../lib/translation/numbers';
import { fold, tokenize } from '../../lib/translation/text';
import type { DuplicateCluster } from '../../lib/types';
import { readHtml, requireCorpus } from '../fixtures/dup/load';
import { assignHalves, groupOf, kindOf, loadPairs, splitPairs, type LabelledPair } from '../fixtures/translation/set';

const HERE = dirname(fileURLToPath(import.meta.url));
const SEED = join(HERE, '..', 'fixtures', 'seed', 'article.html');
const SUPPORTED = new Set(['de', 'en', 'fr', 'es', 'it', 'ja']);

function pageParagraphs(html: string): TranslationInput[] {
  const page = parseHtml(html);
  try {
    return extractParagraphs(findArticleRoot(page.document)).map((p) => ({ index: p.index, tag: p.tag, text: p.text }));
  } finally {
    void page.close();
  }
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

describe('the seed page', () => {
  const paragraphs = pageParagraphs(readFileSync(SEED, 'utf8'));

  it('yields exactly one translation cluster: the French teaser and its German translation', () => {
    const clusters = findTranslations(paragraphs);
    expect(clusters).toHaveLength(1);
    const [c] = clusters;
    expect(c.kind).toBe('translation');
    expect(c.paragraphs.map((p) => p.lang)).toEqual(['fr', 'de']);
    expect(c.paragraphs[0].text).toMatch(/^Découvrez comment les États-Unis et le Japon/);
    expect(c.paragraphs[1].text).toMatch(/^Erfahren Sie, wie die USA und Japan/);
    expect(c.confidence).toBeGreaterThanOrEqual(TRANSLATION_MIN_CONFIDENCE);
    expect(c.confidence).toBeLessThanOrEqual(1);
    expect(c.similarity).toBeGreaterThan(0);
    expect(c.similarity).toBeLessThanOrEqual(1);
    // The teaser is printed twice; the exact copy is findDuplicates' business, not a second member.
    expect(paragraphs.filter((p) => p.text === c.paragraphs[0].text).length).toBe(2);
  });

  it('explains the pair with honest evidence', () => {
    const fr = paragraphs.find((p) => p.text.startsWith('Découvrez'))!.text;
    const de = paragraphs.find((p) => p.text.startsWith('Erfahren'))!.text;
    const e = explainPair(fr, de);
    expect(e).toEqual(JSON.parse(JSON.stringify(e)));
    expect([e.langA, e.langB, e.ineligible, e.isTranslation]).toEqual(['fr', 'de', null, true]);
    expect(e.entities.shared).toContainEqual({ a: 'Japon', b: 'Japan' });
    expect(e.lexicon).toContainEqual({ a: 'coopération', b: 'Zusammenarbeit', concept: 'cooperation' });
    expect(e.lexicon).toContainEqual({ a: 'influence', b: 'Einfluss', concept: 'influence' });
    expect(e.numbers).toEqual({ shared: [], unmatched: [] });
    expect(e.length.a).toBeGreaterThan(e.length.b);
    expect(e.features.map((f) => f.name)).toEqual([...FEATURES]);
    const z = e.bias + e.features.reduce((s, f) => s + f.weight * f.value, 0);
    expect(1 / (1 + Math.exp(-z))).toBeCloseTo(e.confidence, 2);
  });

  it('does not link the French title to the German teaser (same names, different content)', () => {
    const title = paragraphs.find((p) => p.tag === 'h1')!.text;
    const de = paragraphs.find((p) => p.text.startsWith('Erfahren'))!.text;
    expect(explainPair(title, de).isTranslation).toBe(false);
  });
});

describe('the labelled set', () => {
  const pairs = loadPairs();
  const halves = splitPairs(pairs);

  it('is large and varied enough', () => {
    const pos = pairs.filter((p) => p.label);
    const neg = pairs.filter((p) => !p.label);
    expect(pos.length).toBeGreaterThanOrEqual(120);
    expect(neg.length).toBeGreaterThanOrEqual(200);
    const langPairs = new Set(pos.map((p) => [p.a.lang, p.b.lang].sort().join('-')));
    expect(langPairs.size).toBeGreaterThanOrEqual(8);
    expect(new Set(pairs.map((p) => p.id)).size).toBe(pairs.length);
    for (const p of pairs) {
      expect(SUPPORTED.has(p.a.lang) && SUPPORTED.has(p.b.lang)).toBe(true);
      expect(p.a.text.length).toBeGreaterThan(20);
      expect(typeof p.note).toBe('string');
      if (p.label) expect(p.a.lang).not.toBe(p.b.lang);
    }
    for (const k of ['translation', 'paraphrase', 'neighbour', 'hard']) expect(pairs.some((p) => kindOf(p) === k)).toBe(true);
    // Negatives across languages that share a page (topic, names) and same-language paraphrases.
    expect(neg.filter((p) => p.a.lang !== p.b.lang).length).toBeGreaterThanOrEqual(150);
    expect(neg.filter((p) => p.a.lang === p.b.lang).length).toBeGreaterThanOrEqual(20);
  });

  it('splits deterministically by page into two halves of similar size', () => {
    expect(splitPairs(pairs)).toEqual(halves);
    expect(splitPairs([...pairs].reverse()).tuning.map((p) => p.id).sort()).toEqual(halves.tuning.map((p) => p.id).sort());
    const tuningPages = new Set(halves.tuning.map(groupOf));
    for (const p of halves['held-out']) expect(tuningPages.has(groupOf(p))).toBe(false);
    expect(halves.tuning.length + halves['held-out'].length).toBe(pairs.length);
    const ratio = halves.tuning.length / pairs.length;
    expect(ratio).toBeGreaterThan(0.35);
    expect(ratio).toBeLessThan(0.65);
    expect(assignHalves(pairs).size).toBe(new Set(pairs.map(groupOf)).size);
    // The model says where it was fitted: on the tuning pages only.
    for (const g of new Set(halves['held-out'].map(groupOf))) expect(MODEL.fittedOn).not.toMatch(new RegExp(`\\b${g}\\b`));
  });

  it('meets the bar on the held-out half (precision ≥ 0.9, recall ≥ 0.8)', () => {
    const evaluate = (ps: LabelledPair[]) => {
      const scores = ps.map((p) => scorePair(p.a.text, p.b.text).confidence);
      return metricsAt(
        scores,
        ps.map((p) => p.label),
        TRANSLATION_MIN_CONFIDENCE,
      );
    };
    const tuning = evaluate(halves.tuning);
    const held = evaluate(halves['held-out']);
    for (const [name, m] of [
      ['tuning', tuning],
      ['held-out', held],
    ] as const) {
      console.log(
        `translation ${name.padEnd(8)} (${name === 'tuning' ? halves.tuning.length : halves['held-out'].length} pairs): ` +
          `precision ${pct(m.precision)}, recall ${pct(m.recall)}, F1 ${pct(m.f1)} — TP ${m.tp}, FP ${m.fp}, FN ${m.fn}, TN ${m.tn} at ${TRANSLATION_MIN_CONFIDENCE}`,
      );
    }
    expect(held.precision).toBeGreaterThanOrEqual(0.9);
    expect(held.recall).toBeGreaterThanOrEqual(0.8);
  }, 120_000);

  it('never calls a same-language paraphrase a translation, at any threshold', () => {
    const paraphrases = pairs.filter((p) => kindOf(p) === 'paraphrase');
    expect(paraphrases.length).toBeGreaterThanOrEqual(20);
    for (const p of paraphrases) {
      const e = explainPair(p.a.text, p.b.text);
      expect(e.isTranslation, p.id).toBe(false);
      expect(e.ineligible, p.id).not.toBeNull();
      const clusters = findTranslations(
        [
          { index: 0, tag: 'p', text: p.a.text },
          { index: 1, tag: 'p', text: p.b.text },
        ],
        { minConfidence: 0 },
      );
      expect(clusters, p.id).toEqual([]);
    }
  }, 60_000);
});

/**
 * Corpus hits investigated by hand. nytimes-5 (the Spanish edition) prints a photo credit in
 * Spanish and, for one image, in English: "Fotoilustración de Andrew B. Myers para The New York
 * Times" / "Photo Illustration by Andrew B. Myers for The New York Times" — a real translation.
 * Any other hit fails the test until someone has looked at it.
 */
const KNOWN_CORPUS_HITS: Array<{ page: string; contains: string }> = [{ page: 'readability/nytimes-5', contains: 'Andrew B. Myers' }];

describe('the corpus of real pages', () => {
  it('runs on every page without throwing; every hit is a known, investigated one', async (ctx) => {
    const pages = requireCorpus(); // throws when the corpus is missing, unless SOURCELENS_ALLOW_NO_CORPUS=1
    if (pages.length === 0) {
      console.warn('translation corpus run: no corpus (SOURCELENS_ALLOW_NO_CORPUS=1) — skipped');
      ctx.skip();
      return;
    }
    let paragraphCount = 0;
    const hits: Array<{ page: string; cluster: DuplicateCluster }> = [];
    for (const [name, path] of pages) {
      const page = parseHtml(readHtml(path));
      const paragraphs = extractParagraphs(findArticleRoot(page.document)).map((p) => ({ index: p.index, tag: p.tag, text: p.text }));
      await page.close();
      paragraphCount += paragraphs.length;
      let clusters: DuplicateCluster[] = [];
      expect(() => (clusters = findTranslations(paragraphs)), name).not.toThrow();
      for (const c of clusters) {
        expect(c.kind).toBe('translation');
        expect(new Set(c.paragraphs.map((p) => p.lang)).size).toBeGreaterThan(1);
        hits.push({ page: name, cluster: c });
      }
    }
    console.log(`translation corpus run: ${pages.length} pages, ${paragraphCount} paragraphs, ${hits.length} hit(s)`);
    for (const h of hits) {
      console.log(`  ${h.page} (confidence ${h.cluster.confidence}, similarity ${h.cluster.similarity})`);
      for (const p of h.cluster.paragraphs) console.log(`    [${p.index} ${p.tag} ${p.lang}] ${p.text.slice(0, 120)}`);
    }
    const unknown = hits.filter((h) => !KNOWN_CORPUS_HITS.some((k) => h.page === k.page && h.cluster.paragraphs.some((p) => p.text.includes(k.contains))));
    expect(unknown.map((h) => `${h.page}: ${h.cluster.paragraphs.map((p) => p.text.slice(0, 60)).join(' | ')}`)).toEqual([]);
  }, 600_000);
});

describe('a page of 20,000 paragraphs', () => {
  it('is handled in linear work (capped candidates per paragraph)', () => {
    const texts = [...new Set(loadPairs().flatMap((p) => [p.a.text, p.b.text]))];
    const paragraphs = Array.from({ length: 20_000 }, (_, i) => ({ index: i, tag: 'p', text: `${texts[i % texts.length]} (${i})` }));
    const t0 = performance.now();
    const clusters = findTranslations(paragraphs);
    const ms = performance.now() - t0;
    console.log(
      `translation 20,000 paragraphs: ${ms.toFixed(0)} ms, ${lastRunStats.eligible} eligible, ${lastRunStats.pairsScored} pairs scored ` +
        `(${(lastRunStats.pairsScored / lastRunStats.eligible).toFixed(2)} per paragraph), ${clusters.length} clusters`,
    );
    expect(lastRunStats.eligible).toBeGreaterThan(15_000);
    expect(lastRunStats.pairsScored).toBeLessThanOrEqual((WINDOW + MAX_DISTANT) * lastRunStats.eligible);
    // The page is made of the set's translation pairs: far beyond the profile cache, they must still link.
    const last = clusters.filter((c) => c.paragraphs[0].index >= 19_000);
    expect(last.length).toBeGreaterThan(10);
    for (const c of clusters) expect(new Set(c.paragraphs.map((p) => p.lang)).size).toBeGreaterThan(1);
  }, 600_000);
});

describe('findTranslations', () => {
  const fr = 'Découvrez comment les États-Unis et le Japon renforcent leur coopération dans le domaine des terres rares afin de réduire l’influence de la Chine.';
  const de = 'Erfahren Sie, wie die USA und Japan ihre Zusammenarbeit bei seltenen Erden stärken, um Chinas Einfluss zu verringern.';
  const en = 'Find out how the United States and Japan are strengthening their cooperation on rare earths in order to reduce China’s influence.';

  it('handles empty and tiny input', () => {
    expect(findTranslations([])).toEqual([]);
    expect(findTranslations([{ index: 0, tag: 'p', text: fr }])).toEqual([]);
    expect(findTranslations([{ index: 0, tag: 'p', text: 'Kurz.' }, { index: 1, tag: 'p', text: 'Short.' }])).toEqual([]);
  });

  it('links three languages into one cluster, members in page order with their languages', () => {
    const clusters = findTranslations([
      { index: 4, tag: 'p', text: fr },
      { index: 7, tag: 'p', text: de },
      { index: 9, tag: 'li', text: en },
    ]);
    expect(clusters).toHaveLength(1);
    expect(clusters[0].paragraphs.map((p) => [p.index, p.tag, p.lang])).toEqual([
      [4, 'p', 'fr'],
      [7, 'p', 'de'],
      [9, 'li', 'en'],
    ]);
    expect(clusters[0].confidence).toBeLessThanOrEqual(1);
  });

  it('finds a translation far from its original through the blocking keys', () => {
    const filler = (i: number) => ({ index: i, tag: 'p', text: `Der Gemeinderat hat am Dienstag über den Haushalt für das Jahr ${2000 + i} beraten, ohne eine Entscheidung zu treffen.` });
    const paragraphs = [{ index: 0, tag: 'p', text: fr }, ...Array.from({ length: 30 }, (_, i) => filler(i + 1)), { index: 31, tag: 'p', text: de }];
    const clusters = findTranslations(paragraphs);
    expect(clusters.map((c) => c.paragraphs.map((p) => p.index))).toEqual([[0, 31]]);
  });

  it('respects minConfidence, skips code, and takes a custom detector', () => {
    const pair = [
      { index: 0, tag: 'p', text: fr },
      { index: 1, tag: 'p', text: de },
    ];
    expect(findTranslations(pair, { minConfidence: 1.01 })).toEqual([]);
    expect(findTranslations([{ ...pair[0], tag: 'pre' }, pair[1]])).toEqual([]);
    let asked = 0;
    const detect = () => {
      asked++;
      return null;
    };
    // Function words decide these two; the detector is not needed.
    expect(findTranslations(pair, { detect })).toHaveLength(1);
    expect(asked).toBe(0);
  });

  it('builds full profiles only when the page has two languages to compare', () => {
    const german = Array.from({ length: 40 }, (_, i) => ({
      index: i,
      tag: 'p',
      text: `Der Gemeinderat hat am Dienstag über den Haushalt für das Jahr ${2000 + i} beraten, ohne eine Entscheidung zu treffen.`,
    }));
    expect(findTranslations(german)).toEqual([]);
    expect(lastRunStats.eligible).toBe(40);
    expect(lastRunStats.profiled).toBe(0);
    // One French paragraph among them: every eligible paragraph is profiled, and the pair found.
    const mixed = [...german, { index: 40, tag: 'p', text: fr }, { index: 41, tag: 'p', text: de }];
    expect(findTranslations(mixed).map((c) => c.paragraphs.map((p) => p.index))).toEqual([[40, 41]]);
    expect(lastRunStats.profiled).toBe(42);
  });

  it('is deterministic', () => {
    const ps = loadPairs()
      .slice(0, 60)
      .flatMap((p, i) => [
        { index: 2 * i, tag: 'p', text: p.a.text },
        { index: 2 * i + 1, tag: 'p', text: p.b.text },
      ]);
    expect(JSON.stringify(findTranslations(ps))).toBe(JSON.stringify(findTranslations(ps)));
  });
});

describe('evidence pieces', () => {
  it('the bundled lexicon has no unusable forms', () => {
    expect(lexiconProblems()).toEqual([]);
  });

  it('the model has a weight for every feature and its threshold is the exported one', () => {
    expect(Object.keys(MODEL.weights).sort()).toEqual([...FEATURES].sort());
    expect(TRANSLATION_MIN_CONFIDENCE).toBe(MODEL.threshold);
    expect(TRANSLATION_MIN_CONFIDENCE).toBeGreaterThan(0);
    expect(TRANSLATION_MIN_CONFIDENCE).toBeLessThan(1);
  });

  it('reads numbers, dates and weekdays language-neutrally', () => {
    const keys = (t: string, l: string) => extractNumbers(t, l).flatMap((m) => m.keys);
    expect(keys('am Montagabend, 20. April 2020', 'de')).toEqual(['w1', '20', 'm4', '2020']);
    expect(keys('Monday, April 20, 2020', 'en')).toEqual(['w1', 'm4', '20', '2020']);
    expect(keys('木曜日、2020年4月20日', 'ja')).toEqual(expect.arrayContaining(['w4', '2020', 'm4', '20']));
    expect(keys('68.700 millones de dólares', 'es')).toContain('68700000000');
    expect(keys('68,7 Milliarden Dollar', 'de')).toContain('68700000000');
    expect(keys('687億ドル', 'ja')).toContain('68700000000');
    expect(keys('1,500 people', 'en')).toEqual(['1500', '1.5']);
    // Words that are properties of Object.prototype are just words.
    expect(() => extractNumbers('the constructor of toString and valueOf', 'en')).not.toThrow();
    expect(keys('the constructor hasOwnProperty', 'en')).toEqual([]);
  });

  it('splits Latin words from the Japanese around them', () => {
    expect(tokenize('Facebookはあなたの閲覧履歴を把握できる。ZdKの事務局長').map((t) => t.raw)).toEqual(['Facebook', 'ZdK']);
    expect(fold('Coopération')).toBe('cooperation');
    expect(fold('Straße')).toBe('strasse');
  });

  it('does not trust a trigram detector against clear function words', () => {
    const text = 'Weitere Informationen zum Coronavirus in Thüringen';
    const folded = tokenize(text).map((t) => t.f);
    expect(paragraphLanguage(text, folded, () => 'en').lang).toBeNull();
    expect(paragraphLanguage(text, folded, () => 'de').lang).toBe('de');
    expect(paragraphLanguage('子どもへの虐待をなくすための法律', [], () => 'zh').lang).toBe('ja');
  });

  it('does not rest "different languages" on two trigram guesses (reference lists, credits)', () => {
    // Two English reference entries from readability/wikipedia-2; franc calls the second Italian.
    const a = '^ "NZ\'s first Olympic century". Ministry for Culture and Heritage. August 2016. Retrieved 27 April 2017.';
    const b = '^ "Rio 2016 Olympic Games: Medals per capita". Statistics New Zealand. 30 August 2016. Retrieved 27 April 2017.';
    const e = explainPair(a, b, { detect: (t) => (t.includes('Rio') ? 'it' : 'en') });
    expect([e.langByA, e.langByB]).toEqual(['detector', 'detector']);
    expect(e.ineligible).toBe('uncertain-language');
    expect(e.isTranslation).toBe(false);
  });

  it('names shared through transliteration and numbers count; unrelated same-topic text does not', () => {
    const ja = 'ZdKの事務局長は2020年1月1日からマルク・フリングス氏が務めている。';
    const de = 'ZdK-Generalsekretär ist seit 1. Januar 2020 Marc Frings.';
    const e = explainPair(ja, de);
    expect(e.entities.shared).toEqual(expect.arrayContaining([{ a: 'マルク', b: 'Marc' }, { a: 'フリングス', b: 'Frings' }]));
    expect(e.numbers.shared).toEqual(expect.arrayContaining([{ a: '2020', b: '2020' }]));
    const other = explainPair(
      'Gaby Allendorf, portavoz de la iniciativa, explicó que el modelo centrado en el usuario ya se prueba en Francia.',
      'Es gehe nicht bloß um höhere Einkünfte, sondern um „Transparenz, Fairness und kulturelle Vielfalt“, wird in der Mitteilung betont.',
    );
    expect(other.isTranslation).toBe(false);
  });
});
