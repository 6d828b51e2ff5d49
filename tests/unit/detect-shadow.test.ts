// @vitest-environment happy-dom
/**
 * detectCitations inside open shadow roots (web components), and on documents from another
 * window (a same-origin iframe's contentDocument: no `instanceof` against this window's classes).
 */
import { Window } from 'happy-dom';
import { beforeEach, describe, expect, it } from 'vitest';
import { detectCitations, type Detection } from '../../lib/detect/index';

/** The test window's own document (ranges inside shadow trees work there in happy-dom). */
function parse(html: string): Document {
  document.body.innerHTML = html;
  return document;
}

beforeEach(() => {
  document.body.innerHTML = '';
});

/** Attach an open shadow root with `html` to the element matching `selector`. */
function shadow(doc: Document, selector: string, html: string, mode: 'open' | 'closed' = 'open'): ShadowRoot {
  const root = doc.querySelector(selector)!.attachShadow({ mode });
  root.innerHTML = html;
  return root;
}

const markers = (ds: Detection[]): string[] => ds.map((d) => d.citation.marker);

/** The marker's text read back through a Range, as the overlay does. */
function rangeText(doc: Document, d: Detection): string {
  const range = doc.createRange();
  range.setStart(d.anchor.startNode, d.anchor.startOffset);
  range.setEnd(d.anchor.endNode, d.anchor.endOffset);
  return range.toString();
}

describe('detectCitations: open shadow roots', () => {
  it('scans a shadow root where its host stands, in document order', () => {
    const doc = parse('<p>Erster Absatz.[dpa]</p><news-card id="card"></news-card><p>Letzter Absatz.[AFP]</p>');
    shadow(doc, '#card', '<p>Die Regierung bestätigte das.[Reuters] Mehr dazu.[tagesschau.de]</p>');
    const ds = detectCitations(doc);
    expect(markers(ds)).toEqual(['[dpa]', '[Reuters]', '[tagesschau.de]', '[AFP]']);
    expect(ds.map((d) => d.citation.id)).toEqual([0, 1, 2, 3]);
    const inShadow = ds[1];
    expect(inShadow.anchor.block.localName).toBe('p');
    expect(inShadow.anchor.block.getRootNode()).toBe(doc.getElementById('card')!.shadowRoot);
    expect(inShadow.citation.context).toBe('Die Regierung bestätigte das.');
    expect(rangeText(doc, inShadow)).toBe('[Reuters]');
    expect(ds[2].citation.kind).toBe('domain');
  });

  it('treats shadow blocks like the page: credits, split markers, contexts', () => {
    const doc = parse('<article-body id="a"></article-body>');
    shadow(
      doc,
      '#a',
      '<p><strong>Berlin</strong> (dpa) – Die Bundesregierung hat beschlossen.[<a href="https://www.dpa.com/">dpa</a>]</p><p>Zweiter Absatz ohne Quelle.</p>',
    );
    const ds = detectCitations(doc);
    expect(markers(ds)).toEqual(['(dpa)', '[dpa]']);
    expect(ds[0].citation.kind).toBe('credit');
    expect(ds[1].citation.context).toBe('Berlin – Die Bundesregierung hat beschlossen.');
    expect(rangeText(doc, ds[1])).toBe('[dpa]');
  });

  it('gives text directly under a shadow root its host as block', () => {
    const doc = parse('<div><x-quote id="q"></x-quote></div>');
    shadow(doc, '#q', 'Die Zahlen stiegen deutlich.<span>[Quelle: Destatis]</span>');
    const ds = detectCitations(doc);
    expect(markers(ds)).toEqual(['[Quelle: Destatis]']);
    expect(ds[0].anchor.block.id).toBe('q');
  });

  it('scans nested shadow roots and the host element passed as root', () => {
    const doc = parse('<outer-el id="o"></outer-el>');
    const outer = shadow(doc, '#o', '<p>Außen.[dpa]</p><inner-el id="i"></inner-el>');
    const inner = outer.getElementById('i')!.attachShadow({ mode: 'open' });
    inner.innerHTML = '<p>Innen.[AFP]</p>';
    expect(markers(detectCitations(doc))).toEqual(['[dpa]', '[AFP]']);
    expect(markers(detectCitations(doc.getElementById('o')!))).toEqual(['[dpa]', '[AFP]']);
  });

  it('links numeric markers to the reference list of their own shadow root', () => {
    const doc = parse('<ol class="references"><li id="cite_note-1">Page reference.</li></ol><wiki-article id="w"></wiki-article>');
    shadow(
      doc,
      '#w',
      '<p>Claim.<sup class="reference"><a href="#cite_note-1">[1]</a></sup> Other claim [2].</p><h2>References</h2><ol><li id="cite_note-1">Shadow one.</li><li>Shadow two.</li></ol>',
    );
    const ds = detectCitations(doc);
    expect(ds.map((d) => d.citation.parts[0].refText)).toEqual(['Shadow one.', 'Shadow two.']);
  });

  it('skips the overlay host [data-sourcelens] and its shadow root', () => {
    const doc = parse('<p>Text.[dpa]</p><div data-sourcelens="overlay" id="ov"></div>');
    shadow(doc, '#ov', '<p>Die Regierung bestätigte das.[Reuters]</p>');
    expect(markers(detectCitations(doc))).toEqual(['[dpa]']);
    const root = doc.getElementById('ov')!.shadowRoot!;
    expect(detectCitations(root.querySelector('p')!)).toEqual([]);
  });

  it('does not see closed shadow roots, and skips shadow roots when asked', () => {
    const doc = parse('<x-open id="a"></x-open><x-closed id="b"></x-closed>');
    shadow(doc, '#a', '<p>Offen.[dpa]</p>');
    shadow(doc, '#b', '<p>Geschlossen.[AFP]</p>', 'closed');
    expect(markers(detectCitations(doc))).toEqual(['[dpa]']);
    expect(markers(detectCitations(doc, { shadowRoots: false }))).toEqual([]);
  });

  it('keeps skipping hidden and code content inside shadow roots', () => {
    const doc = parse('<x-a id="a"></x-a>');
    shadow(doc, '#a', '<pre>Satz.[dpa]</pre><p hidden>Versteckt.[AFP]</p><script>var s = "[x]";</script><p>Sichtbar.[Reuters]</p>');
    expect(markers(detectCitations(doc))).toEqual(['[Reuters]']);
  });

  it('survives many hosts and deep nesting', () => {
    const doc = parse('<div id="many"></div><div id="deep"></div>');
    const many = doc.getElementById('many')!;
    for (let i = 0; i < 3000; i++) {
      const host = doc.createElement('x-item');
      many.appendChild(host);
      host.attachShadow({ mode: 'open' }).innerHTML = `<p>Eintrag ${i}.[dpa]</p>`;
    }
    let parent: Element = doc.getElementById('deep')!;
    for (let i = 0; i < 200; i++) {
      const host = doc.createElement('x-deep');
      parent.appendChild(host);
      const root = host.attachShadow({ mode: 'open' });
      root.innerHTML = '<p>Tief.[AFP]</p><div></div>';
      parent = root.querySelector('div')!;
    }
    const ds = detectCitations(doc);
    expect(ds.filter((d) => d.citation.marker === '[dpa]')).toHaveLength(3000);
    const deep = ds.filter((d) => d.citation.marker === '[AFP]').length;
    expect(deep).toBeGreaterThan(10);
    expect(deep).toBeLessThan(200);
  });

  it('asks isVisible about shadow blocks too', () => {
    const doc = parse('<x-a id="a"></x-a>');
    shadow(doc, '#a', '<p id="s1">Eins.[dpa]</p><p id="s2">Zwei.[AFP]</p>');
    const ds = detectCitations(doc, { isVisible: (el) => el.id !== 's2' });
    expect(markers(ds)).toEqual(['[dpa]']);
  });

  it("scans a slot's fallback content only when nothing is assigned to it", () => {
    const doc = parse('<x-a id="a"><span>Licht.[dpa]</span></x-a><x-b id="b"></x-b>');
    shadow(doc, '#a', '<p><slot>Ersatz.[AFP]</slot></p>');
    shadow(doc, '#b', '<p><slot>Ersatz.[Reuters]</slot></p>');
    const found = markers(detectCitations(doc));
    expect(found).toContain('[dpa]');
    expect(found).toContain('[Reuters]');
    expect(found).not.toContain('[AFP]');
  });
});

describe('detectCitations: a document from another window (iframe)', () => {
  it('works on a Document of a different realm', async () => {
    const other = new Window({ url: 'https://frame.example/article' });
    try {
      const frameDoc = other.document as unknown as Document;
      frameDoc.body.innerHTML =
        '<p>Berlin (dpa) – Die Regierung hat das bestätigt.[tagesschau.de]</p><p>Claim.<sup><a href="#n1">[1]</a></sup></p><ol><li id="n1">Note one.</li></ol><x-c id="c"></x-c>';
      frameDoc.getElementById('c')!.attachShadow({ mode: 'open' }).innerHTML = '<p>Im Schatten.[AFP]</p>';
      expect(frameDoc.defaultView).not.toBe(window); // another window
      const ds = detectCitations(frameDoc);
      expect(markers(ds)).toEqual(['(dpa)', '[tagesschau.de]', '[1]', '[AFP]']);
      expect(ds[2].citation.parts[0].refText).toBe('Note one.');
      expect(ds[1].anchor.startNode.ownerDocument).toBe(frameDoc);
      expect(markers(detectCitations(frameDoc.body as unknown as Element))).toHaveLength(4);
    } finally {
      await other.happyDOM.close();
    }
  });
});
