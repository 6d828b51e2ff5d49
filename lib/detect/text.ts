/**
 * Citation detection on plain text, without a DOM: for the background (an MV3 service worker
 * has no `document`) checking a selection, and for anything else that only has a string.
 *
 * The same scanner and classifier as the DOM path (run.ts): a news credit at the start of each
 * block, then every bracket pair found by `scanBrackets`, classified by `classifyMarker` with
 * the surrounding text; each citation gets its sentence as context. What plain text cannot
 * say is taken as absent: no <sup>, no inline code, no links (so numeric markers are not joined
 * to a reference list). The text is never parsed as HTML: "<b>[dpa]</b>" is just characters.
 *
 * Blocks: paragraphs are separated by blank lines; a single line break inside a paragraph is
 * a hard break (like <br>) that no marker or sentence crosses.
 */
import type { CitationData } from '../types';
import { BREAK } from './chars';
import { classifyMarker, MAX_CONTENT, type MarkerClass } from './classify';
import { matchCredit } from './credit';
import { scanBrackets } from './scan';
import { SentenceIndex, type Span } from './sentence';

/** Characters of surrounding text handed to the classifier on each side (as in run.ts). */
const CONTEXT_SLICE = 200;

/** The paragraphs of a plain text: split on blank lines, trimmed, empty ones dropped. */
export function textParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u00a0]*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/**
 * Every citation in `text`, in order, ids from 0; `paragraph` is the index of its paragraph in
 * `textParagraphs(text)`.
 */
export function detectInText(text: string): CitationData[] {
  const out: CitationData[] = [];
  textParagraphs(text).forEach((paragraph, index) => {
    for (const c of detectInBlock(paragraph.replace(/[ \t]*\n[ \t]*/g, BREAK))) {
      c.id = out.length;
      c.paragraph = index;
      out.push(c);
    }
  });
  return out;
}

interface Found {
  start: number;
  end: number;
  cls: MarkerClass;
}

function detectInBlock(text: string): CitationData[] {
  const found: Found[] = [];
  const credit = matchCredit(text);
  if (credit) found.push({ start: credit.start, end: credit.end, cls: { kind: 'credit', key: credit.key, parts: credit.parts } });

  scanBrackets(text, (open, close, start, end) => {
    const inner = text.slice(start + 1, end - 1);
    if (inner.length === 0 || inner.length > MAX_CONTENT) return;
    const cls = classifyMarker(inner, {
      before: text.slice(Math.max(0, start - CONTEXT_SLICE), start),
      after: text.slice(end, end + CONTEXT_SLICE),
      inSup: false,
      linked: false,
      open,
      close,
    });
    if (cls) found.push({ start, end, cls });
  });
  if (found.length === 0) return [];

  const sentences = new SentenceIndex(text, found.map((f): Span => [f.start, f.end]));
  return found.map((f) => {
    const citation: CitationData = {
      id: 0,
      marker: text.slice(f.start, f.end),
      key: f.cls.key,
      kind: f.cls.kind,
      parts: f.cls.parts,
      context: sentences.context(f.start, f.end),
      paragraph: null,
    };
    if (f.cls.label !== undefined) citation.label = f.cls.label;
    return citation;
  });
}
