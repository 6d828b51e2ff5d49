/**
 * One TreeWalker pass over the visible text of a document or subtree, grouped into runs: the
 * consecutive text nodes of one block element (p, li, td, h2, …), concatenated, so a marker
 * split across inline elements ("[<a>dpa</a>]") reads as one string. A nested block, or a
 * block boundary, starts a new run; <br> becomes BREAK (no node of its own).
 *
 * Skipped whole (FILTER_REJECT, so their subtrees are never visited): scripts, styles, <pre>,
 * form controls, svg/math, media, ruby annotations, [hidden], [contenteditable] (any value but
 * "false"), inline display:none/visibility:hidden, and SourceLens' own overlay [data-sourcelens].
 */
import { BREAK } from './chars';

export interface Run {
  /** The block element the run's text belongs to. */
  block: Element;
  /** True for the first run of its block: news credits are only looked for there. */
  blockStart: boolean;
  text: string;
  /** The text nodes, in order, and the offset of each in `text`. */
  nodes: Text[];
  starts: number[];
}

const SHOW_ELEMENT = 0x1;
const SHOW_TEXT = 0x4;
const FILTER_ACCEPT = 1;
const FILTER_REJECT = 2;
const FILTER_SKIP = 3;

export const SKIP_TAGS: ReadonlySet<string> = new Set([
  'script', 'style', 'noscript', 'template', 'pre', 'textarea',
  'input', 'select', 'option', 'optgroup', 'datalist', 'button', 'svg', 'math', 'head', 'title',
  'iframe', 'object', 'embed', 'canvas', 'video', 'audio', 'rt', 'rp', 'meter', 'progress',
]);

/**
 * Inline code: its text stays in the run (so "<code>arr</code>[1]" reads as code and contexts
 * keep their words), but no marker touching it is a citation (run.ts).
 */
export const CODE_TAGS: ReadonlySet<string> = new Set(['code', 'kbd', 'samp', 'var', 'tt']);

export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details',
  'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1',
  'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu',
  'nav', 'ol', 'p', 'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th',
  'ul', 'search', 'frameset', 'noframes',
]);

function hiddenByStyle(style: string): boolean {
  if (style.length > 2000) return false;
  const s = style.replace(/\s+/g, '').toLowerCase();
  return s.includes('display:none') || s.includes('visibility:hidden');
}

/** Elements whose text is never scanned. */
export function isExcluded(el: Element): boolean {
  const tag = el.localName;
  if (SKIP_TAGS.has(tag)) return true;
  if (el.attributes.length === 0) return false;
  if (el.hasAttribute('hidden') || el.hasAttribute('data-sourcelens')) return true;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable.toLowerCase() !== 'false') return true;
  if (tag === 'dialog' && !el.hasAttribute('open')) return true;
  const style = el.getAttribute('style');
  return style !== null && hiddenByStyle(style);
}

/** Call `onRun` for each run of text under `root`, in document order. */
export function forEachRun(
  root: Document | Element,
  isVisible: ((el: Element) => boolean) | undefined,
  onRun: (run: Run) => void,
): void {
  const doc = root.nodeType === 9 ? (root as Document) : (root as Element).ownerDocument;
  const start: Element | null = root.nodeType === 9 ? (doc.body ?? doc.documentElement) : (root as Element);
  if (!doc || !start) return;
  for (let e: Element | null = start; e; e = e.parentElement) if (isExcluded(e)) return;

  const blockCache = new Map<Element, Element>();
  const blockOf = (t: Text): Element => {
    let el = t.parentElement;
    let block = start;
    const path: Element[] = [];
    while (el && el !== start) {
      const cached = blockCache.get(el);
      if (cached) {
        block = cached;
        break;
      }
      if (BLOCK_TAGS.has(el.localName)) {
        block = el;
        break;
      }
      path.push(el);
      el = el.parentElement;
    }
    for (const p of path) blockCache.set(p, block);
    return block;
  };

  const visible = new Map<Element, boolean>();
  const isShown = (block: Element): boolean => {
    if (!isVisible) return true;
    let v = visible.get(block);
    if (v === undefined) {
      try {
        v = isVisible(block) !== false;
      } catch {
        v = true;
      }
      visible.set(block, v);
    }
    return v;
  };

  const seen = new Set<Element>();
  let block: Element | null = null;
  let blockStart = false;
  let parts: string[] = [];
  let nodes: Text[] = [];
  let starts: number[] = [];
  let length = 0;
  const flush = (): void => {
    if (block && nodes.length > 0) onRun({ block, blockStart, text: parts.join(''), nodes, starts });
    block = null;
    parts = [];
    nodes = [];
    starts = [];
    length = 0;
  };

  const walker = doc.createTreeWalker(start, SHOW_ELEMENT | SHOW_TEXT, (node: Node) => {
    if (node.nodeType === 3) return FILTER_ACCEPT;
    const el = node as Element;
    if (isExcluded(el)) return FILTER_REJECT;
    return el.localName === 'br' || BLOCK_TAGS.has(el.localName) ? FILTER_ACCEPT : FILTER_SKIP;
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === 3) {
      const t = node as Text;
      const data = t.data;
      if (!data) continue;
      const b = blockOf(t);
      if (!isShown(b)) continue;
      if (b !== block) {
        flush();
        block = b;
        blockStart = !seen.has(b);
        seen.add(b);
      }
      nodes.push(t);
      starts.push(length);
      parts.push(data);
      length += data.length;
    } else if ((node as Element).localName === 'br') {
      if (block) {
        parts.push(BREAK);
        length += 1;
      }
    } else {
      flush();
    }
  }
  flush();
}
