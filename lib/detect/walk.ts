/**
 * One TreeWalker pass over the visible text of a document or subtree, grouped into runs: the
 * consecutive text nodes of one block element (p, li, td, h2, …), concatenated, so a marker
 * split across inline elements ("[<a>dpa</a>]") reads as one string. A nested block, or a
 * block boundary, starts a new run; <br> becomes BREAK (no node of its own).
 *
 * Skipped whole (their subtrees are stepped over, never visited): scripts, styles, <pre>,
 * form controls, svg/math, media, ruby annotations, [hidden], [contenteditable] (any value but
 * "false"), inline display:none/visibility:hidden, and SourceLens' own overlay [data-sourcelens]
 * (with its shadow root). Open shadow roots are walked where their host stands. Only nodeType
 * checks, no `instanceof`: the root may come from another window (a same-origin iframe).
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
  /** The tree the run's block is in (a Document or an open ShadowRoot), for in-page links. */
  scope: Document | ShadowRoot;
}

/** Shadow roots nested deeper than this are not scanned (a page cannot exhaust the stack). */
const MAX_SHADOW_DEPTH = 32;
const SHOW_ELEMENT = 0x1;
const SHOW_TEXT = 0x4;

export const SKIP_TAGS: ReadonlySet<string> = new Set(
  'script style noscript template pre textarea input select option optgroup datalist button svg math head title iframe object embed canvas video audio rt rp meter progress'.split(' '),
);

/**
 * Inline code: its text stays in the run (so "<code>arr</code>[1]" reads as code and contexts
 * keep their words), but no marker touching it is a citation (run.ts).
 */
export const CODE_TAGS: ReadonlySet<string> = new Set('code kbd samp var tt'.split(' '));

export const BLOCK_TAGS: ReadonlySet<string> = new Set(
  ('address article aside blockquote body caption center dd details dialog dir div dl dt fieldset figcaption figure ' +
    'footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol p section summary table tbody ' +
    'thead tfoot tr td th ul search frameset noframes').split(' '),
);

function hiddenByStyle(style: string): boolean {
  if (style.length > 2000) return false;
  const s = style.replace(/\s+/g, '').toLowerCase();
  return s.includes('display:none') || s.includes('visibility:hidden');
}

/** Elements whose text is never scanned. */
export function isExcluded(el: Element): boolean {
  const tag = el.localName;
  if (SKIP_TAGS.has(tag)) return true;
  if (!el.hasAttributes()) return false;
  if (el.hasAttribute('hidden') || el.hasAttribute('data-sourcelens')) return true;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable.toLowerCase() !== 'false') return true;
  if (tag === 'dialog' && !el.hasAttribute('open')) return true;
  const style = el.getAttribute('style');
  return style !== null && hiddenByStyle(style);
}

/** The walker's next node after the current node and everything inside it, or null at the end. */
export function pastSubtree(walker: TreeWalker): Node | null {
  for (;;) {
    const sibling = walker.nextSibling();
    if (sibling) return sibling;
    if (!walker.parentNode()) return null;
  }
}

/** The element above `el`, through a shadow root to its host. */
function parentOf(el: Element): Element | null {
  const p = el.parentNode;
  return el.parentElement ?? (p && p.nodeType === 11 ? (p as ShadowRoot).host ?? null : null);
}

/** True when `el` or an element above it (through shadow roots to their hosts) is excluded. */
export function excludedFrom(el: Element): boolean {
  for (let e: Element | null = el; e; e = parentOf(e)) if (isExcluded(e)) return true;
  return false;
}

/**
 * The block a text node's run belongs to: its nearest BLOCK_TAGS ancestor below `top`, else
 * `fallback` (in a walk from an element both are that element; in a shadow tree, no top and the
 * host). `cache` maps inline elements to their block.
 */
export function blockOfText(t: Text, top: Element | null, fallback: Element, cache: Map<Element, Element>): Element {
  let el = t.parentElement;
  let block = fallback;
  const path: Element[] = [];
  while (el && el !== top) {
    const cached = cache.get(el);
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
  for (const p of path) cache.set(p, block);
  return block;
}

/** The tree `node` lives in, for id look-ups: its Document or ShadowRoot. */
export function scopeOf(node: Node, doc: Document): Document | ShadowRoot {
  const r = node.getRootNode ? node.getRootNode() : doc;
  return r.nodeType === 11 ? (r as ShadowRoot) : doc;
}

/**
 * Call `onRun` for each run of text under `root`, in document order. With `shadowRoots`, the
 * content of each open shadow root (element.shadowRoot) is walked where its host stands, its
 * blocks like the page's (text directly under a shadow root belongs to the host); each such
 * root is given to `onShadowRoot` first. The caller checks that no element from `root` up is
 * excluded (`excludedFrom`): lib/detect's quick pass already knows it for the blocks it walks.
 */
export function forEachRun(
  root: Document | Element,
  isVisible: ((el: Element) => boolean) | undefined,
  onRun: (run: Run) => void,
  shadowRoots = true,
  onShadowRoot?: (root: ShadowRoot) => void,
): void {
  const doc = root.nodeType === 9 ? (root as Document) : (root as Element).ownerDocument;
  const start: Element | null = root.nodeType === 9 ? (doc.body ?? doc.documentElement) : (root as Element);
  if (!doc || !start) return;

  const blockCache = new Map<Element, Element>();
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
  let scope: Document | ShadowRoot = doc;
  let parts: string[] = [];
  let nodes: Text[] = [];
  let starts: number[] = [];
  let length = 0;
  const flush = (): void => {
    if (block && nodes.length > 0) onRun({ block, blockStart, text: parts.join(''), nodes, starts, scope });
    block = null;
    parts = [];
    nodes = [];
    starts = [];
    length = 0;
  };

  /** Walk one tree (the page below `start`, or a shadow root `depth` levels down) into runs. */
  const walk = (treeRoot: Node, top: Element | null, fallback: Element, treeScope: Document | ShadowRoot, depth: number): void => {
    if (depth) onShadowRoot?.(treeRoot as ShadowRoot);
    const hosts: Element[] = [];
    let next = 0;
    // No filter callback (a call into script for every node): excluded subtrees are stepped
    // over here, and inline elements pass without a word.
    const walker = doc.createTreeWalker(treeRoot, SHOW_ELEMENT | SHOW_TEXT);
    const enterShadows = (): void => {
      // Hosts met on the way to the current node come before it in document order.
      for (; next < hosts.length; next++) {
        const host = hosts[next];
        flush();
        walk(host.shadowRoot!, null, host, host.shadowRoot!, depth + 1);
        flush();
      }
    };
    let node = walker.nextNode();
    while (node) {
      if (node.nodeType === 3) {
        enterShadows();
        const t = node as Text;
        const data = t.data;
        const b = data ? blockOfText(t, top, fallback, blockCache) : null;
        if (b && isShown(b)) {
          if (b !== block) {
            flush();
            block = b;
            scope = treeScope;
            blockStart = !seen.has(b);
            seen.add(b);
          }
          nodes.push(t);
          starts.push(length);
          parts.push(data);
          length += data.length;
        }
        node = walker.nextNode();
        continue;
      }
      const el = node as Element;
      const tag = el.localName;
      // A slot's own children only show when nothing is assigned to it.
      if (isExcluded(el) || (tag === 'slot' && (el as HTMLSlotElement).assignedNodes?.().length)) {
        node = pastSubtree(walker);
        continue;
      }
      if (shadowRoots && el.shadowRoot && depth < MAX_SHADOW_DEPTH) hosts.push(el);
      if (tag === 'br') {
        enterShadows();
        if (block) {
          parts.push(BREAK);
          length += 1;
        }
      } else if (BLOCK_TAGS.has(tag)) {
        enterShadows();
        flush();
      }
      node = walker.nextNode();
    }
    enterShadows();
  };

  if (shadowRoots && start.shadowRoot) walk(start.shadowRoot, null, start, start.shadowRoot, 1);
  flush();
  walk(start, start, start, scopeOf(start, doc), 0);
  flush();
}
