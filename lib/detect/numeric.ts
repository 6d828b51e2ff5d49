/**
 * Numeric reference markers: "1", "2, 3", "4–6", "1; 4-6". A hand-written parser (no regular
 * expression) over content that is at most 120 characters long.
 */
import { isDash, isSpace } from './chars';

/** A range such as "4–60" expands to at most this many parts (counted over the whole marker). */
export const MAX_EXPANSION = 50;
/**
 * Largest number in a plain-text marker; beyond it "[2024]" (a year) or "[1500]" is rather a
 * number than a reference. In a <sup> or linked to a reference, years are fine.
 */
export const MAX_PLAIN_NUMBER = 999;
/** Largest number when the marker is in a <sup> or linked to a reference list. */
export const MAX_LINKED_NUMBER = 99999;

export type NumericParse =
  /** The content is not made of numbers at all ("Reuters", "20 Minuten"). */
  | { type: 'none' }
  /** Numbers and punctuation only, but no valid reference list ("12:34", "2024-01-01", "0"). */
  | { type: 'reject' }
  | { type: 'numbers'; numbers: number[] };

function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57 ? c - 48 : -1;
}

/**
 * Parse `text` (whitespace-collapsed, full-width digits already made ASCII).
 * `strong`: the marker is in a <sup> or linked to a reference — years and numbers above 999
 * are allowed then.
 */
export function parseNumeric(text: string, strong: boolean): NumericParse {
  if (text.length === 0 || digitAt(text, 0) < 0) return { type: 'none' };
  // Only digits, spaces and punctuation? Otherwise this is a name such as "20 Minuten".
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (digitAt(text, i) >= 0 || isSpace(ch)) continue;
    if (/[\p{L}]/u.test(ch)) return { type: 'none' };
  }
  const numbers: number[] = [];
  const max = strong ? MAX_LINKED_NUMBER : MAX_PLAIN_NUMBER;
  let i = 0;
  const n = text.length;
  const readInt = (): number => {
    if (i >= n || digitAt(text, i) <= 0) return -1; // no digit, or a leading zero
    let v = 0;
    let len = 0;
    while (i < n && digitAt(text, i) >= 0) {
      v = v * 10 + digitAt(text, i);
      i++;
      if (++len > 5) return -1;
    }
    return v;
  };
  const skipSpace = (): void => {
    while (i < n && isSpace(text[i])) i++;
  };
  while (true) {
    const a = readInt();
    if (a < 1 || a > max) return { type: 'reject' };
    skipSpace();
    if (i < n && isDash(text[i])) {
      i++;
      skipSpace();
      const b = readInt();
      if (b < 1 || b > max || b < a) return { type: 'reject' };
      for (let k = a; k <= b && numbers.length < MAX_EXPANSION; k++) numbers.push(k);
      skipSpace();
    } else if (numbers.length < MAX_EXPANSION) {
      numbers.push(a);
    }
    if (i >= n) break;
    if (text[i] !== ',' && text[i] !== ';') return { type: 'reject' };
    i++;
    skipSpace();
  }
  return { type: 'numbers', numbers };
}

/**
 * Wikipedia-style note labels that only count when linked to a note list: "n 1", "note 2",
 * "nb 3", "a", "Anm. 4", "注 5".
 */
export function isNoteLabel(text: string): boolean {
  if (text.length > 20) return false;
  return /^(?:\p{L}[\p{L}.-]{0,14} ?)?\p{N}{1,4}$/u.test(text) || /^\p{Ll}{1,3}$/u.test(text);
}

/**
 * A reference number with a page locator, "3, S. 12", "4, p. 7–9", "2, pp. 4-6 ff.": the part
 * before the locator ("3"), or null.
 */
export function withoutLocator(text: string): string | null {
  const comma = text.lastIndexOf(',');
  if (comma < 1) return null;
  return /^ ?(?:pp?\.?|S\.|Seite|page) ?\d{1,5}(?: ?[-–] ?\d{1,5})?(?: ?ff?\.?)?$/.test(text.slice(comma + 1)) ? text.slice(0, comma) : null;
}
