/**
 * News-agency credits that open a paragraph: "Berlin (dpa) –", "WASHINGTON (AP) —",
 * "Tokio (dpa/AFP) –", "Frankfurt am Main (Reuters):", wire datelines with a date
 * ("LONDON, March 5 (Reuters) -", "Frankfurt, 5. Mai (dpa) –"), and the Japanese wire form
 * "【ワシントン共同】". The agencies must be known ones (lexicon.KNOWN_AGENCIES and
 * LOWERCASE_AGENCIES: "Friedrich Merz (CDU) –" is no credit). Only the first ~160 characters of
 * a block are looked at.
 */
import type { CitationPart } from '../types';
import { collapseSpace, firstChar, firstNonSpace, isDash, isSpace, isUpper } from './chars';
import { CJK_CREDIT_AGENCIES, KNOWN_AGENCIES, LOWERCASE_AGENCIES, PLACE_CONNECTORS } from './lexicon';

export interface CreditMatch {
  /** Offsets of the parenthesised marker "(dpa)" in the block's text. */
  start: number;
  end: number;
  key: string;
  parts: CitationPart[];
}

const MAX_PLACE_WORDS = 4;
const MAX_WORDS = 6;
const MAX_AGENCY_LIST = 60;
const WINDOW = 160;

function isPlaceChar(ch: string): boolean {
  return ch === '-' || ch === '.' || ch === "'" || ch === '’' || ch === '/' || /[\p{L}\p{M}]/u.test(ch);
}

/** Split an agency list ("dpa/AFP", "AFP, dpa", "Reuters und AP") and check each is an agency. */
export function agencyParts(list: string): CitationPart[] | null {
  const pieces: string[] = [];
  let cur = '';
  const words = collapseSpace(list).split(' ');
  const flat: string[] = [];
  // Conjunctions become separators.
  for (const w of words) flat.push(w === 'und' || w === 'and' || w === 'et' || w === '&' ? '/' : w);
  const joined = flat.join(' ');
  for (let i = 0; i <= joined.length; i++) {
    const ch = joined[i];
    if (i === joined.length || ch === '/' || ch === ',' || ch === ';') {
      const t = cur.trim();
      if (t) pieces.push(t);
      else if (i < joined.length || pieces.length === 0) return null;
      cur = '';
    } else {
      cur += ch;
    }
  }
  const parts: CitationPart[] = [];
  for (const piece of pieces) {
    const lower = piece.toLowerCase();
    if (KNOWN_AGENCIES.has(lower) || LOWERCASE_AGENCIES.has(lower)) {
      parts.push({ key: piece, kind: 'name' });
    } else if (parts.length > 0 && /^[a-z]{2,4}$/.test(piece)) {
      // dpa's regional desks: "dpa/lno", "dpa/tmn" — part of the credit, not another source.
      continue;
    } else {
      return null;
    }
  }
  return parts.length > 0 && parts.length <= 6 ? parts : null;
}

/**
 * End of a dateline's date ("March 5 ", "5. Mai 2024 ", "3.10.2023 "): the offset of the "("
 * that follows it, or -1. At most 24 letters, digits, periods, slashes and spaces, with a digit.
 */
function dateEnd(text: string, from: number, limit: number): number {
  let digit = false;
  for (let k = from; k < limit && k - from <= 24; k++) {
    const ch = text[k];
    if (ch === '(') return digit ? k : -1;
    if (/\p{N}/u.test(ch)) digit = true;
    else if (!isPlaceChar(ch) && !isSpace(ch)) return -1;
  }
  return -1;
}

/**
 * A credit at the start of `text` (a block's text): 1–4 capitalised place words, optionally a
 * date after a comma ("LONDON, March 5 (Reuters) -"), then a short agency list in parentheses,
 * then a dash or a colon.
 */
export function matchCredit(text: string): CreditMatch | null {
  let i = firstNonSpace(text);
  const limit = Math.min(text.length, i + WINDOW);
  // Most blocks have no "(" that early: nothing to look at then.
  const paren = text.indexOf('(', i);
  if (paren < 0 || paren >= limit) return null;
  let words = 0;
  let places = 0;
  let lastWasConnector = false;
  while (true) {
    const ws = i;
    while (i < limit && isPlaceChar(text[i])) i++;
    if (i === ws) return null;
    const word = text.slice(ws, i);
    if (isUpper(firstChar(word))) {
      places++;
      lastWasConnector = false;
    } else if (words > 0 && PLACE_CONNECTORS.has(word)) {
      lastWasConnector = true;
    } else {
      return null;
    }
    if (++words > MAX_WORDS || places > MAX_PLACE_WORDS) return null;
    let j = i;
    while (j < limit && isSpace(text[j])) j++;
    if (j < limit && text[j] === '(') {
      i = j;
      break;
    }
    if (j < limit && text[j] === ',' && !lastWasConnector) {
      i = dateEnd(text, j + 1, limit);
      if (i < 0) return null;
      break;
    }
    if (j === i || j >= limit) return null;
    i = j;
  }
  if (places === 0 || lastWasConnector) return null;
  const open = i;
  let close = open + 1;
  while (close < limit && close - open <= MAX_AGENCY_LIST && text[close] !== ')' && text[close] !== '(') close++;
  if (close >= limit || text[close] !== ')') return null;
  let k = close + 1;
  while (k < text.length && k - close < 8 && isSpace(text[k])) k++;
  if (k >= text.length || !(isDash(text[k]) || text[k] === ':')) return null;
  const inner = text.slice(open + 1, close);
  const parts = agencyParts(inner);
  if (!parts) return null;
  return { start: open, end: close + 1, key: collapseSpace(inner), parts };
}

/** "ワシントン共同" → the agency "共同"; the rest must be a place (letters only). */
export function matchCjkCredit(text: string): { key: string; parts: CitationPart[] } | null {
  if (text.length > 24) return null;
  for (const agency of CJK_CREDIT_AGENCIES) {
    if (text.length <= agency.length || !text.endsWith(agency)) continue;
    let place = text.slice(0, text.length - agency.length);
    if (place.endsWith('＝') || place.endsWith('=')) place = place.slice(0, -1);
    if (!place || !/^[\p{L}\p{M}・]+$/u.test(place)) return null;
    return { key: agency, parts: [{ key: agency, kind: 'name' }] };
  }
  return null;
}
