/**
 * The detector over every real page of the shared corpus (/work/shared/corpus/**\/source.html):
 * it never throws, finds ≥ 99% of the Wikipedia pages' `sup.reference` markers with their
 * reference linked, and finds exactly the detections recorded in
 * tests/fixtures/detect/corpus-expected.json everywhere else (markers outside sup.reference),
 * so a new false positive fails here. Then a credit and a domain citation are inserted into a
 * real paragraph of each page and must be found, with the right context.
 *
 * After a deliberate change: SOURCELENS_UPDATE_EXPECTED=1 npx vitest run tests/unit/detect-corpus
 * rewrites the expectations — review the diff before committing it.
 * Without the corpus the test fails, unless SOURCELENS_ALLOW_NO_CORPUS=1.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseHtml } from '../../cli/parse';
import { CORPUS as SHARED_CORPUS, findPages } from '../golden/paths';
import { afterAll, describe, expect, it } from 'vitest';
import { detectCitations, type Detection } from '../../lib/detect/index';
import { isExcluded } from '../../lib/detect/walk';

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** An element's text without the parts the detector skips (ruby readings, scripts, …). */
function visibleText(el: Element): string {
  let out = '';
  const walk = (node: Node): void => {
    if (node.nodeType === 3) out += (node as Text).data;
    else if (node.nodeType === 1 && !isExcluded(node as Element)) node.childNodes.forEach(walk);
  };
  walk(el);
  return collapse(out);
}

const CORPUS = SHARED_CORPUS;
const EXPECTED = join(__dirname, '../fixtures/detect/corpus-expected.json');
const UPDATE = process.env.SOURCELENS_UPDATE_EXPECTED === '1';
const ALLOW_MISSING = process.env.SOURCELENS_ALLOW_NO_CORPUS === '1';
const WIKIPEDIA = new Set(['readability/wikipedia', 'readability/wikipedia-2', 'news-de-ja/en.wikipedia.org.tsne']);
const MIN_RECALL = 0.99;

interface Expected {
  comment: string;
  /** Page → markers found outside sup.reference, in document order. Pages not listed: none. */
  pages: Record<string, string[]>;
}

const corpusPresent = existsSync(CORPUS);
const pages = corpusPresent ? findPages(CORPUS) : [];
const expected: Expected = existsSync(EXPECTED)
  ? (JSON.parse(readFileSync(EXPECTED, 'utf8')) as Expected)
  : { comment: '', pages: {} };
const observed: Record<string, string[]> = {};
const recall: Array<{ page: string; found: number; total: number }> = [];
let ran = 0;
let detections = 0;
let inserted = 0;

describe('detect: corpus', () => {
  it('has the corpus', () => {
    if (!corpusPresent && !ALLOW_MISSING) {
      throw new Error(`Corpus missing at ${CORPUS}. Set SOURCELENS_ALLOW_NO_CORPUS=1 to run without it.`);
    }
    if (corpusPresent) expect(pages.length).toBeGreaterThan(0);
  });

  for (const file of pages) {
    const page = relative(CORPUS, file).replace(/\/source\.html$/, '');
    it(`${page}`, { timeout: 120_000 }, async () => {
      const { document: doc, close } = parseHtml(readFileSync(file, 'utf8'), 'https://corpus.invalid/');
      try {
        let ds: Detection[] = [];
        expect(() => (ds = detectCitations(doc))).not.toThrow();
        ran++;
        detections += ds.length;
        const sups = Array.from(doc.querySelectorAll('sup.reference'));
        const inSup = (d: Detection) => sups.some((s) => s.contains(d.anchor.startNode));
        const extra = ds.filter((d) => !inSup(d)).map((d) => d.citation.marker);
        if (extra.length) observed[page] = extra;

        if (WIKIPEDIA.has(page)) {
          // A sup.reference counts when a numeric citation inside it carries its reference.
          const found = sups.filter((s) =>
            ds.some((d) => s.contains(d.anchor.startNode) && d.citation.kind === 'numeric' && !!d.citation.parts[0].refId),
          ).length;
          recall.push({ page, found, total: sups.length });
          expect(sups.length).toBeGreaterThan(0);
          expect(found / sups.length).toBeGreaterThanOrEqual(MIN_RECALL);
        }
        if (!UPDATE) expect(extra, `detections outside sup.reference on ${page}`).toEqual(expected.pages[page] ?? []);

        // Citations inserted into a real paragraph are found, with the paragraph's last sentence.
        const target = Array.from(doc.querySelectorAll('p')).find((el) => {
          const text = collapse(el.textContent ?? '');
          if (text.length < 80 || !/[.!?。]$/.test(text) || text.includes('[') || text.includes('(')) return false;
          for (let e: Element | null = el; e; e = e.parentElement) if (isExcluded(e)) return false;
          return true;
        });
        if (target) {
          inserted++;
          const paragraphText = 'Berlin – ' + visibleText(target);
          target.insertBefore(doc.createTextNode('Berlin (dpa) – '), target.firstChild);
          target.appendChild(doc.createTextNode('[radioenneperuhr.de]'));
          const after = detectCitations(doc);
          expect(after.length).toBe(ds.length + 2);
          const mine = after.filter((d) => d.anchor.block === target || target.contains(d.anchor.block));
          const domain = mine.find((d) => d.citation.marker === '[radioenneperuhr.de]');
          const credit = mine.find((d) => d.citation.marker === '(dpa)');
          expect(domain?.citation.kind).toBe('domain');
          expect(credit?.citation.kind).toBe('credit');
          const context = domain!.citation.context.replace(/^…/, '');
          expect(context.length).toBeGreaterThan(0);
          expect(paragraphText.endsWith(context), `${context}\n  ⟂  ${paragraphText.slice(-200)}`).toBe(true);
        }
      } finally {
        await close();
      }
    });
  }

  afterAll(() => {
    if (UPDATE && corpusPresent) {
      const out: Expected = {
        comment:
          'Detections on the shared corpus outside Wikipedia sup.reference markers (tests/unit/detect-corpus.test.ts). ' +
          'Pages not listed have none. Regenerate with SOURCELENS_UPDATE_EXPECTED=1 after reviewing every new entry.',
        pages: observed,
      };
      writeFileSync(EXPECTED, JSON.stringify(out, null, 2) + '\n');
    }
    const lines = recall.map((r) => `  ${r.page}: ${r.found}/${r.total} sup.reference markers (${((100 * r.found) / r.total).toFixed(1)}%)`);
    console.log(
      [
        '',
        '==================== SourceLens detect: corpus ====================',
        corpusPresent
          ? `  ran ${ran} of ${pages.length} pages from ${CORPUS}, ${detections} detections; inserted citations found on ${inserted} pages`
          : `  CORPUS MISSING at ${CORPUS}: 0 pages ran`,
        ...lines,
        UPDATE ? `  wrote ${EXPECTED}` : '',
        '===================================================================',
      ].join('\n'),
    );
  });
});
