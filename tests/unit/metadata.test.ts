// @vitest-environment happy-dom
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findMissingMetadata } from '../../lib/metadata';
import { CORPUS_DIR, FIXTURES, parsePage, readHtml, SEED_HTML } from '../fixtures/dup/load';

function doc(body: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><html><body>${body}</body></html>`, 'text/html') as unknown as Document;
}
const missing = (body: string) => findMissingMetadata(doc(body));
const BODY =
  'The regional council approved the new budget on Tuesday after a long debate about school funding and road repairs.';

describe('findMissingMetadata on the seed page', () => {
  it('reports exactly the empty "Veröffentlicht am" and the absent author', () => {
    const seed = new DOMParser().parseFromString(readHtml(SEED_HTML), 'text/html') as unknown as Document;
    // The byline holds only a transparency note and the empty label: no author anywhere.
    const expected = [
      { field: 'published', label: 'Veröffentlicht am' },
      { field: 'author', label: '' },
    ];
    expect(findMissingMetadata(seed)).toEqual(expected);
    // Also when given the article element only.
    expect(findMissingMetadata(seed.querySelector('article')!)).toEqual(expected);
  });
});

describe('findMissingMetadata on a content-farm fixture', () => {
  it('flags the empty "Aktualisiert am" but not the "Von" followed by a name; no publication date anywhere', async () => {
    const page = parsePage(readHtml(join(FIXTURES, 'boilerplate-farm.html')));
    expect(findMissingMetadata(page.doc)).toEqual([
      { field: 'modified', label: 'Aktualisiert am' },
      { field: 'published', label: '' },
    ]);
    await page.close();
  });
});

describe('findMissingMetadata: empty labels', () => {
  const cases: Array<[string, 'published' | 'modified' | 'author']> = [
    ['Veröffentlicht am', 'published'],
    ['Veröffentlicht:', 'published'],
    ['Aktualisiert am', 'modified'],
    ['Published on', 'published'],
    ['Published:', 'published'],
    ['Updated:', 'modified'],
    ['Publié le', 'published'],
    ['Mis à jour le', 'modified'],
    ['Publicado el', 'published'],
    ['Pubblicato il', 'published'],
    ['公開日', 'published'],
    ['更新日', 'modified'],
    ['发布时间', 'published'],
    ['Von', 'author'],
    ['By', 'author'],
    ['Par', 'author'],
    ['Autor:', 'author'],
    ['Author:', 'author'],
  ];

  it.each(cases)('flags "%s" followed by nothing as %s', (label, field) => {
    expect(missing(`<article><h1>Title</h1><div class="meta"><span>${label}</span></div><p>${BODY}</p></article>`)).toEqual([
      { field, label },
    ]);
  });

  it.each(cases)('does not flag "%s" followed by a value', (label) => {
    const value = label.startsWith('Von') || label.startsWith('By') || label.startsWith('Par') || label.startsWith('Aut')
      ? '<a href="/a">Erika Mustermann</a>'
      : '<time>12.03.2024</time>';
    expect(missing(`<div class="meta"><span>${label}</span> ${value}</div>`)).toEqual([]);
  });

  it('reports the label as it stands on the page, spacing collapsed', () => {
    expect(missing('<p><span>VERÖFFENTLICHT\n   AM</span></p>')).toEqual([{ field: 'published', label: 'VERÖFFENTLICHT AM' }]);
    expect(missing('<p><span>Published on:</span></p>')).toEqual([{ field: 'published', label: 'Published on:' }]);
    expect(missing('<p><span>公開日：</span></p>')).toEqual([{ field: 'published', label: '公開日：' }]);
  });

  it('counts an empty <time> without datetime as nothing', () => {
    expect(missing('<p><span>Veröffentlicht am</span> <time></time></p>')).toEqual([{ field: 'published', label: 'Veröffentlicht am' }]);
    expect(missing('<p>Veröffentlicht am <time> </time></p>')).toEqual([{ field: 'published', label: 'Veröffentlicht am' }]);
  });

  it('counts separators and another label as nothing', () => {
    expect(missing('<p><span>Von</span> · <span>Veröffentlicht am</span> <time>12.03.2024</time></p>')).toEqual([
      { field: 'author', label: 'Von' },
    ]);
    expect(missing('<p><span>By</span> | </p>')).toEqual([{ field: 'author', label: 'By' }]);
  });

  it('finds a label standing on its own line of a block', () => {
    expect(missing('<p>Transparenz: Redaktionell geprüft.<br>Veröffentlicht am</p>')).toEqual([
      { field: 'published', label: 'Veröffentlicht am' },
    ]);
  });

  it('finds a block label with nothing after it in its parent', () => {
    expect(missing('<dl><dt>Published:</dt><dd></dd></dl>')).toEqual([{ field: 'published', label: 'Published:' }]);
    expect(missing('<section><h1>Title</h1><div class="byline"><div><span>Author:</span></div></div></section><div>Short.</div>')).toEqual([
      { field: 'author', label: 'Author:' },
    ]);
  });

  it('finds a block label followed by running text instead of a value', () => {
    expect(missing(`<article><p class="date">Veröffentlicht am</p><p>${BODY}</p></article>`)).toEqual([
      { field: 'published', label: 'Veröffentlicht am' },
    ]);
  });

  it('reports each label once, in document order', () => {
    expect(missing('<p><span>Von</span></p><p><span>Aktualisiert am</span></p><footer><p><span>Von</span></p></footer>')).toEqual([
      { field: 'author', label: 'Von' },
      { field: 'modified', label: 'Aktualisiert am' },
    ]);
  });
});

describe('findMissingMetadata: values present or no label', () => {
  it('does not flag a label with its date in the same text', () => {
    expect(missing('<p>Veröffentlicht am 12.03.2024</p>')).toEqual([]);
    expect(missing('<p>Published: March 12, 2024</p>')).toEqual([]);
    expect(missing('<p>Von Erika Mustermann</p>')).toEqual([]);
  });

  it('does not flag a date in a following element, or a <time datetime> without text', () => {
    expect(missing('<p><span>Veröffentlicht am</span><span><span>12.03.2024</span></span></p>')).toEqual([]);
    expect(missing('<p><span>Veröffentlicht am</span> <time datetime="2024-03-12"></time></p>')).toEqual([]);
    expect(missing('<p>Veröffentlicht am <time datetime="2024-03-12"></time></p>')).toEqual([]);
    expect(missing('<p><span>Von</span> <meta itemprop="author" content="Erika Mustermann"></p>')).toEqual([]);
    expect(missing('<div class="row"><div class="label">Published:</div><div class="value">2024-03-12</div></div>')).toEqual([]);
    expect(missing('<dl><dt>Autor:</dt><dd>Erika Mustermann</dd></dl>')).toEqual([]);
    // Medium: the label in one block, the name in the next.
    expect(
      missing(`<div><div class="a"><p><span>Written by</span></p></div><div class="b"><h2><a href="/@v">Vincent Vallet</a></h2></div></div><p>${BODY}</p>`),
    ).toEqual([]);
  });

  it('does not take words in running text for labels', () => {
    expect(missing('<p>Das Buch wurde von</p>')).toEqual([]);
    expect(missing('<p><a href="/x">Fotos</a> von</p>')).toEqual([]);
    expect(missing('<p><span>Updated</span></p>')).toEqual([]);
    expect(missing('<p><span>by</span></p>')).toEqual([]);
    expect(missing('<p>Stand by me</p>')).toEqual([]);
  });

  it('ignores code, hidden elements, navigation and comment sections', () => {
    expect(missing('<pre><code>SELECT a FROM t GROUP\nBY</code></pre><p><code>BY</code></p>')).toEqual([]);
    expect(missing('<p hidden><span>Von</span></p><p style="display:none"><span>Published:</span></p>')).toEqual([]);
    expect(
      missing(`<article><p>${BODY}</p></article><nav><span>By</span></nav><div id="comments"><p><span>Von</span></p></div>`),
    ).toEqual([]);
    expect(missing('<script>var s = "Veröffentlicht am";</script>')).toEqual([]);
  });

  it('returns nothing for a page without labels', () => {
    expect(missing('<article><h1>Title</h1><p>Text.</p></article>')).toEqual([]);
    expect(findMissingMetadata(doc(''))).toEqual([]);
  });
});

describe('findMissingMetadata on real pages', () => {
  const mdr = join(CORPUS_DIR, 'news-de-ja/mdr.de.autohaeuser/source.html');
  const faz = join(CORPUS_DIR, 'news-de-ja/faz.net.streaming/source.html');

  it.skipIf(!existsSync(mdr))('mdr.de: "Stand:" with a date is fine; without it, it is flagged', async () => {
    const page = parsePage(readHtml(mdr));
    expect(findMissingMetadata(page.doc)).toEqual([]);
    const webtime = page.doc.querySelector('p.webtime')!;
    const spans = webtime.querySelectorAll('span');
    expect(spans[0].textContent?.trim()).toBe('Stand:');
    for (let i = 1; i < spans.length; i++) spans[i].remove();
    expect(findMissingMetadata(page.doc)).toEqual([{ field: 'modified', label: 'Stand:' }]);
    await page.close();
  });

  it.skipIf(!existsSync(faz))('faz.net: "Aktualisiert am" with <time> is fine; an empty <time> is flagged', async () => {
    const page = parsePage(readHtml(faz));
    expect(findMissingMetadata(page.doc)).toEqual([]);
    const time = page.doc.querySelector('time.atc-MetaTime')!;
    while (time.firstChild) time.firstChild.remove();
    expect(findMissingMetadata(page.doc)).toEqual([]); // datetime still there
    time.removeAttribute('datetime');
    expect(findMissingMetadata(page.doc)).toEqual([{ field: 'modified', label: 'Aktualisiert am' }]);
    await page.close();
  });
  // The whole corpus (no empty label on any page) runs in duplicates.test.ts with the other
  // checks; the absent date/author per corpus page is checked in metadata-absent.test.ts.
});
