/**
 * Find bracket pairs in a block's text in one left-to-right pass. From each opening bracket the
 * scanner looks ahead for its closing bracket, stopping at the first other bracket, a <br>
 * or after MAX_LOOKAHEAD characters; it then resumes where the look-ahead stopped, so every
 * character is looked at a bounded number of times (linear in the text's length, whatever the
 * input: "[[[[…", a megabyte without "]", deep nesting).
 */
import { BREAK, closeFor, isOpenBracket } from './chars';

const OPEN = /[[［【]/g;

/** Longest span searched for a closing bracket (content longer than 120 is rejected later). */
export const MAX_LOOKAHEAD = 200;

/**
 * Call `onPair(open, close, start, end)` for every bracket pair with no bracket inside;
 * `start` is the offset of the opening bracket, `end` the offset just after the closing one.
 */
export function scanBrackets(
  text: string,
  onPair: (open: string, close: string, start: number, end: number) => void,
): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    // The next opening bracket, found by the regex engine (most text has none).
    if (!isOpenBracket(text[i])) {
      OPEN.lastIndex = i;
      if (!OPEN.test(text)) return;
      i = OPEN.lastIndex - 1;
    }
    const open = text[i];
    const close = closeFor(open)!;
    const limit = Math.min(n, i + 1 + MAX_LOOKAHEAD);
    let j = i + 1;
    let found = -1;
    for (; j < limit; j++) {
      const c = text[j];
      if (c === close) {
        found = j;
        break;
      }
      if (c === BREAK || c === ']' || c === '］' || c === '】' || isOpenBracket(c)) break;
    }
    if (found >= 0) {
      onPair(open, close, i, found + 1);
      i = found + 1;
    } else if (j < limit && isOpenBracket(text[j])) {
      i = j; // "[[x]]": try again from the inner bracket
    } else {
      i = j < limit ? j + 1 : limit; // no bracket in (i, j): nothing can open there
    }
  }
}
