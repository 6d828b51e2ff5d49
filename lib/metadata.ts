/**
 * Metadata a page promises but does not give: a "Veröffentlicht am" with no date after it, a
 * "By" with no name.
 *
 * A label is a piece of text that is nothing but one of the known labels, optionally with a
 * colon (compared after NFKC, so a full-width "：" counts): either a whole element ("<span>Von
 * </span>", "<dt>Published:</dt>", a wrapper holding only such an element — the outermost of
 * them is the label) or a text node that starts a line of its block ("…<br>Veröffentlicht am").
 * Author labels (Von, By, Par) must be capitalised as on a byline, so a sentence ending in
 * "von" is no label.
 *
 * The label is empty when nothing follows it up to the end of its block: for an inline label
 * the nearest block around it ("<p class="byline">…<span>Veröffentlicht am</span></p>"). A
 * block label (a `<p>`, `<div>` or `<dt>` holding only the label) may have its value in the
 * next block ("<dt>Autor:</dt><dd>Erika Mustermann</dd>"), so there the first content after it
 * inside its parent counts — unless it is longer than 80 characters: a following paragraph of
 * running text is no date or name. "Nothing" allows white space, separators (| · • – — / , :),
 * elements without text such as an empty `<time>` without `datetime`, and another label ("Von ·
 * Veröffentlicht am 12.03." lacks the author). A `<time datetime>` or `<meta content>` counts as
 * a value even without text.
 *
 * Scope: the given element, or the document's `<body>`: bylines often stand outside the
 * `<article>`. Scripts, hidden elements, navigation, asides, forms and comment/related/share
 * sections are skipped (see lib/paragraphs). Each field/label pair is reported once, in
 * document order.
 *
 * Absent metadata: after the labels, an article that states no publication date, or no author,
 * anywhere gets `{ field, label: '' }` (after the label entries; never for 'modified'). Only an
 * article: the scope holds at least 3 paragraphs (`<p>`) of 80 or more characters each, so a
 * home page of short teasers or a search form gets no "no author" noise (an `<article>` element
 * alone is no sign: home pages wrap each teaser in one). A field that has a
 * label in the scope, empty or not, is not absent (the empty label is reported already). The
 * whole document counts as giving
 * - a date: a `<meta>` with non-blank content named (`name` or `property`, any case) `date`,
 *   `dc.date`, `dc.date.issued`, `pubdate`, `publishdate`, `sailthru.date`,
 *   `parsely-pub-date` or `article:published_time`; any `[itemprop=datePublished]`; JSON-LD
 *   (`script[type="application/ld+json"]`) whose text contains `"datePublished"` (a substring
 *   test, never parsed); a `<time>`, or an element whose class contains "date", "time" or
 *   "publish" (also capitalised: "article-main__date", "pb-timestamp", "published"), outside
 *   nav/aside/footer, whose `datetime` or else text holds a digit and is at most 80
 *   characters (a date, not a "timeline" section). A date only in running text ("Feb. 23,
 *   2015 -- Life-threatening …") is not found;
 * - an author: a `<meta>` `author` or `article:author` with non-blank content; any
 *   `[rel=author]` or `[itemprop=author]`; JSON-LD containing `"author"`; an element whose
 *   class contains "author" or "byline" (also capitalised) and that has text, unless it holds
 *   an empty label (a byline "Transparenz: … Veröffentlicht am" with no name is no author).
 * These err on the side of "present": an author link in a sidebar hides an absent author.
 */
import type { MissingMetadata } from './types';
import { BLOCK_TAGS, finish, isBoilerplate, isHiddenElement, scopeText, STEP_NODES, tagOf, type ScopeText } from './paragraphs';

type Field = MissingMetadata['field'];

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;
const DOCUMENT_NODE = 9;
const FOLLOWING = 4; // Node.DOCUMENT_POSITION_FOLLOWING

/** Labels that stand alone, with or without a colon (lowercase, NFKC). */
const LABELS_COLON_OPTIONAL: ReadonlyArray<[string, Field]> = [
  ['veröffentlicht am', 'published'],
  ['erschienen am', 'published'],
  ['aktualisiert am', 'modified'],
  ['zuletzt aktualisiert am', 'modified'],
  ['zuletzt aktualisiert', 'modified'],
  ['published on', 'published'],
  ['posted on', 'published'],
  ['updated on', 'modified'],
  ['last updated on', 'modified'],
  ['last updated', 'modified'],
  ['publié le', 'published'],
  ['mis à jour le', 'modified'],
  ['publicado el', 'published'],
  ['actualizado el', 'modified'],
  ['pubblicato il', 'published'],
  ['aggiornato il', 'modified'],
  ['公開日', 'published'],
  ['更新日', 'modified'],
  ['发布时间', 'published'],
  ['发布日期', 'published'],
  ['更新时间', 'modified'],
  ['von', 'author'],
  ['by', 'author'],
  ['par', 'author'],
  ['geschrieben von', 'author'],
  ['written by', 'author'],
];
/** Words that are labels only with a colon ("Published:"; a bare "Updated" is a badge). */
const LABELS_COLON_REQUIRED: ReadonlyArray<[string, Field]> = [
  ['veröffentlicht', 'published'],
  ['aktualisiert', 'modified'],
  ['stand', 'modified'],
  ['published', 'published'],
  ['updated', 'modified'],
  ['autor', 'author'],
  ['author', 'author'],
  ['auteur', 'author'],
  ['autore', 'author'],
];
/** Author labels that must start with a capital letter on the page. */
const CAPITALISED = new Set(['von', 'by', 'par']);

const FIELD_BY_LABEL = new Map<string, Field>([...LABELS_COLON_OPTIONAL, ...LABELS_COLON_REQUIRED]);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (list: ReadonlyArray<[string, Field]>) =>
  list.map(([l]) => l).sort((a, b) => b.length - a.length).map(escape).join('|').replace(/ /g, '\\s+');
/** A whole text that is a label: group 1 the label, group 2 the colon if any. */
const LABEL_ONLY = new RegExp(
  `^(?:(${alternation(LABELS_COLON_OPTIONAL)})\\s*(:)?|(${alternation(LABELS_COLON_REQUIRED)})\\s*(:))$`,
  'iu',
);
/** A text starting with a label (used for what follows a label). */
const LABEL_START = new RegExp(
  `^(?:${alternation(LABELS_COLON_OPTIONAL)})(?:\\s|:|$)|^(?:${alternation(LABELS_COLON_REQUIRED)})\\s*:`,
  'iu',
);
/** Longest label text considered, in characters (longer text is never a label). */
const MAX_LABEL_LENGTH = 40;
/** Following text longer than this after a block label is running text, not the label's value. */
const MAX_VALUE_LENGTH = 80;
/** Raw text (indentation included) an element may hold and still be tested as a label. */
const MAX_RAW_TEXT = 400;
const WHITESPACE_RUN = /\s+/g;
/** Separators that do not count as a value. */
const SEPARATORS = /[\s|·•\-–—/,:;]+/gu;
const UPPERCASE_START = /^\p{Lu}/u;
/** Code is never a byline ("GROUP BY" in a listing). */
const CODE_TAGS = new Set(['pre', 'code', 'kbd', 'samp', 'var']);

interface Match {
  field: Field;
  /** As on the page, white space collapsed. */
  label: string;
}

/** The label a short text is, if it is one. */
function matchLabel(text: string): Match | null {
  const collapsed = text.replace(WHITESPACE_RUN, ' ').trim();
  if (collapsed.length === 0 || collapsed.length > MAX_LABEL_LENGTH) return null;
  const m = LABEL_ONLY.exec(collapsed.normalize('NFKC'));
  if (!m) return null;
  const key = (m[1] ?? m[3]).toLowerCase().replace(WHITESPACE_RUN, ' ');
  const field = FIELD_BY_LABEL.get(key);
  if (!field) return null;
  if (CAPITALISED.has(key) && !UPPERCASE_START.test(collapsed)) return null;
  return { field, label: collapsed };
}

class Finder {
  readonly found: Array<MissingMetadata & { node: Node }> = [];
  /** Fields with a label in the scope, empty or not. */
  readonly labelled = new Set<Field>();
  readonly #scopeText: ScopeText;

  constructor(private readonly scope: Element) {
    this.#scopeText = scopeText(scope);
  }

  *#excluded(el: Element, tag: string): Generator<void, boolean, void> {
    // Bylines live in page headers too: header/footer are not excluded here.
    return isHiddenElement(el, tag) || CODE_TAGS.has(tag) || (yield* isBoilerplate(el, tag, true, this.#scopeText));
  }

  /**
   * Visit `el`'s subtree. Returns the element's own short text (for its parent's label test),
   * or null when it is longer than a label can be. A `<time datetime>` or `<meta content>`
   * without text contributes a non-space placeholder, so its parent is no bare label.
   */
  #seen = 0;
  *visit(el: Element): Generator<void, string | null, void> {
    if (++this.#seen % STEP_NODES === 0) yield;
    let text: string | null = '';
    const labelChildren: Array<[Element, Match]> = [];
    for (let c = el.firstChild; c; c = c.nextSibling) {
      const type = c.nodeType;
      if (type === TEXT_NODE || type === CDATA_SECTION_NODE) {
        const data = (c as CharacterData).data;
        this.#scopeText.seen += data.length;
        if (text !== null) text = text.length + data.length > MAX_RAW_TEXT ? null : text + data;
        continue;
      }
      if (type !== ELEMENT_NODE) continue;
      const child = c as Element;
      const tag = tagOf(child);
      if (tag === 'br') {
        if (text !== null) text += ' ';
        continue;
      }
      if (tag === 'meta' && child.getAttribute('content')) {
        if (text !== null) text += '\u0001';
        continue;
      }
      if (yield* this.#excluded(child, tag)) continue;
      const childText = yield* this.visit(child);
      if (childText !== null) {
        const m = matchLabel(childText);
        if (m) labelChildren.push([child, m]);
      }
      if (text !== null) {
        if (childText === null) text = null;
        else {
          text += BLOCK_TAGS.has(tag) ? ` ${childText} ` : childText;
          if (tag === 'time' && !childText.trim() && child.getAttribute('datetime')) text += '\u0001';
        }
      }
    }
    // A child that is a label is reported here unless this element is the same label (then the
    // outer element is the label, and its parent decides).
    const own = text !== null ? matchLabel(text) : null;
    if (!own || el === this.scope) {
      for (const [child, m] of labelChildren) this.#check(child, m);
      if (own && el === this.scope) this.#check(el, own);
      if (!own) this.#checkTextNodes(el);
    }
    return text;
  }

  /** Text nodes of `el` that are labels on their own line ("…<br>Veröffentlicht am"). */
  #checkTextNodes(el: Element): void {
    for (let c = el.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== TEXT_NODE) continue;
      const data = (c as CharacterData).data;
      if (data.length > MAX_LABEL_LENGTH * 2 || !data.trim()) continue;
      const m = matchLabel(data);
      if (m && startsLine(c)) this.#check(c, m);
    }
  }

  /**
   * Record `m` if nothing follows `node` up to the end of its block. For a block label (its own
   * `<p>`, `<div>`, `<dt>`) the value may stand in the next block ("<dt>Autor:</dt><dd>…</dd>"),
   * so the first non-empty content after it counts, but only if it is short enough to be a
   * value: a following paragraph of running text means the label is empty.
   */
  #check(node: Node, m: Match): void {
    const isBlock = node.nodeType === ELEMENT_NODE && BLOCK_TAGS.has(tagOf(node as Element));
    let block: Element | null = node.parentElement;
    if (!isBlock) while (block && block !== this.scope && !BLOCK_TAGS.has(tagOf(block))) block = block.parentElement;
    if (!block || node === this.scope) block = this.scope;
    this.labelled.add(m.field);
    const following = this.#textAfter(node, block, isBlock);
    const rest = following.replace(SEPARATORS, ' ').trim();
    const empty =
      rest === '' || LABEL_START.test(rest.normalize('NFKC')) || (isBlock && rest.length > MAX_VALUE_LENGTH);
    if (empty) this.found.push({ field: m.field, label: m.label, node });
  }

  /**
   * What follows `node` inside `block`, up to a little over MAX_VALUE_LENGTH characters; with
   * `firstOnly`, only the first following sibling (of `node` or an ancestor) that has content.
   */
  #textAfter(node: Node, block: Element, firstOnly: boolean): string {
    const out: string[] = [];
    let size = 0;
    const take = (n: Node): boolean => {
      if (n.nodeType === TEXT_NODE || n.nodeType === CDATA_SECTION_NODE) {
        const data = (n as CharacterData).data;
        out.push(data);
        size += data.trim().length;
        return size > MAX_VALUE_LENGTH;
      }
      if (n.nodeType !== ELEMENT_NODE) return false;
      const el = n as Element;
      const tag = tagOf(el);
      if (tag === 'br') {
        out.push(' ');
        return false;
      }
      if (tag === 'meta') {
        const content = el.getAttribute('content');
        if (content) out.push(' ', content, ' ');
        return !!content;
      }
      if (finish(this.#excluded(el, tag))) return false;
      if (tag === 'time') {
        const dt = el.getAttribute('datetime');
        if (dt && !(el.textContent ?? '').trim()) {
          out.push(' ', dt, ' ');
          return true;
        }
      }
      for (let c = el.firstChild; c; c = c.nextSibling) if (take(c)) return true;
      if (BLOCK_TAGS.has(tag)) out.push(' ');
      return false;
    };
    for (let cur: Node | null = node; cur && cur !== block; cur = cur.parentNode) {
      for (let s = cur.nextSibling; s; s = s.nextSibling) {
        if (take(s)) return out.join('');
        if (firstOnly && size > 0) return out.join('');
      }
    }
    return out.join('');
  }
}

/** Whether a text node begins its line: only white space, `<br>` or a block edge before it. */
function startsLine(node: Node): boolean {
  for (let cur: Node | null = node; cur; cur = cur.parentNode) {
    let prev = cur.previousSibling;
    while (prev && prev.nodeType === TEXT_NODE && !(prev as CharacterData).data.trim()) prev = prev.previousSibling;
    if (prev) {
      if (prev.nodeType !== ELEMENT_NODE) return false;
      const tag = tagOf(prev as Element);
      return tag === 'br' || BLOCK_TAGS.has(tag);
    }
    const parent = cur.parentNode;
    if (!parent || parent.nodeType !== ELEMENT_NODE || BLOCK_TAGS.has(tagOf(parent as Element))) return true;
  }
  return true;
}

/** `<meta>` names (lower case) that give a publication date or an author. */
const DATE_META = /^(?:date|dc\.date(?:\.issued)?|pubdate|publishdate|sailthru\.date|parsely-pub-date|article:published_time)$/;
const AUTHOR_META = /^(?:article:)?author$/;
/** A paragraph this long or longer is running text; an article has MIN_ARTICLE_PARAGRAPHS of them. */
const MIN_PARAGRAPH_CHARS = 80;
const MIN_ARTICLE_PARAGRAPHS = 3;

/**
 * Whether the document states `field` ('published' or 'author') somewhere (see the module
 * comment). `[class*=uthor]` matches "author" and "Author", `[class*=ublish]` "published" and
 * "Publish…", `[class*=yline]` "byline" and "Byline".
 */
function states(doc: Document, field: Field, found: Finder['found']): boolean {
  const has = (selector: string, ok: (el: Element) => unknown = () => true) =>
    Array.from(doc.querySelectorAll(selector)).some(ok);
  const meta = (names: RegExp) =>
    has(
      'meta[content]',
      (el) =>
        names.test((el.getAttribute('name') || el.getAttribute('property') || '').toLowerCase()) &&
        el.getAttribute('content')!.trim(),
    );
  const jsonLd = (key: string) => has('script[type="application/ld+json"]', (el) => el.textContent?.includes(key));
  return field === 'author'
    ? meta(AUTHOR_META) ||
        has('[rel=author],[itemprop=author]') ||
        jsonLd('"author"') ||
        has('[class*=uthor],[class*=yline]', (el) => el.textContent?.trim() && !found.some((f) => el.contains(f.node)))
    : meta(DATE_META) ||
        has('[itemprop=datePublished]') ||
        jsonLd('"datePublished"') ||
        has('time,[class*=date],[class*=Date],[class*=time],[class*=Time],[class*=ublish]', (el) => {
          const text = el.getAttribute('datetime') || el.textContent || '';
          return /\d/.test(text) && text.trim().length <= MAX_VALUE_LENGTH && !el.closest('nav,aside,footer');
        });
}

/**
 * Labels that promise metadata but are followed by nothing, then date and author when an article
 * states none (see the module comment). Given a Document, the whole `<body>` is searched.
 */
export function findMissingMetadata(root: Document | Element): MissingMetadata[] {
  return finish(missingMetadataSteps(root));
}

/** `findMissingMetadata` as resumable steps (lib/paragraphs `Steps`): the list is its return value. */
export function* missingMetadataSteps(root: Document | Element): Generator<void, MissingMetadata[], void> {
  const scope =
    root.nodeType === DOCUMENT_NODE ? ((root as Document).body ?? (root as Document).documentElement) : (root as Element);
  if (!scope) return [];
  const finder = new Finder(scope);
  yield* finder.visit(scope);
  const seen = new Set<string>();
  const out: MissingMetadata[] = [];
  // Labels are found bottom-up; report them in document order.
  const byPosition = finder.found.sort((a, b) =>
    a.node === b.node ? 0 : a.node.compareDocumentPosition(b.node) & FOLLOWING ? -1 : 1,
  );
  for (const f of byPosition) {
    const key = `${f.field}\u0000${f.label}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ field: f.field, label: f.label });
  }
  yield;
  const doc = scope.ownerDocument;
  let running = 0;
  for (const p of scope.getElementsByTagName('p')) {
    if ((p.textContent ?? '').trim().length >= MIN_PARAGRAPH_CHARS && ++running >= MIN_ARTICLE_PARAGRAPHS) break;
  }
  if (doc && running >= MIN_ARTICLE_PARAGRAPHS) {
    for (const field of ['published', 'author'] as const)
      if (!finder.labelled.has(field) && !states(doc, field, finder.found)) out.push({ field, label: '' });
  }
  return out;
}
