/**
 * Translation duplicates: a paragraph and its translation on the same page (content farms paste
 * a machine translation next to the original paragraph).
 *
 * Method
 * ------
 * 1. Paragraphs: the first paragraph of each distinct normalised text (exact copies are
 *    `findDuplicates`' business), not code (`pre`, `code`), long enough to judge (≥ 6 words and
 *    ≥ 30 letters; Japanese ≥ 15 characters).
 * 2. Language per paragraph (language.ts): kana → ja; else confident function words of
 *    de/en/fr/es/it (and pt/nl, so they are not taken for es/de); else `opts.detect` (by default
 *    franc via lib/lang) unless weak function words contradict it; else a weak function-word
 *    majority; else unknown. Only de, en, fr, es, it and ja are compared (the bundled lexicon's
 *    languages), only across languages, and only when at least one side's language is sure
 *    (script or confident function words), not two detector guesses. A page whose eligible
 *    paragraphs are all in one language has no pair to compare and stops here, before any
 *    paragraph's full profile (units, keys) is built: most pages.
 * 3. Candidates, never all pairs: each paragraph is paired with the three eligible paragraphs
 *    before it (a translation sits next to its original), and through an inverted index of
 *    blocking keys — specific numbers, lexicon concepts, cognate keys of long words, name
 *    skeletons. A paragraph uses at most 16 keys, those shared by the fewest paragraphs (and by
 *    at most 64), and each key's bucket keeps its first 16 members; a pair that is not adjacent
 *    must share at least two keys, and a paragraph is scored against at most 8 such distant
 *    candidates (those sharing the most keys, nearest first). Work is linear in the number of
 *    paragraphs (at most 11 pairs per paragraph), and memory too: only a paragraph's language
 *    and keys are kept; full profiles live in an LRU cache of 2,048 and are rebuilt (with the
 *    known language, no detection) for a distant candidate.
 * 4. Evidence (evidence.ts): every content unit of each side looks for a counterpart — a shared
 *    number, date or weekday, a lexicon concept, the same name or word, a cognate spelling, a
 *    katakana transliteration — and features summarise the alignment (coverage of all units and
 *    of words alone, lexicon and cognate agreement, names, numbers and unmatched numbers, word-
 *    order drift, length ratio, sentence counts; ratios shrunk so thin evidence stays weak). A
 *    logistic model (model.ts), fitted on the tuning half of the labelled set
 *    (tests/fixtures/translation; `npx tsx scripts/eval.ts --fit`), turns them into a calibrated
 *    `confidence`; pairs at or above `minConfidence` (default TRANSLATION_MIN_CONFIDENCE) are
 *    linked. Two texts sharing most of their lower-case vocabulary are one language whatever the
 *    detector says, and never linked. The calibration reflects the labelled set, about half
 *    translations; on a real page most candidate pairs are not, and the corpus run in
 *    tests/unit/translation.test.ts checks that real pages stay clean at the threshold.
 * 5. Links are merged with union-find. A cluster's `similarity` is the lowest coverage among its
 *    links (the share of content units with a counterpart, the evidence score), its `confidence`
 *    the lowest confidence; members carry their `lang`.
 *
 * The default detector (franc, ~100 kB of trigram data) makes this module a background/CLI one,
 * like lib/lang: the content script must not import it.
 */
import type { DuplicateCluster, DuplicateParagraph } from '../types';
import { detectLanguage } from '../lang';
import { normalizeForComparison } from '../text/normalize';
import { FEATURES, lengthDeviation, pairFeatures, vocabularyOverlap, type FeatureName, type Link } from './evidence';
import { SUPPORTED_LANGS } from './language';
import { MODEL, type TranslationModel } from './model';
import { buildProfile, profileStart, type Profile, type ProfileStart } from './profile';
import { UnionFind } from '../union-find';

export { FEATURES, type FeatureName } from './evidence';
export { MODEL, type TranslationModel } from './model';

/**
 * The operating threshold on `confidence`, chosen on the tuning half of the labelled set (best
 * F1 among thresholds with precision ≥ 0.95 there); `npm run eval` checks the held-out half.
 */
export const TRANSLATION_MIN_CONFIDENCE: number = MODEL.threshold;

/** Two texts sharing this much of their lower-case vocabulary (Jaccard) are one language. */
export const SAME_VOCABULARY = 0.3;

export const MIN_WORDS = 6;
export const MIN_LETTERS = 30;
export const MIN_JA_CHARS = 15;

/** Preceding eligible paragraphs every paragraph is compared with. */
export const WINDOW = 3;
const MAX_KEYS = 16;
const MAX_KEY_DF = 64;
const BUCKET_CAP = 16;
const MIN_SHARED_KEYS = 2;
const SKIP_TAGS = new Set(['pre', 'code']);
/** Ways of deciding a language that a pair can rest on (at least one side must be decided so). */
const SURE = new Set(['script', 'function-words', 'given']);
/** Full profiles kept alive at once: every paragraph of a usual page; memory stays bounded on huge ones. */
const PROFILE_CACHE = 2048;
/** Distant candidates scored per paragraph at most: those sharing the most keys, nearest first. */
export const MAX_DISTANT = 8;

export interface TranslationInput {
  index: number;
  tag: string;
  text: string;
}

export interface TranslationOptions {
  /** Link pairs with at least this confidence (default TRANSLATION_MIN_CONFIDENCE). */
  minConfidence?: number;
  /**
   * Language detector for paragraphs function words do not decide. Default: lib/lang's
   * `detectLanguage` (franc). Pass `() => null` to rely on function words and scripts alone.
   */
  detect?: (text: string) => string | null;
}

/** Why a pair was not assessed. */
export type Ineligible =
  | 'unknown-language'
  | 'unsupported-language'
  | 'same-language'
  | 'same-vocabulary'
  | 'uncertain-language'
  | 'too-short';

export interface FeatureContribution {
  name: FeatureName;
  value: number;
  weight: number;
  /** weight × value: this feature's push on the log-odds. */
  contribution: number;
}

/** Two stretches of text that correspond: "Einfluss" ↔ "influence". */
export interface Correspondence {
  a: string;
  b: string;
}

/** The evidence for one pair, JSON-serialisable, for the UI's "why" panel. */
export interface TranslationEvidence {
  langA: string | null;
  langB: string | null;
  /** How each language was decided: script, function-words, detector, weak-function-words, conflict, given, none. */
  langByA: string;
  langByB: string;
  /** Null when the pair could be assessed; else why not (then confidence is 0). */
  ineligible: Ineligible | null;
  /** Coverage: share of content units (words, names, numbers) with a counterpart, 0..1. */
  similarity: number;
  /** Calibrated probability that the pair is a translation, 0..1 (0 when ineligible). */
  confidence: number;
  /** Eligible and confidence ≥ threshold. */
  isTranslation: boolean;
  threshold: number;
  /** Numbers, dates and number words found on both sides ("20. April" ↔ "April 20"), and those found on one side only. */
  numbers: { shared: Correspondence[]; unmatched: string[] };
  /** Names and acronyms found on both sides (also transliterated: "Trump" ↔ "トランプ"), and names of one side only. */
  entities: { shared: Correspondence[]; unmatched: string[] };
  /** Words spelt alike in both languages ("coopération" ↔ "Kooperation"), names excluded. */
  cognates: Correspondence[];
  /** Pairs found through the bundled lexicon, with the concept's English label. */
  lexicon: Array<Correspondence & { concept: string }>;
  /** Letters and digits per side, their ratio (A / B), the ratio expected for the two languages, and |ln(ratio / expected)|. */
  length: { a: number; b: number; ratio: number; expected: number; deviation: number };
  /** Lower-case vocabulary overlap (Jaccard); ≥ SAME_VOCABULARY means one language. */
  vocabularyOverlap: number;
  /** Content units with a counterpart / content units, per side. */
  aligned: { a: number; ofA: number; b: number; ofB: number };
  /** The model's inputs and how much each pushed the log-odds. */
  features: FeatureContribution[];
  bias: number;
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** Log-odds of a model for a feature vector. */
export function modelLogit(values: Record<FeatureName, number>, model: TranslationModel = MODEL): number {
  let z = model.bias;
  for (const f of FEATURES) z += model.weights[f] * values[f];
  return z;
}

/** The confidence a model gives a feature vector (the evaluation scores with a model it just fitted). */
export function confidenceFromFeatures(values: Record<FeatureName, number>, model: TranslationModel = MODEL): number {
  return sigmoid(modelLogit(values, model));
}

function longEnough(p: Pick<Profile, 'lang' | 'letters' | 'wordCount'>): boolean {
  if (p.lang === 'ja') return p.letters >= MIN_JA_CHARS;
  return p.wordCount >= MIN_WORDS && p.letters >= MIN_LETTERS;
}

function eligibility(a: Profile, b: Profile): Ineligible | null {
  if (!longEnough(a) || !longEnough(b)) return 'too-short';
  if (a.lang === null || b.lang === null) return 'unknown-language';
  if (!SUPPORTED_LANGS.has(a.lang) || !SUPPORTED_LANGS.has(b.lang)) return 'unsupported-language';
  if (a.lang === b.lang) return 'same-language';
  if (vocabularyOverlap(a, b) >= SAME_VOCABULARY) return 'same-vocabulary';
  // "Different languages" must rest on something firmer than two trigram guesses: on short,
  // function-word-poor text (reference entries, credits, lorem ipsum) franc is often wrong.
  if (!SURE.has(a.langBy) && !SURE.has(b.langBy)) return 'uncertain-language';
  return null;
}

export interface PairScore {
  ineligible: Ineligible | null;
  similarity: number;
  confidence: number;
}

function score(a: Profile, b: Profile): PairScore {
  const ineligible = eligibility(a, b);
  if (ineligible) return { ineligible, similarity: 0, confidence: 0 };
  const f = pairFeatures(a, b);
  return { ineligible: null, similarity: f.values.coverage, confidence: confidenceFromFeatures(f.values) };
}

/** One side of a pair: a text, or a text with a known language (skips detection). */
export type PairSide = string | { text: string; lang?: string | null };

function profileOf(s: PairSide, opts: TranslationOptions): Profile {
  const detect = opts.detect ?? detectLanguage;
  if (typeof s === 'string') return buildProfile(s, { detect });
  return buildProfile(s.text, s.lang !== undefined ? { lang: s.lang } : { detect });
}

function dedupe<T extends Correspondence>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((c) => {
    const k = `${c.a}\u0000${c.b}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function uniqueStrings(list: string[]): string[] {
  return [...new Set(list)];
}

/**
 * The evidence for one pair of paragraphs: languages, confidence, and what corresponds —
 * numbers, names, cognates, lexicon hits — with the length ratio and each feature's weight.
 */
export function explainPair(a: PairSide, b: PairSide, opts: TranslationOptions = {}): TranslationEvidence {
  const threshold = opts.minConfidence ?? TRANSLATION_MIN_CONFIDENCE;
  const pa = profileOf(a, opts);
  const pb = profileOf(b, opts);
  const ineligible = eligibility(pa, pb);
  const f = pairFeatures(pa, pb, true);
  const confidence = ineligible ? 0 : confidenceFromFeatures(f.values);
  const links: Link[] = f.links;
  const expected = (MODEL.lengthFactors[pa.lang ?? ''] ?? 1) / (MODEL.lengthFactors[pb.lang ?? ''] ?? 1);
  return {
    langA: pa.lang,
    langB: pb.lang,
    langByA: pa.langBy,
    langByB: pb.langBy,
    ineligible,
    similarity: round4(f.values.coverage),
    confidence: round4(confidence),
    isTranslation: ineligible === null && confidence >= threshold,
    threshold,
    numbers: {
      shared: dedupe(links.filter((l) => l.channel === 'number').map(({ a: x, b: y }) => ({ a: x, b: y }))),
      unmatched: uniqueStrings(f.unmatchedNumbers),
    },
    entities: {
      shared: dedupe(links.filter((l) => l.name && l.channel !== 'number').map(({ a: x, b: y }) => ({ a: x, b: y }))),
      unmatched: uniqueStrings(f.unmatchedEntities),
    },
    cognates: dedupe(
      links.filter((l) => !l.name && (l.channel === 'same' || l.channel === 'cognate')).map(({ a: x, b: y }) => ({ a: x, b: y })),
    ),
    lexicon: dedupe(
      links
        .filter((l) => l.channel === 'lexicon' && !l.name)
        .map(({ a: x, b: y, concept }) => ({ a: x, b: y, concept: concept ?? '' })),
    ),
    length: {
      a: pa.letters,
      b: pb.letters,
      ratio: round4(pa.letters / Math.max(1, pb.letters)),
      expected: round4(expected),
      deviation: round4(lengthDeviation(pa, pb)),
    },
    vocabularyOverlap: round4(vocabularyOverlap(pa, pb)),
    aligned: { a: f.alignedA, ofA: f.contentA, b: f.alignedB, ofB: f.contentB },
    features: FEATURES.map((name) => ({
      name,
      value: round4(f.values[name]),
      weight: MODEL.weights[name],
      contribution: round4(MODEL.weights[name] * f.values[name]),
    })),
    bias: MODEL.bias,
  };
}

/** Confidence and similarity of a pair, without the explanation. */
export function scorePair(a: PairSide, b: PairSide, opts: TranslationOptions = {}): PairScore {
  return score(profileOf(a, opts), profileOf(b, opts));
}

export interface PairFeatureValues {
  /** The features, or null when the pair is not assessed. */
  values: Record<FeatureName, number> | null;
  ineligible: Ineligible | null;
  langs: [string | null, string | null];
  /** Letters and digits per side (for fitting the length factors). */
  letters: [number, number];
}

/**
 * Feature values of a pair, for fitting and evaluating. `lengthFactors` overrides the model's
 * (the evaluation fits new ones before the weights).
 */
export function pairFeatureValues(
  a: PairSide,
  b: PairSide,
  opts: TranslationOptions & { lengthFactors?: Readonly<Record<string, number>> } = {},
): PairFeatureValues {
  const pa = profileOf(a, opts);
  const pb = profileOf(b, opts);
  const langs: [string | null, string | null] = [pa.lang, pb.lang];
  const letters: [number, number] = [pa.letters, pb.letters];
  const ineligible = eligibility(pa, pb);
  if (ineligible) return { values: null, ineligible, langs, letters };
  return { values: pairFeatures(pa, pb, false, opts.lengthFactors).values, ineligible: null, langs, letters };
}

/** Blocking keys of a profile: specific numbers, concepts, long-word cognate keys, name skeletons. */
function blockingKeys(p: Profile): string[] {
  const keys = new Set<string>();
  for (const u of p.units) {
    if (!u.content) continue;
    if (u.num) {
      if (u.specific) for (const k of u.num) keys.add('n' + k);
      continue;
    }
    for (const c of u.concepts) keys.add('c' + c);
    if (u.cog && u.cog.length >= 6) keys.add('g' + u.cog.slice(0, 5));
    if (u.skel && u.skel.length >= 4 && (u.kind === 'katakana' || u.kind === 'entity')) keys.add('s' + u.skel);
  }
  return [...keys];
}

/** Union-find over paragraph positions, remembering per set the weakest similarity and confidence. */
class WeakestLinks extends UnionFind {
  readonly minSim: Float64Array;
  readonly minConf: Float64Array;
  constructor(n: number) {
    super(n);
    this.minSim = new Float64Array(n).fill(1);
    this.minConf = new Float64Array(n).fill(1);
  }
  link(a: number, b: number, sim: number, conf: number): void {
    const joined = this.join(a, b);
    if (!joined) return;
    const [ra, rb] = joined;
    this.minSim[ra] = Math.min(this.minSim[ra], this.minSim[rb], sim);
    this.minConf[ra] = Math.min(this.minConf[ra], this.minConf[rb], conf);
  }
}

/** Work counters of the last `findTranslations` call (for the linearity test and benchmarks). */
export const lastRunStats = { paragraphs: 0, eligible: 0, pairsScored: 0, profiled: 0 };

/**
 * Clusters of paragraphs that translate each other (kind `translation`); see the module comment.
 * `paragraphs` is usually `extractParagraphs(...)`; only index, tag and text are read.
 */
export function findTranslations(paragraphs: ReadonlyArray<TranslationInput>, opts: TranslationOptions = {}): DuplicateCluster[] {
  const minConfidence = opts.minConfidence ?? TRANSLATION_MIN_CONFIDENCE;
  const detect = opts.detect ?? detectLanguage;
  lastRunStats.paragraphs = paragraphs.length;
  lastRunStats.eligible = 0;
  lastRunStats.pairsScored = 0;
  lastRunStats.profiled = 0;

  // 1. Eligible paragraphs (first of each distinct text), judged on their words and language
  // alone (profileStart): a full profile is built only when there is something to compare.
  const seen = new Set<string>();
  const items: Array<{ input: TranslationInput; lang: string; langBy: Profile['langBy'] }> = [];
  const starts: Array<ProfileStart | undefined> = [];
  const langs = new Set<string>();
  for (const p of paragraphs) {
    if (SKIP_TAGS.has(p.tag.toLowerCase())) continue;
    const norm = normalizeForComparison(p.text);
    if (norm.length < MIN_JA_CHARS || seen.has(norm)) continue;
    seen.add(norm);
    const start = profileStart(p.text, { detect });
    const lang = start.guess.lang;
    if (lang === null || !SUPPORTED_LANGS.has(lang) || !longEnough({ lang, letters: start.letters, wordCount: start.tokens.length })) continue;
    items.push({ input: p, lang, langBy: start.guess.by });
    langs.add(lang);
    // Kept for step 2 while they are few; past that, memory stays bounded and profiles are
    // rebuilt from the text with the known language.
    if (starts.length < PROFILE_CACHE) starts.push(start);
  }
  const n = items.length;
  lastRunStats.eligible = n;
  // Pairs are only ever made across languages: a page in one language has none.
  if (n < 2 || langs.size < 2) return [];

  // 2. Full profiles (the most recent PROFILE_CACHE stay alive: see profileAt) and blocking keys.
  const keysOf: string[][] = [];
  const cache = new Map<number, Profile>();
  const remember = (i: number, p: Profile) => {
    if (cache.size >= PROFILE_CACHE) cache.delete(cache.keys().next().value as number);
    cache.set(i, p);
  };
  for (let i = 0; i < n; i++) {
    const known = { lang: items[i].lang, langBy: items[i].langBy };
    const profile = buildProfile(items[i].input.text, known, starts[i] ?? profileStart(items[i].input.text, known));
    starts[i] = undefined; // its profile holds what is needed now
    lastRunStats.profiled++;
    keysOf.push(blockingKeys(profile));
    remember(i, profile);
  }
  /** The profile of item i: from the cache, else rebuilt with its known language and how it was decided (no detection). */
  const profileAt = (i: number): Profile => {
    let p = cache.get(i);
    if (p === undefined) {
      p = buildProfile(items[i].input.text, { lang: items[i].lang, langBy: items[i].langBy });
      lastRunStats.profiled++;
      remember(i, p);
    } else {
      cache.delete(i);
      cache.set(i, p);
    }
    return p;
  };

  // 3. Candidates: a window of neighbours plus capped buckets of rare blocking keys.
  const df = new Map<string, number>();
  for (const keys of keysOf) for (const k of keys) df.set(k, (df.get(k) ?? 0) + 1);
  const buckets = new Map<string, number[]>();
  const uf = new WeakestLinks(n);
  const shared = new Map<number, number>();

  const consider = (i: number, j: number) => {
    if (items[i].lang === items[j].lang) return;
    lastRunStats.pairsScored++;
    const s = score(profileAt(j), profileAt(i));
    if (s.ineligible === null && s.confidence >= minConfidence) uf.link(j, i, s.similarity, s.confidence);
  };

  for (let i = 0; i < n; i++) {
    shared.clear();
    const lang = items[i].lang;
    const keys = keysOf[i]
      .filter((k) => (df.get(k) as number) >= 2 && (df.get(k) as number) <= MAX_KEY_DF)
      .sort((x, y) => (df.get(x) as number) - (df.get(y) as number) || (x < y ? -1 : 1))
      .slice(0, MAX_KEYS);
    for (const k of keys) {
      const bucket = buckets.get(k);
      if (bucket === undefined) {
        buckets.set(k, [i]);
        continue;
      }
      for (const j of bucket) if (items[j].lang !== lang) shared.set(j, (shared.get(j) ?? 0) + 1);
      if (bucket.length < BUCKET_CAP) bucket.push(i);
    }
    for (let j = Math.max(0, i - WINDOW); j < i; j++) consider(i, j);
    const distant: Array<[number, number]> = [];
    for (const [j, count] of shared) if (j < i - WINDOW && count >= MIN_SHARED_KEYS) distant.push([j, count]);
    distant.sort((x, y) => y[1] - x[1] || y[0] - x[0]);
    for (let k = 0; k < distant.length && k < MAX_DISTANT; k++) consider(i, distant[k][0]);
  }

  // 5. Clusters.
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = uf.find(i);
    const list = members.get(r);
    if (list) list.push(i);
    else members.set(r, [i]);
  }
  const clusters: DuplicateCluster[] = [];
  for (const [root, list] of members) {
    if (list.length < 2) continue;
    const out: DuplicateParagraph[] = list
      .map((i) => ({ index: items[i].input.index, tag: items[i].input.tag, text: items[i].input.text, lang: items[i].lang }))
      .sort((x, y) => x.index - y.index);
    clusters.push({
      kind: 'translation',
      similarity: floor4(uf.minSim[root]),
      confidence: floor4(uf.minConf[root]),
      paragraphs: out,
    });
  }
  return clusters.sort((x, y) => x.paragraphs[0].index - y.paragraphs[0].index);
}

/** Four decimals; never -0 (a negative weight times 0), which JSON would turn into 0. */
function round4(x: number): number {
  return Math.round(x * 10000) / 10000 || 0;
}

/** Four decimals, rounded down (a reported confidence never exceeds the one that linked). */
function floor4(x: number): number {
  return Math.floor(x * 10000) / 10000;
}
