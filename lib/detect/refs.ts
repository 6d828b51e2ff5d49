/**
 * The page's reference list, for numeric markers: the element an in-page link points to
 * ("#cite_note-1"), or — without a link — the Nth entry of a list found by id
 * ("cite_note-N", "fn-N", …) or after a heading such as "References" or "Einzelnachweise".
 * Built lazily, at most once per detectCitations call; every lookup is cached.
 */
import { collapseSpace } from './chars';
import { REFERENCE_HEADINGS } from './lexicon';

export interface RefInfo {
  refId?: string;
  refText?: string;
  url?: string;
}

/** Longest reference text kept. */
export const MAX_REF_TEXT = 300;
const MAX_NUMBER = 9999;
const HEADINGS = 'h1,h2,h3,h4,h5,h6';
/** Tags whose text is not part of a reference's text. */
const SKIP_IN_REF = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'button']);
const SKIP_IN_REF_SELECTOR = [...SKIP_IN_REF, '.mw-cite-backlink', '[hidden]'].join(',');

/** Id prefixes of footnotes, followed by the number: "cite_note-1", "fn:2", "footnote3". */
const ID_PREFIXES = 'cite_note- fn- fn: footnote- fn footnote note- ref-'.split(' ');

let lastHref = '';
let lastUrl: URL | null = null;

/** The URL of `doc`, or null for about:blank and the like (parsed again only when it changed). */
function pageUrl(doc: Document): URL | null {
  const href = doc.URL;
  if (href === lastHref) return lastUrl;
  let u: URL | null = null;
  try {
    u = new URL(href);
  } catch {
    // stays null
  }
  lastHref = href;
  lastUrl = u && (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'file:') ? u : null;
  return lastUrl;
}

/**
 * The element id an in-page link points to, or null: "#cite_note-1" → "cite_note-1";
 * "https://same.page/path#x" → "x" when it is this page.
 */
export function samePageFragment(href: string, doc: Document): string | null {
  const hash = href.indexOf('#');
  if (hash < 0 || hash === href.length - 1) return null;
  if (hash > 0) {
    const here = pageUrl(doc);
    if (!here) return null;
    try {
      const u = new URL(href, here);
      if (u.origin !== here.origin || u.pathname !== here.pathname || u.search !== here.search) return null;
    } catch {
      return null;
    }
  }
  const raw = href.slice(hash + 1);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** An http(s) link that leaves this page: absolute URL, or null. */
export function externalUrl(href: string, doc: Document): string | null {
  let h = href.trim();
  if (h.startsWith('//')) h = 'https:' + h;
  if (!/^https?:\/\//i.test(h)) return null;
  try {
    const u = new URL(h);
    const here = pageUrl(doc);
    if (here && u.origin === here.origin && u.pathname === here.pathname && u.search === here.search) return null;
    return h;
  } catch {
    return null;
  }
}

/** Text of a reference entry, without backlinks, scripts and styles; at most MAX_REF_TEXT chars. */
function refText(el: Element): string {
  const root = el.querySelector('.reference-text') ?? el;
  // Nothing to leave out (the usual case): the browser's own text of it, in one call.
  const out = root.querySelector(SKIP_IN_REF_SELECTOR) ? textOutside(root) : (root.textContent ?? '');
  const t = collapseSpace(out.length > MAX_REF_TEXT * 3 ? out.slice(0, MAX_REF_TEXT * 3) : out);
  return t.length > MAX_REF_TEXT ? t.slice(0, MAX_REF_TEXT - 1) + '…' : t;
}

/** The text under `root` outside SKIP_IN_REF elements, backlinks and [hidden] (the first ~3 × MAX_REF_TEXT characters). */
function textOutside(root: Element): string {
  let out = '';
  let node: Node | null = root.firstChild;
  while (node && out.length < MAX_REF_TEXT * 3) {
    let descend = false;
    if (node.nodeType === 3) {
      out += (node as Text).data;
    } else if (node.nodeType === 1) {
      const e = node as Element;
      const skip = SKIP_IN_REF.has(e.localName) || e.classList.contains('mw-cite-backlink') || e.hasAttribute('hidden');
      descend = !skip && node.firstChild !== null;
    }
    if (descend) {
      node = node.firstChild;
      continue;
    }
    while (node && node !== root && !node.nextSibling) node = node.parentNode;
    if (!node || node === root) break;
    node = node.nextSibling;
  }
  return out;
}

function normaliseHeading(text: string): string {
  let t = collapseSpace(text).toLowerCase();
  const edit = t.indexOf('[');
  if (edit > 0) t = t.slice(0, edit);
  return t.replace(/[\s:：]+$/, '');
}

function isHeading(el: Element): boolean {
  return /^h[1-6]$/.test(el.localName);
}

/** The list that follows a heading (through a heading wrapper such as Wikipedia's div.mw-heading). */
function listAfter(heading: Element): Element | null {
  let cur: Element | null = heading;
  for (let level = 0; level < 3 && cur; level++) {
    let sib = cur.nextElementSibling;
    for (let steps = 0; sib && steps < 10; steps++) {
      if (sib.localName === 'ol') return sib;
      if (isHeading(sib)) return null;
      const ol = sib.querySelector('ol');
      if (ol) return ol;
      if (sib.querySelector(HEADINGS)) return null;
      sib = sib.nextElementSibling;
    }
    const parent: Element | null = cur.parentElement;
    if (!parent || parent.localName === 'body' || parent.children.length > 3) break;
    cur = parent;
  }
  return null;
}

export class RefIndex {
  readonly #cache = new Map<Element, RefInfo>();
  #lists: Element[][] | null = null;

  /** `scope`: the tree whose ids and lists count (the document, or a shadow root). */
  constructor(
    private readonly doc: Document,
    private readonly scope: Document | ShadowRoot = doc,
  ) {}

  /** The entry an in-page link points to; null if there is none or it holds the marker itself. */
  byFragment(id: string, markerNode: Node): RefInfo | null {
    const el = this.scope.getElementById(id);
    if (!el || el.contains(markerNode)) return null;
    return this.#info(el);
  }

  /** The Nth (1-based) reference of the page, for a marker without a link. */
  byNumber(n: number, markerNode: Node): RefInfo | null {
    if (!Number.isInteger(n) || n < 1 || n > MAX_NUMBER) return null;
    for (const prefix of ID_PREFIXES) {
      const el = this.scope.getElementById(prefix + n);
      if (el && !el.contains(markerNode)) return this.#info(el);
    }
    for (const list of this.#referenceLists()) {
      if (list.length >= n && !list[n - 1].contains(markerNode)) return this.#info(list[n - 1]);
    }
    return null;
  }

  #referenceLists(): Element[][] {
    if (this.#lists) return this.#lists;
    const ols: Element[] = [];
    const add = (ol: Element | null): void => {
      if (ol && !ols.includes(ol)) ols.push(ol);
    };
    this.scope.querySelectorAll('ol.references, ol.footnotes, .footnotes ol, .reflist ol').forEach(add);
    this.scope.querySelectorAll(HEADINGS).forEach((h) => {
      const text = h.textContent ?? '';
      if (text.length <= 80 && REFERENCE_HEADINGS.has(normaliseHeading(text))) add(listAfter(h));
    });
    this.#lists = ols.map((ol) => Array.from(ol.children).filter((c) => c.localName === 'li'));
    return this.#lists;
  }

  #info(target: Element): RefInfo {
    const cached = this.#cache.get(target);
    if (cached) return cached;
    let el = target;
    let text = refText(el);
    if (text.length < 3) {
      // An empty anchor (<a id="fn1"></a>) at the start of the entry: take the entry.
      const entry = target.closest('li, p, dd, dt, div, td, aside');
      if (entry) {
        el = entry;
        text = refText(entry);
      }
    }
    const info: RefInfo = {};
    if (target.id) info.refId = target.id;
    if (text) info.refText = text;
    const url = this.#firstExternal(el);
    if (url) info.url = url;
    this.#cache.set(target, info);
    return info;
  }

  /** The first external link of an entry, preferring Wikipedia's a.external ones. */
  #firstExternal(el: Element): string | null {
    for (const selector of ['a.external[href]', 'a[href]']) {
      const links = el.querySelectorAll(selector);
      for (let i = 0; i < links.length && i < 50; i++) {
        const u = externalUrl(links[i].getAttribute('href') ?? '', this.doc);
        if (u) return u;
      }
    }
    return null;
  }

}
