/**
 * Gathers a page's facts: citations, paragraphs, duplicates, missing metadata. Needs only the
 * DOM (no registry), so it runs in the content script and, with happy-dom, in the CLI.
 */
import { detectCitations, type Detection } from './detect/index';
import { findDuplicates } from './duplicates';
import { findMissingMetadata } from './metadata';
import { extractParagraphs, findArticleRoot, type Paragraph } from './paragraphs';
import { MAX_SENT_CHARS, MAX_SENT_PARAGRAPHS, type MissingMetadata, type PageFacts } from './types';

export interface CollectOptions {
  url?: string | null;
  /** Visibility check per block element (browsers: `el.checkVisibility()`). */
  isVisible?: (el: Element) => boolean;
}

export interface Collected {
  facts: PageFacts;
  detections: Detection[];
  paragraphs: Paragraph[];
}

const TEXT_SAMPLE_CHARS = 6000;

export function collectPageFacts(doc: Document, options: CollectOptions = {}): Collected {
  const root = findArticleRoot(doc);
  const paragraphs = extractParagraphs(root, { isVisible: options.isVisible });
  const detections = detectCitations(doc.body ?? doc.documentElement, { isVisible: options.isVisible });
  assignParagraphs(detections, paragraphs);
  const facts = gatherFacts(doc, root, detections, paragraphs, options.url);
  facts.duplicates = findDuplicates(paragraphs);
  return { facts, detections, paragraphs };
}

/**
 * A page's facts from what was found in it, all but the duplicate clusters (`duplicates` is
 * empty): those are computed from `paragraphs` by whoever has the time — the CLI right away
 * (collectPageFacts), the extension's background for the content script (lib/messages).
 */
export function gatherFacts(
  doc: Document,
  root: Element,
  detections: Detection[],
  paragraphs: Paragraph[],
  url?: string | null,
  missingMetadata: MissingMetadata[] = findMissingMetadata(root),
): PageFacts {
  return {
    url: url ?? pageUrl(doc),
    htmlLang: doc.documentElement.getAttribute('lang')?.trim() || null,
    title: pageTitle(doc),
    citations: detections.map((d) => d.citation),
    duplicates: [],
    missingMetadata,
    textSample: textSample(paragraphs),
    paragraphCount: paragraphs.length,
    paragraphs: sentParagraphs(paragraphs),
  };
}

/** The paragraphs as they travel with the facts (text only, capped). */
export function sentParagraphs(paragraphs: Paragraph[]): NonNullable<PageFacts['paragraphs']> {
  const out: NonNullable<PageFacts['paragraphs']> = [];
  let chars = 0;
  for (const p of paragraphs) {
    if (out.length >= MAX_SENT_PARAGRAPHS || (chars += p.text.length) > MAX_SENT_CHARS) break;
    out.push({ index: p.index, tag: p.tag, text: p.text });
  }
  return out;
}

/** Sets each citation's `paragraph` to the index of the paragraph that holds its marker. */
export function assignParagraphs(detections: Detection[], paragraphs: Paragraph[]): void {
  const byElement = new Map<Element, number>();
  for (const p of paragraphs) if (!byElement.has(p.element)) byElement.set(p.element, p.index);
  for (const d of detections) {
    let el: Element | null = d.anchor.block;
    let found: number | null = null;
    while (el) {
      const index = byElement.get(el);
      if (index !== undefined) {
        found = index;
        break;
      }
      el = el.parentElement;
    }
    if (found === null) {
      // A block that contains paragraphs (a div holding p's): take the first one inside it.
      for (const p of paragraphs) {
        if (d.anchor.block.contains(p.element) && p.element.contains(d.anchor.startNode)) {
          found = p.index;
          break;
        }
      }
    }
    d.citation.paragraph = found;
  }
}

function textSample(paragraphs: Paragraph[]): string {
  let out = '';
  for (const p of paragraphs) {
    if (/^h[1-6]$/.test(p.tag)) continue;
    if (out.length + p.text.length + 1 > TEXT_SAMPLE_CHARS) {
      out += (out ? '\n' : '') + p.text.slice(0, TEXT_SAMPLE_CHARS - out.length - 1);
      break;
    }
    out += (out ? '\n' : '') + p.text;
  }
  return out;
}

export function pageTitle(doc: Document): string {
  const og = doc.querySelector('meta[property="og:title"]')?.getAttribute('content');
  const title = doc.title || og || doc.querySelector('h1')?.textContent || '';
  return title.replace(/\s+/g, ' ').trim().slice(0, 300);
}

/** The page's own URL as it declares it (canonical link, og:url), for saved pages. */
export function pageUrl(doc: Document): string | null {
  const candidates = [
    doc.querySelector('link[rel="canonical"]')?.getAttribute('href'),
    doc.querySelector('meta[property="og:url"]')?.getAttribute('content'),
  ];
  for (const c of candidates) {
    if (c && /^https?:\/\//i.test(c.trim())) return c.trim();
  }
  return null;
}
