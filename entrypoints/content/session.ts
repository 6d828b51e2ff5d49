/**
 * One page's SourceLens session: scan, ask for resolution, mark, follow changes, tear down.
 * Everything browser-specific comes in through `SessionDeps`, so tests can drive a session
 * with happy-dom and fakes.
 */
import { assignParagraphs, gatherFacts, sentParagraphs, pageTitle } from '../../lib/collect';
import { detectCitations, detectSteps, type Detection } from '../../lib/detect/index';
import { missingMetadataSteps } from '../../lib/metadata';
import { articleRootSteps, findArticleRoot, paragraphSteps, type Paragraph } from '../../lib/paragraphs';
import type { PageFacts, PageReport, PageWarning, ReportCitation } from '../../lib/types';
import { sharer } from '../../lib/intern';
import { fromTransfer, type WireReport } from '../../lib/transfer';
import { runSliced, yieldToPage } from './slices';
import { Overlay, type CardRenderer, type MarkState, type OverlayItem } from '../../components/overlay/overlay';

export interface SessionDeps {
  /**
   * Resolve the facts into a report (the background), as lib/transfer's `forTransfer` sends
   * it. `facts.duplicates` is empty: the duplicate clusters are found among `facts.paragraphs`
   * by the resolver. `reuse`: compare the paragraphs with other pages (lib/reuse), only when
   * `reuse()` says so.
   */
  resolve(facts: PageFacts, options: { reuse: boolean }): Promise<WireReport>;
  /** Compare paragraphs across pages? (The opt-in setting `crossPageReuse`, not a private window.) Default no. */
  reuse?(): boolean;
  card(session: PageSession): CardRenderer;
  cardCss?: string;
  /** Accessible name for a citation's marker. */
  label(citation: ReportCitation | null, marker: string): string;
  url(): string;
  onError?(error: unknown): void;
}

/** Markers made in one task of the first pass. */
const MARK_BATCH = 500;
/** How long page changes are gathered before one incremental scan. */
const MUTATION_BATCH_MS = 200;
const MUTATION_MAX_WAIT_MS = 1000;
/**
 * Attributes that can show content the first pass skipped as hidden ([hidden], a closed
 * <details>/<dialog>, display/visibility by inline style or by class).
 */
const REVEAL_ATTRIBUTES = ['hidden', 'open', 'style', 'class'];
/** What the session watches, in the page and in open shadow roots. */
const WATCHED: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  attributeFilter: REVEAL_ATTRIBUTES,
  attributeOldValue: true,
};
/** How many skipped (hidden) blocks are remembered for `class`/`style` reveals. */
const MAX_SKIPPED = 2000;

export class PageSession {
  #overlay: Overlay | null = null;
  #detections: Detection[] = [];
  readonly #ranges = new WeakMap<Detection, Range>();
  /** Citation data whose strings are its own (ownStrings). */
  readonly #owned = new WeakSet<object>();
  /** The elements of the article's paragraphs, by index (for "Show"); their text is not kept. */
  #paragraphElements: Element[] = [];
  /** Identity of the paragraphs' texts last sent (see textsKey). */
  #paragraphsKey = '';
  /** False until the first pass is done: page changes wait for it. */
  #ready = false;
  /** Citations came or went since the last report was asked for. */
  #citationsChanged = false;
  #refreshes = 0;
  #facts: PageFacts | null = null;
  report: PageReport | null = null;
  #observer: MutationObserver | null = null;
  #pending: Node[] = [];
  /** Text nodes whose data changed since the last pass (their markers are re-checked). */
  #dirtyText = new Set<Node>();
  /** Nodes were removed since the last pass (their markers are dropped). */
  #removed = false;
  /** Elements whose reveal attributes changed; true when the old value hid them. */
  #attributeTargets = new Map<Element, boolean>();
  /** Blocks a pass skipped as invisible: a later class/style change around them may show them. */
  #skipped = new Set<Element>();
  /** Id of the next new citation: ids are never reused, even after their citation is gone. */
  #nextId = 0;
  /** `isVisible` that remembers what it found hidden. */
  readonly #visible = (el: Element): boolean => {
    const shown = isVisible(el);
    if (!shown && this.#skipped.size < MAX_SKIPPED) this.#skipped.add(el);
    return shown;
  };
  /** Whether the last resolve compared paragraphs across pages (lib/reuse). */
  #reuseSent = false;
  #batchTimer: number | undefined;
  #firstPending = 0;
  #stopped = false;
  #generation = 0;
  readonly #win: Window & typeof globalThis;

  constructor(private readonly doc: Document, private readonly deps: SessionDeps) {
    this.#win = doc.defaultView as Window & typeof globalThis;
  }

  /**
   * First pass over the page, spread over short tasks: citations are found (lib/detect's
   * resumable steps, run in slices of a few milliseconds with the page's own work in between)
   * and marked first; paragraphs and metadata follow in a task of their own; then the
   * background resolves the citations and finds duplicates. Page changes meanwhile are queued
   * and scanned once the pass is done. Never throws: a malformed page leaves SourceLens idle.
   */
  async start(): Promise<void> {
    try {
      this.#observe();
      const detections: Detection[] = [];
      const root = this.doc.body ?? this.doc.documentElement;
      const cancelled = () => this.#stopped;
      if (!(await runSliced(detectSteps(root, { isVisible: this.#visible, onShadowRoot: this.#watch }, detections), this.#win, cancelled))) return;
      // Nodes removed while the pass paused are dropped here; whatever was added meanwhile is
      // in the queue for the first incremental scan.
      const found = detections.filter((d) => d.anchor.startNode.isConnected && d.anchor.endNode.isConnected);
      this.#nextId = found.reduce((max, d) => Math.max(max, d.citation.id + 1), 0);
      this.#overlay = new Overlay(this.doc, { card: this.deps.card(this), cardCss: this.deps.cardCss });
      // Marked a few hundred at a time, each batch a task of its own.
      for (let n = 0; n < found.length; ) {
        await yieldToPage(this.#win);
        if (this.#stopped) return;
        this.#detections = found.slice(0, (n += MARK_BATCH));
        this.#mark();
      }
      // Then the article, its paragraphs and its metadata, also in slices.
      const articleFound = await runSliced(articleRootSteps(this.doc), this.#win, cancelled);
      if (!articleFound) return;
      let article = articleFound.value;
      if (!article.isConnected) article = findArticleRoot(this.doc); // replaced meanwhile
      const paragraphs = await runSliced(paragraphSteps(article, { isVisible: this.#visible }), this.#win, cancelled);
      const missing = paragraphs && (await runSliced(missingMetadataSteps(article), this.#win, cancelled));
      if (!paragraphs || !missing) return;
      assignParagraphs(this.#detections, paragraphs.value);
      if (!(await this.#ownStrings())) return;
      this.#facts = gatherFacts(this.doc, article, this.#detections, paragraphs.value, this.deps.url(), missing.value);
      this.#keepParagraphs(paragraphs.value);
      await yieldToPage(this.#win); // sending a long page's paragraphs is a task of its own
      if (this.#stopped) return;
      this.#ready = true;
      if (this.#pending.length || this.#dirtyText.size || this.#removed || this.#attributeTargets.size) this.#scheduleBatch();
      await this.#resolve();
    } catch (error) {
      this.deps.onError?.(error);
    }
  }

  /**
   * Each new detection's citation data made of strings of its own, one copy of each equal one
   * (lib/intern: what detection slices out of paragraph texts would keep them alive), in
   * slices. False when stopped meanwhile.
   */
  async #ownStrings(): Promise<boolean> {
    const share = sharer(true);
    const owned = this.#owned;
    const steps = (function* (detections: Detection[]) {
      for (const d of detections) {
        if (!owned.has(d.citation)) owned.add((d.citation = share(d.citation)));
        yield;
      }
    })(this.#detections);
    return !!(await runSliced(steps, this.#win, () => this.#stopped));
  }

  #keepParagraphs(paragraphs: Paragraph[]): void {
    this.#paragraphElements = paragraphs.map((p) => p.element);
    this.#paragraphsKey = textsKey(paragraphs);
  }

  /** The report's warnings about the source of citation `id` (why its marker is flagged). */
  warnings(id: number): PageWarning[] {
    return this.#flags().filter((w) => w.citations?.includes(id));
  }

  /** Warnings that flag citations, about their source: filtered from the report when needed, not kept. */
  #flags(): PageWarning[] {
    return (this.report?.warnings ?? []).filter((w) => w.code === 'local-source-for-non-local-news' || w.code === 'source-language-mismatch');
  }

  citation(id: number): ReportCitation | null {
    const citations = this.report?.citations ?? [];
    // Ids follow document order, as do the report's citations: look where the id says first.
    const at = citations[id];
    return at?.id === id ? at : (citations.find((c) => c.id === id) ?? null);
  }

  showParagraphs(indices: number[]): boolean {
    const elements = indices.map((i) => this.#paragraphElements[i]).filter((e): e is Element => !!e && e.isConnected);
    return this.#overlay?.flashElements(elements) ?? false;
  }

  showCitation(id: number): boolean {
    return this.#overlay?.showCitation(id) ?? false;
  }

  /** Remove every trace from the page. */
  stop(): void {
    this.#stopped = true;
    this.#generation++;
    this.#observer?.disconnect();
    this.#observer = null;
    this.#win.clearTimeout(this.#batchTimer);
    this.#pending = [];
    this.#dirtyText.clear();
    this.#attributeTargets.clear();
    this.#skipped.clear();
    this.#overlay?.destroy();
    this.#overlay = null;
    this.#detections = [];
    this.#paragraphElements = [];
    this.#facts = null;
    this.report = null;
  }

  get isStopped(): boolean {
    return this.#stopped;
  }

  async #resolve(): Promise<void> {
    if (!this.#facts) return;
    const generation = ++this.#generation;
    const reuse = this.deps.reuse?.() === true;
    this.#reuseSent = reuse;
    // The paragraphs' texts go with this one request and are not kept (memory).
    // So do the citations: the next request sends the detections' own (refresh). Those sent
    // are kept until the answer, which names them by id only (lib/transfer).
    const facts = this.#facts;
    this.#facts = { ...facts, paragraphs: undefined, citations: [] };
    const wire = await this.deps.resolve(facts, { reuse });
    if (this.#stopped || generation !== this.#generation) return;
    // One copy of what the report repeats (provenance, names); the citations are joined with
    // their data in a task of its own.
    sharer()(wire);
    await yieldToPage(this.#win);
    if (this.#stopped || generation !== this.#generation) return;
    this.report = fromTransfer(wire, facts.citations);
    this.#mark();
  }

  #mark(): void {
    if (!this.#overlay) return;
    const flagged = new Set<number>();
    for (const w of this.#flags()) for (const id of w.citations ?? []) flagged.add(id);
    const items: OverlayItem[] = [];
    for (const d of this.#detections) {
      // One live range per detection, kept: the overlay then knows the marker has not moved.
      let range = this.#ranges.get(d);
      if (!range) {
        range = this.doc.createRange();
        try {
          range.setStart(d.anchor.startNode, d.anchor.startOffset);
          range.setEnd(d.anchor.endNode, d.anchor.endOffset);
        } catch {
          continue; // the page changed under this marker
        }
        this.#ranges.set(d, range);
      }
      const resolved = this.citation(d.citation.id);
      const state: MarkState = flagged.has(d.citation.id)
        ? 'flagged'
        : resolved && resolved.unresolved.length === 0
          ? 'resolved'
          : 'unresolved';
      items.push({ id: d.citation.id, range, state, label: this.deps.label(resolved, d.citation.marker) });
    }
    this.#overlay.update(items);
  }

  #observe(): void {
    const MO = this.#win.MutationObserver;
    if (!MO || !this.doc.body) return;
    // SourceLens's own host hangs under <html>, outside the observed <body>, and all it holds
    // is in a shadow root: its changes never come back here.
    this.#observer = new MO((records) => {
      let changed = false;
      for (const r of records) {
        if (r.type === 'characterData') {
          this.#pending.push(r.target);
          this.#dirtyText.add(r.target);
          changed = true;
        } else if (r.type === 'attributes') {
          // Only remembered here; whether it revealed anything is decided once per batch.
          const el = r.target as Element;
          const wasHidden = revealedBy(r.attributeName, r.oldValue, el);
          if (wasHidden || !this.#attributeTargets.has(el)) this.#attributeTargets.set(el, wasHidden || !!this.#attributeTargets.get(el));
          changed = true;
        } else {
          r.addedNodes.forEach((n) => this.#pending.push(n));
          if (r.removedNodes.length) this.#removed = true;
          changed = true;
        }
      }
      if (changed) this.#scheduleBatch();
      this.#overlay?.invalidateLayout();
    });
    this.#observer.observe(this.doc.body, WATCHED);
  }

  /** Open shadow roots detection walks are watched like the page (changes inside them too). */
  readonly #watch = (root: ShadowRoot): void => this.#observer?.observe(root, WATCHED);

  #scheduleBatch(): void {
    const now = Date.now();
    if (!this.#firstPending) this.#firstPending = now;
    this.#win.clearTimeout(this.#batchTimer);
    const wait = now - this.#firstPending >= MUTATION_MAX_WAIT_MS ? 0 : MUTATION_BATCH_MS;
    this.#batchTimer = this.#win.setTimeout(() => this.#flush(), wait);
  }

  /** Scan what was added since the last pass; never the whole page again. */
  #flush(): void {
    if (!this.#ready) return; // the first pass is still running: it schedules a batch when done
    this.#firstPending = 0;
    const nodes = this.#pending;
    this.#pending = [];
    const dirty = this.#dirtyText;
    this.#dirtyText = new Set();
    const removed = this.#removed;
    this.#removed = false;
    const targets = this.#attributeTargets;
    this.#attributeTargets = new Map();
    if (this.#stopped || !this.#facts) return;
    try {
      nodes.push(...this.#revealed(targets));
      // Markers whose text is gone (removed nodes) or changed under them (text edits) go;
      // the changed text is scanned again below.
      const before = this.#detections.length;
      if (removed || dirty.size) this.#detections = this.#detections.filter((d) => stillThere(d, dirty));
      const dropped = before - this.#detections.length;
      const roots = topmostBlocks(nodes, this.#overlay?.host ?? null);
      if (roots.length === 0 && dropped === 0) return;
      const known = new Set(this.#detections.map((d) => anchorKey(d)));
      let added = 0;
      for (const root of roots) {
        for (const d of detectCitations(root, { startId: this.#nextId, isVisible: this.#visible, onShadowRoot: this.#watch })) {
          if (known.has(anchorKey(d))) continue;
          known.add(anchorKey(d));
          d.citation.id = this.#nextId++;
          this.#detections.push(d);
          added++;
        }
      }
      if (added || dropped) {
        this.#citationsChanged = true;
        this.#mark();
      }
      void this.#refresh().catch((e) => this.deps.onError?.(e));
    } catch (error) {
      this.deps.onError?.(error);
    }
  }

  /**
   * After a batch of changes, the article's paragraphs again (duplicates and reuse are about
   * them all), in slices; the report is asked for again when citations or the paragraphs' texts
   * changed. A newer batch supersedes a refresh still running.
   */
  async #refresh(): Promise<void> {
    const token = ++this.#refreshes;
    const superseded = () => this.#stopped || token !== this.#refreshes;
    const found = await runSliced(articleRootSteps(this.doc), this.#win, superseded);
    const paragraphs = found && (await runSliced(paragraphSteps(found.value, { isVisible }), this.#win, superseded));
    if (!paragraphs || superseded() || !this.#facts) return;
    // Before anything is decided: from here to the request nothing waits, so a report still on
    // its way cannot be joined with citation data changed for the next one.
    if (!(await this.#ownStrings()) || superseded() || !this.#facts) return;
    assignParagraphs(this.#detections, paragraphs.value);
    const key = textsKey(paragraphs.value);
    const reuseChanged = (this.deps.reuse?.() === true) !== this.#reuseSent;
    if (!this.#citationsChanged && key === this.#paragraphsKey && !reuseChanged) return;
    this.#citationsChanged = false;
    this.#paragraphElements = paragraphs.value.map((p) => p.element);
    this.#paragraphsKey = key;
    this.#facts = {
      ...this.#facts,
      url: this.deps.url(),
      title: pageTitle(this.doc),
      citations: this.#detections.map((d) => d.citation),
      paragraphCount: paragraphs.value.length,
      paragraphs: sentParagraphs(paragraphs.value),
    };
    await this.#resolve();
  }

  /**
   * What to scan again after reveal attributes changed on `targets`: a target whose old value
   * hid it (its subtree was never looked at), and the blocks found hidden by an earlier pass
   * that lie inside a target and are visible now (only those, not the target: a class flipped
   * on <body> costs a visibility check per remembered block, not a scan of the page).
   */
  #revealed(targets: Map<Element, boolean>): Element[] {
    if (targets.size === 0) return [];
    const out: Element[] = [];
    const others: Element[] = [];
    for (const [el, wasHidden] of targets) {
      if (!el.isConnected) continue;
      if (wasHidden) out.push(el);
      else others.push(el);
    }
    for (const b of this.#skipped) {
      if (!b.isConnected) {
        this.#skipped.delete(b);
        continue;
      }
      const inside = (el: Element) => el === b || el.contains(b);
      if (out.some(inside)) {
        this.#skipped.delete(b); // scanned with its target; remembered again if still hidden
      } else if (others.some(inside) && isVisible(b)) {
        this.#skipped.delete(b);
        out.push(b);
      }
    }
    return out;
  }
}

/**
 * Identity of a paragraph list, cheap to take on a long page: how many there are and a 32-bit
 * FNV-1a hash of each one's length and its first, middle and last characters (an edit inside a
 * paragraph that keeps all four is missed until another change).
 */
function textsKey(paragraphs: Paragraph[]): string {
  let h = 0x811c9dc5;
  for (const { text: t } of paragraphs) {
    for (const c of [t.length, t.charCodeAt(0), t.charCodeAt(t.length >> 1), t.charCodeAt(t.length - 1)]) h = Math.imul(h ^ c, 16777619);
  }
  return `${paragraphs.length}:${h >>> 0}`;
}

/** Whether an attribute's old value hid its element (so changing it may have shown it). */
function revealedBy(name: string | null, oldValue: string | null, el: Element): boolean {
  if (name === 'hidden') return oldValue !== null;
  if (name === 'open') return oldValue === null && (el.localName === 'details' || el.localName === 'dialog');
  if (name === 'style') return oldValue !== null && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(oldValue);
  return false;
}

/**
 * A detection still marks its text: its nodes are in the page and, where their text changed
 * (`dirty`), the marker still reads the same at the same place.
 */
function stillThere(d: Detection, dirty: Set<Node>): boolean {
  const a = d.anchor;
  if (!a.startNode.isConnected || !a.endNode.isConnected) return false;
  if (!dirty.has(a.startNode) && !dirty.has(a.endNode)) return true;
  if (a.startNode === a.endNode) return a.startNode.data.slice(a.startOffset, a.endOffset) === d.citation.marker;
  try {
    const range = a.startNode.ownerDocument.createRange();
    range.setStart(a.startNode, a.startOffset);
    range.setEnd(a.endNode, a.endOffset);
    return range.toString() === d.citation.marker;
  } catch {
    return false;
  }
}

/**
 * Identity of a detection: its marker at a place in a text node. (Not its sentence: rescanning
 * a block whose sentence changed around an unchanged marker must find the same citation.)
 */
function anchorKey(d: Detection): string {
  return `${d.citation.marker}\u0000${d.anchor.startOffset}\u0000${nodePath(d.anchor.startNode)}`;
}

const nodeIds = new WeakMap<Node, number>();
let nextNodeId = 1;
function nodePath(node: Node): number {
  let id = nodeIds.get(node);
  if (!id) nodeIds.set(node, (id = nextNodeId++));
  return id;
}

/** The smallest set of elements that covers the changed nodes (no element inside another). */
function topmostBlocks(nodes: Node[], host: Element | null): Element[] {
  const elements = new Set<Element>();
  for (const n of nodes) {
    if (!n.isConnected) continue;
    const el = n.nodeType === 1 ? (n as Element) : n.parentElement;
    if (!el || (host && (el === host || host.contains(el)))) continue;
    // Scan from the enclosing block, so a marker split across the new node and its
    // neighbours is seen whole.
    elements.add(el.closest('p,li,td,th,dd,dt,h1,h2,h3,h4,h5,h6,blockquote,figcaption') ?? el);
  }
  const list = [...elements];
  return list.filter((el) => !list.some((other) => other !== el && other.contains(el)));
}

function isVisible(el: Element): boolean {
  const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  return typeof check === 'function' ? check.call(el, { visibilityProperty: true }) : true;
}
