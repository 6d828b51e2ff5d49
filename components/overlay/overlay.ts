/**
 * The in-page overlay: marks citations without touching the page's nodes, and holds what is
 * interactive in one shadow root.
 *
 * - Marking: CSS Custom Highlight API ranges over the page's own text, styled by the content
 *   script's manifest CSS (highlights.css: only `::highlight()` rules, inert until a highlight
 *   is registered; adding a stylesheet to a loaded page would restyle all of it).
 * - Keyboard: one focusable, invisible button per citation, positioned over its marker in the
 *   shadow root; focusing it opens the hovercard. The buttons let pointer events through, so the
 *   page's own links under a marker keep working; hover is detected by hit-testing cached rects.
 * - Layout costs what is on screen: only the markers whose text is near the viewport (an
 *   IntersectionObserver on the elements holding them, a viewport above and below) are measured
 *   and positioned, once per frame at most, after the page changed or resized; the others are
 *   measured when they come near or get focus. A page of thousands of citations that mutates
 *   all the time costs a few rect reads per frame, not thousands.
 * - Teardown: `destroy()` removes the host element, the highlights and every listener, which
 *   leaves the page's DOM exactly as it was.
 */
import { HIGHLIGHT, LAYER_CSS } from './styles';

export type MarkState = 'resolved' | 'unresolved' | 'flagged';

export interface OverlayItem {
  id: number;
  range: Range;
  state: MarkState;
  /** Accessible name of the marker's button. */
  label: string;
}

export interface CardRenderer {
  /** Render the card for a citation into `container` (inside the shadow root). */
  render(container: HTMLElement, id: number, close: () => void): void;
  /** Undo `render` (unmount). */
  clear(container: HTMLElement): void;
}

export interface OverlayOptions {
  card: CardRenderer;
  /** Extra CSS for the card, added to the shadow root. */
  cardCss?: string;
}

interface Marker {
  /** The item without its label, which lives in the button's aria-label only (memory). */
  item: Omit<OverlayItem, 'label'>;
  button: HTMLButtonElement;
  /** Rects in document coordinates (empty until measured, and when stale off screen). */
  rects: Array<{ left: number; top: number; right: number; bottom: number }>;
  /** The page element holding the marker's start (what the IntersectionObserver watches). */
  anchor: Element | null;
}

const HOST_TAG = 'sourcelens-overlay';
const CLOSE_DELAY_MS = 250;

export class Overlay {
  readonly host: HTMLElement;
  readonly #doc: Document;
  readonly #win: Window & typeof globalThis;
  readonly #root: ShadowRoot;
  readonly #layer: HTMLElement;
  readonly #cardAnchor: HTMLElement;
  readonly #markers = new Map<number, Marker>();
  #openId: number | null = null;
  #closeTimer: number | undefined;
  #frame = 0;
  /** No marker was measured yet: nothing to invalidate (ResizeObserver's first call, at once). */
  #unmeasured = true;
  #lastPointer: { x: number; y: number } | null = null;
  /** Markers to measure at the next frame. */
  readonly #dirty = new Set<Marker>();
  /** Markers near the viewport (all of them without IntersectionObserver). */
  readonly #near = new Set<Marker>();
  /** Page element → markers starting in it; observed while it holds any. */
  readonly #byAnchor = new Map<Element, Set<Marker>>();
  #io: IntersectionObserver | null = null;
  /** The marker whose card the reader dismissed with Escape: focus returning to it (say, when
   * the window regains focus) does not reopen the card until focus leaves it. */
  #dismissedId: number | null = null;
  #destroyed = false;
  readonly #abort = new AbortController();
  /** The highlight of each marker state, once registered. */
  readonly #states: Partial<Record<MarkState, Highlight>> = {};

  constructor(doc: Document, private readonly options: OverlayOptions) {
    this.#doc = doc;
    this.#win = doc.defaultView as Window & typeof globalThis;
    this.host = doc.createElement(HOST_TAG);
    this.host.setAttribute('data-sourcelens', '');
    this.host.style.cssText =
      'all:initial!important;position:absolute!important;top:0!important;left:0!important;width:0!important;height:0!important;z-index:2147483647!important;display:block!important';
    this.#root = this.host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = LAYER_CSS + (options.cardCss ?? '');
    this.#root.append(style);
    this.#layer = doc.createElement('div');
    this.#layer.className = 'layer';
    this.#cardAnchor = doc.createElement('div');
    this.#cardAnchor.className = 'card-anchor';
    this.#cardAnchor.id = 'sourcelens-card';
    this.#cardAnchor.hidden = true;
    this.#root.append(this.#layer, this.#cardAnchor);
    doc.documentElement.append(this.host);
    this.#listen();
  }

  /** Replace the marked citations. Measuring and positioning follow at the next frame. */
  update(items: OverlayItem[]): void {
    if (this.#destroyed) return;
    const keep = new Set(items.map((i) => i.id));
    for (const [id, m] of this.#markers) {
      if (!keep.has(id)) {
        m.button.remove();
        this.#markers.delete(id);
        this.#unwatch(m);
        this.#highlight(m.item.state)?.delete(m.item.range);
      }
    }
    const fragment = this.#doc.createDocumentFragment();
    let appended = false;
    for (const item of items) {
      let marker = this.#markers.get(item.id);
      const old = marker?.item;
      if (!marker) {
        const button = this.#doc.createElement('button');
        button.type = 'button';
        button.className = 'marker';
        button.dataset.citation = String(item.id);
        button.setAttribute('aria-haspopup', 'dialog');
        button.setAttribute('aria-expanded', 'false');
        button.setAttribute('aria-controls', this.#cardAnchor.id);
        // Not measured yet (see measure): where the button stands means nothing until then.
        button.dataset.layout = 'pending';
        marker = { item, button, rects: [], anchor: null };
        this.#markers.set(item.id, marker);
        fragment.append(button);
        appended = true;
      }
      const moved = old?.range !== item.range;
      // Highlights change by the range (Highlight.add/delete): the browser repaints what
      // changed, where setting a new Highlight repaints every range of it.
      if (moved || old.state !== item.state) {
        if (old) this.#highlight(old.state)?.delete(old.range);
        this.#highlight(item.state)?.add(item.range);
      }
      const { label, ...kept } = item;
      marker.item = kept;
      if (marker.button.getAttribute('aria-label') !== label) marker.button.setAttribute('aria-label', label);
      if (marker.button.dataset.state !== item.state) marker.button.dataset.state = item.state;
      if (moved || !marker.anchor) this.#watch(marker);
    }
    if (appended) {
      this.#layer.append(fragment);
      // Keep the tab order in document order (ids follow it).
      const ordered = [...this.#markers.values()].sort((a, b) => a.item.id - b.item.id);
      let child = this.#layer.firstElementChild;
      for (const m of ordered) {
        if (child === m.button) child = child.nextElementSibling;
        else this.#layer.insertBefore(m.button, child);
      }
    }
    this.#schedule();
  }

  /** Scroll to a citation, flash it, open its card and focus its marker. */
  showCitation(id: number): boolean {
    const m = this.#markers.get(id);
    if (!m) return false;
    this.#scrollTo(m.item.range);
    this.#flashRanges([m.item.range]);
    this.#measure([m]);
    m.button.focus({ preventScroll: true });
    this.#open(id);
    return true;
  }

  /** Scroll to the first of these elements and flash them all. */
  flashElements(elements: Element[]): boolean {
    if (elements.length === 0) return false;
    const ranges = elements.map((el) => {
      const r = this.#doc.createRange();
      r.selectNodeContents(el);
      return r;
    });
    this.#scrollTo(ranges[0]);
    this.#flashRanges(ranges);
    return true;
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#abort.abort();
    this.#win.clearTimeout(this.#closeTimer);
    if (this.#frame) this.#win.cancelAnimationFrame(this.#frame);
    this.#io?.disconnect();
    this.#io = null;
    this.#byAnchor.clear();
    this.#near.clear();
    this.#dirty.clear();
    if (this.#openId !== null) this.options.card.clear(this.#cardAnchor);
    const highlights = this.#highlights();
    if (highlights) for (const name of Object.values(HIGHLIGHT)) highlights.delete(name);
    this.host.remove();
    this.#markers.clear();
  }

  // ——— internals ———

  #highlights(): HighlightRegistry | null {
    const css = (this.#win as unknown as { CSS?: { highlights?: HighlightRegistry } }).CSS;
    return css?.highlights ?? null;
  }

  /** The highlight of a marker state, registered on first use and kept (one look-up per state). */
  #highlight(state: MarkState): Highlight | undefined {
    if (!this.#states[state]) {
      const highlights = this.#highlights();
      const HighlightCtor = (this.#win as unknown as { Highlight?: typeof Highlight }).Highlight;
      if (highlights && HighlightCtor) highlights.set(HIGHLIGHT[state], (this.#states[state] = new HighlightCtor()));
    }
    return this.#states[state];
  }

  #flashRanges(ranges: Range[]): void {
    const highlights = this.#highlights();
    const HighlightCtor = (this.#win as unknown as { Highlight?: typeof Highlight }).Highlight;
    if (highlights && HighlightCtor) {
      highlights.set(HIGHLIGHT.flash, new HighlightCtor(...ranges));
      this.#win.setTimeout(() => {
        if (!this.#destroyed) highlights.delete(HIGHLIGHT.flash);
      }, 1600);
    }
    for (const range of ranges) {
      const box = this.#unionRect(range);
      if (!box) continue;
      const flash = this.#doc.createElement('div');
      flash.className = 'flash';
      flash.dataset.testid = 'sourcelens-flash';
      Object.assign(flash.style, {
        left: `${box.left - 4}px`,
        top: `${box.top - 4}px`,
        width: `${box.right - box.left + 8}px`,
        height: `${box.bottom - box.top + 8}px`,
      });
      this.#layer.append(flash);
      this.#win.setTimeout(() => flash.remove(), 1700);
    }
  }

  #scrollTo(range: Range): void {
    const node = range.startContainer;
    const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
    const reduce = this.#win.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    el?.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
  }

  #unionRect(range: Range) {
    const r = range.getBoundingClientRect();
    if (!r || (r.width === 0 && r.height === 0)) return null;
    const sx = this.#win.scrollX;
    const sy = this.#win.scrollY;
    return { left: r.left + sx, top: r.top + sy, right: r.right + sx, bottom: r.bottom + sy };
  }

  /** Watch the element holding a marker's start, so the marker is measured near the viewport. */
  #watch(m: Marker): void {
    this.#unwatch(m);
    const node = m.item.range.startContainer;
    const anchor = node.nodeType === 1 ? (node as Element) : node.parentElement;
    m.anchor = anchor;
    if (!anchor) return;
    const IO = this.#win.IntersectionObserver;
    if (!IO) {
      this.#near.add(m);
      this.#dirty.add(m);
      return;
    }
    this.#io ??= new IO((entries) => this.#onIntersect(entries), { rootMargin: '100% 0px' });
    let set = this.#byAnchor.get(anchor);
    if (!set) {
      this.#byAnchor.set(anchor, (set = new Set()));
      this.#io.observe(anchor);
    } else if (this.#near.has(set.values().next().value!)) {
      this.#near.add(m);
      this.#dirty.add(m);
    }
    set.add(m);
  }

  #unwatch(m: Marker): void {
    this.#near.delete(m);
    this.#dirty.delete(m);
    const anchor = m.anchor;
    m.anchor = null;
    if (!anchor) return;
    const set = this.#byAnchor.get(anchor);
    if (!set) return;
    set.delete(m);
    if (set.size === 0) {
      this.#byAnchor.delete(anchor);
      this.#io?.unobserve(anchor);
    }
  }

  #onIntersect(entries: IntersectionObserverEntry[]): void {
    if (this.#destroyed) return;
    for (const e of entries) {
      const set = this.#byAnchor.get(e.target);
      if (!set) continue;
      for (const m of set) {
        if (e.isIntersecting) {
          this.#near.add(m);
          this.#dirty.add(m);
        } else {
          this.#near.delete(m);
        }
      }
    }
    this.#schedule();
  }

  /**
   * Position the buttons of `markers` over their text (document coordinates). All rects are read
   * first and all styles written after: interleaving the two would force a layout per marker.
   */
  #measure(markers: Iterable<Marker>): void {
    const sx = this.#win.scrollX;
    const sy = this.#win.scrollY;
    const list = [...markers];
    this.#unmeasured = false;
    for (const m of list) {
      this.#dirty.delete(m);
      const rects = m.item.range.getClientRects();
      m.rects = [];
      for (let i = 0; i < rects.length; i++) {
        const r = rects[i];
        if (r.width === 0 && r.height === 0) continue;
        m.rects.push({ left: r.left + sx, top: r.top + sy, right: r.right + sx, bottom: r.bottom + sy });
      }
    }
    for (const m of list) {
      const first = m.rects[0];
      // Text that is not rendered (display: none) gets no stop in the tab order.
      if (!first) {
        m.button.hidden = true;
        continue;
      }
      m.button.hidden = false;
      delete m.button.dataset.layout;
      const s = m.button.style;
      s.left = `${first.left}px`;
      s.top = `${first.top}px`;
      s.width = `${first.right - first.left}px`;
      s.height = `${first.bottom - first.top}px`;
    }
  }

  #layout(): void {
    if (this.#destroyed) return;
    if (this.#dirty.size) this.#measure(this.#dirty);
    if (this.#openId !== null) this.#positionCard(this.#openId);
  }

  /**
   * The page changed or resized: the markers near the viewport are measured at the next frame;
   * the others forget their rects and are measured when they come near (or get focus).
   */
  invalidateLayout(): void {
    if (this.#destroyed || this.#unmeasured) return;
    for (const m of this.#markers.values()) {
      if (this.#near.has(m)) this.#dirty.add(m);
      else if (m.rects.length) {
        m.rects = [];
        m.button.dataset.layout = 'pending';
      }
    }
    this.#schedule();
  }

  #schedule(): void {
    if (this.#frame || this.#destroyed) return;
    this.#frame = this.#win.requestAnimationFrame(() => {
      this.#frame = 0;
      this.#layout();
      if (this.#lastPointer) this.#hitTest(this.#lastPointer.x, this.#lastPointer.y);
    });
  }

  #hitTest(pageX: number, pageY: number): void {
    if (this.#cardContains(pageX, pageY)) {
      this.#win.clearTimeout(this.#closeTimer);
      return;
    }
    for (const m of this.#markers.values()) {
      for (const r of m.rects) {
        if (pageX >= r.left && pageX <= r.right && pageY >= r.top && pageY <= r.bottom) {
          this.#win.clearTimeout(this.#closeTimer);
          if (this.#openId !== m.item.id && this.#dismissedId !== m.item.id) this.#open(m.item.id);
          return;
        }
      }
    }
    if (this.#dismissedId !== null && this.#root.activeElement === null) this.#dismissedId = null;
    if (this.#openId !== null && !this.#root.activeElement) this.#scheduleClose();
  }

  #cardContains(pageX: number, pageY: number): boolean {
    if (this.#cardAnchor.hidden) return false;
    const r = this.#cardAnchor.getBoundingClientRect();
    const x = pageX - this.#win.scrollX;
    const y = pageY - this.#win.scrollY;
    return x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
  }

  #scheduleClose(): void {
    this.#win.clearTimeout(this.#closeTimer);
    this.#closeTimer = this.#win.setTimeout(() => this.#close(), CLOSE_DELAY_MS);
  }

  #open(id: number): void {
    const m = this.#markers.get(id);
    if (!m) return;
    if (this.#openId !== null && this.#openId !== id) this.#markers.get(this.#openId)?.button.setAttribute('aria-expanded', 'false');
    this.#openId = id;
    this.#cardAnchor.hidden = false;
    this.#cardAnchor.setAttribute('role', 'dialog');
    this.#cardAnchor.setAttribute('aria-label', m.button.getAttribute('aria-label') ?? '');
    this.options.card.render(this.#cardAnchor, id, () => this.#close(true));
    m.button.setAttribute('aria-expanded', 'true');
    m.button.setAttribute('aria-describedby', this.#cardAnchor.id);
    this.#positionCard(id);
  }

  #close(returnFocus = false): void {
    this.#win.clearTimeout(this.#closeTimer);
    if (this.#openId === null) return;
    const m = this.#markers.get(this.#openId);
    this.#openId = null;
    this.options.card.clear(this.#cardAnchor);
    this.#cardAnchor.hidden = true;
    if (m) {
      m.button.setAttribute('aria-expanded', 'false');
      m.button.removeAttribute('aria-describedby');
      if (returnFocus) m.button.focus({ preventScroll: true });
    }
  }

  #positionCard(id: number): void {
    const m = this.#markers.get(id);
    const first = m?.rects[0];
    if (!m || !first) return;
    const viewportWidth = this.#doc.documentElement.clientWidth || this.#win.innerWidth;
    const width = Math.min(360, viewportWidth - 16);
    const left = Math.max(this.#win.scrollX + 8, Math.min(first.left, this.#win.scrollX + viewportWidth - width - 8));
    const last = m.rects[m.rects.length - 1];
    Object.assign(this.#cardAnchor.style, { left: `${left}px`, top: `${last.bottom + 6}px`, width: `${width}px` });
    // Flip above the marker when the card would run past the bottom of the viewport and
    // there is more room above.
    const height = this.#cardAnchor.getBoundingClientRect().height;
    const viewportHeight = this.#doc.documentElement.clientHeight || this.#win.innerHeight;
    const below = viewportHeight - (last.bottom - this.#win.scrollY) - 6;
    const above = first.top - this.#win.scrollY - 6;
    if (height > below && above > below) {
      this.#cardAnchor.style.top = `${Math.max(this.#win.scrollY + 4, first.top - 6 - height)}px`;
    }
  }

  #listen(): void {
    const signal = this.#abort.signal;
    const opts = { passive: true, signal, capture: true } as const;
    this.#doc.addEventListener(
      'mousemove',
      (e) => {
        this.#lastPointer = { x: e.pageX, y: e.pageY };
        this.#schedule();
      },
      opts,
    );
    this.#win.addEventListener('resize', () => this.invalidateLayout(), opts);
    this.#win.addEventListener('load', () => this.invalidateLayout(), opts);
    this.#doc.fonts?.addEventListener?.('loadingdone', () => this.invalidateLayout(), { signal });
    if (this.#win.ResizeObserver && this.#doc.body) {
      const ro = new this.#win.ResizeObserver(() => this.invalidateLayout());
      ro.observe(this.#doc.body);
      signal.addEventListener('abort', () => ro.disconnect());
    }
    this.#root.addEventListener(
      'focusin',
      (e) => {
        const target = e.target as HTMLElement;
        const id = target?.dataset?.citation;
        this.#win.clearTimeout(this.#closeTimer);
        const focused = id !== undefined ? this.#markers.get(Number(id)) : undefined;
        if (focused && (!focused.rects.length || this.#dirty.has(focused))) {
          // Reached by Tab from far away: measure it now and bring it into view.
          this.#measure([focused]);
          focused.button.scrollIntoView?.({ block: 'nearest' });
        }
        if (id !== undefined && Number(id) !== this.#dismissedId) this.#open(Number(id));
      },
      { signal },
    );
    this.#root.addEventListener(
      'focusout',
      (e) => {
        const next = (e as FocusEvent).relatedTarget as Node | null;
        const leaving = (e.target as HTMLElement)?.dataset?.citation;
        if (leaving !== undefined && Number(leaving) === this.#dismissedId && next) this.#dismissedId = null;
        if (next && this.#root.contains(next)) return;
        this.#scheduleClose();
      },
      { signal },
    );
    this.#root.addEventListener(
      'keydown',
      (e) => {
        if ((e as KeyboardEvent).key === 'Escape' && this.#openId !== null) {
          e.stopPropagation();
          this.#dismissedId = this.#openId;
          this.#close(true);
        }
      },
      { signal },
    );
  }
}
