/**
 * Is a bracket a source citation? Pure string logic over the bracket's content and the text
 * around it, reusable by the evaluation script.
 *
 * Rules, in order (each may reject the bracket):
 *  1. Content: 1–120 characters, no brackets or <br> inside, not nested in another
 *     bracket (`[[…]]`, `[a [b] c]`), with a letter or digit ("[…]", "[ ]", "[✓]" are not).
 *  2. Known non-citations, whole or per part, compared folded (lowercase, no diacritics):
 *     "[sic]", "[citation needed]", "[Edit]", "[Update]", "[x]", "[Vidéo]", "【速報】",
 *     transcript and editors' notes ("[Applaus]", "[NDLR]"), keys ("[Enter]"), placeholders
 *     ("[Name]") (lexicon.NOT_CITATIONS); "[Bearbeiten | Quelltext bearbeiten]" ('|' never
 *     occurs in a source). Lowercase tags need no entry ("[modifier]", "[cita requerida]"): no
 *     name starts in lowercase (rule 7).
 *  3. Code and markup, unless the bracket is in a <sup> or linked to a reference ("strong"):
 *     directly after an identifier (`a[0]`, `items[i]`, `m[0][1]`), followed by `.name` or `=`
 *     (`foo[2].bar`, `x[1] = 3`); followed by "(" it is a Markdown link `[text](url)` always.
 *  4. Japanese wire credit "【ワシントン共同】" at a block's start → kind credit.
 *  5. Numbers: "1", "2, 3", "4–6" (ranges expanded, at most 50 parts), 1…999 in plain text
 *     (so "[0]", "[2019]", "[1500]" are not references), up to 99999 when strong. Digits and
 *     punctuation that are not such a list — times, dates ("[12:34]", "[2024-01-01]",
 *     "[10:00 AM]") — are rejected. A numeric bracket opening a block and followed by text is a
 *     reference list's own label ("[1] Smith, J. …"), not a citation. Linked note labels
 *     ("[n 1]", "[note 2]", "[a]") count as numeric, and so does a number with a page locator
 *     ("[3, S. 12]", "[4, p. 7–9]": the parts are the numbers).
 *  6. A label ("Quelle:", "Sources :", "出典：", "via …") is split off and kept.
 *  7. Parts: split at "," ";" "、" "/" and "und/and/et/y/…"; each must be a URL, a domain (two
 *     or more labels, TLD of two letters or a known generic TLD; "report.pdf" is a file and
 *     rejects the marker), or a name: starts with an uppercase letter, a digit or a caseless
 *     script (CJK, not hiragana alone), at most 6 words, letters/digits/space/.-'&·; lowercase
 *     only for known agencies ("dpa"); not an article/pronoun followed by lowercase words other
 *     than connectors ("[He]", "[The company]", but "[Le Journal du Dimanche]").
 *     Names with more than one lowercase word besides connectors are phrases ("[Video call from
 *     …]"), and so are names with a phrase word ("from", "by", "laut") or an abbreviated
 *     lowercase word ("[Anm. d. Red.]"); names with two numbers are dates ("[1 October 1998]");
 *     "[Fig. 1]" points inside the page. A short name in parentheses may close a name
 *     ("Statistisches Bundesamt (Destatis)"); a date after a source is not a part of its own
 *     ("[Quelle: Statista, 2023]", "[Reuters, 5. März 2024]"). After a label, a name may be a
 *     longer lowercase phrase and "et/und/…" before a lowercase word does not split it
 *     ("[Source : Institut national de la statistique et des études économiques]").
 *  8. Position, for unlabelled names outside <sup> (domains and URLs need none): never when the
 *     sentence goes on in lowercase ("[He] said") or at the start of a block or line
 *     ("【関連記事】", "[Docs] [Nits]", "…<br>[ Send Your Request ]"); right after
 *     sentence-final punctuation, also behind closing quotes ("„Gut.“ [dpa]"), or after
 *     "Quelle:"; never inside a quotation opened in its sentence ("“We trust him [Biden],” she
 *     said"); closing the clause (followed by punctuation, a dash or another marker); closing
 *     the block only after text that reads as a sentence. Short capital abbreviations ("[AFP]",
 *     "[NHK]") and lowercase agencies may also stand before a capitalised word.
 */
import type { CitationKind, CitationPart } from '../types';
import { BREAK, BRACKETS, collapseSpace, firstNonSpace, hasLetterOrDigit, isBracketChar, toHalfWidth } from './chars';
import { matchCjkCredit } from './credit';
import { fold, NOT_CITATIONS, LOWERCASE_AGENCIES, SOURCE_LABELS } from './lexicon';
import { isNoteLabel, parseNumeric, withoutLocator } from './numeric';
import { classifyPart, isDate, splitParts } from './parts';
import {
  atBlockStart,
  atLineStart,
  closesSentence,
  codeAfter,
  codeBefore,
  continuesLowercase,
  endsClause,
  insideQuote,
  isNested,
  labelledBefore,
  readsAsSentence,
  textFollows,
} from './position';

/** Longest bracket content that can be a citation. */
export const MAX_CONTENT = 120;

export interface MarkerContext {
  /** Text of the block before the marker (the scanner passes up to 200 characters). */
  before: string;
  /** Text of the block after the marker (up to 200 characters). */
  after: string;
  /** The marker is inside a <sup>. */
  inSup: boolean;
  /** The opening and closing bracket characters. */
  open: string;
  close: string;
  /** The marker is (or wraps) a link to an element of the same page, e.g. "#cite_note-1". */
  linked?: boolean;
}

export interface MarkerClass {
  kind: CitationKind;
  key: string;
  label?: string;
  parts: CitationPart[];
}

/** Split a leading source label off: "Quelle: dpa" → { label: "Quelle", body: "dpa" }. */
export function splitLabel(text: string): { label: string; body: string } | null {
  const limit = Math.min(text.length, 24);
  for (let i = 1; i < limit; i++) {
    const ch = text[i];
    if (ch === ':' || ch === '：') {
      const label = text.slice(0, i).trim();
      if (SOURCE_LABELS.has(label.toLowerCase())) return { label, body: text.slice(i + 1).trim() };
      break;
    }
  }
  if (text.length > 4 && text.slice(0, 4).toLowerCase() === 'via ') {
    return { label: text.slice(0, 3), body: text.slice(4).trim() };
  }
  return null;
}

/** Does an unlabelled name (outside <sup>) stand where a citation stands? See rule 8. */
function namePositionOk(ctx: MarkerContext, allShort: boolean, isCode: boolean): boolean {
  const { before, after } = ctx;
  if (isCode || continuesLowercase(after) || atLineStart(before)) return false;
  if (closesSentence(before) || labelledBefore(before)) return true;
  if (insideQuote(before)) return false;
  // Closing the paragraph: only after text that reads as a sentence, not a title or a product
  // name ("Xbox Game Pass Ultimate: 3 Month Membership [Digital Code]").
  if (firstNonSpace(after) >= after.length) return readsAsSentence(before);
  return allShort || endsClause(after);
}

export function classifyMarker(inner: string, ctx: MarkerContext): MarkerClass | null {
  if (inner.length === 0 || inner.length > MAX_CONTENT) return null;
  if (BRACKETS[ctx.open] !== ctx.close) return null;
  for (let i = 0; i < inner.length; i++) {
    if (isBracketChar(inner[i]) || inner[i] === BREAK) return null;
  }
  if (isNested(ctx.before, ctx.after)) return null;
  const text = collapseSpace(inner);
  if (!text || !hasLetterOrDigit(text)) return null;
  if (NOT_CITATIONS.has(fold(text))) return null;
  if (ctx.after[0] === '(') return null; // Markdown link
  const strong = ctx.inSup || !!ctx.linked;
  if (!strong && codeAfter(ctx.after)) return null;
  const isCode = !strong && codeBefore(ctx.before);
  const half = toHalfWidth(text);

  if (ctx.open === '【' && atBlockStart(ctx.before)) {
    const credit = matchCjkCredit(text);
    if (credit) return { kind: 'credit', key: credit.key, parts: credit.parts };
  }

  let num = parseNumeric(half, strong);
  const head = num.type === 'none' ? withoutLocator(half) : null;
  if (head) {
    const n = parseNumeric(head, strong);
    if (n.type === 'numbers') num = n;
  }
  if (num.type === 'reject') return null;
  if (num.type === 'numbers') {
    if (isCode) return null;
    if (atBlockStart(ctx.before) && textFollows(ctx.after)) return null;
    return { kind: 'numeric', key: text, parts: num.numbers.map((n) => ({ key: String(n), kind: 'numeric' })) };
  }
  if (/^\p{N}/u.test(half) && half.includes(':')) return null; // "[10:00 AM]"
  if (!/\p{L}/u.test(half)) return null; // dates, phone numbers: digits and punctuation only
  if (ctx.linked && isNoteLabel(half)) {
    if (atBlockStart(ctx.before) && textFollows(ctx.after)) return null;
    return { kind: 'numeric', key: text, parts: [{ key: text, kind: 'numeric' }] };
  }

  const labelled = splitLabel(text);
  const body = labelled ? labelled.body : text;
  if (!body) return null;
  const pieces = splitParts(body, !!labelled);
  if (!pieces) return null;
  const parts: CitationPart[] = [];
  let allSites = true;
  let allShort = true;
  for (const piece of pieces) {
    // A date after a source ("[Quelle: Statista, 2023]", "[Reuters, 5. März 2024]").
    if (parts.length > 0 && isDate(piece)) continue;
    const r = classifyPart(piece, !!labelled);
    if (r === null || r === 'file') {
      // dpa's regional desks: "[dpa/lnw]" names dpa only.
      const prev = parts[parts.length - 1];
      if (r === null && prev && LOWERCASE_AGENCIES.has(prev.key.toLowerCase()) && /^[a-z]{2,4}$/.test(piece)) continue;
      return null;
    }
    parts.push(r.part);
    if (r.strength !== 'domain' && r.strength !== 'url') allSites = false;
    if (r.strength === 'name') allShort = false;
  }
  if (parts.length === 0) return null;

  if (!labelled && !strong && !allSites && !namePositionOk(ctx, allShort, isCode)) return null;

  const onlyDomains = parts.every((p) => p.kind === 'domain');
  const result: MarkerClass = { kind: parts[0].kind, key: onlyDomains ? body.toLowerCase() : body, parts };
  if (labelled) result.label = labelled.label;
  return result;
}
