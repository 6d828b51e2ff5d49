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
import { forEachRun } from './walk';

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
}

/**
 * Every citation under `root` (a Document — also a same-origin iframe's — or an Element), in
 * document order, open shadow roots included.
 */
export function detectCitations(root: Document | Element, options: DetectOptions = {}): Detection[] {
  const out: Detection[] = [];
  if (!root) return out;
  const doc = root.nodeType === 9 ? (root as Document) : (root as Element).ownerDocument;
  if (!doc) return out;
  // One reference index per tree: in-page links resolve within their document or shadow root.
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
  );
  return out;
}
