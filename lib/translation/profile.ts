/**
 * A paragraph's profile: everything pair comparison needs, computed once per paragraph.
 *
 * A profile is a list of units in text order, each with a relative position (0..1):
 * - words (Latin script): folded form, lexicon concepts, cognate key for words of ≥ 5 letters;
 *   acronyms and capitalised words inside a sentence are entities (names), except in German,
 *   where every noun is capitalised and only acronyms count;
 * - numbers, dates, months and number words (numbers.ts);
 * - Japanese kanji and katakana runs (with lexicon concepts found inside them and, for
 *   katakana, a consonant skeleton for names and loanwords), and Latin words inside Japanese.
 * Content units — not function words — are what coverage is measured on.
 */
import { concept, hasLexicon, matchJapanese, matchTokens } from './lexicon';
import { katakanaSkeleton, latinSkeleton } from './kana';
import { isFunctionWord, paragraphLanguage, type LanguageGuess } from './language';
import { extractNumbers } from './numbers';
import { cognateKey, japaneseRuns, letterCount, sentenceCount, tokenize, type Token } from './text';

export type UnitKind = 'word' | 'entity' | 'number' | 'kanji' | 'katakana';

export interface Unit {
  kind: UnitKind;
  /** As written. */
  text: string;
  /** Folded form (words, entities); the text for numbers and Japanese runs. */
  f: string;
  /** Relative position in the paragraph, 0..1. */
  pos: number;
  /** Lexicon concepts of class C, P or T. */
  concepts: number[];
  /** Lexicon concepts of class F (function words). */
  fconcepts: number[];
  /** Counts towards coverage (not a function word). */
  content: boolean;
  /** Cognate key, for words of at least 5 letters. */
  cog: string | null;
  /** Consonant skeleton (katakana runs; Latin words of ≥ 3 letters), ≥ 3 consonants. */
  skel: string | null;
  /** Number keys. */
  num: string[] | null;
  /** A specific number (year, ≥ 3 significant digits, date part). */
  specific: boolean;
}

export interface Profile {
  text: string;
  lang: string | null;
  langBy: LanguageGuess['by'];
  units: Unit[];
  /** Letters and digits. */
  letters: number;
  sentences: number;
  /** Words (Latin tokens), for the minimum-length rule and the same-vocabulary guard. */
  wordCount: number;
  /** Lower-case word types (not entities), for the same-vocabulary guard. */
  vocab: Set<string>;
  byConcept: Map<number, number[]>;
  byFConcept: Map<number, number[]>;
  byFold: Map<string, number[]>;
  byNumber: Map<string, number[]>;
  /** Cognate keys by first letter. */
  byCogHead: Map<string, number[]>;
  /** Skeletons by first consonant. */
  bySkelHead: Map<string, number[]>;
}

export interface ProfileOptions {
  /** External language detector (franc in the background); see language.ts. */
  detect?: (text: string) => string | null;
  /** Known language (skips detection). */
  lang?: string | null;
  /** How the known language was decided (default 'given': the caller said so). */
  langBy?: LanguageGuess['by'];
}

function push<K>(map: Map<K, number[]>, key: K, i: number): void {
  const list = map.get(key);
  if (list) {
    if (list[list.length - 1] !== i) list.push(i);
  } else map.set(key, [i]);
}

const MIN_COGNATE_LETTERS = 5;
const WEEKDAY_RUN = /^[月火水木金土日]曜日?$/;
const MIN_SKELETON = 3;

function splitConcepts(ids: readonly number[] | null): { c: number[]; f: number[] } {
  const c: number[] = [];
  const f: number[] = [];
  if (ids) for (const id of ids) (concept(id).cls === 'F' ? f : c).push(id);
  return { c, f };
}

/**
 * Shortest folded form compared letter for letter across the pair: 4, or 2 for names ("ZdK",
 * "VW", "Xi" are as telling as long names; short common words are not).
 */
export function minSameLength(u: Unit): number {
  return u.kind === 'entity' ? 2 : 4;
}

/** What a profile starts from, and all that deciding a paragraph's eligibility needs. */
export interface ProfileStart {
  /** The text, NFKC-normalised. */
  text: string;
  tokens: Token[];
  guess: LanguageGuess;
  /** Letters and digits (Profile.letters). */
  letters: number;
}

/** The text, its words and its language: the first, cheaper part of `buildProfile`. */
export function profileStart(rawText: string, opts: ProfileOptions = {}): ProfileStart {
  const text = rawText.normalize('NFKC');
  const tokens = tokenize(text);
  const guess: LanguageGuess =
    opts.lang !== undefined
      ? { lang: opts.lang, by: opts.langBy ?? 'given', hits: 0, runnerUp: 0 }
      : paragraphLanguage(text, tokens.map((t) => t.f), opts.detect);
  return { text, tokens, guess, letters: letterCount(text) };
}

/** `start`: the same text's `profileStart`, when the caller has it already. */
export function buildProfile(rawText: string, opts: ProfileOptions = {}, start: ProfileStart = profileStart(rawText, opts)): Profile {
  const { text, tokens, guess } = start;
  const len = Math.max(1, text.length);
  const lang = guess.lang;
  const units: Unit[] = [];
  const vocab = new Set<string>();

  // Latin-script words (also the Latin words inside Japanese text).
  const wordLang = lang !== null && hasLexicon(lang) && lang !== 'ja' ? lang : null;
  const matches = wordLang ? matchTokens(wordLang, tokens) : [];
  const matchAt = new Map<number, { last: number; ids: number[] }>();
  for (const m of matches) matchAt.set(m.first, { last: m.last, ids: m.ids });
  // Capitalised words that recur inside a sentence are entities even at a sentence start.
  const capInside = new Set<string>();
  for (const t of tokens) if (t.cap && !t.initial) capInside.add(t.f);

  // Number mentions first: a month or number word ("April", "drei") is a number unit, not also a word.
  const mentions = extractNumbers(text, lang);
  const numberWordAt = new Set<number>();
  for (const n of mentions) if (/^\p{L}/u.test(n.text)) numberWordAt.add(n.start);

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (numberWordAt.has(t.start)) continue;
    const m = matchAt.get(i);
    const last = m ? m.last : i;
    const raw = last === i ? t.raw : text.slice(t.start, tokens[last].end);
    const f = last === i ? t.f : tokens.slice(i, last + 1).map((x) => x.f).join(' ');
    const { c, f: fc } = splitConcepts(m ? m.ids : null);
    const isFunction = wordLang !== null && last === i && isFunctionWord(wordLang, t.f);
    // A name: an acronym, or a capitalised word inside a sentence — except in German, which
    // capitalises every noun (there only acronyms count), and one-letter words ("I", initials).
    const entity =
      t.acronym ||
      (t.cap && lang !== 'de' && t.raw.length > 1 && (!t.initial || capInside.has(t.f)) && !isFunction);
    const letters = f.replace(/[^a-z]/g, '').length;
    const content = !isFunction && fc.length === 0 && (letters >= 3 || entity || c.length > 0);
    if (!entity && last === i) vocab.add(t.f);
    const skel = t.f.length >= 3 ? latinSkeleton(t.f) : '';
    units.push({
      kind: entity ? 'entity' : 'word',
      text: raw,
      f,
      pos: t.start / len,
      concepts: c,
      fconcepts: fc,
      content,
      cog: last === i && letters >= MIN_COGNATE_LETTERS ? cognateKey(t.f) : null,
      skel: skel.length >= MIN_SKELETON ? skel : null,
      num: null,
      specific: false,
    });
    i = last;
  }

  // Japanese runs.
  if (lang === 'ja') {
    const jm = matchJapanese(text);
    for (const run of japaneseRuns(text)) {
      const ids: number[] = [];
      for (const x of jm) if (x.start < run.end && x.end > run.start) ids.push(...x.ids);
      const { c, f: fc } = splitConcepts(ids);
      if (run.kind === 'kanji' && [...run.text].length < 2 && c.length === 0) continue;
      // A weekday ("金曜日") is a date, counted once with the numbers.
      if (run.kind === 'kanji' && WEEKDAY_RUN.test(run.text)) continue;
      const skel = run.kind === 'katakana' ? katakanaSkeleton(run.text) : '';
      units.push({
        kind: run.kind,
        text: run.text,
        f: run.text,
        pos: run.start / len,
        concepts: c,
        fconcepts: fc,
        content: fc.length === 0 || c.length > 0,
        cog: null,
        skel: skel.length >= MIN_SKELETON ? skel : null,
        num: null,
        specific: false,
      });
    }
  }

  // Numbers.
  for (const n of mentions) {
    units.push({
      kind: 'number',
      text: n.text,
      f: n.text,
      pos: n.start / len,
      concepts: [],
      fconcepts: [],
      content: true,
      cog: null,
      skel: null,
      num: n.keys,
      specific: n.specific,
    });
  }
  units.sort((a, b) => a.pos - b.pos);

  const p: Profile = {
    text,
    lang,
    langBy: guess.by,
    units,
    letters: start.letters,
    sentences: sentenceCount(text),
    wordCount: tokens.length,
    vocab,
    byConcept: new Map(),
    byFConcept: new Map(),
    byFold: new Map(),
    byNumber: new Map(),
    byCogHead: new Map(),
    bySkelHead: new Map(),
  };
  units.forEach((u, i) => {
    for (const c of u.concepts) push(p.byConcept, c, i);
    for (const c of u.fconcepts) push(p.byFConcept, c, i);
    if (u.kind === 'word' || u.kind === 'entity') {
      if (u.content && u.f.length >= minSameLength(u)) push(p.byFold, u.f, i);
    }
    if (u.num) for (const k of u.num) push(p.byNumber, k, i);
    if (u.cog && u.cog.length >= 3) push(p.byCogHead, u.cog[0], i);
    if (u.skel) push(p.bySkelHead, u.skel[0], i);
  });
  return p;
}
