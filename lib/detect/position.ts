/**
 * Where a bracket stands in its sentence, judged from the text just before and after it
 * (bounded slices of the block's text). Every loop here stops at the first bracket or after a
 * fixed number of steps.
 */
import {
  BREAK,
  firstChar,
  firstNonSpace,
  isBracketChar,
  isCaselessLetter,
  isCjkSentenceEnd,
  isClauseEnd,
  isClosingQuote,
  isCloseBracket,
  isDash,
  isIdentifierChar,
  isLetter,
  isLower,
  isOpenBracket,
  isSentenceEnd,
  isSpace,
  lastNonSpace,
} from './chars';
import { SOURCE_LABELS } from './lexicon';

const MAX_ADJACENT = 20;

function openOf(close: string): string {
  return close === ']' ? '[' : close === '］' ? '［' : '【';
}

/**
 * `before` without the bracket groups that directly precede the marker ("Satz.[dpa]" → "Satz.",
 * "a[0]" → "a"); whitespace between groups is skipped only if `skipSpace`.
 */
export function stripTrailingMarkers(before: string, skipSpace: boolean): string {
  let b = before;
  for (let k = 0; k < MAX_ADJACENT; k++) {
    const j = skipSpace ? lastNonSpace(b) : b.length - 1;
    if (j < 0 || !isCloseBracket(b[j])) return b;
    const o = b.lastIndexOf(openOf(b[j]), j);
    if (o < 0) return b;
    b = b.slice(0, o);
  }
  return b;
}

/** Directly preceded by an identifier: `a[0]`, `items[i]`, `f()[1]`, `m[0][1]`. */
export function codeBefore(before: string): boolean {
  const b = stripTrailingMarkers(before, false);
  return b.length > 0 && isIdentifierChar(b[b.length - 1]);
}

/** Followed by code: `[2].bar`, `[1] = 3`, or a link target `[text](url)`. */
export function codeAfter(after: string): boolean {
  const c0 = after[0];
  if (c0 === '(') return true;
  if (c0 === '.' && after.length > 1 && /[A-Za-z_$]/.test(after[1])) return true;
  const k = c0 === ' ' ? 1 : 0;
  return after[k] === '=' && after[k + 1] !== '=';
}

/** Inside another bracket: `[[Seite]]`, `[siehe [1] oben]`. */
export function isNested(before: string, after: string): boolean {
  if (before.length > 0 && isOpenBracket(before[before.length - 1])) return true;
  if (after.length > 0 && isCloseBracket(after[0])) return true;
  let i = before.length - 1;
  while (i >= 0 && before[i] !== BREAK && !isBracketChar(before[i])) i--;
  if (i < 0 || !isOpenBracket(before[i])) return false;
  let j = 0;
  while (j < after.length && after[j] !== BREAK && !isBracketChar(after[j])) j++;
  return j < after.length && isCloseBracket(after[j]);
}

/** Nothing but whitespace (and other markers) before it in the block. */
export function atBlockStart(before: string): boolean {
  return lastNonSpace(stripTrailingMarkers(before, true)) < 0;
}

/** First on its line: at the block's start or right after a <br> ("…author.<br>[ Send ]"). */
export function atLineStart(before: string): boolean {
  const b = stripTrailingMarkers(before, true);
  let j = b.length - 1;
  while (j >= 0 && b[j] !== BREAK && isSpace(b[j])) j--;
  return j < 0 || b[j] === BREAK;
}

/** Right after a sentence's final punctuation: "…aimants.[radioenneperuhr.de]", "…した。［共同通信］". */
export function closesSentence(before: string): boolean {
  const b = stripTrailingMarkers(before, true);
  let j = lastNonSpace(b);
  for (let k = 0; k < 3 && j >= 0 && isClosingQuote(b[j]); k++) j--;
  return j >= 0 && isSentenceEnd(b[j]);
}

/**
 * Inside a quotation opened in the marker's own sentence and not yet closed ("“We trust him
 * [Biden],” she said."): an editor's insertion into the quote, not a source. „ 「 『 open and
 * ” 」 』 close; " “ « » open after a space, a colon or CJK text and close elsewhere, so German
 * „…“ and »…«, French « … » and English “…” and "…" all pair up.
 */
export function insideQuote(before: string): boolean {
  let i = before.length - 1;
  for (; i >= 0; i--) {
    const ch = before[i];
    if (ch === BREAK || isCjkSentenceEnd(ch) || (isSentenceEnd(ch) && isSpace(before[i + 1] ?? ''))) break;
  }
  let depth = 0;
  for (let k = i + 1; k < before.length; k++) {
    const ch = before[k];
    let d = '„「『'.includes(ch) ? 1 : '”」』'.includes(ch) ? -1 : 0;
    if ('"“«»'.includes(ch)) {
      // "»" opens a German quotation only when text follows it directly ("»Nein«").
      const p = before[k - 1] ?? ' ';
      const opens = (isSpace(p) || '(:：，、'.includes(p) || isCaselessLetter(p)) && (ch !== '»' || !isSpace(before[k + 1] ?? ' '));
      d = opens ? 1 : -1;
    }
    depth = Math.max(0, depth + d);
  }
  return depth > 0;
}

/** Followed by the end of the block, punctuation, a dash or another marker. */
export function endsClause(after: string): boolean {
  const j = firstNonSpace(after);
  if (j >= after.length) return true;
  const ch = after[j];
  return isClauseEnd(ch) || isOpenBracket(ch) || (j > 0 && isDash(ch));
}

/** The sentence goes on in lowercase: "[He] said", "[Reuters] berichtet". */
export function continuesLowercase(after: string): boolean {
  const j = firstNonSpace(after);
  return j < after.length && isLower(firstChar(after.slice(j, j + 2)));
}

/** Text follows on the same line ("[1] Smith, J. …" opening a reference-list entry). */
export function textFollows(after: string): boolean {
  const j = firstNonSpace(after);
  return j < after.length && isLetter(firstChar(after.slice(j, j + 2)));
}

/** Preceded by a source label outside the bracket: "Quelle: [dpa]". */
export function labelledBefore(before: string): boolean {
  let j = lastNonSpace(before);
  if (j < 0 || (before[j] !== ':' && before[j] !== '：')) return false;
  j = lastNonSpace(before, j - 1);
  let i = j;
  while (i >= 0 && j - i < 24 && isLetter(before[i])) i--;
  return i < j && SOURCE_LABELS.has(before.slice(i + 1, j + 1).toLowerCase());
}

/**
 * Does the text before a marker read as running text (at least two lowercase words, or eight
 * letters of a script without case) rather than a title or a label?
 */
export function readsAsSentence(before: string): boolean {
  const b = stripTrailingMarkers(before, true);
  let lowerWords = 0;
  let caseless = 0;
  for (let i = 0; i < b.length; i++) {
    const ch = b[i];
    if ((i === 0 || isSpace(b[i - 1])) && isLower(ch)) lowerWords++;
    else if (isCaselessLetter(ch)) caseless++;
    if (lowerWords >= 2 || caseless >= 8) return true;
  }
  return false;
}
