/**
 * Text primitives for translation detection: folding, word tokens with their casing, Japanese
 * script runs, sentence counts. Pure string work with module-level regular expressions.
 */

const MARKS = /\p{M}+/gu;
const LIGATURES = /[œæøß]/g;
const LIGATURE_MAP: Record<string, string> = { œ: 'oe', æ: 'ae', ø: 'o', ß: 'ss' };

/**
 * A memo for a pure string function of words. Words repeat across a page's paragraphs; the
 * cache is cleared when it grows past `max` entries, so memory stays bounded on any page.
 */
export function memo(fn: (s: string) => string, max = 50_000): (s: string) => string {
  const cache = new Map<string, string>();
  return (s: string) => {
    let v = cache.get(s);
    if (v === undefined) {
      if (cache.size >= max) cache.clear();
      v = fn(s);
      cache.set(s, v);
    }
    return v;
  };
}

const ASCII_LOWER = /^[a-z]*$/;

function foldUncached(word: string): string {
  const lower = word.toLowerCase();
  if (ASCII_LOWER.test(lower)) return lower;
  const s = word.normalize('NFKD').replace(MARKS, '').toLowerCase();
  return /[œæøß]/.test(s) ? s.replace(LIGATURES, (c) => LIGATURE_MAP[c]) : s;
}

/** Lowercase, diacritics removed, ß → ss, œ → oe: "Coopération" → "cooperation". */
export const fold: (word: string) => string = memo(foldUncached);

export interface Token {
  /** The word as written. */
  raw: string;
  /** `fold(raw)`. */
  f: string;
  /** Offset of the first character in the (NFKC-normalised) text. */
  start: number;
  end: number;
  /** Starts with an upper-case letter. */
  cap: boolean;
  /** Two or more letters with an upper-case letter after the first: "USA", "APEC", "ZdK", "iOS". */
  acronym: boolean;
  /** First word of a sentence (or of the text, or after a colon or opening quote). */
  initial: boolean;
}

/**
 * A word: letters (with combining marks) of a spaced script. Digits, hyphens, apostrophes and
 * Han/kana split words, so "Facebookはあなたの" yields "Facebook" (Japanese writes Latin words
 * straight against kana).
 */
const WORD =
  /(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30FC\u3005])\p{L})(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30FC\u3005])[\p{L}\p{M}])*/gu;
const UPPER = /\p{Lu}/u;
const SENTENCE_END = /[.!?…:;]/;
/** Characters skipped when looking back for a sentence end: spaces, quotes, brackets, dashes. */
const SKIP_BACK = /[\s"'«»„“”‚‘’()[\]{}¿¡–—-]/;

/** Latin-script (or any spaced-script) words of a text, in order. Han and kana are left out. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const raw = m[0];
    const start = m.index;
    const cap = UPPER.test(raw[0]);
    let acronym = false;
    if (raw.length >= 2) {
      for (let i = 1; i < raw.length; i++) {
        if (UPPER.test(raw[i])) {
          acronym = true;
          break;
        }
      }
    }
    let j = start - 1;
    while (j >= 0 && SKIP_BACK.test(text[j])) j--;
    const initial = j < 0 || SENTENCE_END.test(text[j]);
    out.push({ raw, f: fold(raw), start, end: start + raw.length, cap, acronym, initial });
  }
  return out;
}

/** A run of one Japanese script. */
export interface JaRun {
  kind: 'kanji' | 'katakana';
  text: string;
  start: number;
  end: number;
}

const JA_RUN = /[\p{Script=Han}々]+|[\p{Script=Katakana}ー]+/gu;

/**
 * Kanji and katakana runs of a Japanese text (hiragana, mostly grammar, is left out). A katakana
 * run is split at "・", which separates the parts of a foreign name ("マルク・フリングス").
 */
export function japaneseRuns(text: string): JaRun[] {
  const out: JaRun[] = [];
  JA_RUN.lastIndex = 0;
  for (let m = JA_RUN.exec(text); m !== null; m = JA_RUN.exec(text)) {
    const s = m[0].replace(/^[・ー]+|[・ー]+$/g, '');
    if (s.length === 0) continue;
    const kind = /[\p{Script=Han}々]/u.test(s[0]) ? 'kanji' : 'katakana';
    out.push({ kind, text: s, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

const KANA = /[\u3041-\u3096\u30a1-\u30fa]/;
const KANA_G = /[\u3041-\u3096\u30a1-\u30fa]/g;

/** True when the text contains hiragana or katakana (Japanese). */
export function hasKana(text: string): boolean {
  return KANA.test(text);
}

export function kanaCount(text: string): number {
  return text.match(KANA_G)?.length ?? 0;
}

const SENTENCE = /[.!?。！？…]+["'»”」』)]*(?=\s|$)|[。！？]/g;

/** Sentences in a text (at least 1): counts sentence-final punctuation. */
export function sentenceCount(text: string): number {
  const t = text.trim();
  if (t.length === 0) return 0;
  // Abbreviations and ordinals ("Dr.", "z. B.", "20. April", "U.S.") are not sentence ends.
  const cleaned = t
    .replace(/\b\p{L}{1,3}\.(?=\s*\p{Ll})/gu, ' ')
    .replace(/\b\d+\.(?=\s*\p{L})/gu, ' ')
    .replace(/\b(?:\p{L}\.){2,}/gu, ' ');
  const n = cleaned.match(SENTENCE)?.length ?? 0;
  const endsOpen = !/[.!?。！？…]["'»”」』)]*$/.test(cleaned);
  return Math.max(1, n + (endsOpen ? 1 : 0));
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/gu;

/** Letters and digits, the length measure compared across languages. */
export function letterCount(text: string): number {
  return text.match(LETTER_OR_DIGIT)?.length ?? 0;
}

/**
 * Levenshtein distance, or `max + 1` as soon as every path must exceed `max` (early exit when a
 * whole row is above it). Words compared here are short, so the plain O(n·m) table is fine.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (n === 0 || m === 0) return Math.max(n, m);
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      let v = prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      if (prev[j] + 1 < v) v = prev[j] + 1;
      if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[m] > max ? max + 1 : prev[m];
}

/**
 * A spelling key for cognates: folded, then common spelling differences between the five
 * languages levelled (k/c, z/s, ph/f, th/t, y/i, w/v, silent h, doubled letters) and a final
 * inflection (-s, -n, vowels) cut. "Kooperation", "coopération", "cooperación" and
 * "cooperazione" all come out within one or two letters of each other.
 */
export const cognateKey: (folded: string) => string = memo(cognateKeyUncached);

function cognateKeyUncached(folded: string): string {
  let s = folded
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/ch/g, 'c')
    .replace(/ck/g, 'c')
    .replace(/qu/g, 'c')
    .replace(/k/g, 'c')
    .replace(/z/g, 's')
    .replace(/y/g, 'i')
    .replace(/w/g, 'v')
    .replace(/h/g, '')
    .replace(/(.)\1+/g, '$1');
  s = s.replace(/[sn]$/, '').replace(/[aeiou]+$/, '');
  return s;
}
