/**
 * The article's paragraphs: the unit citations point into and duplicates are found among.
 *
 * `findArticleRoot(doc)` picks the element that holds the article; `extractParagraphs(root)`
 * lists its text blocks in document order. Both only read the DOM (no innerHTML, no layout,
 * no mutation), so they run the same in the content script and in Node with happy-dom.
 *
 * A paragraph is
 * - a `<p>` or `<h1>`–`<h6>`, taken whole: blocks nested in it (possible in an `<h2>`) do not
 *   split it;
 * - the text standing directly in any other block (`li`, `blockquote`, `dd`, `figcaption`,
 *   `div`, `td`, `section`, …) between its child blocks: an `<li>` or `<blockquote>` without
 *   nested blocks is one paragraph, one with nested `<p>`s gives its loose text plus the nested
 *   paragraphs. Such paragraphs carry the block as `element`.
 * Inline elements (`a`, `span`, `b`, …) are transparent: their text joins the paragraph, and a
 * block nested inside one (`<a><div>…</div></a>`) still splits paragraphs. A `<br>` is a space,
 * but two consecutive `<br>` (white space between allowed) end a paragraph, in a `<p>` too: old
 * pages and some CMSs separate paragraphs that way. So several paragraphs may share one
 * `element`; use `text` (or the order) to tell them apart.
 *
 * Left out: `script`, `style`, `noscript`, `template`, `svg`, ruby readings (`rt`, `rp`) and
 * other non-text elements; hidden elements (`[hidden]`, `aria-hidden="true"`, inline
 * `display:none`/`visibility:hidden`, screen-reader-only classes, a closed `<dialog>`, and
 * whatever `opts.isVisible` rejects); boilerplate — `nav`, `aside`, `form`, `menu`,
 * `header`/`footer` outside an `<article>`/`<main>`, landmark roles (navigation, banner,
 * contentinfo, complementary, search), and elements whose class or id names a cookie/consent
 * banner, share/social widget, newsletter box, comment section, related links, breadcrumb,
 * sidebar, pager or table of contents — unless that element holds at least half of the root's
 * text (then it is a wrapper with an unlucky class, such as `<div class="post social-enabled">`);
 * loose text that is ≥ 90 % link text (navigation lists, teaser links; `<p>` and headings are
 * kept whatever their links); and paragraphs that are empty after white space is collapsed.
 */
import { collapseWhitespace } from './text/normalize';
import { pastSubtree } from './detect/walk';

export interface Paragraph {
  /** Position in the returned list, from 0. */
  index: number;
  /** Lowercase tag of the element: "p", "h2", "li", "div". */
  tag: string;
  /** The text, white space collapsed to single spaces. */
  text: string;
  /** The paragraph's element (for loose text: the block holding it). */
  element: Element;
}

export interface ExtractOptions {
  /**
   * Extra visibility test (the content script passes a computed-style check), called for every
   * element under the root that is not already left out. False skips the element's subtree.
   */
  isVisible?: (el: Element) => boolean;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;
const DOCUMENT_NODE = 9;

/** Elements whose content is never article text. */
const SKIP_TAGS = new Set('script style noscript template svg iframe object embed canvas video audio picture img input select textarea button head title meta link base rt rp'.split(' '));

/** Blocks taken whole. */
const ATOMIC_TAGS = new Set('p h1 h2 h3 h4 h5 h6'.split(' '));

/** Elements that break a run of inline text (HTML's block-level and table elements). @internal */
export const BLOCK_TAGS: ReadonlySet<string> = new Set('address article aside blockquote body caption center dd details dialog dir div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre section summary table tbody td tfoot th thead tr ul html legend search'.split(' '));

/** Boilerplate by tag alone. */
const BOILERPLATE_TAGS = new Set('nav aside form dialog menu search'.split(' '));
/** Boilerplate unless inside an `<article>`/`<main>` (the article's own header and footer stay). */
const PAGE_CHROME_TAGS = new Set('header footer'.split(' '));
const BOILERPLATE_ROLES = new Set('navigation banner contentinfo complementary search menu menubar toolbar alertdialog'.split(' '));

/**
 * Class/id words (after splitting on non-letters and camelCase) that mark boilerplate. Strong
 * words always do; weak ones not when the name also says the element is content
 * ("comment-body" inside a comment section is still caught by the section).
 */
const STRONG_BOILERPLATE_WORDS = new Set('cookie cookies consent gdpr cmp newsletter comments commentlist disqus breadcrumb breadcrumbs shariff outbrain taboola navbox skiplink skiplinks'.split(' '));
const WEAK_BOILERPLATE_WORDS = new Set('share shares sharing sharebar social socials socialmedia comment related sidebar menu pagination pager popup toc'.split(' '));
const CONTENT_WORDS = new Set('article body content main column entry story'.split(' '));
/** Substrings that mark boilerplate even inside a compound ("cookiebanner", "sitenewsletter"). */
const BOILERPLATE_SUBSTRINGS = /cookie|consent|newsletter|breadcrumb|disqus|shariff|tableofcontents/;
/** Classes that hide an element from sighted readers. */
const HIDDEN_CLASSES = new Set('hidden sr-only visually-hidden visuallyhidden screen-reader-text screenreader-only element-invisible a11y-hidden u-hidden'.split(' '));
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;
const CAMEL_BOUNDARY = /([a-z0-9])([A-Z])/g;
const NON_ALNUM = /[^a-z0-9]+/;
const WHITE_SPACE = /\s+/;

/** Lowercase tag name of an element (works for HTML and XHTML documents). */
export function tagOf(el: Element): string {
  return (el.localName || el.tagName).toLowerCase();
}

/**
 * True when the element itself is hidden or not text: skip tags, `[hidden]`, `aria-hidden`,
 * inline hiding styles and screen-reader-only classes. Pure attribute checks, no layout.
 * @internal shared with lib/metadata.
 */
export function isHiddenElement(el: Element, tag: string = tagOf(el)): boolean {
  if (SKIP_TAGS.has(tag)) return true;
  if (el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  if (style && HIDDEN_STYLE.test(style)) return true;
  const cls = el.getAttribute('class');
  if (cls) {
    for (const c of cls.split(WHITE_SPACE)) if (c && HIDDEN_CLASSES.has(c.toLowerCase())) return true;
  }
  return tag === 'dialog' && !el.hasAttribute('open');
}

/** Whether the element's class or id names boilerplate (cookie banner, share widget, …). */
function hasBoilerplateName(el: Element): boolean {
  const cls = el.getAttribute('class');
  const id = el.getAttribute('id');
  if (!cls && !id) return false;
  const raw = (cls ?? '') + ' ' + (id ?? '');
  const lower = raw.toLowerCase();
  if (BOILERPLATE_SUBSTRINGS.test(lower)) return true;
  const words = raw.replace(CAMEL_BOUNDARY, '$1 $2').toLowerCase().split(NON_ALNUM);
  let weak = false;
  for (const w of words) {
    if (STRONG_BOILERPLATE_WORDS.has(w)) return true;
    if (WEAK_BOILERPLATE_WORDS.has(w)) weak = true;
  }
  if (!weak) return false;
  for (const w of words) if (CONTENT_WORDS.has(w)) return false;
  return true;
}

/**
 * Whether the element is boilerplate by tag, role or name. `inArticle` tells whether the element
 * lies inside an `<article>`/`<main>` (then its `<header>`/`<footer>` belong to the article).
 * Name matches are only a hint: callers guard against excluding a large wrapper.
 * @internal shared with lib/metadata.
 */
export function boilerplateKind(el: Element, tag: string, inArticle: boolean): 'tag' | 'name' | null {
  if (BOILERPLATE_TAGS.has(tag)) return 'tag';
  if (!inArticle && PAGE_CHROME_TAGS.has(tag)) return 'tag';
  const role = el.getAttribute('role');
  if (role && BOILERPLATE_ROLES.has(role.trim().toLowerCase())) return 'tag';
  return hasBoilerplateName(el) ? 'name' : null;
}

/**
 * A walk's scope: its root, the length of its visible text once measured (-1 before), and a
 * lower bound of that length the walk keeps (`seen`: text it has passed so far).
 */
export interface ScopeText {
  root: Element;
  length: number;
  seen: number;
}

export const scopeText = (root: Element): ScopeText => ({ root, length: -1, seen: 0 });

/**
 * Whether `el` is boilerplate to leave out of a walk of `scope.root`: by tag or role, or by
 * name when it holds less than half of the scope's text (a name match on a wrapper holding most
 * of it is a false alarm). The scope is measured only when the text seen so far does not settle
 * it; measuring text lengths (megabytes on a long page) pauses as it goes.
 * @internal shared with lib/metadata.
 */
export function* isBoilerplate(el: Element, tag: string, inArticle: boolean, scope: ScopeText): Generator<void, boolean, void> {
  const kind = boilerplateKind(el, tag, inArticle);
  if (kind !== 'name') return kind === 'tag';
  const length = yield* visibleTextLength(el);
  if (length * 2 < scope.seen) return true;
  if (scope.length < 0) scope.length = yield* visibleTextLength(scope.root);
  return length * 2 < scope.length;
}

function isArticleLike(el: Element, tag: string): boolean {
  return tag === 'article' || tag === 'main' || el.getAttribute('role') === 'main';
}

/**
 * Length of the text under `el`, not counting skipped elements (scripts, styles, …): a walk
 * that pauses every few hundred nodes, so measuring a long page's megabytes is no long task.
 * @internal
 */
export function* visibleTextLength(el: Element): Generator<void, number, void> {
  let n = 0;
  let seen = 0;
  const walker = el.ownerDocument.createTreeWalker(el, 0xd /* elements, text, CDATA sections */);
  for (let node = walker.nextNode(); node; ) {
    if (++seen % STEP_NODES === 0) yield;
    if (node.nodeType !== ELEMENT_NODE) n += (node as CharacterData).data.length;
    else if (SKIP_TAGS.has(tagOf(node as Element))) {
      node = pastSubtree(walker);
      continue;
    }
    node = walker.nextNode();
  }
  return n;
}

/** Blocks with less loose text than this do not count towards a container's score. */
const MIN_SCORED_TEXT = 25;

/**
 * How much article-like text each element holds: the text standing in blocks (a `<p>`'s text,
 * a `<div>`'s or `<td>`'s loose text), not counting link text, blocks with less than 25
 * characters, hidden elements and boilerplate. A navigation list scores nothing; a `<div>`
 * of text separated by `<br>`s scores like `<p>`s would.
 */
function* scoreTextBlocks(body: Element): Generator<void, Map<Element, number>, void> {
  const direct = new Map<Element, number>();
  const scope = scopeText(body);
  let seen = 0;
  const visit = function* (el: Element, block: Element, inLink: boolean, inArticle: boolean): Steps {
    if (++seen % STEP_NODES === 0) yield;
    for (let c = el.firstChild; c; c = c.nextSibling) {
      const type = c.nodeType;
      if (type === TEXT_NODE || type === CDATA_SECTION_NODE) {
        if (inLink) continue;
        const n = (c as CharacterData).data.trim().length;
        if (n > 0) direct.set(block, (direct.get(block) ?? 0) + n);
        scope.seen += n;
      } else if (type === ELEMENT_NODE) {
        const child = c as Element;
        const tag = tagOf(child);
        if (isHiddenElement(child, tag) || (yield* isBoilerplate(child, tag, inArticle, scope))) continue;
        const isBlock = BLOCK_TAGS.has(tag);
        yield* visit(
          child,
          isBlock ? child : block,
          inLink || (tag === 'a' && child.hasAttribute('href')),
          inArticle || isArticleLike(child, tag),
        );
      }
    }
  };
  yield* visit(body, body, false, isArticleLike(body, tagOf(body)));
  const score = new Map<Element, number>();
  for (const [block, n] of direct) {
    if (n < MIN_SCORED_TEXT) continue;
    for (let a: Element | null = block; a; a = a.parentElement) score.set(a, (score.get(a) ?? 0) + n);
  }
  return score;
}

/**
 * The element holding the article:
 * 1. the `<article>` with the most text, if it holds at least 30 % of the page's text blocks
 *    (a page whose only `<article>`s are teaser cards in a sidebar falls through);
 * 2. else `[role=main]` or `<main>`, on the same condition;
 * 3. else the deepest block container (not a `<p>`/`<h*>`) holding at least 80 % of the page's
 *    text blocks — `<p>`s and
 *    `<div>`s/`<td>`s with loose text, link text and boilerplate not counted (see
 *    `scoreTextBlocks`), so br-separated posts without `<p>` are found too;
 * 4. else `<body>`.
 */
export function findArticleRoot(doc: Document): Element {
  return finish(articleRootSteps(doc));
}

/** `findArticleRoot` as resumable steps (see `Steps`): the article element is its return value. */
export function* articleRootSteps(doc: Document): Generator<void, Element, void> {
  const body: Element = doc.body ?? doc.documentElement;
  const score = yield* scoreTextBlocks(body);
  yield;
  const total = score.get(body) ?? 0;
  const holdsEnough = (el: Element) => total === 0 || (score.get(el) ?? 0) >= total * 0.3;

  const articles = doc.getElementsByTagName('article');
  if (articles.length > 0) {
    let best: Element | null = null;
    let bestLen = -1;
    for (let i = 0; i < articles.length; i++) {
      const len = yield* visibleTextLength(articles[i]);
      if (len > bestLen) {
        best = articles[i];
        bestLen = len;
      }
    }
    if (best && bestLen > 0 && holdsEnough(best)) return best;
  }

  const main = doc.querySelector('[role="main"]') ?? doc.querySelector('main');
  if (main && holdsEnough(main) && (yield* visibleTextLength(main)) > 0) return main;

  let current = body;
  if (total > 0) {
    for (;;) {
      let next: Element | null = null;
      for (let c = current.firstElementChild; c; c = c.nextElementSibling) {
        // Only into containers: a single <p> holding most of the text is not the article.
        const tag = tagOf(c);
        if (!BLOCK_TAGS.has(tag) || ATOMIC_TAGS.has(tag)) continue;
        if ((score.get(c) ?? 0) >= total * 0.8) {
          next = c;
          break;
        }
      }
      if (!next) break;
      current = next;
    }
  }
  return current;
}

/** Loose text (not `<p>`/`<h*>`) made of links at least to this share is navigation, not prose. */
const MAX_LINK_SHARE = 0.9;

/** State of one extraction; the run buffer is reused across paragraphs. */
class Extractor {
  readonly out: Paragraph[] = [];
  /** Text of the paragraph being collected. */
  readonly #run: string[] = [];
  /** Non-space characters in the run, and how many of them stand in links. */
  #runChars = 0;
  #runLinkChars = 0;
  /** `<br>`s since the last text. */
  #runBreaks = 0;
  #linkDepth = 0;
  readonly #scope: ScopeText;

  constructor(
    root: Element,
    private readonly isVisible: ((el: Element) => boolean) | undefined,
  ) {
    this.#scope = scopeText(root);
  }

  /** Whether to leave out `el` and its subtree. */
  *#excluded(el: Element, tag: string, inArticle: boolean): Generator<void, boolean, void> {
    if (isHiddenElement(el, tag) || (yield* isBoilerplate(el, tag, inArticle, this.#scope))) return true;
    return this.isVisible !== undefined && !this.isVisible(el);
  }

  /** Emit the pending text of `container` as one paragraph (if it is not empty or all links). */
  #flush(container: Element, tag: string): void {
    if (this.#run.length > 0) {
      const navigation =
        !ATOMIC_TAGS.has(tag) && this.#runChars > 0 && this.#runLinkChars >= this.#runChars * MAX_LINK_SHARE;
      const text = navigation ? '' : collapseWhitespace(this.#run.join(''));
      if (text) this.out.push({ index: this.out.length, tag, text, element: container });
      this.#run.length = 0;
    }
    this.#runChars = 0;
    this.#runLinkChars = 0;
    this.#runBreaks = 0;
  }

  /** Paragraphs of a root element (its own loose text included). */
  *walkRoot(root: Element, tag: string, inArticle: boolean): Steps {
    yield* this.#walk(root, root, tag, inArticle, ATOMIC_TAGS.has(tag));
    this.#flush(root, tag);
  }
  #seen = 0;

  /**
   * Walk the children of `node`. Text accumulates in the run of `container`, the nearest
   * enclosing block. Inside an atomic block (`<p>`, `<h*>`) nested blocks do not split it.
   */
  *#walk(node: Element, container: Element, containerTag: string, inArticle: boolean, atomic: boolean): Steps {
    if (++this.#seen % STEP_NODES === 0) yield;
    for (let c = node.firstChild; c; c = c.nextSibling) {
      const type = c.nodeType;
      if (type === TEXT_NODE || type === CDATA_SECTION_NODE) {
        const data = (c as CharacterData).data;
        this.#run.push(data);
        const n = data.trim().length;
        if (n > 0) {
          this.#runBreaks = 0;
          this.#runChars += n;
          this.#scope.seen += n;
          if (this.#linkDepth > 0) this.#runLinkChars += n;
        }
        continue;
      }
      if (type !== ELEMENT_NODE) continue;
      const el = c as Element;
      const tag = tagOf(el);
      if (tag === 'br') {
        // One <br> is a space; two in a row (white space between allowed) end a paragraph.
        if (++this.#runBreaks >= 2 && this.#runChars > 0) this.#flush(container, containerTag);
        else this.#run.push(' ');
        continue;
      }
      if (yield* this.#excluded(el, tag, inArticle)) continue;
      const link = tag === 'a' && el.hasAttribute('href');
      if (link) this.#linkDepth++;
      if (atomic) {
        const block = BLOCK_TAGS.has(tag);
        if (block) this.#run.push(' ');
        yield* this.#walk(el, container, containerTag, inArticle, true);
        if (block) this.#run.push(' ');
      } else if (ATOMIC_TAGS.has(tag)) {
        this.#flush(container, containerTag);
        yield* this.#walk(el, el, tag, inArticle, true);
        this.#flush(el, tag);
      } else if (BLOCK_TAGS.has(tag)) {
        this.#flush(container, containerTag);
        yield* this.#walk(el, el, tag, inArticle || isArticleLike(el, tag), false);
        this.#flush(el, tag);
      } else {
        // Inline: transparent. A block inside it still flushes the run, so text stays in order.
        yield* this.#walk(el, container, containerTag, inArticle, false);
      }
      if (link) this.#linkDepth--;
    }
  }
}

/**
 * The paragraphs of `root` in document order (see the module comment for what counts).
 * Given a Document, the paragraphs come from `findArticleRoot(doc)`.
 */
export function extractParagraphs(root: Document | Element, opts: ExtractOptions = {}): Paragraph[] {
  return finish(paragraphSteps(root, opts));
}

/** `extractParagraphs` as resumable steps (see `Steps`): the paragraphs are its return value. */
export function* paragraphSteps(root: Document | Element, opts: ExtractOptions = {}): Generator<void, Paragraph[], void> {
  const el = root.nodeType === DOCUMENT_NODE ? yield* articleRootSteps(root as Document) : (root as Element);
  const tag = tagOf(el);
  const inArticle = isArticleLike(el, tag) || el.closest('article, main, [role="main"]') !== null;
  const ex = new Extractor(el, opts.isVisible);
  yield* ex.walkRoot(el, tag, inArticle);
  return ex.out;
}

/**
 * Walks that pause every few hundred elements (`yield`), so the content script can spread them
 * over short tasks (entrypoints/content/slices.ts); `finish` runs one to the end at once.
 */
export type Steps = Generator<void, void, void>;
export const STEP_NODES = 256;

export function finish<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
