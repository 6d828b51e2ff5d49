/**
 * Character classes for the citation scanner. Everything here looks at one character (or one
 * code point) at a time; the few regular expressions match a single character and cannot
 * backtrack.
 */

/**
 * Stands for a <br> in a run's text (U+2029 PARAGRAPH SEPARATOR): a hard break that no marker
 * or sentence crosses. Newlines inside text nodes are only whitespace.
 */
export const BREAK = '\u2029';

/** Opening bracket → its closing bracket. */
export const BRACKETS: Readonly<Record<string, string>> = {
  '[': ']',
  '［': '］',
  '【': '】',
};

const BRACKET_CHARS = '[]［］【】';

export function closeFor(open: string): string | undefined {
  return BRACKETS[open];
}

export function isOpenBracket(ch: string): boolean {
  return ch === '[' || ch === '［' || ch === '【';
}

export function isCloseBracket(ch: string): boolean {
  return ch === ']' || ch === '］' || ch === '】';
}

export function isBracketChar(ch: string): boolean {
  return ch.length === 1 && BRACKET_CHARS.includes(ch);
}

const RE_SPACE = /[\s\u200b]/;
export function isSpace(ch: string): boolean {
  return ch !== '' && RE_SPACE.test(ch);
}

const RE_UPPER = /^[\p{Lu}\p{Lt}]$/u;
const RE_LOWER = /^\p{Ll}$/u;
const RE_LETTER = /^\p{L}$/u;
const RE_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const RE_DIGIT = /^\p{Nd}$/u;

/** The first code point of `s` (a whole surrogate pair), or ''. */
export function firstChar(s: string): string {
  const cp = s.codePointAt(0);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

export function isUpper(ch: string): boolean {
  return RE_UPPER.test(ch);
}

export function isLower(ch: string): boolean {
  return RE_LOWER.test(ch);
}

export function isLetter(ch: string): boolean {
  return RE_LETTER.test(ch);
}

export function isDigit(ch: string): boolean {
  return RE_DIGIT.test(ch);
}

/** A letter of a script without case (CJK, Arabic, Hebrew, Thai…). */
export function isCaselessLetter(ch: string): boolean {
  return isLetter(ch) && !isUpper(ch) && !isLower(ch);
}

/** True when `s` contains at least one letter or digit, in any script. */
export function hasLetterOrDigit(s: string): boolean {
  return RE_LETTER_OR_DIGIT.test(s);
}

/** A character that continues a programming identifier or expression: `a[0]`, `f()[1]`. */
export function isIdentifierChar(ch: string): boolean {
  if (ch.length !== 1) return false;
  const c = ch.charCodeAt(0);
  return (
    (c >= 48 && c <= 57) || // 0-9
    (c >= 65 && c <= 90) || // A-Z
    (c >= 97 && c <= 122) || // a-z
    ch === '_' ||
    ch === '$' ||
    ch === ')'
  );
}

/** Punctuation that ends a sentence. */
export function isSentenceEnd(ch: string): boolean {
  return '.!?…。！？‼⁇．'.includes(ch) && ch !== '';
}

/** Terminators that end a sentence without needing a following space (CJK). */
export function isCjkSentenceEnd(ch: string): boolean {
  return ch !== '' && '。！？'.includes(ch);
}

/**
 * Closing quotes and parentheses that may follow a sentence's final punctuation, including the
 * German closers “ ‘ « („Gut.“ [dpa]); none of them opens a quotation right after a period.
 */
export function isClosingQuote(ch: string): boolean {
  return ch !== '' && '"\'”’»›」』）)“‘«'.includes(ch);
}

/** Punctuation after which a marker has closed its clause: "…bestätigt [dpa]." */
export function isClauseEnd(ch: string): boolean {
  return ch !== '' && '.,;:!?…。、，．！？；：)）»"”’』」'.includes(ch);
}

export function isDash(ch: string): boolean {
  return ch === '-' || ch === '–' || ch === '—' || ch === '‒' || ch === '―';
}

/** Collapse every run of whitespace to one space and trim. Linear. */
export function collapseSpace(s: string): string {
  return s.replace(/[\s\u200b]+/g, ' ').trim();
}

/** Full-width ASCII (U+FF01–FF5E) to ASCII; other characters unchanged. */
export function toHalfWidth(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 0xff01 && c <= 0xff5e ? String.fromCharCode(c - 0xfee0) : s[i];
  }
  return out;
}

/** Index of the last non-space character of `s` at or before `from`, or -1. */
export function lastNonSpace(s: string, from = s.length - 1): number {
  let i = from;
  while (i >= 0 && isSpace(s[i])) i--;
  return i;
}

/** Index of the first non-space character of `s` at or after `from`, or s.length. */
export function firstNonSpace(s: string, from = 0): number {
  let i = from;
  while (i < s.length && isSpace(s[i])) i++;
  return i;
}
