/**
 * The sentence a marker stands in (or closes), for `CitationData.context`: sentence boundaries
 * and the block's text without markers are computed once per block; a sentence is looked for at
 * most `MAX_SCAN` characters away from its marker.
 */
import {
  BREAK,
  collapseSpace,
  firstChar,
  isCjkSentenceEnd,
  isClauseEnd,
  isClosingQuote,
  isDigit,
  isLetter,
  isLower,
  isOpenBracket,
  isSpace,
  lastNonSpace,
} from './chars';
import { ABBREVIATIONS, NON_FINAL_ABBREVIATIONS } from './lexicon';

/** Longest context, in characters (a longer sentence is cut around the marker). */
export const MAX_CONTEXT = 400;
const MAX_SCAN = 1200;

/** [start, end) offsets of a marker in the block's text. */
export type Span = readonly [number, number];

/** The word (letters, digits, inner periods) that ends right before text[k]. */
function wordBefore(text: string, k: number): { word: string; from: number } {
  let w = k - 1;
  while (w >= 0 && k - w <= 12 && (isLetter(text[w]) || isDigit(text[w]) || text[w] === '.')) w--;
  return { word: text.slice(w + 1, k), from: w };
}

/** "Dr.", "z. B.", "e.g.": a period that does not end a sentence even before a marker. */
function nonFinalAbbreviation(text: string, k: number): boolean {
  return NON_FINAL_ABBREVIATIONS.has(wordBefore(text, k).word.toLowerCase());
}

/** Is text[k] the final punctuation of a sentence? */
export function isBoundary(text: string, k: number): boolean {
  const ch = text[k];
  if (isCjkSentenceEnd(ch)) return true;
  if (ch !== '.' && ch !== '!' && ch !== '?' && ch !== '…' && ch !== '‼') return false;
  let n = k + 1;
  while (n < text.length && n - k <= 3 && isClosingQuote(text[n])) n++;
  if (n >= text.length) return true;
  const next = text[n];
  // "…aimants.[radioenneperuhr.de]": a marker right after the period closes the sentence.
  if (isOpenBracket(next) && n === k + 1) return ch !== '.' || !nonFinalAbbreviation(text, k);
  if (!isSpace(next)) return false;
  if (ch !== '.') return true;
  // A period: not after an abbreviation, an initial or an ordinal ("z. B.", "J. Smith",
  // "3. Oktober"), and not when the text goes on in lowercase.
  let m = n;
  while (m < text.length && m - n < 4 && isSpace(text[m])) m++;
  if (m < text.length && isLower(firstChar(text.slice(m, m + 2)))) return false;
  const { word, from } = wordBefore(text, k);
  if (word === '') return true;
  if (ABBREVIATIONS.has(word.toLowerCase())) return false;
  if (word.length === 1 && isLetter(word)) return false; // initial
  if (/^\d{1,2}$/.test(word) && (from < 0 || isSpace(text[from]))) return false; // ordinal
  return true;
}

/**
 * The block's text with its markers removed, and a map from original offsets to offsets in it.
 * A space left before punctuation by a removed marker ("bestätigt [dpa].") goes too.
 */
export class CleanText {
  readonly text: string;
  readonly #starts: number[] = [];
  readonly #ends: number[] = [];
  /** Characters removed up to and including span i. */
  readonly #removed: number[] = [];

  constructor(text: string, spans: readonly Span[]) {
    let out = '';
    let pos = 0;
    let total = 0;
    for (const [s0, e] of spans) {
      if (s0 < pos) continue; // overlapping (cannot happen for detector spans)
      let s = s0;
      if (e < text.length && isClauseEnd(text[e])) {
        while (s > pos && isSpace(text[s - 1])) s--;
      }
      out += text.slice(pos, s);
      total += e - s;
      this.#starts.push(s);
      this.#ends.push(e);
      this.#removed.push(total);
      pos = e;
    }
    out += text.slice(pos);
    this.text = out;
  }

  /** Offset in `clean` of the original offset `pos`. */
  map(pos: number): number {
    let lo = 0;
    let hi = this.#starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#starts[mid] < pos) lo = mid + 1;
      else hi = mid;
    }
    // Spans 0..lo-1 start before pos.
    if (lo === 0) return pos;
    const i = lo - 1;
    if (pos < this.#ends[i]) return this.#starts[i] - (i > 0 ? this.#removed[i - 1] : 0);
    return pos - this.#removed[i];
  }
}

/**
 * Sentence contexts for the markers of one block. Sentence boundaries are found once, in one
 * pass over the text; each marker then costs a binary search and at most ~MAX_CONTEXT * 1.5
 * characters of slicing, whatever the block's length.
 */
export class SentenceIndex {
  /** Terminator offsets (sentence-final punctuation or a <br>), ascending … */
  readonly #at: number[] = [];
  /** … the end (exclusive) of the sentence each closes, and where the next one starts. */
  readonly #endOf: number[] = [];
  readonly #nextStart: number[] = [];
  readonly #clean: CleanText;
  /** Marker start → start of the first marker of its chain of adjacent markers ("[1][2] [3]"). */
  readonly #chainHead = new Map<number, number>();
  readonly #memo = new Map<string, string>();

  constructor(private readonly text: string, spans: readonly Span[]) {
    this.#clean = new CleanText(text, spans);
    let prevEnd = -1;
    let head = -1;
    for (const [s, e] of spans) {
      if (prevEnd < 0 || lastNonSpace(text, s - 1) + 1 !== prevEnd) head = s;
      this.#chainHead.set(s, head);
      prevEnd = e;
    }
    // Only the text within MAX_SCAN of a marker matters; within it, the regex jumps to each
    // candidate (a terminator or a <br>), and its windows are checked again from there.
    let spanIndex = 0;
    for (let k = 0; ; k++) {
      while (spanIndex < spans.length && k > spans[spanIndex][1] + MAX_SCAN) spanIndex++;
      if (spanIndex >= spans.length) break;
      k = Math.max(k, spans[spanIndex][0] - MAX_SCAN - 1);
      CANDIDATE.lastIndex = k;
      const found = CANDIDATE.exec(text);
      if (!found) break;
      if (found.index > k) {
        k = found.index - 1;
        continue;
      }
      if (text[k] === BREAK) {
        this.#at.push(k);
        this.#endOf.push(k);
        this.#nextStart.push(k + 1);
      } else if (isBoundary(text, k)) {
        let e = k + 1;
        while (e < text.length && e - k <= 3 && isClosingQuote(text[e])) e++;
        let s = k + 1;
        while (s < text.length && isClosingQuote(text[s]) && s + 1 < text.length && isSpace(text[s + 1])) s++;
        this.#at.push(k);
        this.#endOf.push(e);
        this.#nextStart.push(s);
      }
    }
  }

  /** Index of the last terminator at or before `pos`, or -1. */
  #lastAtOrBefore(pos: number): number {
    let lo = 0;
    let hi = this.#at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#at[mid] <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** Start of the sentence that contains `pos`. */
  #sentenceStart(pos: number): number {
    const i = this.#lastAtOrBefore(pos - 1);
    const stop = Math.max(0, pos - MAX_SCAN);
    return i < 0 ? stop : Math.max(stop, Math.min(pos, this.#nextStart[i]));
  }

  /** End (exclusive) of the sentence that goes on at `pos`. */
  #sentenceEnd(pos: number): number {
    const i = this.#lastAtOrBefore(pos - 1) + 1;
    const stop = Math.min(this.text.length, pos + MAX_SCAN);
    return i >= this.#at.length ? stop : Math.min(stop, this.#endOf[i]);
  }

  /** The sentence around the marker [start, end), without markers, whitespace collapsed. */
  context(start: number, end: number): string {
    const text = this.text;
    // Step back over whitespace and adjacent markers ("…aimants.[1][2]").
    const j = lastNonSpace(text, (this.#chainHead.get(start) ?? start) - 1);
    let r = j;
    for (let k = 0; k < 3 && r >= 0 && isClosingQuote(text[r]); k++) r--;
    const closing = r >= 0 && isBoundaryBefore(text, r);
    // Closing: the sentence that ends right before the marker; otherwise the one around it.
    const from = closing ? this.#sentenceStart(r) : this.#sentenceStart(start);
    const to = closing ? j + 1 : this.#sentenceEnd(end);
    const a = this.#clean.map(from);
    const b = this.#clean.map(to);
    const key = a + ':' + b + ':' + closing;
    const cached = this.#memo.get(key);
    if (cached !== undefined) return cached;
    // A very long "sentence": keep the part next to the marker — the end, if the marker closes it.
    const m = this.#clean.map(start);
    const window = MAX_CONTEXT * 1.5;
    let lo = a;
    let hi = b;
    if (hi - lo > window) {
      lo = closing ? b - window : Math.max(a, m - window * 0.6);
      hi = Math.min(b, lo + window);
    }
    let ctx = collapseSpace(this.#clean.text.slice(lo, hi));
    let cutStart = lo > a;
    let cutEnd = hi < b;
    if (ctx.length > MAX_CONTEXT || ((cutStart || cutEnd) && ctx.length > MAX_CONTEXT - 2)) {
      const budget = MAX_CONTEXT - 2; // room for the ellipses
      const at = closing ? ctx.length : Math.round(((m - lo) / Math.max(1, hi - lo)) * ctx.length);
      const from0 = Math.max(0, Math.min(ctx.length - budget, at - Math.round(budget * 0.6)));
      cutStart ||= from0 > 0;
      cutEnd ||= from0 + budget < ctx.length;
      ctx = ctx.slice(from0, from0 + budget);
    }
    if (cutStart) {
      const sp = ctx.indexOf(' ');
      ctx = '…' + (sp >= 0 && sp < 40 ? ctx.slice(sp + 1) : ctx);
    }
    if (cutEnd) {
      const sp = ctx.lastIndexOf(' ');
      ctx = (sp > ctx.length - 40 ? ctx.slice(0, sp) : ctx) + '…';
    }
    // Only sentences that were not cut are shared between markers.
    if (!cutStart && !cutEnd) this.#memo.set(key, ctx);
    return ctx;
  }
}

/** What can end a sentence: a terminator, or a <br> (BREAK, U+2029). */
const CANDIDATE = /[.!?…‼。！？\u2029]/g;


/** text[r], right before a marker, ends a sentence ("C.[3]" does; "Dr.[3]" does not). */
function isBoundaryBefore(text: string, r: number): boolean {
  const ch = text[r];
  if (isCjkSentenceEnd(ch) || ch === '!' || ch === '?' || ch === '…' || ch === '‼') return true;
  return ch === '.' && !nonFinalAbbreviation(text, r);
}
