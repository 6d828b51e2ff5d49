/**
 * Paragraph fingerprints (lib/reuse/signature.ts): identical paragraphs agree on every band,
 * near copies on several, unrelated paragraphs on (almost) none; the MinHash values estimate
 * Jaccard similarity; the format is pinned (a change must bump SIGNATURE_VERSION).
 */
import { describe, expect, it } from 'vitest';
import { normalizeForComparison } from '../../lib/text/normalize';
import {
  REUSE_BANDS,
  REUSE_MAX_PER_PAGE,
  REUSE_MIN_CHARS,
  agreeingBands,
  fingerprintParagraphs,
  paragraphBands,
  paragraphMinhash,
} from '../../lib/reuse/signature';
import { MIN_AGREEING_BANDS, estimateSimilarity } from '../../lib/reuse/store';

const COPIED =
  'At the gauge below the old mill the river now runs at forty centimetres, against a long-term average of seventy-five for the end of May. Farmers who draw water for their fields have been asked to irrigate only at night, when less of it evaporates.';
const EDITED =
  'The water board said it would review the restrictions every Friday and lift them as soon as two weeks of steady rain had brought the reservoirs back above sixty percent of their capacity.';
const OTHER =
  'Anglers report that trout have moved to the deeper pools near the weir, where the water stays cooler. The fishing club has closed two of its stretches until further notice to spare the stock.';

/** A deterministic pseudo-random word list (no Math.random: failures must be reproducible). */
function words(seed: number, n: number): string[] {
  let s = seed >>> 0;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out.push(`w${(s >>> 8) % 5000}`);
  }
  return out;
}

/** Exact Jaccard similarity of two texts' word 3-gram sets (normalised like the fingerprints). */
function jaccard3(a: string, b: string): number {
  const grams = (t: string) => {
    const w = normalizeForComparison(t).split(' ');
    const set = new Set<string>();
    for (let i = 0; i + 3 <= w.length; i++) set.add(w.slice(i, i + 3).join(' '));
    return set;
  };
  const A = grams(a);
  const B = grams(b);
  let inter = 0;
  for (const g of A) if (B.has(g)) inter++;
  return inter / (A.size + B.size - inter);
}

describe('paragraphBands', () => {
  it('gives 16 band keys of 16 bits, the same for the same paragraph', () => {
    const a = paragraphBands(COPIED)!;
    expect(a).toHaveLength(REUSE_BANDS);
    expect([...a].every((k) => Number.isInteger(k) && k >= 0 && k <= 0xffff)).toBe(true);
    expect([...paragraphBands(COPIED)!]).toEqual([...a]);
  });

  it('ignores case, punctuation, quotes and white space (the normalised text is what counts)', () => {
    const noisy = `  ${COPIED.toUpperCase().replace(/,/g, ' ,').replace(/\./g, '!')}  `;
    expect(agreeingBands(paragraphBands(noisy)!, paragraphBands(COPIED)!)).toBe(REUSE_BANDS);
  });

  it('lets a near copy (one word changed) agree on several bands, an unrelated paragraph on none', () => {
    const edited = EDITED.replace('two weeks', 'three weeks');
    const near = agreeingBands(paragraphBands(EDITED)!, paragraphBands(edited)!);
    expect(jaccard3(EDITED, edited)).toBeGreaterThan(0.8);
    expect(near).toBeGreaterThanOrEqual(MIN_AGREEING_BANDS);
    expect(near).toBeLessThan(REUSE_BANDS);
    expect(agreeingBands(paragraphBands(COPIED)!, paragraphBands(OTHER)!)).toBeLessThan(MIN_AGREEING_BANDS);
    expect(agreeingBands(paragraphBands(EDITED)!, paragraphBands(OTHER)!)).toBeLessThan(MIN_AGREEING_BANDS);
  });

  it(`gives no fingerprint to paragraphs under ${REUSE_MIN_CHARS} normalised characters`, () => {
    expect(paragraphBands('Read more about this topic here.')).toBeNull();
    expect(paragraphBands('x'.repeat(REUSE_MIN_CHARS - 1))).toBeNull();
    expect(paragraphBands('x'.repeat(REUSE_MIN_CHARS))).not.toBeNull();
  });

  it('fingerprints Chinese and Japanese text by characters', () => {
    const zh = '水位在过去十一年中降到了最低点，因为今年春天的降雨量只有往年的一半左右，地区水务局在星期二公布的数据显示了这一点。';
    const zhEdited = zh.replace('星期二', '星期三');
    expect(agreeingBands(paragraphBands(zh)!, paragraphBands(zh)!)).toBe(REUSE_BANDS);
    expect(agreeingBands(paragraphBands(zh)!, paragraphBands(zhEdited)!)).toBeGreaterThanOrEqual(MIN_AGREEING_BANDS);
  });

  it('is pinned: a change of hashing or normalisation must bump SIGNATURE_VERSION', () => {
    // If this fails after an intended change, bump SIGNATURE_VERSION in lib/reuse/signature.ts
    // (stored fingerprints of the old version are then dropped) and update the expected keys.
    expect([...paragraphBands(COPIED)!]).toMatchInlineSnapshot(`
      [
        38925,
        44714,
        6064,
        40195,
        1397,
        35925,
        9704,
        5442,
        83,
        30227,
        32101,
        20324,
        13519,
        61915,
        39630,
        1092,
      ]
    `);
  });
});

describe('MinHash quality', () => {
  it('estimates the Jaccard similarity of word 3-grams without bias (64 values: σ ≤ 0.0625)', () => {
    const errors: number[] = [];
    const signed: number[] = [];
    for (let seed = 1; seed <= 60; seed++) {
      const base = words(seed, 80);
      const edited = [...base];
      // Change every k-th word: from nearly identical to quite different.
      const step = 2 + (seed % 12);
      for (let i = seed % step; i < edited.length; i += step) edited[i] = `x${seed}_${i}`;
      const a = base.join(' ');
      const b = edited.join(' ');
      const ma = paragraphMinhash(a)!;
      const mb = paragraphMinhash(b)!;
      let same = 0;
      for (let i = 0; i < ma.length; i++) if (ma[i] === mb[i]) same++;
      signed.push(same / ma.length - jaccard3(a, b));
      errors.push(Math.abs(signed[signed.length - 1]));
    }
    errors.sort((x, y) => x - y);
    const mean = errors.reduce((s, e) => s + e, 0) / errors.length;
    const bias = signed.reduce((s, e) => s + e, 0) / signed.length;
    expect(mean).toBeLessThan(0.06);
    expect(Math.abs(bias)).toBeLessThan(0.03);
    // 60 estimates with σ ≤ 0.0625 each: the largest error stays within 4σ.
    expect(errors[errors.length - 1]).toBeLessThan(0.25);
  });

  it('keeps unrelated paragraphs apart: no pair of 300 random paragraphs reaches the match threshold', () => {
    const sigs = Array.from({ length: 300 }, (_, i) => paragraphBands(words(1000 + i, 40).join(' '))!);
    let worst = 0;
    for (let i = 0; i < sigs.length; i++) for (let j = i + 1; j < sigs.length; j++) worst = Math.max(worst, agreeingBands(sigs[i], sigs[j]));
    expect(worst).toBeLessThan(MIN_AGREEING_BANDS);
  });

  it('maps agreeing bands to an estimated similarity', () => {
    expect(estimateSimilarity(16)).toBe(1);
    expect(estimateSimilarity(3)).toBe(0.66);
    expect(estimateSimilarity(8)).toBe(0.84);
    expect(estimateSimilarity(0)).toBe(0);
  });
});

describe('fingerprintParagraphs', () => {
  it('keeps paragraph indices, skips short ones and repeats, and sends only the opening words', () => {
    const fps = fingerprintParagraphs([
      { index: 0, text: 'Short heading' },
      { index: 1, text: COPIED },
      { index: 2, text: OTHER },
      { index: 3, text: COPIED.toLowerCase() },
    ]);
    expect(fps.map((f) => f.paragraph)).toEqual([1, 2]);
    expect(fps[0].bands).toEqual([...paragraphBands(COPIED)!]);
    expect(fps[0].opening).toBe('At the gauge below the old mill the river now runs at …');
    expect(JSON.stringify(fps)).not.toContain('evaporates');
  });

  it(`sends at most ${REUSE_MAX_PER_PAGE} fingerprints per page`, () => {
    const many = Array.from({ length: REUSE_MAX_PER_PAGE + 50 }, (_, i) => ({ index: i, text: words(i + 7, 20).join(' ') }));
    expect(fingerprintParagraphs(many)).toHaveLength(REUSE_MAX_PER_PAGE);
  });
});
