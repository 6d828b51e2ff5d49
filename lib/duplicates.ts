/**
 * Duplicate paragraphs: text a page repeats (a teaser printed twice, the title again as a
 * subheading, a pasted block with one word changed).
 *
 * Method
 * ------
 * 1. Every paragraph is normalised (`normalizeForComparison`: NFKC, case folding, punctuation
 *    and quotes removed, white space collapsed). Paragraphs shorter than `minChars` (default 20)
 *    normalised characters are ignored, except headings (h1–h6) of at least 3 words (for
 *    Chinese/Japanese headings, which have no word spaces: at least 6 characters) — a title
 *    repeated as a subheading is worth reporting, a repeated "Mehr zum Thema" is not.
 * 2. Exact duplicates: paragraphs with equal normalised text, found with a hash map.
 * 3. Near duplicates, among the first paragraph of each distinct normalised text:
 *    - shingles: overlapping word 3-grams (a paragraph of fewer than 3 words is one shingle);
 *      text that is mostly Han/Hiragana/Katakana is compared by character 3-grams of the text
 *      with spaces removed. Shingles are hashed to 53-bit integers (two independent 32-bit
 *      hashes), so the sets compare without building substrings;
 *    - MinHash: a signature of 64 seeded hash functions (fixed constants, no Math.random, so
 *      results are deterministic), split into LSH bands of r rows. r is the largest row count
 *      for which a pair exactly at the threshold still becomes a candidate with probability
 *      ≥ 0.995 (threshold 0.8 → 16 bands of 4 rows: 99.98 %);
 *    - candidates are the paragraphs sharing a band bucket; each bucket keeps at most 8
 *      members, so a page of 20,000 near-identical paragraphs stays linear (a paragraph is still
 *      linked to the cluster through the first members). All pairs are never compared;
 *    - each candidate pair is verified with the exact Jaccard similarity of the two shingle
 *      sets: |A ∩ B| / |A ∪ B| ≥ `nearThreshold` (default 0.8). For word 3-grams, 0.8 means
 *      about one changed word per 30 words; two paragraphs about the same topic share far less.
 * 4. Linked pairs are merged with union-find into clusters.
 *
 * Clusters
 * --------
 * A cluster is `exact` when all its members are equal after normalisation (similarity 1).
 * Otherwise it is `near`, and its `similarity` is the lowest verified similarity among the
 * pairs that linked it (the spanning links union-find merged on, not every pair of members:
 * A~B 0.85 and B~C 0.85 report 0.85 although A and C may be less alike). Members are listed
 * by index with their full original text; clusters are sorted by their first member's index.
 *
 * Time is linear in the number of paragraphs (times their length): one hash map, 64 hashes per
 * shingle, bounded buckets. Hash state and signature buffers are allocated once per call.
 *
 * Extending: links carry a kind; a later stage (e.g. translations, kind `translation` in
 * lib/types) can add its own links to the same union-find, and a cluster takes the weakest
 * kind among its links.
 */
import type { DuplicateCluster, DuplicateKind, DuplicateParagraph } from './types';
import { isMostlyCjk, normalizeForComparison } from './text/normalize';
import { combine, hashRange, minhashConstants } from './text/hash';
import { UnionFind } from './union-find';

export { normalizeForComparison };

export interface DuplicateOptions {
  /**
   * Minimum Jaccard similarity of the shingle sets for a near duplicate, 0..1 (default 0.8).
   * Word 3-shingles; character 3-shingles for Chinese/Japanese text without spaces.
   * A value above 1 turns near-duplicate detection off.
   */
  nearThreshold?: number;
  /** Paragraphs shorter than this many normalised characters are ignored (default 20), except headings of ≥ 3 words. */
  minChars?: number;
}

export interface DuplicateInput {
  index: number;
  tag: string;
  text: string;
}

export const DEFAULT_NEAR_THRESHOLD = 0.8;
export const DEFAULT_MIN_CHARS = 20;

const SHINGLE_WORDS = 3;
const SHINGLE_CHARS = 3;
const NUM_HASHES = 64;
const BUCKET_CAP = 8;
const HEADING_MIN_WORDS = 3;
const CJK_HEADING_MIN_CHARS = 6;
const HEADING = /^h[1-6]$/;
const TWO_POW_21 = 2097152;

/**
 * Fixed pseudo-random constants for the MinHash functions (splitmix32 from a fixed seed), made
 * by a pure function so that bundles importing this module without using it drop it.
 */
const [MINHASH_XOR, MINHASH_MUL] = /* @__PURE__ */ minhashConstants(NUM_HASHES, 0x5eed1e55);

/** Buffers reused across the paragraphs of one call. */
class ShingleBuffers {
  wordA = new Uint32Array(256);
  wordB = new Uint32Array(256);
  keys = new Float64Array(256);
  /** Shingles written to `keys` for the current paragraph. */
  count = 0;
  readonly sig = new Uint32Array(NUM_HASHES);

  ensureWords(n: number): void {
    if (this.wordA.length < n) {
      const size = Math.max(n, this.wordA.length * 2);
      this.wordA = new Uint32Array(size);
      this.wordB = new Uint32Array(size);
    }
  }
  ensureKeys(n: number): void {
    if (this.keys.length < n) this.keys = new Float64Array(Math.max(n, this.keys.length * 2));
  }
}

/**
 * Add one shingle, given as two independent 32-bit hashes: its 53-bit key to `buf.keys`, and
 * its 64 MinHash values (a bijective multiply-xorshift of `a` per function) to the signature.
 */
function addShingle(buf: ShingleBuffers, a: number, b: number): void {
  buf.keys[buf.count++] = a * TWO_POW_21 + (b >>> 11);
  const sig = buf.sig;
  for (let i = 0; i < NUM_HASHES; i++) {
    let h = Math.imul(a ^ MINHASH_XOR[i], MINHASH_MUL[i]);
    h = (h ^ (h >>> 15)) >>> 0;
    if (h < sig[i]) sig[i] = h;
  }
}

/**
 * The shingle set of a normalised text as sorted, distinct 53-bit keys, and its MinHash
 * signature written to `buf.sig`.
 */
function shingle(norm: string, buf: ShingleBuffers): Float64Array {
  buf.sig.fill(0xffffffff);
  buf.count = 0;

  if (isMostlyCjk(norm)) {
    // Character shingles over the text without spaces (code units; astral characters are rare).
    const s = norm.indexOf(' ') < 0 ? norm : norm.split(' ').join('');
    const n = Math.max(1, s.length - SHINGLE_CHARS + 1);
    buf.ensureKeys(n);
    for (let i = 0; i < n; i++) {
      const end = Math.min(s.length, i + SHINGLE_CHARS);
      addShingle(buf, hashRange(s, i, end, 0x1b873593), hashRange(s, i, end, 0x2f9be6cc));
    }
  } else {
    // Word hashes first, then each shingle combines SHINGLE_WORDS consecutive word hashes.
    buf.ensureWords(norm.length + 1);
    let words = 0;
    let start = 0;
    for (let i = 0; i <= norm.length; i++) {
      if (i === norm.length || norm.charCodeAt(i) === 32) {
        if (i > start) {
          buf.wordA[words] = hashRange(norm, start, i, 0x1b873593);
          buf.wordB[words] = hashRange(norm, start, i, 0x2f9be6cc);
          words++;
        }
        start = i + 1;
      }
    }
    const k = Math.min(SHINGLE_WORDS, words);
    const n = Math.max(1, words - k + 1);
    buf.ensureKeys(n);
    for (let i = 0; i < n; i++) {
      let a = 0x3c6ef372;
      let b = 0xa54ff53a;
      for (let j = 0; j < k; j++) {
        a = combine(a, buf.wordA[i + j]);
        b = combine(b, buf.wordB[i + j]);
      }
      addShingle(buf, a, b);
    }
  }

  const keys = buf.keys.slice(0, buf.count).sort();
  let distinct = 0;
  for (let i = 0; i < keys.length; i++) if (i === 0 || keys[i] !== keys[distinct - 1]) keys[distinct++] = keys[i];
  return distinct === keys.length ? keys : keys.slice(0, distinct);
}

/** Exact Jaccard similarity of two sorted, distinct key arrays. */
export function jaccardSorted(a: Float64Array, b: Float64Array): number {
  let i = 0;
  let j = 0;
  let inter = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      inter++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  const union = a.length + b.length - inter;
  return union === 0 ? 1 : inter / union;
}

/** Rows per LSH band: the most rows that still catch a pair at the threshold with p ≥ 0.995. */
function rowsPerBand(threshold: number): number {
  for (let r = 8; r > 1; r--) {
    const bands = Math.floor(NUM_HASHES / r);
    if (1 - Math.pow(1 - Math.pow(threshold, r), bands) >= 0.995) return r;
  }
  return 1;
}

/** Kinds from strongest to weakest; a cluster takes the weakest kind among its links. */
const KIND_RANK: Record<DuplicateKind, number> = { exact: 0, near: 1, translation: 2 };

/** Union-find over paragraph positions, remembering per set the weakest link. */
class Linker extends UnionFind {
  private readonly minSim: Float64Array;
  private readonly kindRank: Uint8Array;

  constructor(n: number) {
    super(n);
    this.minSim = new Float64Array(n).fill(1);
    this.kindRank = new Uint8Array(n);
  }

  link(a: number, b: number, similarity: number, kind: DuplicateKind): void {
    const joined = this.join(a, b);
    if (!joined) return;
    const [ra, rb] = joined;
    this.minSim[ra] = Math.min(this.minSim[ra], this.minSim[rb], similarity);
    this.kindRank[ra] = Math.max(this.kindRank[ra], this.kindRank[rb], KIND_RANK[kind]);
  }

  similarity(root: number): number {
    return this.minSim[root];
  }
}

/**
 * Clusters of duplicated paragraphs (see the module comment for method and threshold).
 * `paragraphs` is usually `extractParagraphs(...)`; only index, tag and text are read.
 */
export function findDuplicates(paragraphs: ReadonlyArray<DuplicateInput>, opts: DuplicateOptions = {}): DuplicateCluster[] {
  const threshold = opts.nearThreshold ?? DEFAULT_NEAR_THRESHOLD;
  const minChars = opts.minChars ?? DEFAULT_MIN_CHARS;
  const n = paragraphs.length;
  const linker = new Linker(n);
  const norms: Array<string | null> = new Array(n).fill(null);

  // Exact duplicates.
  const firstByText = new Map<string, number>();
  const distinct: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = paragraphs[i];
    const norm = normalizeForComparison(p.text);
    if (!eligible(norm, p.tag, minChars)) continue;
    norms[i] = norm;
    const first = firstByText.get(norm);
    if (first === undefined) {
      firstByText.set(norm, i);
      distinct.push(i);
    } else {
      linker.link(first, i, 1, 'exact');
    }
  }

  // Near duplicates among distinct texts: MinHash + LSH, verified by exact Jaccard.
  if (threshold <= 1 && distinct.length > 1) {
    const rows = rowsPerBand(Math.max(threshold, 0));
    const bands = Math.floor(NUM_HASHES / rows);
    const buckets: Array<Map<number, number[]>> = [];
    for (let b = 0; b < bands; b++) buckets.push(new Map());
    const shingles: Array<Float64Array | undefined> = new Array(n);
    const checkedBy = new Int32Array(n).fill(-1);
    const buf = new ShingleBuffers();
    for (const i of distinct) {
      const set = shingle(norms[i] as string, buf);
      shingles[i] = set;
      const sig = buf.sig;
      for (let b = 0; b < bands; b++) {
        let key = 0x6a09e667 ^ b;
        for (let r = 0; r < rows; r++) key = combine(key, sig[b * rows + r]);
        const bucketMap = buckets[b];
        const bucket = bucketMap.get(key);
        if (bucket === undefined) {
          bucketMap.set(key, [i]);
          continue;
        }
        for (const j of bucket) {
          if (checkedBy[j] === i) continue;
          checkedBy[j] = i;
          if (linker.find(i) === linker.find(j)) continue;
          const sim = jaccardSorted(set, shingles[j] as Float64Array);
          if (sim >= threshold) linker.link(j, i, sim, 'near');
        }
        if (bucket.length < BUCKET_CAP) bucket.push(i);
      }
    }
  }

  // Clusters.
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    if (norms[i] === null) continue;
    const root = linker.find(i);
    const list = members.get(root);
    if (list) list.push(i);
    else members.set(root, [i]);
  }
  const clusters: DuplicateCluster[] = [];
  for (const [root, list] of members) {
    if (list.length < 2) continue;
    const allEqual = list.every((i) => norms[i] === norms[list[0]]);
    const out: DuplicateParagraph[] = list
      .map((i) => ({ index: paragraphs[i].index, tag: paragraphs[i].tag, text: paragraphs[i].text }))
      .sort((x, y) => x.index - y.index);
    clusters.push(
      allEqual
        ? { kind: 'exact', similarity: 1, paragraphs: out }
        : { kind: 'near', similarity: roundSimilarity(linker.similarity(root)), paragraphs: out },
    );
  }
  return clusters.sort((x, y) => x.paragraphs[0].index - y.paragraphs[0].index);
}

/** Whether a normalised paragraph takes part (see the module comment). */
function eligible(norm: string, tag: string, minChars: number): boolean {
  if (norm.length === 0) return false;
  if (norm.length >= minChars) return true;
  if (!HEADING.test(tag.toLowerCase())) return false;
  let spaces = 0;
  for (let i = 0; i < norm.length; i++) if (norm.charCodeAt(i) === 32) spaces++;
  if (isMostlyCjk(norm)) return norm.length - spaces >= CJK_HEADING_MIN_CHARS;
  return spaces + 1 >= HEADING_MIN_WORDS;
}

/** Four decimals, rounded down (a near cluster never reads as 1 unless its sets are equal). */
function roundSimilarity(s: number): number {
  return Math.floor(s * 10000) / 10000;
}
