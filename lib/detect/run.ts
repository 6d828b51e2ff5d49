/**
 * Detect the citations of one run of block text: a news credit at its start, then every bracket
 * pair the scanner finds, classified with what the DOM says about it (inside <sup>, linked to a
 * reference), numeric ones joined to the reference list, and each given its sentence.
 */
import type { CitationData, CitationPart } from '../types';
import { classifyMarker, MAX_CONTENT, type MarkerClass } from './classify';
import { matchCredit } from './credit';
import { externalUrl, samePageFragment, type RefIndex, type RefInfo } from './refs';
import { scanBrackets } from './scan';
import { SentenceIndex, type Span } from './sentence';
import { CODE_TAGS, type Run } from './walk';

export interface TextAnchor {
  startNode: Text;
  startOffset: number;
  endNode: Text;
  endOffset: number;
  block: Element;
}

export interface Detection {
  citation: CitationData;
  anchor: TextAnchor;
}

/** Characters of surrounding text handed to the classifier on each side. */
const CONTEXT_SLICE = 200;
const MAX_ANCESTOR_DEPTH = 30;

interface Found {
  start: number;
  end: number;
  cls: MarkerClass;
}

interface MarkerDom {
  inSup: boolean;
  /** Part of the marker is inline code (<code>, <kbd>, …). */
  inCode: boolean;
  /** Id of the same-page element the marker links to. */
  fragment: string | null;
  /** An external http(s) link the marker is or wraps. */
  external: string | null;
}

/** Index of the node holding text offset `pos` (the last node starting at or before it). */
function nodeIndex(run: Run, pos: number): number {
  let lo = 0;
  let hi = run.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (run.starts[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function inspect(run: Run, start: number, end: number, doc: Document): MarkerDom {
  const dom: MarkerDom = { inSup: false, inCode: false, fragment: null, external: null };
  const first = nodeIndex(run, start);
  const last = nodeIndex(run, end - 1);
  for (let k = first; k <= last; k++) {
    let el = run.nodes[k].parentElement;
    for (let depth = 0; el && el !== run.block && depth < MAX_ANCESTOR_DEPTH; depth++, el = el.parentElement) {
      const tag = el.localName;
      if (tag === 'sup') dom.inSup = true;
      else if (CODE_TAGS.has(tag)) dom.inCode = true;
      else if (tag === 'a' && dom.fragment === null && dom.external === null) {
        const href = el.getAttribute('href');
        if (href) {
          dom.fragment = samePageFragment(href, doc);
          if (dom.fragment === null) dom.external = externalUrl(href, doc);
        }
      }
    }
  }
  return dom;
}

function withRef(part: CitationPart, info: RefInfo | null): CitationPart {
  if (!info) return part;
  const out: CitationPart = { ...part };
  if (info.refId) out.refId = info.refId;
  if (info.refText) out.refText = info.refText;
  if (info.url) out.url = info.url;
  return out;
}

function linkReferences(cls: MarkerClass, dom: MarkerDom, refs: RefIndex, node: Text): MarkerClass {
  if (dom.fragment !== null && cls.parts.length === 1) {
    const info = refs.byFragment(dom.fragment, node);
    if (info) return { ...cls, parts: [withRef(cls.parts[0], info)] };
  }
  const parts = cls.parts.map((p) => (/^\d+$/.test(p.key) ? withRef(p, refs.byNumber(Number(p.key), node)) : p));
  if (parts.length === 1 && !parts[0].url && dom.external) parts[0] = { ...parts[0], url: dom.external };
  return { ...cls, parts };
}

export function detectInRun(run: Run, refs: RefIndex, doc: Document): Detection[] {
  const text = run.text;
  const found: Found[] = [];

  if (run.blockStart) {
    const credit = matchCredit(text);
    if (credit) found.push({ start: credit.start, end: credit.end, cls: { kind: 'credit', key: credit.key, parts: credit.parts } });
  }

  scanBrackets(text, (open, close, start, end) => {
    const inner = text.slice(start + 1, end - 1);
    if (inner.length === 0 || inner.length > MAX_CONTENT) return;
    const dom = inspect(run, start, end, doc);
    if (dom.inCode) return;
    let cls = classifyMarker(inner, {
      before: text.slice(Math.max(0, start - CONTEXT_SLICE), start),
      after: text.slice(end, end + CONTEXT_SLICE),
      inSup: dom.inSup,
      linked: dom.fragment !== null,
      open,
      close,
    });
    if (!cls) return;
    if (cls.kind === 'numeric') cls = linkReferences(cls, dom, refs, run.nodes[nodeIndex(run, start)]);
    found.push({ start, end, cls });
  });
  if (found.length === 0) return [];

  const sentences = new SentenceIndex(text, found.map((f): Span => [f.start, f.end]));

  return found.map((f) => {
    const a = nodeIndex(run, f.start);
    const b = nodeIndex(run, f.end - 1);
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
    return {
      citation,
      anchor: {
        startNode: run.nodes[a],
        startOffset: f.start - run.starts[a],
        endNode: run.nodes[b],
        endOffset: f.end - run.starts[b],
        block: run.block,
      },
    };
  });
}
