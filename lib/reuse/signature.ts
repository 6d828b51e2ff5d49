/**
 * Paragraph fingerprints for reuse across sites: what the content script computes and the
 * background stores (lib/reuse/store.ts). A fingerprint is 16 band keys of 16 bits each; the
 * paragraph's text cannot be recovered from it, and it is never stored.
 *
 * Method
 * ------
 * 1. The paragraph is normalised like lib/duplicates (`normalizeForComparison`: NFKC, case
 *    folding, punctuation removed, white space collapsed). Paragraphs shorter than
 *    `REUSE_MIN_CHARS` (40) normalised characters are left out: short lines ("Read more",
 *    bylines, captions) are shared by many sites and say nothing about copying.
 * 2. Shingles: overlapping word 3-grams; text that is mostly Han/Hiragana/Katakana is cut into
 *    character 3-grams of the text without spaces (as lib/duplicates does). Each shingle is a
 *    32-bit hash (seeded FNV-1a per word, words combined in order).
 * 3. MinHash: 64 seeded hash functions (fixed constants, splitmix32 from a fixed seed: the same
 *    paragraph gives the same fingerprint in every browser, every session and every version
 *    that keeps `SIGNATURE_VERSION`). For a random function, two shingle sets share their
 *    minimum with probability equal to their Jaccard similarity J.
 * 4. LSH bands: the 64 values are cut into 16 bands of 4 rows; each band is hashed to a 16-bit
 *    key. Two paragraphs share a given band key with probability ≈ J⁴ (plus 1/65,536 for a
 *    chance collision of the 16-bit key), so the fraction f of the 16 bands that agree
 *    estimates J⁴, and f^(1/4) estimates J (see lib/reuse/store.ts for the threshold).
 *
 * 16-bit keys (rather than 32) halve the stored size (32 bytes per paragraph: 100,000 paragraphs
 * are 3.2 MB, 4.3 MB as base64) and let the store index every band by direct addressing
 * (16 × 65,536 buckets). The price, chance agreements, is bounded by requiring several bands to
 * agree (store.ts computes it).
 *
 * Changing anything here (constants, normalisation, shingling) changes every fingerprint: bump
 * `SIGNATURE_VERSION`, and stored fingerprints of another version are dropped on load.
 */
import type { ParagraphFingerprint } from '../types';
import { combine, hashRange, minhashConstants } from '../text/hash';
import { isMostlyCjk, normalizeForComparison } from '../text/normalize';

/** Version of the fingerprint format (hash constants, normalisation, bands). */
export const SIGNATURE_VERSION = 1;
export const REUSE_HASHES = 64;
export const REUSE_BANDS = 16;
export const REUSE_ROWS = REUSE_HASHES / REUSE_BANDS;
/** Paragraphs shorter than this many normalised characters get no fingerprint. */
export const REUSE_MIN_CHARS = 40;
/** At most this many fingerprints per page (the first paragraphs in document order). */
export const REUSE_MAX_PER_PAGE = 500;
/** Words of a paragraph's opening sent along (for the popup; never stored). */
export const REUSE_OPENING_WORDS = 12;

const SHINGLE_WORDS = 3;
const SHINGLE_CHARS = 3;

/** Fixed pseudo-random constants of the MinHash functions (splitmix32 from a fixed seed). */
const [MIN_XOR, MIN_MUL] = /* @__PURE__ */ minhashConstants(REUSE_HASHES, 0x2e05e1a5);

/** Buffers reused across calls (the content script computes many paragraphs in a row). */
const sig = new Uint32Array(REUSE_HASHES);
let words = new Uint32Array(256);

function addShingle(h: number): void {
  for (let i = 0; i < REUSE_HASHES; i++) {
    let m = Math.imul(h ^ MIN_XOR[i], MIN_MUL[i]);
    m = (m ^ (m >>> 15)) >>> 0;
    if (m < sig[i]) sig[i] = m;
  }
}

/** The normalised form a paragraph is fingerprinted in, or null when it is too short. */
export function reuseNormalize(text: string): string | null {
  const norm = normalizeForComparison(text);
  return norm.length >= REUSE_MIN_CHARS ? norm : null;
}

/** MinHash signature of a normalised text, written to the shared buffer `sig`. */
function minhash(norm: string): void {
  sig.fill(0xffffffff);
  if (isMostlyCjk(norm)) {
    const s = norm.indexOf(' ') < 0 ? norm : norm.split(' ').join('');
    const n = Math.max(1, s.length - SHINGLE_CHARS + 1);
    for (let i = 0; i < n; i++) addShingle(hashRange(s, i, Math.min(s.length, i + SHINGLE_CHARS), 0x3c6ef372));
    return;
  }
  if (words.length < norm.length + 1) words = new Uint32Array(Math.max(norm.length + 1, words.length * 2));
  let count = 0;
  let start = 0;
  for (let i = 0; i <= norm.length; i++) {
    if (i === norm.length || norm.charCodeAt(i) === 32) {
      if (i > start) words[count++] = hashRange(norm, start, i, 0x1b873593);
      start = i + 1;
    }
  }
  const k = Math.min(SHINGLE_WORDS, count);
  const n = Math.max(1, count - k + 1);
  for (let i = 0; i < n; i++) {
    let h = 0xa54ff53a;
    for (let j = 0; j < k; j++) h = combine(h, words[i + j]);
    addShingle(h);
  }
}

/** Band keys of the current signature: 16 values in 0..65535. */
function bandKeys(out: Uint16Array | number[]): void {
  for (let b = 0; b < REUSE_BANDS; b++) {
    let h = 0x6a09e667 ^ b;
    for (let r = 0; r < REUSE_ROWS; r++) h = combine(h, sig[b * REUSE_ROWS + r]);
    out[b] = (h >>> 16) ^ (h & 0xffff);
  }
}

/**
 * The 16 band keys of a paragraph (each 0..65535), or null when the paragraph is shorter than
 * `REUSE_MIN_CHARS` normalised characters.
 */
export function paragraphBands(text: string): Uint16Array | null {
  const norm = reuseNormalize(text);
  if (norm === null) return null;
  minhash(norm);
  const out = new Uint16Array(REUSE_BANDS);
  bandKeys(out);
  return out;
}

/** The full 64-value MinHash signature (for tests and the benchmark). */
export function paragraphMinhash(text: string): Uint32Array | null {
  const norm = reuseNormalize(text);
  if (norm === null) return null;
  minhash(norm);
  return sig.slice();
}

/** How many of two fingerprints' bands agree (position by position). */
export function agreeingBands(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < REUSE_BANDS; i++) if (a[i] === b[i]) n++;
  return n;
}

/**
 * Fingerprints of a page's paragraphs (`extractParagraphs` output: index and text are read),
 * in document order, at most `REUSE_MAX_PER_PAGE`. Paragraphs whose fingerprint repeats an
 * earlier one of the same page are left out (a page repeating itself is lib/duplicates' job).
 */
export function fingerprintParagraphs(
  paragraphs: ReadonlyArray<{ index: number; text: string }>,
  max = REUSE_MAX_PER_PAGE,
): ParagraphFingerprint[] {
  const out: ParagraphFingerprint[] = [];
  const seen = new Set<string>();
  for (const p of paragraphs) {
    if (out.length >= max) break;
    const norm = reuseNormalize(p.text);
    if (norm === null) continue;
    minhash(norm);
    const bands: number[] = new Array(REUSE_BANDS);
    bandKeys(bands);
    const key = bands.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ paragraph: p.index, bands, opening: opening(p.text) });
  }
  return out;
}

function opening(text: string): string {
  const parts = text.trim().split(/\s+/);
  const head = parts.slice(0, REUSE_OPENING_WORDS).join(' ');
  return (parts.length > REUSE_OPENING_WORDS ? `${head} …` : head).slice(0, 200);
}
