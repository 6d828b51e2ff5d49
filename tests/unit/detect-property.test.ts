// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyMarker, detectCitations, type Detection } from '../../lib/detect/index';
import { scanBrackets } from '../../lib/detect/scan';
import { isBracketChar } from '../../lib/detect/chars';
import { anchorText } from '../helpers/anchor';

const KINDS = new Set(['domain', 'url', 'name', 'numeric', 'credit']);

/** A fresh document whose body holds one <p> per string (built with DOM calls, no HTML parsing). */
function docWith(...paragraphs: string[]): Document {
  const doc = document.implementation.createHTMLDocument('t');
  for (const text of paragraphs) {
    const p = doc.createElement('p');
    p.textContent = text;
    doc.body.appendChild(p);
  }
  return doc;
}

/** The same text, cut at `cuts` into nested inline elements. */
function docSplit(text: string, cuts: number[], tags: string[]): Document {
  const doc = document.implementation.createHTMLDocument('t');
  const p = doc.createElement('p');
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  let prev = 0;
  points.forEach((at, i) => {
    if (i % 2 === 0) {
      p.appendChild(doc.createTextNode(text.slice(prev, at)));
    } else {
      const el = doc.createElement(tags[i % tags.length]);
      const inner = doc.createElement('span');
      inner.textContent = text.slice(prev, at);
      el.appendChild(inner);
      p.appendChild(el);
    }
    prev = at;
  });
  p.appendChild(doc.createTextNode(text.slice(prev)));
  doc.body.appendChild(p);
  return doc;
}


function checkDetections(ds: Detection[], startId = 0): void {
  ds.forEach((d, i) => {
    const c = d.citation;
    expect(c.id).toBe(startId + i);
    expect(KINDS.has(c.kind)).toBe(true);
    expect(c.parts.length).toBeGreaterThan(0);
    expect(c.parts.length).toBeLessThanOrEqual(50);
    expect(c.paragraph).toBeNull();
    expect(anchorText(d)).toBe(c.marker);
    expect(c.marker.length).toBeGreaterThanOrEqual(3);
    expect('[［【('.includes(c.marker[0])).toBe(true);
    expect(c.context.length).toBeLessThanOrEqual(401);
    expect(c.context).not.toMatch(/\s\s|^\s|\s$/);
    for (const p of c.parts) {
      expect(p.key.length).toBeGreaterThan(0);
      expect(['domain', 'url', 'name', 'numeric']).toContain(p.kind);
    }
  });
}

/** Text made of the characters that matter to the detector, plus words and sources. */
const noisyText = fc
  .array(
    fc.oneof(
      fc.constantFrom('[', ']', '［', '］', '【', '】', '(', ')', '.', '. ', ',', ':', '：', '/', '-', '–', ' ', '\n', '。'),
      fc.constantFrom('dpa', 'AFP', 'Reuters', 'Quelle: ', 'www.', 'example.org', 'https://', '1', '23', '2019', 'a', 'The ', 'der ', '共同通信', 'sic', 'Berlin '),
      fc.string({ maxLength: 4 }),
    ),
    { maxLength: 80 },
  )
  .map((parts) => parts.join(''));

describe('detect: properties', () => {
  it('classifyMarker never throws on arbitrary input', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 150 }),
        fc.string({ maxLength: 50 }),
        fc.string({ maxLength: 50 }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('[', '［', '【', '('),
        fc.constantFrom(']', '］', '】', ')'),
        (inner, before, after, inSup, linked, open, close) => {
          const r = classifyMarker(inner, { before, after, inSup, linked, open, close });
          if (r) {
            expect(KINDS.has(r.kind)).toBe(true);
            expect(r.parts.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('scanBrackets reports only well-formed, ordered pairs without brackets inside', () => {
    fc.assert(
      fc.property(noisyText, (text) => {
        let last = 0;
        scanBrackets(text, (open, close, start, end) => {
          expect(start).toBeGreaterThanOrEqual(last);
          expect(text[start]).toBe(open);
          expect(text[end - 1]).toBe(close);
          for (let i = start + 1; i < end - 1; i++) expect(isBracketChar(text[i])).toBe(false);
          last = end;
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('detectCitations never throws and its anchors spell the markers', () => {
    fc.assert(
      fc.property(fc.array(noisyText, { minLength: 1, maxLength: 4 }), fc.nat(100), (paragraphs, startId) => {
        checkDetections(detectCitations(docWith(...paragraphs), { startId }), startId);
      }),
      { numRuns: 1500 },
    );
  });

  it('splitting the text across inline elements changes nothing', () => {
    fc.assert(
      fc.property(noisyText, fc.array(fc.nat(200), { maxLength: 8 }), (text, cuts) => {
        const whole = detectCitations(docWith(text));
        const split = detectCitations(docSplit(text, cuts, ['b', 'span', 'em', 'i']));
        checkDetections(split);
        const view = (ds: Detection[]) => ds.map((d) => [d.citation.marker, d.citation.key, d.citation.kind, d.citation.context]);
        expect(view(split)).toEqual(view(whole));
      }),
      { numRuns: 1500 },
    );
  });

  it('survives arbitrary Unicode text', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 200 }), { maxLength: 3 }), (paragraphs) => {
        checkDetections(detectCitations(docWith(...paragraphs)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('detect: adversarial input', () => {
  it('handles 100k opening brackets', () => {
    expect(detectCitations(docWith('['.repeat(100_000)))).toEqual([]);
    expect(detectCitations(docWith('【'.repeat(100_000) + '】'))).toEqual([]);
  });

  it('handles a megabyte without a closing bracket', () => {
    expect(detectCitations(docWith('[' + 'a'.repeat(1_000_000)))).toEqual([]);
    expect(detectCitations(docWith('Satz. [' + 'dpa '.repeat(250_000)))).toEqual([]);
  });

  it('handles deep nesting', () => {
    expect(detectCitations(docWith('['.repeat(50_000) + 'dpa' + ']'.repeat(50_000)))).toEqual([]);
    expect(detectCitations(docWith('[a'.repeat(50_000) + ']'.repeat(50_000)))).toEqual([]);
    expect(detectCitations(docWith(']'.repeat(1_000_000)))).toEqual([]);
  });

  it('handles deeply nested elements', () => {
    const doc = document.implementation.createHTMLDocument('t');
    let el: Element = doc.body;
    for (let i = 0; i < 2000; i++) {
      const span = doc.createElement(i % 2 ? 'span' : 'b');
      el.appendChild(span);
      el = span;
    }
    el.appendChild(doc.createTextNode('Die Regierung bestätigte das.[dpa]'));
    expect(detectCitations(doc).map((d) => d.citation.marker)).toEqual(['[dpa]']);
  });

  it('handles 100,000 text nodes, markers split across them included', () => {
    const doc = document.implementation.createHTMLDocument('t');
    for (let i = 0; i < 10_000; i++) {
      const p = doc.createElement('p');
      // Ten text nodes per paragraph; every 100th paragraph ends in a marker split over three.
      for (let j = 0; j < 7; j++) p.appendChild(doc.createTextNode(`Wort ${j} `));
      if (i % 100 === 0) {
        p.appendChild(doc.createTextNode('Ende.['));
        const a = doc.createElement('a');
        a.textContent = 'dpa';
        p.appendChild(a);
        p.appendChild(doc.createTextNode(']'));
      } else {
        p.appendChild(doc.createTextNode('und [ so'));
        p.appendChild(doc.createTextNode(' weiter'));
        p.appendChild(doc.createTextNode(' ohne Quelle.'));
      }
      doc.body.appendChild(p);
    }
    let textNodes = 0;
    const walker = doc.createTreeWalker(doc.body, 4);
    while (walker.nextNode()) textNodes++;
    expect(textNodes).toBe(100_000);
    const ds = detectCitations(doc);
    expect(ds).toHaveLength(100);
    expect(ds.every((d) => d.citation.marker === '[dpa]')).toBe(true);
  });

  it('finds every one of many adjacent markers', () => {
    const ds = detectCitations(docWith('Satz.' + '[1]'.repeat(20_000)));
    expect(ds).toHaveLength(20_000);
    expect(ds[19_999].citation.context).toBe('Satz.');
  });

  it('finds markers spread through a megabyte of text', () => {
    const ds = detectCitations(docWith('Das ist ein Satz mit Quelle.[dpa] '.repeat(30_000)));
    expect(ds).toHaveLength(30_000);
    expect(ds[12_345].citation.context).toBe('Das ist ein Satz mit Quelle.');
  });

  it('handles a megabyte of sentence-final punctuation and spaces', () => {
    const ds = detectCitations(docWith('. '.repeat(500_000) + 'Satz.[dpa]' + ' '.repeat(500_000)));
    expect(ds.map((d) => d.citation.context)).toEqual(['Satz.']);
  });

  it('handles many paragraphs that start like credits', () => {
    const paragraphs = Array.from({ length: 2000 }, () => 'Berlin ' + '('.repeat(50) + ' dpa) –');
    expect(detectCitations(docWith(...paragraphs))).toEqual([]);
  });
});
