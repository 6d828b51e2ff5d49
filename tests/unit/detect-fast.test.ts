// @vitest-environment happy-dom
/**
 * detectCitations (lib/detect/index.ts `detectSteps`: a quick pass for trigger characters, then
 * full walks of the blocks that hold them) must find exactly what one full walk of the page
 * finds (`detectByFullWalk`): same citations, same ids, same anchors (nodes and offsets).
 * Checked on every real page of the shared corpus and on random nested documents with inline
 * elements, nested blocks, hidden parts, scripts and open shadow roots.
 * Without the corpus the corpus part fails, unless SOURCELENS_ALLOW_NO_CORPUS=1.
 */
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { detectByFullWalk, detectCitations, detectSteps, type Detection } from '../../lib/detect/index';
import { CORPUS, findPages } from '../golden/paths';

const ALLOW_MISSING = process.env.SOURCELENS_ALLOW_NO_CORPUS === '1';

function view(ds: Detection[]) {
  return ds.map((d) => ({ citation: d.citation, a: [d.anchor.startNode, d.anchor.startOffset, d.anchor.endNode, d.anchor.endOffset, d.anchor.block] }));
}

function same(doc: Document, isVisible?: (el: Element) => boolean): number {
  const fast = detectCitations(doc, { isVisible });
  const full = detectByFullWalk(doc, { isVisible });
  expect(fast.length).toBe(full.length);
  const f = view(fast);
  const g = view(full);
  for (let i = 0; i < f.length; i++) {
    expect(f[i].citation, `citation ${i}`).toEqual(g[i].citation);
    for (let k = 0; k < 5; k++) expect(f[i].a[k] === g[i].a[k], `anchor ${i} part ${k}`).toBe(true);
  }
  return fast.length;
}

describe('fast detection = full walk', () => {
  it('on every corpus page', () => {
    if (!existsSync(CORPUS)) {
      if (ALLOW_MISSING) {
        console.warn(`[detect-fast] corpus missing at ${CORPUS}: 0 pages compared (SOURCELENS_ALLOW_NO_CORPUS=1)`);
        return;
      }
      throw new Error(`corpus missing at ${CORPUS} (set SOURCELENS_ALLOW_NO_CORPUS=1 to skip)`);
    }
    const pages = findPages(CORPUS);
    expect(pages.length).toBeGreaterThan(50);
    let total = 0;
    for (const page of pages) {
      const window = new Window({ url: 'https://corpus.invalid/', settings: { enableJavaScriptEvaluation: false, disableJavaScriptFileLoading: true, enableCSSFileLoading: false } });
      const doc = new window.DOMParser().parseFromString(readFileSync(page, 'utf8'), 'text/html') as unknown as Document;
      // A visibility check that hides some blocks, as checkVisibility would.
      total += same(doc, (el) => !(el.getAttribute('class') ?? '').includes('nav'));
      void window.happyDOM.close();
    }
    console.info(`[detect-fast] ${pages.length} corpus pages, ${total} citations: fast pass = full walk`);
    expect(total).toBeGreaterThan(500);
  });

  const text = fc.array(
    fc.oneof(
      fc.constantFrom('[', ']', '【', '】', '(', ')', '. ', ', ', ': ', ' – ', ' ', '\n'),
      fc.constantFrom('dpa', 'AFP', 'Reuters', 'Quelle: ', 'radioenneperuhr.de', '1', '23', 'Berlin ', 'Die Regierung bestätigte das', 'sic'),
      fc.constantFrom('Die Regierung bestätigte das.[dpa] ', 'Er sagte es [Quelle: Reuters]. ', 'Berlin (dpa) – Der Bund ', 'Siehe [1] und [2]. ', '【ワシントン共同】'),
    ),
    { maxLength: 12 },
  ).map((a) => a.join(''));
  type Tree = { tag: string; attrs: string; kids: Array<Tree | string>; shadow?: Array<Tree | string> };
  const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree; kid: Tree | string }>((tie) => ({
    node: fc.record({
      tag: fc.constantFrom('p', 'div', 'span', 'b', 'li', 'section', 'sup', 'a', 'script', 'my-el', 'td', 'code'),
      attrs: fc.constantFrom('', '', '', ' hidden', ' style="display:none"', ' class="nav"', ' href="#r1"', ' id="r1"'),
      kids: fc.array(tie('kid'), { maxLength: 4 }),
      shadow: fc.option(fc.array(tie('kid'), { maxLength: 3 }), { nil: undefined }),
    }),
    kid: fc.oneof({ depthSize: 'small', withCrossShrink: true }, text, tie('node')),
  })).node;

  function build(doc: Document, parent: Node, t: Tree | string): void {
    if (typeof t === 'string') {
      parent.appendChild(doc.createTextNode(t));
      return;
    }
    const el = doc.createElement(t.tag);
    for (const m of t.attrs.matchAll(/ (\w+)(?:="([^"]*)")?/g)) el.setAttribute(m[1], m[2] ?? '');
    for (const k of t.kids) build(doc, el, k);
    if (t.shadow && t.tag === 'my-el') {
      const root = el.attachShadow({ mode: 'open' });
      for (const k of t.shadow) build(doc, root, k);
    }
    parent.appendChild(el);
  }

  it('on random nested documents (inline and block nesting, hidden parts, scripts, shadow roots)', () => {
    let compared = 0;
    fc.assert(
      fc.property(fc.array(fc.oneof(tree, text), { minLength: 1, maxLength: 5 }), (kids) => {
        const doc = document.implementation.createHTMLDocument('t');
        for (const k of kids) build(doc, doc.body, k);
        compared += same(doc, (el) => !(el.getAttribute('class') ?? '').includes('nav'));
      }),
      { numRuns: 1500 },
    );
    console.info(`[detect-fast] random documents: ${compared} citations compared`);
    expect(compared).toBeGreaterThan(100);
  });

  it('pauses between steps, so the content script can yield to the page', () => {
    const doc = document.implementation.createHTMLDocument('t');
    for (let i = 0; i < 3000; i++) {
      const p = doc.createElement('p');
      p.textContent = i % 10 ? `Wort ${i}.` : `Die Regierung bestätigte das.[dpa]`;
      doc.body.append(p);
    }
    const out: Detection[] = [];
    let pauses = 0;
    for (const _ of detectSteps(doc, {}, out)) pauses++;
    expect(out).toHaveLength(300);
    expect(pauses).toBeGreaterThan(300);
  });

  it('finds nothing in a subtree whose ancestor is excluded, nor in scripts, whichever walk', () => {
    const doc = document.implementation.createHTMLDocument('t');
    doc.body.innerHTML =
      '<div hidden><p id="h">Hidden.[dpa]</p></div><div contenteditable><p id="e">Draft.[Reuters]</p></div>' +
      '<script>var a = x[1]; f("[dpa]");</script><p id="v">Shown.[AFP]</p>';
    for (const id of ['h', 'e']) {
      const el = doc.getElementById(id)!;
      expect(detectCitations(el)).toEqual([]);
      expect(detectByFullWalk(el)).toEqual([]);
    }
    expect(detectCitations(doc).map((d) => d.citation.marker)).toEqual(['[AFP]']);
    expect(same(doc)).toBe(1);
  });
});
