/**
 * The sources named inside one bracket: split "dpa/AFP", "Reuters, AP", "AFP und dpa" into
 * parts and tell domains, URLs and names apart. Works on one marker's content (≤ 120 chars).
 */
import type { CitationPart } from '../types';
import { firstChar, isCaselessLetter, isDigit, isLower, isUpper } from './chars';
import {
  CONJUNCTIONS,
  EDITORIAL_FIRST_WORDS,
  FILE_EXTENSIONS,
  fold,
  GENERIC_TLDS,
  LOWERCASE_AGENCIES,
  NAME_CONNECTORS,
  MONTHS,
  NOT_CITATIONS,
  PHRASE_WORDS,
  POINTER_WORDS,
} from './lexicon';

/** At most this many sources in one bracket. */
export const MAX_PARTS = 10;
/** At most this many words in one name. */
export const MAX_NAME_WORDS = 6;
const MAX_NAME_LENGTH = 60;
/** Names in scripts without spaces ("共同通信") are short. */
const MAX_CASELESS_LENGTH = 25;

/**
 * How strongly a part alone looks like a source: domains and URLs, short capital abbreviations
 * ("AFP", "NHK") and known lowercase agencies ("dpa") count anywhere; other names need a
 * citation-like position.
 */
export type PartStrength = 'url' | 'domain' | 'abbr' | 'name';

export interface ParsedPart {
  part: CitationPart;
  strength: PartStrength;
}

/** `null`: not a source; `'file'`: a file name such as "report.pdf" (rejects the whole marker). */
export type PartResult = ParsedPart | 'file' | null;

const RE_URL_START = /^https?:\/\//i;
const RE_HAS_SPACE = /\s/;

export function isUrl(s: string): boolean {
  return RE_URL_START.test(s) && !RE_HAS_SPACE.test(s);
}

/**
 * Split a marker's content (label removed, whitespace collapsed) into the sources it names.
 * Returns null when a piece is empty ("dpa/", "und AFP") or there are too many.
 */
export function splitParts(body: string, labelled = false): string[] | null {
  if (isUrl(body)) return [body];
  const out: string[] = [];
  let chunk = '';
  const flushChunk = (): boolean => {
    // Conjunctions between words: "AFP und dpa", "Reuters and AP".
    const words = chunk.trim().split(' ');
    let group: string[] = [];
    for (let k = 0; k < words.length; k++) {
      const w = words[k];
      const next = words[k + 1] ?? '';
      // In a labelled marker, not before a lowercase word: "[Source : Institut national de la
      // statistique et des études économiques]".
      if (CONJUNCTIONS.has(w) && !(labelled && isLower(firstChar(next)) && !LOWERCASE_AGENCIES.has(next.toLowerCase()))) {
        if (group.length === 0) return false;
        if (!pushSlashed(group.join(' '), out)) return false;
        group = [];
      } else if (w !== '') {
        group.push(w);
      }
    }
    if (group.length === 0) return false;
    return pushSlashed(group.join(' '), out);
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === ',' || ch === ';' || ch === '、' || ch === '，' || ch === '；') {
      if (!flushChunk()) return null;
      chunk = '';
    } else {
      chunk += ch;
    }
  }
  if (!flushChunk()) return null;
  return out.length > MAX_PARTS ? null : out;
}

/** Push `piece`, split at slashes unless it is a URL or a domain with a path. */
function pushSlashed(piece: string, out: string[]): boolean {
  if (isUrl(piece) || parseDomain(piece)?.path) {
    out.push(piece);
    return out.length <= MAX_PARTS;
  }
  let cur = '';
  for (let i = 0; i <= piece.length; i++) {
    const ch = piece[i];
    if (i === piece.length || ch === '/' || ch === '／') {
      const t = cur.trim();
      if (t === '') return false;
      out.push(t);
      if (out.length > MAX_PARTS) return false;
      cur = '';
    } else {
      cur += ch;
    }
  }
  return true;
}

interface DomainParse {
  /** Lowercase host without trailing dots. */
  host: string;
  /** "/path…" or ''. */
  path: string;
  file: boolean;
}

function isHostChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || c === 45 || c > 127;
}

/** "www.tagesschau.de", "example.org/x", "report.pdf" (file) — or null if not host-like. */
export function parseDomain(s: string): DomainParse | null {
  if (s.length > 253 || RE_HAS_SPACE.test(s)) return null;
  const slash = s.indexOf('/');
  const written = slash < 0 ? s : s.slice(0, slash);
  let host = written.toLowerCase();
  const path = slash < 0 ? '' : s.slice(slash);
  let end = host.length;
  while (end > 0 && host[end - 1] === '.') end--;
  host = host.slice(0, end);
  const labels = host.split('.');
  if (labels.length < 2) return null;
  for (const label of labels) {
    if (label.length === 0 || label.length > 63) return null;
    if (label[0] === '-' || label[label.length - 1] === '-') return null;
    for (let i = 0; i < label.length; i++) {
      const c = label.charCodeAt(i);
      if (!isHostChar(c)) return null;
      if (c > 127 && !/[\p{L}\p{M}\p{N}]/u.test(label[i])) return null;
    }
  }
  const tld = labels[labels.length - 1];
  const www = labels[0] === 'www';
  if (FILE_EXTENSIONS.has(tld) && labels.length === 2 && !path) return { host, path, file: true };
  // Country codes: any two letters (the IANA list would cost more than it saves).
  const tldOk = /^[a-z]{2}$/.test(tld) || GENERIC_TLDS.has(tld) || tld.startsWith('xn--');
  if (!tldOk) return null;
  // "cs.LG", "stat.ML", "math.CO": arXiv categories, not sites (a site's TLD is not the only
  // part written in capitals).
  let we = written.length;
  while (we > 0 && written[we - 1] === '.') we--;
  const hostWritten = written.slice(0, we);
  const tldWritten = hostWritten.slice(hostWritten.length - tld.length);
  const rest = hostWritten.slice(0, hostWritten.length - tld.length);
  if (tldWritten !== tld && rest !== rest.toUpperCase()) return null;
  // The name before the TLD needs a letter: "1.de" is not a site.
  if (!/\p{L}/u.test(labels[www ? 1 : 0] ?? '')) return null;
  return { host, path, file: false };
}

/** "Annual report 2023.pdf", "image.png": ends with a file extension. */
function looksLikeFile(s: string): boolean {
  const dot = s.lastIndexOf('.');
  if (dot <= 0 || dot === s.length - 1) return false;
  return FILE_EXTENSIONS.has(s.slice(dot + 1).toLowerCase());
}

const RE_NAME = /^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} .'’&·・\-‐–+]*$/u;
const RE_ABBREVIATION = /^\p{Lu}[\p{Lu}\p{N}&]{1,5}$/u;

/**
 * Classify one part of a marker. `labelled`: the marker declares its source ("[Source :
 * Institut national de la statistique]"), so a name may be a longer phrase in lowercase.
 */
export function classifyPart(raw: string, labelled = false): PartResult {
  const p = raw.trim();
  if (!p) return null;
  if (NOT_CITATIONS.has(fold(p))) return null;

  if (RE_URL_START.test(p)) {
    if (!isUrl(p)) return null;
    const rest = p.slice(p.indexOf('//') + 2);
    const hostEnd = rest.search(/[/?#]/);
    const host = hostEnd < 0 ? rest : rest.slice(0, hostEnd);
    if (!host.includes('.') && host !== 'localhost') return null;
    return { part: { key: p, kind: 'url', url: p }, strength: 'url' };
  }

  if (p.includes('.') && !RE_HAS_SPACE.test(p)) {
    const d = parseDomain(p);
    if (d?.file) return 'file';
    if (d && d.path) return { part: { key: d.host + d.path, kind: 'url', url: 'https://' + d.host + d.path }, strength: 'url' };
    if (d) return { part: { key: d.host, kind: 'domain' }, strength: 'domain' };
  }
  if (looksLikeFile(p)) return 'file';
  return parseName(p, labelled);
}

/**
 * A date written after a source: "2023", "12.03.2024", "5. März 2024", "March 5" — a number
 * with a year, a day-month-year or a month name.
 */
export function isDate(s: string): boolean {
  const words = s.split(' ');
  if (words.length > 3) return false;
  let number = false;
  let strong = false;
  for (const w of words) {
    if (/^\d{1,4}\.?$/.test(w)) {
      number = true;
      if (w.length >= 4) strong = true;
    } else if (/^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/.test(w)) {
      number = strong = true;
    } else if (MONTHS.has(fold(w).slice(0, 3))) {
      strong = true;
    } else return false;
  }
  return number && strong;
}

const RE_PAREN = / \(\p{L}[\p{L}\p{N}.&-]{0,11}\)$/u;

function parseName(raw: string, labelled: boolean): ParsedPart | null {
  if (raw.length > (labelled ? MAX_NAME_LENGTH * 2 : MAX_NAME_LENGTH)) return null;
  // "Statistisches Bundesamt (Destatis)": a short name in parentheses at the end.
  const paren = RE_PAREN.exec(raw);
  const p = paren ? raw.slice(0, paren.index) : raw;
  if (!RE_NAME.test(p)) return null;
  if (!/\p{L}/u.test(p)) return null;
  const words = p.split(' ');
  if (words.length > (labelled ? MAX_NAME_WORDS * 2 : MAX_NAME_WORDS)) return null;
  const first = firstChar(p);
  const firstWord = words[0].toLowerCase();
  if (isLower(first)) {
    // Only known lowercase agencies: "dpa", "epd", "dpa-AFX". Everything else starting in
    // lowercase is an editorial insertion: "[the company]", "[and]".
    const base = firstWord.split('-')[0];
    if (words.length === 1 && LOWERCASE_AGENCIES.has(base)) return { part: { key: raw, kind: 'name' }, strength: 'abbr' };
    return null;
  }
  if (!isUpper(first) && !isDigit(first) && !isCaselessLetter(first)) return null;
  // "[He]", "[The company]", "[Die Firma selbst]": an article or pronoun followed by nothing
  // or by lowercase words other than connectors ("[Le Journal du Dimanche]" is a name).
  if (EDITORIAL_FIRST_WORDS.has(firstWord)) {
    if (words.length === 1) return null;
    for (let i = 1; i < words.length; i++) if (isLower(firstChar(words[i])) && !NAME_CONNECTORS.has(words[i])) return null;
  }
  // A single Latin letter ("[A]", "[X]") is a label or a checkbox.
  if (p.length < 2 && !isCaselessLetter(first)) return null;
  // Japanese names are not written in hiragana alone ("［おわり］").
  if (isCaselessLetter(first) && (p.length > MAX_CASELESS_LENGTH || /^[\u3040-\u309f]+$/.test(p))) return null;
  // "[Fig. 1]", "[Seite 4]", "[Teil 2]": pointers inside the page.
  if (words.length > 1 && POINTER_WORDS.has(firstWord.replace(/\.$/, '')) && /\p{N}/u.test(words[1])) return null;
  // Dates and times: "[1 October 1998]", "[06月24日 11時30分]" — a name has one number at most.
  let numbered = 0;
  for (const w of words) if (/\p{N}/u.test(w)) numbered++;
  if (numbered > 1 || /\p{N}[年月日時分秒]/u.test(p)) return null;
  // A phrase rather than a name: "[Video call from …]", "[Bardo museum houses …]". A name
  // has at most one lowercase word besides connectors ("Le Monde diplomatique"), and neither
  // words that only join phrases ("[Translated from German]") nor abbreviated lowercase words
  // of editors' notes ("[Anm. d. Red.]", "[Hervorhebung d. Verf.]").
  let lowerWords = 0;
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if (PHRASE_WORDS.has(w) || /^\p{Ll}\.$/u.test(w)) return null;
    if (isLower(firstChar(w)) && !NAME_CONNECTORS.has(w)) lowerWords++;
  }
  if (lowerWords > 1 && !labelled) return null;
  const abbr = words.length === 1 && !paren && (RE_ABBREVIATION.test(p) || LOWERCASE_AGENCIES.has(firstWord));
  return { part: { key: raw, kind: 'name' }, strength: abbr ? 'abbr' : 'name' };
}
