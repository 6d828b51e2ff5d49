/**
 * Index over the bundled concept lexicon (lexicon-data.ts): which concepts a word, a phrase or a
 * stretch of Japanese text stands for. Built once, on first use.
 */
import { LEXICON_DATA } from './lexicon-data';
import { fold, type Token } from './text';

export type ConceptClass = 'F' | 'C' | 'P' | 'T';

export interface Concept {
  id: number;
  cls: ConceptClass;
  /** The first English form, for explanations. */
  label: string;
}

/** Languages the lexicon covers, in column order. */
export const LEXICON_LANGS = ['en', 'de', 'fr', 'es', 'it', 'ja'] as const;
export type LexiconLang = (typeof LEXICON_LANGS)[number];

/** Shortest stem (letters before the `*`) that is used as a prefix. */
export const MIN_STEM = 3;

interface Phrase {
  words: string[];
  ids: number[];
}

interface LangIndex {
  exact: Map<string, number[]>;
  stems: Map<string, number[]>;
  /** Stems by their first MIN_STEM letters, longest first. */
  stemsByHead: Map<string, Array<{ stem: string; ids: number[] }>>;
  maxStem: number;
  /** Memo of `lookup` results (cleared past 50,000 entries). */
  memo: Map<string, number[] | null>;
  /** Multi-word forms by their first word. */
  phrases: Map<string, Phrase[]>;
}

interface JaIndex {
  /** Forms by first character, longest first. */
  byFirst: Map<string, Array<{ form: string; ids: number[] }>>;
}

interface Lexicon {
  concepts: Concept[];
  langs: Map<string, LangIndex>;
  ja: JaIndex;
  /** Forms that could not be used (stem too short, one-character Japanese form). */
  problems: string[];
}

let lexicon: Lexicon | null = null;
/** The lexicon text in use: the bundled one unless an evaluation swapped it (useLexiconData). */
let lexiconData: string = LEXICON_DATA;

/**
 * For evaluations only (`scripts/eval.ts --ablation`): use other lexicon data, or the bundled
 * data again with `null`. The index is rebuilt on next use.
 */
export function useLexiconData(data: string | null): void {
  lexiconData = data ?? LEXICON_DATA;
  lexicon = null;
}

function addTo<K>(map: Map<K, number[]>, key: K, id: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [id]);
  else if (!list.includes(id)) list.push(id);
}

function build(): Lexicon {
  const concepts: Concept[] = [];
  const langs = new Map<string, LangIndex>();
  for (const l of LEXICON_LANGS) {
    if (l !== 'ja') langs.set(l, { exact: new Map(), stems: new Map(), stemsByHead: new Map(), maxStem: 0, memo: new Map(), phrases: new Map() });
  }
  const jaForms = new Map<string, number[]>();
  const problems: string[] = [];

  for (const line of lexiconData.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    const cols = trimmed.split('|');
    if (cols.length !== 7) {
      problems.push(`bad line: ${trimmed}`);
      continue;
    }
    const cls = cols[0] as ConceptClass;
    const id = concepts.length;
    concepts.push({ id, cls, label: cols[1].split(',')[0].trim() });
    for (let c = 0; c < LEXICON_LANGS.length; c++) {
      const lang = LEXICON_LANGS[c];
      for (const rawForm of cols[c + 1].split(',')) {
        const form = rawForm.trim();
        if (form === '') continue;
        if (lang === 'ja') {
          const f = form.normalize('NFKC');
          if ([...f].length < 2) problems.push(`ja form too short: ${form}`);
          else addTo(jaForms, f, id);
          continue;
        }
        const index = langs.get(lang) as LangIndex;
        const isStem = form.endsWith('*');
        const words = fold(isStem ? form.slice(0, -1) : form)
          .split(/[^\p{L}]+/u)
          .filter((w) => w.length > 0);
        if (words.length === 0) {
          problems.push(`empty form: ${lang} ${form}`);
        } else if (words.length > 1) {
          if (isStem) problems.push(`stem phrase: ${lang} ${form}`);
          const list = index.phrases.get(words[0]) ?? [];
          const existing = list.find((p) => p.words.join(' ') === words.join(' '));
          if (existing) {
            if (!existing.ids.includes(id)) existing.ids.push(id);
          } else list.push({ words, ids: [id] });
          list.sort((a, b) => b.words.length - a.words.length);
          index.phrases.set(words[0], list);
        } else if (isStem) {
          if (words[0].length < MIN_STEM) problems.push(`stem too short: ${lang} ${form}`);
          else {
            addTo(index.stems, words[0], id);
            index.maxStem = Math.max(index.maxStem, words[0].length);
          }
        } else {
          addTo(index.exact, words[0], id);
        }
      }
    }
  }

  for (const index of langs.values()) {
    for (const [stem, ids] of index.stems) {
      const head = stem.slice(0, MIN_STEM);
      const list = index.stemsByHead.get(head) ?? [];
      list.push({ stem, ids });
      index.stemsByHead.set(head, list);
    }
    for (const list of index.stemsByHead.values()) list.sort((a, b) => b.stem.length - a.stem.length);
  }

  const byFirst = new Map<string, Array<{ form: string; ids: number[] }>>();
  for (const [form, ids] of jaForms) {
    const list = byFirst.get(form[0]) ?? [];
    list.push({ form, ids });
    byFirst.set(form[0], list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.form.length - a.form.length);
  return { concepts, langs, ja: { byFirst }, problems };
}

function get(): Lexicon {
  if (lexicon === null) lexicon = build();
  return lexicon;
}

export function concepts(): readonly Concept[] {
  return get().concepts;
}

export function concept(id: number): Concept {
  return get().concepts[id];
}

/** Problems found while building the index (a unit test keeps this empty). */
export function lexiconProblems(): readonly string[] {
  return get().problems;
}

/** Number of forms per language, for the report. */
export function lexiconStats(): { concepts: number; forms: Record<string, number> } {
  const lex = get();
  const forms: Record<string, number> = {};
  for (const [lang, idx] of lex.langs) {
    let n = idx.exact.size + idx.stems.size;
    for (const list of idx.phrases.values()) n += list.length;
    forms[lang] = n;
  }
  let ja = 0;
  for (const list of lex.ja.byFirst.values()) ja += list.length;
  forms.ja = ja;
  return { concepts: lex.concepts.length, forms };
}

export function hasLexicon(lang: string | null): boolean {
  return lang !== null && (lang === 'ja' || get().langs.has(lang));
}

/** A lexicon match in a token list: tokens `first..last` stand for the concepts `ids`. */
export interface TokenMatch {
  first: number;
  last: number;
  ids: number[];
}

/** Whole-word form, else the longest stem the word begins with. */
function lookup(index: LangIndex, folded: string): number[] | null {
  const exact = index.exact.get(folded);
  if (exact) return exact;
  const known = index.memo.get(folded);
  if (known !== undefined) return known;
  let found: number[] | null = null;
  const list = folded.length >= MIN_STEM ? index.stemsByHead.get(folded.slice(0, MIN_STEM)) : undefined;
  if (list) {
    for (const { stem, ids } of list) {
      if (folded.startsWith(stem)) {
        found = ids;
        break;
      }
    }
  }
  if (index.memo.size >= 50_000) index.memo.clear();
  index.memo.set(folded, found);
  return found;
}

/**
 * Base forms of a regularly inflected English word, most likely first: "announced" → announce,
 * "studies" → study, "stopped" → stop, "using" → use. The English column lists base forms; the
 * other languages use stems (`*`) for their richer inflection.
 */
export function englishBases(w: string): string[] {
  if (w.length < 4) return [];
  const out: string[] = [];
  const add = (x: string) => {
    if (x.length >= 3 && !out.includes(x)) out.push(x);
  };
  if (w.endsWith('ies')) add(w.slice(0, -3) + 'y');
  if (w.endsWith('ied')) add(w.slice(0, -3) + 'y');
  if (w.endsWith('es')) add(w.slice(0, -2));
  if (w.endsWith('s') && !w.endsWith('ss')) add(w.slice(0, -1));
  for (const suffix of ['ed', 'ing']) {
    if (!w.endsWith(suffix)) continue;
    const stem = w.slice(0, -suffix.length);
    add(stem + 'e');
    add(stem);
    if (stem.length >= 3 && stem[stem.length - 1] === stem[stem.length - 2]) add(stem.slice(0, -1));
  }
  if (w.endsWith('ly')) add(w.slice(0, -2));
  return out;
}

/** The concepts of a word in a language: whole-word forms first, else the longest stem (English: also its base forms). */
export function wordConcepts(lang: string, folded: string): number[] | null {
  const index = get().langs.get(lang);
  if (!index) return null;
  const direct = lookup(index, folded);
  if (direct || lang !== 'en') return direct;
  for (const base of englishBases(folded)) {
    const exact = index.exact.get(base);
    if (exact) return exact;
  }
  return null;
}

/** Lexicon matches in a tokenised text (phrases first, longest first; then single words). */
export function matchTokens(lang: string, tokens: readonly Token[]): TokenMatch[] {
  const index = get().langs.get(lang);
  const out: TokenMatch[] = [];
  if (!index) return out;
  for (let i = 0; i < tokens.length; i++) {
    const phrases = index.phrases.get(tokens[i].f);
    let matched = false;
    if (phrases) {
      for (const p of phrases) {
        if (i + p.words.length > tokens.length) continue;
        let ok = true;
        for (let k = 1; k < p.words.length; k++) {
          if (tokens[i + k].f !== p.words[k]) {
            ok = false;
            break;
          }
        }
        if (ok) {
          out.push({ first: i, last: i + p.words.length - 1, ids: p.ids });
          i += p.words.length - 1;
          matched = true;
          break;
        }
      }
    }
    if (matched) continue;
    const ids = wordConcepts(lang, tokens[i].f);
    if (ids) out.push({ first: i, last: i, ids });
  }
  return out;
}

/** A lexicon match in Japanese text: characters `start..end` stand for the concepts `ids`. */
export interface TextMatch {
  start: number;
  end: number;
  ids: number[];
  form: string;
}

/** Japanese forms found in a text (longest match at each position, no overlaps). */
export function matchJapanese(text: string): TextMatch[] {
  const { byFirst } = get().ja;
  const out: TextMatch[] = [];
  for (let i = 0; i < text.length; i++) {
    const list = byFirst.get(text[i]);
    if (!list) continue;
    for (const { form, ids } of list) {
      if (text.startsWith(form, i)) {
        out.push({ start: i, end: i + form.length, ids, form });
        i += form.length - 1;
        break;
      }
    }
  }
  return out;
}
