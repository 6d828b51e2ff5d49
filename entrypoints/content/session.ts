/**
 * One page's SourceLens session: scan, ask for resolution, mark, follow changes, tear down.
 * Everything browser-specific comes in through `SessionDeps`, so tests can drive a session
 * with happy-dom and fakes.
 */
import { collectPageFacts, assignParagraphs } from '../../lib/collect';
import { detectCitations, type Detection } from '../../lib/detect/index';
import { findDuplicates } from '../../lib/duplicates';
import { extractParagraphs, findArticleRoot, type Paragraph } from '../../lib/paragraphs';
import type { PageFacts, PageReport, ReportCitation } from '../../lib/types';
import { Overlay, type CardRenderer, type MarkState, type OverlayItem } from '../../components/overlay/overlay';

export interface SessionDeps {
  resolve(facts: PageFacts): Promise<PageReport>;
  card(session: PageSession): CardRenderer;
  cardCss?: string;
  /** Accessible name for a citation's marker. */
  label(citation: ReportCitation | null, marker: string): string;
  url(): string;
  onError?(error: unknown): void;
}

/** How long page changes are gathered before one incremental scan. */
const MUTATION_BATCH_MS = 200;
const MUTATION_MAX_WAIT_MS = 1000;

export class PageSession {
  private overlay: Overlay | null = null;
  private detections: Detection[] = [];
  private paragraphs: Paragraph[] = [];
  private facts: PageFacts | null = null;
  report: PageReport | null = null;
  private observer: MutationObserver | null = null;
  private pending: Node[] = [];
  private batchTimer: number | undefined;
  private firstPending = 0;
  private stopped = false;
  private generation = 0;
  private readonly win: Window & typeof globalThis;

  constructor(private readonly doc: Document, private readonly deps: SessionDeps) {
    this.win = doc.defaultView as Window & typeof globalThis;
  }

  /** First pass over the page. Never throws: a malformed page leaves SourceLens idle. */
  async start(): Promise<void> {
    try {
      const collected = collectPageFacts(this.doc, { url: this.deps.url(), isVisible });
      this.detections = collected.detections;
      this.paragraphs = collected.paragraphs;
      this.facts = collected.facts;
      this.overlay = new Overlay(this.doc, { card: this.deps.card(this), cardCss: this.deps.cardCss });
      this.mark();
      this.observe();
      await this.resolve();
    } catch (error) {
      this.deps.onError?.(error);
    }
  }

  citation(id: number): ReportCitation | null {
    return this.report?.citations.find((c) => c.id === id) ?? null;
  }

  showParagraphs(indices: number[]): boolean {
    const elements = indices.map((i) => this.paragraphs[i]?.element).filter((e): e is Element => !!e && e.isConnected);
    return this.overlay?.flashElements(elements) ?? false;
  }

  showCitation(id: number): boolean {
    return this.overlay?.showCitation(id) ?? false;
  }

  /** Remove every trace from the page. */
  stop(): void {
    this.stopped = true;
    this.generation++;
    this.observer?.disconnect();
    this.observer = null;
    this.win.clearTimeout(this.batchTimer);
    this.pending = [];
    this.overlay?.destroy();
    this.overlay = null;
    this.detections = [];
    this.paragraphs = [];
    this.report = null;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  private async resolve(): Promise<void> {
    if (!this.facts) return;
    const generation = ++this.generation;
    const report = await this.deps.resolve(this.facts);
    if (this.stopped || generation !== this.generation) return;
    this.report = report;
    this.mark();
  }

  private mark(): void {
    if (!this.overlay) return;
    const flagged = new Set<number>();
    for (const w of this.report?.warnings ?? []) {
      if (w.code === 'local-source-for-non-local-news' || w.code === 'source-language-mismatch') {
        for (const id of w.citations ?? []) flagged.add(id);
      }
    }
    const items: OverlayItem[] = [];
    for (const d of this.detections) {
      const range = this.doc.createRange();
      try {
        range.setStart(d.anchor.startNode, d.anchor.startOffset);
        range.setEnd(d.anchor.endNode, d.anchor.endOffset);
      } catch {
        continue; // the page changed under this marker
      }
      const resolved = this.citation(d.citation.id);
      const state: MarkState = flagged.has(d.citation.id)
        ? 'flagged'
        : resolved && resolved.unresolved.length === 0
          ? 'resolved'
          : 'unresolved';
      items.push({ id: d.citation.id, range, state, label: this.deps.label(resolved, d.citation.marker) });
    }
    this.overlay.update(items);
  }

  private observe(): void {
    const MO = this.win.MutationObserver;
    if (!MO || !this.doc.body) return;
    this.observer = new MO((records) => {
      for (const r of records) {
        if (this.overlay && (r.target === this.overlay.host || this.overlay.host.contains(r.target))) continue;
        if (r.type === 'characterData') this.pending.push(r.target);
        else r.addedNodes.forEach((n) => this.pending.push(n));
      }
      if (this.pending.length) this.scheduleBatch();
      this.overlay?.invalidateLayout();
    });
    this.observer.observe(this.doc.body, { childList: true, subtree: true, characterData: true });
  }

  private scheduleBatch(): void {
    const now = Date.now();
    if (!this.firstPending) this.firstPending = now;
    this.win.clearTimeout(this.batchTimer);
    const wait = now - this.firstPending >= MUTATION_MAX_WAIT_MS ? 0 : MUTATION_BATCH_MS;
    this.batchTimer = this.win.setTimeout(() => this.flush(), wait);
  }

  /** Scan what was added since the last pass; never the whole page again. */
  private flush(): void {
    this.firstPending = 0;
    const nodes = this.pending;
    this.pending = [];
    if (this.stopped || !this.facts) return;
    try {
      const roots = topmostBlocks(nodes, this.overlay?.host ?? null);
      if (roots.length === 0) return;
      const known = new Set(this.detections.map((d) => anchorKey(d)));
      let nextId = this.detections.reduce((max, d) => Math.max(max, d.citation.id + 1), 0);
      let added = 0;
      for (const root of roots) {
        for (const d of detectCitations(root, { startId: nextId, isVisible })) {
          if (known.has(anchorKey(d))) continue;
          known.add(anchorKey(d));
          d.citation.id = nextId++;
          this.detections.push(d);
          added++;
        }
      }
      // Paragraphs and duplicates are cheap (hashing): recount them over the article.
      this.detections = this.detections.filter((d) => d.anchor.startNode.isConnected);
      this.paragraphs = extractParagraphs(findArticleRoot(this.doc), { isVisible });
      assignParagraphs(this.detections, this.paragraphs);
      const duplicates = findDuplicates(this.paragraphs);
      const duplicatesChanged = JSON.stringify(duplicates.map((c) => c.paragraphs.map((p) => p.index))) !==
        JSON.stringify(this.facts.duplicates.map((c) => c.paragraphs.map((p) => p.index)));
      if (added === 0 && !duplicatesChanged) return;
      this.facts = {
        ...this.facts,
        url: this.deps.url(),
        citations: this.detections.map((d) => d.citation),
        duplicates,
        paragraphCount: this.paragraphs.length,
      };
      this.mark();
      void this.resolve().catch((e) => this.deps.onError?.(e));
    } catch (error) {
      this.deps.onError?.(error);
    }
  }
}

function anchorKey(d: Detection): string {
  return `${d.citation.marker}\u0000${d.citation.context}\u0000${d.anchor.startOffset}\u0000${nodePath(d.anchor.startNode)}`;
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
