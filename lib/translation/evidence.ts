/**
 * Evidence that two paragraphs say the same thing in different languages.
 *
 * Every content unit of each paragraph looks for a counterpart in the other, through one of these
 * channels (first that succeeds):
 * - `number`: a shared number/date key ("2 %" ↔ "2 Prozent", "20. April" ↔ "April 20");
 * - `lexicon`: a shared lexicon concept ("Einfluss" ↔ "influence", "日本" ↔ "Japon");
 * - `same`: the same word ("Trump" ↔ "Trump", "smartphones" ↔ "smartphones");
 * - `cognate`: cognate keys within edit distance ⌊len/4⌋ ("coopération" ↔ "Kooperation");
 * - `skeleton`: katakana ↔ Latin consonant skeletons ("トランプ" ↔ "Trump").
 * A channel is only evidence across languages: the pair must be in two different languages, at
 * least one of them sure (index.ts). From the alignment come the features the model (model.ts)
 * weighs — coverage of all content units and of words alone (names and numbers excluded),
 * lexicon and function-word concept overlap, cognates among long words, names, numbers and
 * unmatched specific numbers/dates, word-order drift, length ratio, sentence counts. Every
 * ratio is shrunk with SHRINK pseudo-counts, so a short text with two matching names is weak
 * evidence. `coverage` (shrunk, 0..1) is reported as the pair's similarity.
 */
import { concept } from './lexicon';
import { MODEL } from './model';
import { minSameLength, type Profile, type Unit } from './profile';
import { boundedEditDistance } from './text';

export type Channel = 'number' | 'lexicon' | 'same' | 'cognate' | 'skeleton';


/** Links kept per pair for explanations. */
export const MAX_LINKS = 80;

/** Names of the model features, in order. */
export const FEATURES = [
  'coverage',
  'wordCoverage',
  'lexicon',
  'function',
  'cognates',
  'entities',
  'noEntities',
  'numbers',
  'noNumbers',
  'missingNumbers',
  'drift',
  'driftJa',
  'lengthDev',
  'sentenceDiff',
  'japanese',
] as const;
export type FeatureName = (typeof FEATURES)[number];

/** One correspondence found between the two texts (from A's side). */
export interface Link {
  a: string;
  b: string;
  channel: Channel;
  /** Either unit is a name (entity, or katakana matched to a name). */
  name: boolean;
  /** For `lexicon` links: the English label of the shared concept. */
  concept?: string;
}

export interface PairFeatures {
  values: Record<FeatureName, number>;
  /** Content units aligned / total, per side. */
  alignedA: number;
  contentA: number;
  alignedB: number;
  contentB: number;
  /** Up to MAX_LINKS links from A's side, for explanations. */
  links: Link[];
  /** Numbers of either side without a counterpart. */
  unmatchedNumbers: string[];
  /** Entities of either side without a counterpart. */
  unmatchedEntities: string[];
}

interface SideResult {
  aligned: number;
  content: number;
  longAligned: number;
  /** Content words (not names, not numbers) and those with a counterpart. */
  words: number;
  wordsAligned: number;
  long: number;
  entAligned: number;
  ent: number;
  numAligned: number;
  num: number;
  missingSpecific: number;
  driftSum: number;
  driftCount: number;
  unmatchedNumbers: string[];
  unmatchedEntities: string[];
}

/** The closest position among candidate units of `q` (for drift). */
function closest(q: Profile, ids: readonly number[] | undefined, pos: number, best: { d: number; j: number }): void {
  if (!ids) return;
  for (const j of ids) {
    const d = Math.abs(q.units[j].pos - pos);
    if (d < best.d) {
      best.d = d;
      best.j = j;
    }
  }
}

function maxCognateDistance(len: number): number {
  return Math.floor(len / 4);
}

function cognateMatch(u: Unit, q: Profile, pos: number, best: { d: number; j: number }): void {
  const key = u.cog as string;
  const ids = q.byCogHead.get(key[0]);
  if (!ids) return;
  let checked = 0;
  for (const j of ids) {
    const other = q.units[j].cog as string;
    const max = maxCognateDistance(Math.max(key.length, other.length));
    if (Math.abs(other.length - key.length) > max) continue;
    if (++checked > 48) break;
    if (boundedEditDistance(key, other, max) <= max) {
      const d = Math.abs(q.units[j].pos - pos);
      if (d < best.d) {
        best.d = d;
        best.j = j;
      }
    }
  }
}

function skeletonMatch(u: Unit, q: Profile, wantKatakana: boolean, pos: number, best: { d: number; j: number }): void {
  const key = u.skel as string;
  const ids = q.bySkelHead.get(key[0]);
  if (!ids) return;
  for (const j of ids) {
    const v = q.units[j];
    if ((v.kind === 'katakana') !== wantKatakana) continue;
    const other = v.skel as string;
    const max = Math.max(key.length, other.length) >= 6 ? 1 : 0;
    if (Math.abs(other.length - key.length) > max) continue;
    if (boundedEditDistance(key, other, max) <= max) {
      const d = Math.abs(v.pos - pos);
      if (d < best.d) {
        best.d = d;
        best.j = j;
      }
    }
  }
}

/** Align the content units of `p` against `q`. */
function alignSide(p: Profile, q: Profile, links: Link[] | null): SideResult {
  const r: SideResult = {
    aligned: 0, content: 0, longAligned: 0, long: 0, words: 0, wordsAligned: 0, entAligned: 0, ent: 0, numAligned: 0, num: 0,
    missingSpecific: 0, driftSum: 0, driftCount: 0, unmatchedNumbers: [], unmatchedEntities: [],
  };
  const qJa = q.lang === 'ja';
  const pJa = p.lang === 'ja';
  for (const u of p.units) {
    if (!u.content) continue;
    r.content++;
    const isLong = u.kind === 'word' && u.cog !== null;
    if (isLong) r.long++;
    const isWord = u.kind === 'word' || u.kind === 'kanji' || u.kind === 'katakana';
    if (isWord) r.words++;
    if (u.kind === 'entity') r.ent++;
    if (u.kind === 'number') r.num++;

    let channel: Channel | null = null;
    const best = { d: Infinity, j: -1 };
    if (u.num) {
      for (const k of u.num) closest(q, q.byNumber.get(k), u.pos, best);
      if (best.j >= 0) channel = 'number';
    } else {
      for (const c of u.concepts) closest(q, q.byConcept.get(c), u.pos, best);
      if (best.j >= 0) channel = 'lexicon';
      if (channel === null && (u.kind === 'word' || u.kind === 'entity') && u.f.length >= minSameLength(u)) {
        closest(q, q.byFold.get(u.f), u.pos, best);
        if (best.j >= 0) channel = 'same';
      }
      if (channel === null && u.cog !== null && u.cog.length >= 3) {
        cognateMatch(u, q, u.pos, best);
        if (best.j >= 0) channel = 'cognate';
      }
      if (channel === null && u.skel !== null && (qJa || pJa) && qJa !== pJa) {
        // Katakana looks for Latin words; Latin words look for katakana.
        skeletonMatch(u, q, u.kind !== 'katakana', u.pos, best);
        if (best.j >= 0) channel = 'skeleton';
      }
    }

    if (channel === null) {
      if (u.kind === 'number') {
        r.unmatchedNumbers.push(u.text);
        if (u.specific) r.missingSpecific++;
      }
      if (u.kind === 'entity') r.unmatchedEntities.push(u.text);
      continue;
    }
    r.aligned++;
    if (isLong && (channel === 'same' || channel === 'cognate' || channel === 'lexicon')) r.longAligned++;
    if (isWord) r.wordsAligned++;
    if (u.kind === 'entity') r.entAligned++;
    if (u.kind === 'number') r.numAligned++;
    r.driftSum += best.d;
    r.driftCount++;
    if (links && links.length < MAX_LINKS) {
      const v = q.units[best.j];
      const link: Link = { a: u.text, b: v.text, channel, name: u.kind === 'entity' || v.kind === 'entity' || channel === 'skeleton' };
      if (channel === 'lexicon') {
        const shared = u.concepts.find((c) => q.byConcept.get(c)?.includes(best.j));
        if (shared !== undefined) link.concept = concept(shared).label;
      }
      links.push(link);
    }
  }
  return r;
}

/** Weighted Dice overlap of two concept-index key sets. */
/**
 * Pseudo-counts every ratio feature is shrunk with: `hits / (total + SHRINK)`. Two names out of
 * two, or one shared concept out of one, is thin evidence; twelve out of twelve is not.
 */
export const SHRINK = 2;

function ratio(hits: number, total: number): number {
  return hits / (total + SHRINK);
}

/** Dice overlap of two concept-index key sets, shrunk like the ratios. */
function dice(a: Map<number, number[]>, b: Map<number, number[]>): number {
  let inter = 0;
  for (const k of a.keys()) if (b.has(k)) inter++;
  return (2 * inter) / (a.size + b.size + SHRINK);
}

/**
 * Entity agreement: the share of the names (acronyms, capitalised words inside a sentence,
 * katakana is not counted) of both sides that found a counterpart; `none` when neither side has
 * a name.
 */
function entityAgreement(a: SideResult, b: SideResult): { value: number; none: boolean } {
  const total = a.ent + b.ent;
  if (total === 0) return { value: 0, none: true };
  return { value: ratio(a.entAligned + b.entAligned, total), none: false };
}

/**
 * Deviation of the length ratio from the ratio expected for the two languages: |ln(ratio /
 * expected)|, with letters and digits as the length and `factors` (letters per unit of meaning
 * relative to English, fitted on the tuning positives: model.ts) giving the expectation.
 */
export function lengthDeviation(a: Profile, b: Profile, factors: Readonly<Record<string, number>> = MODEL.lengthFactors): number {
  const fa = factors[a.lang ?? ''] ?? 1;
  const fb = factors[b.lang ?? ''] ?? 1;
  return Math.abs(Math.log(Math.max(1, a.letters) / fa) - Math.log(Math.max(1, b.letters) / fb));
}

/** Jaccard overlap of the lower-case word types: high for two texts in one language. */
export function vocabularyOverlap(a: Profile, b: Profile): number {
  if (a.vocab.size === 0 || b.vocab.size === 0) return 0;
  let inter = 0;
  const [small, large] = a.vocab.size <= b.vocab.size ? [a.vocab, b.vocab] : [b.vocab, a.vocab];
  for (const w of small) if (large.has(w)) inter++;
  return inter / (a.vocab.size + b.vocab.size - inter);
}

/**
 * The features of a pair. `coverage` counts every content unit; `wordCoverage` only the words
 * (not names, not numbers): two paragraphs that share their names and numbers but say different
 * things ("USA, Japan, China" in a title and in a teaser) have coverage but no word coverage.
 * Word order: `drift` is the mean distance between the relative
 * positions of aligned units (a translation keeps the order of its content); Japanese puts the
 * verb last and reorders freely, so Japanese pairs get it as `driftJa` instead, with `japanese`
 * marking them (their coverage is lower: kanji compounds are matched through a smaller lexicon).
 */
export function pairFeatures(a: Profile, b: Profile, withLinks = false, factors?: Readonly<Record<string, number>>): PairFeatures {
  const links: Link[] | null = withLinks ? [] : null;
  const ra = alignSide(a, b, links);
  const rb = alignSide(b, a, null);
  const content = ra.content + rb.content;
  const coverage = ratio(ra.aligned + rb.aligned, content);
  const long = ra.long + rb.long;
  const cognates = ratio(ra.longAligned + rb.longAligned, long);
  const words = ra.words + rb.words;
  const wordCoverage = ratio(ra.wordsAligned + rb.wordsAligned, words);
  const ent = entityAgreement(ra, rb);
  const num = ra.num + rb.num;
  const numbers = ratio(ra.numAligned + rb.numAligned, num);
  const driftCount = ra.driftCount + rb.driftCount;
  const drift = driftCount >= 3 ? (ra.driftSum + rb.driftSum) / driftCount : 0.33;
  const sentenceDiff = Math.abs(a.sentences - b.sentences) / Math.max(1, a.sentences, b.sentences);
  const ja = a.lang === 'ja' || b.lang === 'ja';
  return {
    values: {
      coverage,
      wordCoverage,
      lexicon: dice(a.byConcept, b.byConcept),
      function: dice(a.byFConcept, b.byFConcept),
      cognates,
      entities: ent.value,
      noEntities: ent.none ? 1 : 0,
      numbers,
      noNumbers: num === 0 ? 1 : 0,
      missingNumbers: Math.min(3, ra.missingSpecific + rb.missingSpecific) / 3,
      drift: ja ? 0 : drift,
      driftJa: ja ? drift : 0,
      lengthDev: Math.min(2, lengthDeviation(a, b, factors)),
      sentenceDiff,
      japanese: ja ? 1 : 0,
    },
    alignedA: ra.aligned,
    contentA: ra.content,
    alignedB: rb.aligned,
    contentB: rb.content,
    links: links ?? [],
    unmatchedNumbers: [...ra.unmatchedNumbers, ...rb.unmatchedNumbers],
    unmatchedEntities: [...ra.unmatchedEntities, ...rb.unmatchedEntities],
  };
}
