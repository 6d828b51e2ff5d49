/**
 * Citation detection: finds bracketed source citations ("[radioenneperuhr.de]", "[Quelle: dpa]",
 * "[1]", "［共同通信］") and paragraph credits ("Berlin (dpa) –") in a page's visible text.
 *
 * Pure logic over a Document or Element: no `browser.*`, no dependencies, never modifies the
 * DOM, never parses text as HTML; runs the same in the browser and in Node with happy-dom.
 * Open shadow roots are scanned where their host stands; a same-origin iframe's document can be
 * passed as is (only nodeType checks, no `instanceof` against this window's classes).
 * Cost is linear in the page's text: one TreeWalker pass (walk.ts), one scan per block
 * (scan.ts), bounded look-around per marker (classify.ts, sentence.ts). What counts as a
 * citation is documented in classify.ts (brackets) and credit.ts (credits).
 */
import { RefIndex } from './refs';
import { detectInRun, type Detection } from './run';
import { blockOfText, excludedFrom, forEachRun, isExcluded, pastSubtree, type Run } from './walk';

export type { Detection, TextAnchor } from './run';
export { classifyMarker, type MarkerClass, type MarkerContext } from './classify';
export { matchCredit } from './credit';

export interface DetectOptions {
  /** Id of the first citation (default 0); ids follow document order. */
  startId?: number;
  /** Visibility check, called at most once per block element (e.g. `el.checkVisibility()`). */
  isVisible?: (el: Element) => boolean;
  /**
   * Also scan the text of open shadow roots (element.shadowRoot), where their host stands
   * (default true). SourceLens' own overlay host ([data-sourcelens]) is always skipped.
   */
  shadowRoots?: boolean;
  /** Called with each open shadow root walked (so a caller can watch it for changes). */
  onShadowRoot?: (root: ShadowRoot) => void;
}

/**
 * Every citation under `root` (a Document — also a same-origin iframe's — or an Element), in
 * document order, open shadow roots included.
 */
export function detectCitations(root: Document | Element, options: DetectOptions = {}): Detection[] {
  const out: Detection[] = [];
  for (const _ of detectSteps(root, options, out));
  return out;
}

/** Text that can hold a citation: a bracket ("[", "［", "【") or a credit's "(". */
const TRIGGER = /[[［【(]/;
/** Nodes looked at between two pauses of `detectSteps`. */
const NODES_PER_STEP = 512;

/**
 * `detectCitations` as resumable steps: appends detections to `out` and pauses (yields) every
 * few hundred nodes and after each block, so a caller can spread the work over several short
 * tasks (entrypoints/content/session.ts). Same result as one full walk (`detectByFullWalk`,
 * which tests compare it with), found faster:
 *
 * 1. one TreeWalker pass over all nodes, with no filter callback, notes the blocks (forEachRun's
 *    grouping) of the text nodes that hold a trigger character, and the open shadow hosts;
 *    script and style text is passed over;
 * 2. only those blocks (the outermost of them) and shadow hosts are walked in full, each as
 *    `forEachRun` would have walked it within the page (same runs, same `blockStart`).
 *
 * On a page that changes between steps the result is the page's state at some step; callers
 * that care watch mutations (the session does).
 */
export function* detectSteps(root: Document | Element, options: DetectOptions, out: Detection[]): Generator<void, void, void> {
  if (!root) return;
  const doc = root.nodeType === 9 ? (root as Document) : (root as Element).ownerDocument;
  if (!doc) return;
  const start: Element | null = root.nodeType === 9 ? (doc.body ?? doc.documentElement) : (root as Element);
  if (!start || excludedFrom(start)) return;
  const shadows = options.shadowRoots !== false;

  // 1. Candidate blocks and shadow hosts, in the order they are met.
  const found: Element[] = [];
  const candidates = new Set<Element>();
  const blockCache = new Map<Element, Element>();
  const walker = doc.createTreeWalker(start, 0x5 /* SHOW_ELEMENT | SHOW_TEXT */);
  let seen = 0;
  const consider = (el: Element) => {
    if (!candidates.has(el)) {
      candidates.add(el);
      found.push(el);
    }
  };
  if (shadows && start.shadowRoot) consider(start);
  // Excluded subtrees (scripts, styles, [hidden], …) are stepped over, so no block found lies in
  // one: forEachRun need not look above the blocks it is given.
  for (let node = walker.nextNode(); node; ) {
    if (++seen % NODES_PER_STEP === 0) yield;
    if (node.nodeType === 3) {
      if (TRIGGER.test((node as Text).data)) consider(blockOfText(node as Text, start, start, blockCache));
    } else if (isExcluded(node as Element)) {
      node = pastSubtree(walker);
      continue;
    } else if (shadows && (node as Element).shadowRoot) {
      consider(node as Element);
    }
    node = walker.nextNode();
  }

  // 2. The outermost of them (a block inside another is walked with it), in document order.
  const refs = new Map<Node, RefIndex>();
  let id = options.startId ?? 0;
  const onRun = (run: Run) => {
    let index = refs.get(run.scope);
    if (!index) refs.set(run.scope, (index = new RefIndex(doc, run.scope)));
    for (const d of detectInRun(run, index, doc)) {
      d.citation.id = id++;
      out.push(d);
    }
  };
  for (const el of found) {
    let inside = false;
    for (let a = el === start ? null : el.parentElement; a && !inside; a = a === start ? null : a.parentElement) {
      inside = candidates.has(a);
    }
    if (inside) continue;
    // A block's runs are the same walked alone as within the page. So are a shadow host's:
    // its shadow tree is walked where it stands, and its light text, when it holds a trigger,
    // made the block around it a candidate, which is walked instead (it contains the host).
    forEachRun(el, options.isVisible, onRun, shadows, options.onShadowRoot);
    yield;
  }
}

/** The reference implementation: one full forEachRun walk (tests compare detectSteps with it). */
export function detectByFullWalk(root: Document | Element, options: DetectOptions = {}): Detection[] {
  const out: Detection[] = [];
  if (!root) return out;
  const doc = root.nodeType === 9 ? (root as Document) : (root as Element).ownerDocument;
  if (!doc) return out;
  const start = root.nodeType === 9 ? (doc.body ?? doc.documentElement) : (root as Element);
  if (!start || excludedFrom(start)) return out;
  const refs = new Map<Node, RefIndex>();
  let id = options.startId ?? 0;
  forEachRun(
    root,
    options.isVisible,
    (run) => {
      let index = refs.get(run.scope);
      if (!index) refs.set(run.scope, (index = new RefIndex(doc, run.scope)));
      for (const d of detectInRun(run, index, doc)) {
        d.citation.id = id++;
        out.push(d);
      }
    },
    options.shadowRoots !== false,
    options.onShadowRoot,
  );
  return out;
}
