/**
 * Text normalisation shared by the paragraph, duplicate and metadata code.
 *
 * Everything here is pure string work with module-level regular expressions (compiled once,
 * never per call), so it is cheap enough to run on every paragraph of a page in the content
 * script and on tens of thousands of paragraphs in a benchmark.
 */

/** Any run of white space, including NBSP and the other Unicode spaces (`\s` covers them). */
const WHITESPACE_RUN = /\s+/g;

/**
 * What `normalizeForComparison` removes, each occurrence replaced by a space:
 * - `\p{P}`: all punctuation, ASCII and Unicode (dashes, «», „“, ‘’, 「」, 。, ¿, …);
 * - `\p{Sk}`: modifier symbols that stand in for quotes and accents (` ´ ^ ¨).
 */
const PUNCTUATION = /[\p{P}\p{Sk}]+/gu;

/**
 * Invisible format characters dropped without a trace: soft hyphen, zero-width space/joiners,
 * word joiner, BOM, bidi marks (`\p{Cf}`). Dropped rather than spaced, because a soft hyphen
 * or zero-width space sits inside a word ("Wohnungs\u00ADsuche").
 */
const FORMAT_CHARS = /\p{Cf}+/gu;

/** Scripts written without spaces between words: Han, Hiragana, Katakana (and their marks). */
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3005\u30FC]/u;
const CJK_CHARS_GLOBAL = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3005\u30FC]/gu;

/** Collapse every run of white space to one ASCII space and trim. */
export function collapseWhitespace(text: string): string {
  return text.replace(WHITESPACE_RUN, ' ').trim();
}

const FOLD_SPECIAL = /[ßς]/g;
const FOLD_MAP: Record<string, string> = { ß: 'ss', ς: 'σ' };

/**
 * Case folding: lower-casing plus the two foldings JavaScript's `toLowerCase` lacks and that
 * occur in real text, "ß"/"ẞ" → "ss" and final sigma "ς" → "σ" (as in Unicode CaseFolding).
 */
function caseFold(text: string): string {
  const lower = text.toLowerCase();
  return lower.indexOf('ß') < 0 && lower.indexOf('ς') < 0
    ? lower
    : lower.replace(FOLD_SPECIAL, (c) => FOLD_MAP[c]);
}

/**
 * The form two paragraphs are compared in:
 * 1. Unicode NFKC: full-width letters and digits become ASCII ("ＡＢＣ１" → "ABC1"), ligatures
 *    split ("ﬁ" → "fi"), and a letter followed by a combining accent is composed into the
 *    precomposed letter ("e\u0301" → "é"), so both spellings compare equal. Accents are kept:
 *    "résumé" and "resume" stay different words.
 * 2. Case folding (including "ß" → "ss").
 * 3. Format characters (soft hyphens, zero-width spaces) dropped.
 * 4. Punctuation (all of Unicode's, including straight and curly quotes, guillemets, CJK
 *    brackets and full stops) and modifier symbols replaced by spaces.
 * 5. White space collapsed to single spaces and trimmed.
 */
export function normalizeForComparison(text: string): string {
  let s = text.normalize('NFKC');
  s = caseFold(s);
  s = s.replace(FORMAT_CHARS, '');
  s = s.replace(PUNCTUATION, ' ');
  return s.replace(WHITESPACE_RUN, ' ').trim();
}

/** True when the text contains at least one Han/Hiragana/Katakana character. */
export function hasCjk(text: string): boolean {
  return CJK_CHAR.test(text);
}

/**
 * True when the text is mostly written in a script without word spaces (Chinese, Japanese):
 * at least 30 % of its non-space characters are Han/Hiragana/Katakana. Such text is compared
 * by character shingles instead of word shingles.
 */
export function isMostlyCjk(text: string): boolean {
  if (!CJK_CHAR.test(text)) return false;
  let nonSpace = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== 32) nonSpace++;
  const cjk = text.match(CJK_CHARS_GLOBAL)?.length ?? 0;
  return cjk * 10 >= nonSpace * 3;
}
