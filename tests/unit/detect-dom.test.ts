// @vitest-environment happy-dom
import { SEED_PAGE } from '../golden/paths';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectCitations, type Detection } from '../../lib/detect/index';
import { anchorText } from '../helpers/anchor';

function parse(html: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><html><body>${html}</body></html>`, 'text/html');
}

function detect(html: string, options?: Parameters<typeof detectCitations>[1]): Detection[] {
  return detectCitations(parse(html), options);
}

const markers = (ds: Detection[]): string[] => ds.map((d) => d.citation.marker);


describe('detectCitations: seed page', () => {
  const html = readFileSync(SEED_PAGE, 'utf8');
  const ds = detectCitations(new DOMParser().parseFromString(html, 'text/html'));

  it('finds exactly the three [radioenneperuhr.de] citations', () => {
    expect(ds).toHaveLength(3);
    for (const d of ds) {
      expect(d.citation).toMatchObject({
        marker: '[radioenneperuhr.de]',
        kind: 'domain',
        key: 'radioenneperuhr.de',
        parts: [{ key: 'radioenneperuhr.de', kind: 'domain' }],
        paragraph: null,
      });
      expect(d.anchor.block.localName).toBe('p');
      expect(anchorText(d)).toBe('[radioenneperuhr.de]');
    }
    expect(ds.map((d) => d.citation.id)).toEqual([0, 1, 2]);
  });

  it('gives each its French sentence as context', () => {
    expect(ds[0].citation.context).toBe(
      "Les deux pays souhaitent réduire leur dépendance à l'égard de la Chine, qui détient actuellement un quasi-monopole sur ces précieuses ressources et a récemment introduit des contrôles à l'exportation de terres rares et d'aimants.",
    );
    expect(ds[1].citation.context).toBe(
      'Tout cela s’inscrit dans le contexte d’une rencontre entre Trump et le président chinois Xi Jinping jeudi en Corée du Sud pour discuter du conflit commercial en cours.',
    );
    expect(ds[2].citation.context).toBe(
      'Cela crée une plate-forme de dialogue et de coopération, même si les tensions entre les nations perdurent.',
    );
  });
});

describe('detectCitations: markers across elements', () => {
  it('reads a marker split across inline elements and anchors it in the right nodes', () => {
    const ds = detect('<p>Die Regierung bestätigte das.[<a href="https://www.dpa.com/">dpa</a>] Weiter geht es.</p>');
    expect(markers(ds)).toEqual(['[dpa]']);
    const d = ds[0];
    expect(d.anchor.startNode.data).toBe('Die Regierung bestätigte das.[');
    expect(d.anchor.startOffset).toBe(29);
    expect(d.anchor.endNode.data).toBe('] Weiter geht es.');
    expect(d.anchor.endOffset).toBe(1);
    expect(anchorText(d)).toBe('[dpa]');
    expect(d.citation.context).toBe('Die Regierung bestätigte das.');
  });

  it('reads Wikipedia-style <sup>[<a>1</a>]</sup> and follows the link', () => {
    const ds = detect(`
      <p>The claim is disputed.<sup id="cite_ref-1" class="reference">[<a href="#cite_note-1">1</a>]</sup> More text.</p>
      <h2>References</h2>
      <ol class="references">
        <li id="cite_note-1"><span class="mw-cite-backlink"><a href="#cite_ref-1">^</a></span>
          <span class="reference-text">Smith, J. (2009). <a class="external text" href="https://example.org/paper">"A paper"</a>. Journal.</span></li>
      </ol>`);
    expect(ds).toHaveLength(1);
    expect(ds[0].citation).toMatchObject({
      marker: '[1]',
      kind: 'numeric',
      key: '1',
      parts: [{ key: '1', kind: 'numeric', refId: 'cite_note-1', refText: 'Smith, J. (2009). "A paper". Journal.', url: 'https://example.org/paper' }],
      context: 'The claim is disputed.',
    });
  });

  it('splits adjacent markers into separate citations', () => {
    const ds = detect(`
      <p>Claim one.<sup class="reference"><a href="#n1">[1]</a></sup><sup class="reference"><a href="#n2">[2]</a></sup> Claim two.[dpa][AFP]</p>
      <ol><li id="n1">First.</li><li id="n2">Second.</li></ol>`);
    expect(markers(ds)).toEqual(['[1]', '[2]', '[dpa]', '[AFP]']);
    expect(ds.map((d) => d.citation.parts[0].refText ?? null)).toEqual(['First.', 'Second.', null, null]);
    expect(ds.map((d) => d.citation.context)).toEqual(['Claim one.', 'Claim one.', 'Claim two.', 'Claim two.']);
  });

  it('keeps blocks apart: a bracket cannot span two paragraphs', () => {
    expect(detect('<p>Satz eins. [dpa</p><p>] Satz zwei.</p>')).toEqual([]);
    expect(detect('<div>Satz eins. [dpa<p>x</p>] Satz zwei.</div>')).toEqual([]);
    expect(detect('<p>Satz eins. [dpa<br>] Satz zwei.</p>')).toEqual([]);
  });

  it('anchors each detection to its block', () => {
    const ds = detect('<ul><li>Erster Punkt.[dpa]</li></ul><table><tr><td>Zelle.[AFP]</td></tr></table><blockquote>Zitat.[Reuters]</blockquote>');
    expect(ds.map((d) => d.anchor.block.localName)).toEqual(['li', 'td', 'blockquote']);
  });
});

describe('detectCitations: reference lists', () => {
  it('falls back to the list after a "Einzelnachweise" heading', () => {
    const ds = detect(`
      <p>Die Behauptung ist umstritten [2].</p>
      <h2>Einzelnachweise</h2>
      <ol><li>Erste Quelle.</li><li>Zweite Quelle, <a href="#top">oben</a> <a href="https://example.de/b">online</a>.</li></ol>`);
    expect(ds[0].citation.parts[0]).toEqual({ key: '2', kind: 'numeric', refText: 'Zweite Quelle, oben online.', url: 'https://example.de/b' });
  });

  it('falls back to the list after a heading wrapped in a div (new Wikipedia markup)', () => {
    const ds = detect(`
      <p>Claim.[1]</p>
      <div class="mw-heading"><h2 id="Notes">Notes</h2><span>[edit]</span></div>
      <div class="reflist"><ol><li>Only note.</li></ol></div>`);
    expect(ds[0].citation.parts[0].refText).toBe('Only note.');
  });

  it('falls back to ids such as fn-N and footnote-N', () => {
    const ds = detect(`
      <p>Claim.[3] Other claim.[4]</p>
      <div id="fn-3">Footnote three <a href="https://example.org/3">link</a></div>
      <aside><a id="footnote-4"></a>Footnote four.</aside>`);
    expect(ds[0].citation.parts[0]).toMatchObject({ refId: 'fn-3', refText: 'Footnote three link', url: 'https://example.org/3' });
    expect(ds[1].citation.parts[0]).toMatchObject({ refId: 'footnote-4', refText: 'Footnote four.' });
  });

  it('gives each number of a list or range its own reference', () => {
    const ds = detect(`<p>Claim.[1–2]</p><h2>Sources</h2><ol><li>A.</li><li>B.</li></ol>`);
    expect(ds[0].citation.parts.map((p) => p.refText)).toEqual(['A.', 'B.']);
  });

  it('leaves refText out when there is no reference list', () => {
    const ds = detect('<p>Claim.[7]</p>');
    expect(ds[0].citation.parts[0]).toEqual({ key: '7', kind: 'numeric' });
  });

  it("does not count a reference list's own labels", () => {
    expect(detect('<ol><li>[1] Smith, J. (2009). Title.</li><li><a href="#r2">[2]</a> Doe, J. Other.</li></ol>')).toEqual([]);
  });

  it('caps refText at 300 characters', () => {
    const ds = detect(`<p>Claim.<sup><a href="#long">[1]</a></sup></p><ol><li id="long">${'word '.repeat(200)}</li></ol>`);
    expect(ds[0].citation.parts[0].refText!.length).toBeLessThanOrEqual(300);
  });
});

describe('detectCitations: news credits', () => {
  it('finds a credit at the start of a paragraph', () => {
    const ds = detect('<p><strong>Berlin</strong> (dpa) – Die Bundesregierung hat am Montag beschlossen. Das ist neu.</p>');
    expect(ds).toHaveLength(1);
    expect(ds[0].citation).toMatchObject({
      marker: '(dpa)',
      kind: 'credit',
      key: 'dpa',
      parts: [{ key: 'dpa', kind: 'name' }],
      context: 'Berlin – Die Bundesregierung hat am Montag beschlossen.',
    });
    expect(anchorText(ds[0])).toBe('(dpa)');
  });

  it('finds English and multi-agency credits', () => {
    expect(detect('<p>WASHINGTON (AP) — The Senate voted.</p>')[0].citation.key).toBe('AP');
    expect(detect('<p>Tokio (dpa/AFP) – Japan hat gewählt.</p>')[0].citation.parts.map((p) => p.key)).toEqual(['dpa', 'AFP']);
  });

  it('finds the Japanese wire credit 【ワシントン共同】', () => {
    const ds = detect('<p>【ワシントン共同】米政府は２４日、新たな方針を発表した。</p>');
    expect(ds[0].citation).toMatchObject({ marker: '【ワシントン共同】', kind: 'credit', key: '共同' });
  });

  it('ignores credits that do not open the block', () => {
    expect(detect('<p>Er sagte in Berlin (dpa) – das sei gut.</p>')).toEqual([]);
    expect(detect('<p>Erster Satz.</p><p>Zweiter Absatz, Berlin (dpa) – nein.</p>')).toEqual([]);
  });
});

describe('detectCitations: context sentences', () => {
  it('takes the sentence a marker closes, in German', () => {
    const ds = detect('<p>Erster Satz. Die Regierung hat das z. B. am 3. Oktober bestätigt.[dpa] Dritter Satz.</p>');
    expect(ds[0].citation.context).toBe('Die Regierung hat das z. B. am 3. Oktober bestätigt.');
  });

  it('takes the sentence a marker stands in, without the marker', () => {
    const ds = detect('<p>Erster Satz. Laut Angaben [Quelle: dpa] ist das so. Weiter.</p>');
    expect(ds[0].citation.context).toBe('Laut Angaben ist das so.');
    expect(detect('<p>First. The claim was confirmed [Reuters]. Next.</p>')[0].citation.context).toBe('The claim was confirmed.');
  });

  it('removes every marker of the sentence', () => {
    const ds = detect('<p>Claim A,<sup><a href="#a">[1]</a></sup> claim B,<sup><a href="#b">[2]</a></sup> and C.<sup><a href="#c">[3]</a></sup></p>');
    expect(ds.map((d) => d.citation.context)).toEqual(['Claim A, claim B, and C.', 'Claim A, claim B, and C.', 'Claim A, claim B, and C.']);
  });

  it('handles Japanese sentences', () => {
    const ds = detect('<p>最初の文です。政府は新しい方針を発表した。［共同通信］次の文です。</p>');
    expect(ds[0].citation.context).toBe('政府は新しい方針を発表した。');
  });

  it('stops at line breaks and collapses whitespace', () => {
    const ds = detect('<p>Titel ohne Punkt<br>Die   Regierung\n  hat das bestätigt.[dpa]</p>');
    expect(ds[0].citation.context).toBe('Die Regierung hat das bestätigt.');
  });

  it('cuts very long sentences to about 400 characters', () => {
    const ds = detect(`<p>${'lang '.repeat(300)}ende.[dpa]</p>`);
    const ctx = ds[0].citation.context;
    expect(ctx.length).toBeLessThanOrEqual(401);
    expect(ctx.endsWith('ende.')).toBe(true);
    expect(ctx.startsWith('…')).toBe(true);
  });
});

describe('detectCitations: what is not scanned', () => {
  const marker = 'Die Regierung bestätigte das.[dpa]';
  const hidden = [
    `<script>var a = "${marker}";</script>`,
    `<style>/* ${marker} */</style>`,
    `<noscript>${marker}</noscript>`,
    `<template><p>${marker}</p></template>`,
    `<p><code>${marker}</code></p>`,
    `<pre>${marker}</pre>`,
    `<p><kbd>${marker}</kbd> <samp>${marker}</samp> <var>${marker}</var></p>`,
    `<textarea>${marker}</textarea>`,
    `<select><option>${marker}</option></select>`,
    `<button>${marker}</button>`,
    `<svg><text>${marker}</text></svg>`,
    `<math><mi>${marker}</mi></math>`,
    `<div contenteditable="true"><p>${marker}</p></div>`,
    `<div contenteditable=""><p>${marker}</p></div>`,
    `<div contenteditable="plaintext-only"><p>${marker}</p></div>`,
    `<p hidden>${marker}</p>`,
    `<div style="display: none"><p>${marker}</p></div>`,
    `<div data-sourcelens="host"><p>${marker}</p></div>`,
    `<p>${'Die Regierung bestätigte das.'}<ruby>漢<rt>[dpa]</rt></ruby></p>`,
  ];
  for (const html of hidden) {
    it(`skips ${html.slice(0, 40)}`, () => {
      expect(detect(html)).toEqual([]);
    });
  }
  it('keeps inline code in contexts but never takes a marker touching it', () => {
    expect(detect('<p>Read it with <code>arr</code>[1] or <code>[2]</code>.</p>')).toEqual([]);
    const ds = detect('<p>Support is detected by checking for <code>Headers</code> on the window.[MDN]</p>');
    expect(ds[0].citation.context).toBe('Support is detected by checking for Headers on the window.');
  });
  it('ignores names that open a line after <br>', () => {
    expect(detect('<div>You think you are ready? Then ask.<br><br> [ <a href="/request">Send Your Request</a> ]</div>')).toEqual([]);
    expect(markers(detect('<div>Die Zahlen stiegen.<br>[Quelle: dpa]</div>'))).toEqual(['[Quelle: dpa]']);
  });
  it('scans contenteditable="false"', () => {
    expect(markers(detect(`<div contenteditable="false"><p>${marker}</p></div>`))).toEqual(['[dpa]']);
  });
  it('returns nothing when the root itself is excluded', () => {
    const doc = parse(`<div data-sourcelens="x"><p>${marker}</p></div>`);
    expect(detectCitations(doc.querySelector('p')!)).toEqual([]);
  });
});

describe('detectCitations: options and roots', () => {
  it('numbers from startId', () => {
    const ds = detect('<p>Eins.[dpa]</p><p>Zwei.[AFP]</p>', { startId: 5 });
    expect(ds.map((d) => d.citation.id)).toEqual([5, 6]);
  });

  it('asks isVisible once per block and skips invisible blocks', () => {
    const asked: string[] = [];
    const ds = detect('<p id="a">Eins <b>fett</b>.[dpa] Zwei.[AFP]</p><p id="b">Drei.[Reuters]</p>', {
      isVisible: (el) => {
        asked.push(el.id);
        return el.id !== 'b';
      },
    });
    expect(markers(ds)).toEqual(['[dpa]', '[AFP]']);
    expect(asked).toEqual(['a', 'b']);
  });

  it('treats a throwing isVisible as visible', () => {
    const ds = detect('<p>Eins.[dpa]</p>', {
      isVisible: () => {
        throw new Error('nope');
      },
    });
    expect(ds).toHaveLength(1);
  });

  it('scans an element subtree', () => {
    const doc = parse('<p id="x">Eins.[dpa]</p><p>Zwei.[AFP]</p>');
    expect(markers(detectCitations(doc.getElementById('x')!))).toEqual(['[dpa]']);
    expect(detectCitations(doc.getElementById('x')!)[0].anchor.block.id).toBe('x');
  });

  it('scans an inline root as its own block', () => {
    const doc = parse('<p>Vorher. <span id="s">Die Regierung bestätigte das.[dpa]</span></p>');
    const ds = detectCitations(doc.getElementById('s')!);
    expect(ds[0].anchor.block.id).toBe('s');
  });

  it('works on an empty document and on text-less pages', () => {
    expect(detectCitations(parse(''))).toEqual([]);
    expect(detect('<img src="x.png"><hr>')).toEqual([]);
  });

  it('never modifies the DOM', () => {
    const doc = parse('<p>Die Regierung bestätigte das.[<a href="#x">dpa</a>]<sup>[1]</sup></p><ol><li id="x">Ref</li></ol>');
    const before = doc.body.outerHTML;
    detectCitations(doc);
    expect(doc.body.outerHTML).toBe(before);
  });
});
