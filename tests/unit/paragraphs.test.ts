// @vitest-environment happy-dom
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractParagraphs, findArticleRoot } from '../../lib/paragraphs';
import { CORPUS_DIR, parsePage, readHtml, SEED_HTML } from '../fixtures/dup/load';

function doc(body: string, head = ''): Document {
  return new DOMParser().parseFromString(
    `<!doctype html><html><head>${head}</head><body>${body}</body></html>`,
    'text/html',
  ) as unknown as Document;
}

const texts = (root: Document | Element) => extractParagraphs(root).map((p) => p.text);
const tagged = (root: Document | Element) => extractParagraphs(root).map((p) => `${p.tag}: ${p.text}`);
const LONG = 'This sentence is long enough to count as real article text for the root finder.';

describe('extractParagraphs on the seed page', () => {
  const seed = new DOMParser().parseFromString(readHtml(SEED_HTML), 'text/html') as unknown as Document;

  it('lists title, byline, teaser, German text, teaser again, title again, then the body', () => {
    const ps = extractParagraphs(seed);
    const title = "Les USA et le Japon s'allient : lutte contre le monopole chinois !";
    const teaser =
      "Découvrez comment les États-Unis et le Japon renforcent leur coopération dans le domaine des terres rares afin de réduire l'influence de la Chine.";
    expect(ps.slice(0, 6).map((p) => [p.tag, p.text])).toEqual([
      ['h1', title],
      ['p', 'Transparenz: Redaktionell erstellt und geprüft. Veröffentlicht am'],
      ['p', teaser],
      ['p', 'Erfahren Sie, wie die USA und Japan ihre Zusammenarbeit bei seltenen Erden stärken, um Chinas Einfluss zu verringern.'],
      ['p', teaser],
      ['h2', title],
    ]);
    expect(ps.slice(6).map((p) => p.tag)).toEqual(['p', 'p', 'h2', 'p', 'p', 'h2', 'p', 'p']);
    expect(ps[6].text).toMatch(/^Que se passe-t-il sur le front/);
    expect(ps[6].text).toMatch(/\[radioenneperuhr\.de\]$/);
    expect(ps[8].text).toBe('Force militaire et coopération économique');
    expect(ps[13].text).toMatch(/« nouvel âge d’or » pour l’alliance\.$/);
    expect(ps.map((p) => p.index)).toEqual(ps.map((_, i) => i));
  });

  it('takes the <article> as root and leaves out the page header, nav and footer', () => {
    expect(findArticleRoot(seed).tagName.toLowerCase()).toBe('article');
    const all = texts(seed).join('\n');
    expect(all).not.toContain('Startseite');
    expect(all).not.toContain('Impressum');
  });

  it('points each paragraph at its element, and does not change the document', () => {
    const before = seed.documentElement.outerHTML;
    const ps = extractParagraphs(seed);
    expect(ps[1].element.className).toBe('byline');
    expect(ps[2].element.className).toBe('teaser');
    expect(ps.every((p) => p.element.tagName.toLowerCase() === p.tag)).toBe(true);
    expect(seed.documentElement.outerHTML).toBe(before);
  });
});

describe('findArticleRoot', () => {
  it('takes the largest <article> when there are several', () => {
    const d = doc(`<article id="a"><p>${LONG}</p></article><article id="b"><p>${LONG}</p><p>${LONG}</p></article>`);
    expect(findArticleRoot(d).id).toBe('b');
  });

  it('falls back to [role=main], then <main>', () => {
    expect(findArticleRoot(doc(`<div>x</div><div role="main" id="m"><p>${LONG}</p></div>`)).id).toBe('m');
    expect(findArticleRoot(doc(`<div>x</div><main id="m"><p>${LONG}</p></main>`)).id).toBe('m');
  });

  it('without article or main, takes the element holding most of the paragraph text', () => {
    const d = doc(
      `<div id="menu"><p><a href="/">Home</a> <a href="/x">News</a></p></div>` +
        `<div id="wrap"><div id="story"><p>${LONG}</p><p>${LONG}</p><p>${LONG}</p></div>` +
        `<div id="side"><p>Short note.</p></div></div>`,
    );
    expect(findArticleRoot(d).id).toBe('story');
  });

  it('finds a post written as <br>-separated text in a <div>', () => {
    const d = doc(
      `<div id="top"><a href="/">Home</a></div><div id="post">${LONG}<br><br>${LONG}<br><br>${LONG}</div>` +
        `<div id="comments"><p>${LONG}</p></div>`,
    );
    expect(findArticleRoot(d).id).toBe('post');
    expect(texts(d)).toEqual([LONG, LONG, LONG]);
  });

  it('never picks a single <p> as root', () => {
    const d = doc(`<div id="c"><h1>Title here</h1><p>${LONG} ${LONG} ${LONG}</p></div>`);
    expect(findArticleRoot(d).id).toBe('c');
  });

  it('ignores an <article> teaser card that holds little of the page text', () => {
    const d = doc(
      `<div id="main-col"><p>${LONG}</p><p>${LONG}</p><p>${LONG}</p></div>` +
        `<div class="teasers"><article><p>Other story teaser text, long enough.</p></article></div>`,
    );
    expect(findArticleRoot(d).id).toBe('main-col');
  });

  it('falls back to <body> for a page without text', () => {
    expect(findArticleRoot(doc('<div><img src="x.png"></div>')).tagName.toLowerCase()).toBe('body');
  });
});

describe('extractParagraphs: what counts as a paragraph', () => {
  it('takes p, h1–h6, li, blockquote, dd, figcaption and div/td leaf blocks in document order', () => {
    const d = doc(`<main>
      <h1>Title</h1><h3>Sub</h3><p>Para</p>
      <ul><li>Item one</li><li>Item two</li></ul>
      <blockquote>Quoted words</blockquote>
      <dl><dt>Term</dt><dd>Definition</dd></dl>
      <figure><img src="a.png"><figcaption>Caption</figcaption></figure>
      <div>Loose div text</div>
      <table><tr><td>Cell text</td></tr></table>
    </main>`);
    expect(tagged(d)).toEqual([
      'h1: Title', 'h3: Sub', 'p: Para', 'li: Item one', 'li: Item two', 'blockquote: Quoted words',
      'dt: Term', 'dd: Definition', 'figcaption: Caption', 'div: Loose div text', 'td: Cell text',
    ]);
  });

  it('splits blocks with nested blocks into their loose text and the nested paragraphs', () => {
    const d = doc(`<article>
      <blockquote><p>First quoted.</p><p>Second quoted.</p></blockquote>
      <ul><li>Outer item<ul><li>Inner item</li></ul></li></ul>
      <div>Before <div>inner</div> after</div>
    </article>`);
    expect(tagged(d)).toEqual([
      'p: First quoted.', 'p: Second quoted.', 'li: Outer item', 'li: Inner item',
      'div: Before', 'div: inner', 'div: after',
    ]);
  });

  it('joins inline elements, collapses white space and treats one <br> as a space', () => {
    const d = doc(`<article><p>  Some <b>bold</b>\n\t<a href="/x">linked</a>&nbsp;text<br>next   line </p></article>`);
    expect(texts(d)).toEqual(['Some bold linked text next line']);
  });

  it('ends a paragraph at two consecutive <br>, also inside a <p>', () => {
    const d = doc(`<article><p>One<br>still one<br> <br>Two</p><div>Three<br><br><br>Four</div></article>`);
    expect(tagged(d)).toEqual(['p: One still one', 'p: Two', 'div: Three', 'div: Four']);
  });

  it('splits at a block nested in an inline element (card links)', () => {
    const d = doc(`<article><p>${LONG}</p><span>Intro <div>Block in span</div> outro</span></article>`);
    expect(texts(d)).toEqual([LONG, 'Intro', 'Block in span', 'outro']);
  });

  it('keeps a heading whole even with a block inside it', () => {
    expect(tagged(doc('<article><h2>Part <div>one</div> end</h2></article>'))).toEqual(['h2: Part one end']);
  });

  it('drops empty paragraphs and ruby readings', () => {
    const d = doc('<article><p> </p><p>&nbsp;</p><div></div><p><ruby>漢<rp>(</rp><rt>かん</rt><rp>)</rp></ruby>字</p></article>');
    expect(texts(d)).toEqual(['漢字']);
  });

  it('drops loose text that is only links, but keeps <p>s and headings made of links', () => {
    const d = doc(`<article>
      <ul><li><a href="#a">Section A</a></li><li>See <a href="/b">B</a> for the long explanation here</li></ul>
      <div><a href="/other">Another story</a></div>
      <h2><a href="/self">Linked title</a></h2><p><a href="/x">Linked paragraph</a></p>
    </article>`);
    expect(texts(d)).toEqual(['See B for the long explanation here', 'Linked title', 'Linked paragraph']);
  });

  it('accepts an element as root and reads it as it is', () => {
    const d = doc('<div id="x"><p>A</p><nav><p>Nav</p></nav><p>B</p></div><p>outside</p>');
    expect(texts(d.getElementById('x')!)).toEqual(['A', 'B']);
    expect(texts(d.querySelector('p')!)).toEqual(['A']);
  });
});

describe('extractParagraphs: what is left out', () => {
  it('skips script, style, noscript, template, svg and hidden elements', () => {
    const d = doc(`<article>
      <p>Visible<script>var x = "[0]";</script><style>.a{}</style></p>
      <noscript><p>Enable JS</p></noscript><template><p>Tpl</p></template>
      <svg><text>svg text</text></svg>
      <p hidden>Hidden attr</p><p aria-hidden="true">Aria hidden</p>
      <p style="display: none">No display</p><p style="visibility:hidden">Invisible</p>
      <p>Also <span class="sr-only">screen reader only</span>visible</p>
      <dialog><p>Closed dialog</p></dialog>
    </article>`);
    expect(texts(d)).toEqual(['Visible', 'Also visible']);
  });

  it('skips nav, aside, form, landmark roles and page header/footer, keeps the article header/footer', () => {
    const d = doc(`
      <header><p>Site header</p></header>
      <div role="banner"><p>Banner</p></div>
      <main>
        <article>
          <header><h1>Headline</h1><p>By Someone</p></header>
          <nav><p>In-article nav</p></nav>
          <p>Body</p>
          <aside><p>Aside box</p></aside>
          <form><p>Search the site</p></form>
          <div role="complementary"><p>Complementary</p></div>
          <div role="search"><p>Role search</p></div>
          <div role="navigation"><p>Role navigation</p></div>
          <footer><p>Article footer</p></footer>
        </article>
      </main>
      <footer><p>Site footer</p></footer>
      <div role="contentinfo"><p>Contentinfo</p></div>`);
    expect(texts(d)).toEqual(['Headline', 'By Someone', 'Body', 'Article footer']);
    // With <body> as root, page header and footer are boilerplate.
    expect(texts(d.body)).toEqual(['Headline', 'By Someone', 'Body', 'Article footer']);
  });

  it('skips cookie banners, share widgets, newsletter boxes, comments, related links and breadcrumbs', () => {
    const d = doc(`<article>
      <div id="cookie-banner"><p>We use cookies to improve your experience on this site.</p></div>
      <div class="cmpConsentLayer"><p>Accept all tracking purposes, please.</p></div>
      <ol class="breadcrumb"><li>Home</li><li>Politics</li></ol>
      <p>Real text one.</p>
      <div class="social-share"><p>Share this article with your friends</p></div>
      <div class="shareButtons"><p>Tweet it</p></div>
      <div class="newsletter-signup"><p>Subscribe to our newsletter for more.</p></div>
      <p>Real text two.</p>
      <section id="comments"><p>Great article!</p></section>
      <div class="related-articles"><p>You might also like this other story.</p></div>
    </article>`);
    expect(texts(d)).toEqual(['Real text one.', 'Real text two.']);
  });

  it('keeps a wrapper whose class merely mentions a boilerplate word', () => {
    const d = doc(`<div class="layout-with-sidebar"><div class="post social-enabled"><p>${LONG}</p><p>${LONG}</p></div>
      <div class="sidebar"><p>Side note</p></div></div>`);
    expect(texts(d)).toEqual([LONG, LONG]);
  });

  it('does not exclude content named like a weak boilerplate word when it says it is content', () => {
    const d = doc(`<article><p>${LONG}</p><div class="share-content-body"><p>Kept</p></div></article>`);
    expect(texts(d)).toEqual([LONG, 'Kept']);
  });

  it('repeated boilerplate (nav, cookie banner, footer) yields no paragraphs at all', () => {
    const chrome =
      '<nav><ul><li>Home</li><li>World</li></ul></nav>' +
      '<div class="cookie-notice"><p>This site uses cookies.</p></div>' +
      '<footer><p>© Example Media</p></footer>';
    const d = doc(`${chrome}<article><p>${LONG}</p></article>${chrome}`);
    expect(texts(d)).toEqual([LONG]);
  });

  it('asks opts.isVisible and skips what it rejects', () => {
    const d = doc('<article><p>Shown</p><p class="collapsed">Collapsed by CSS</p><div class="x"><p>Deep</p></div></article>');
    const seen: string[] = [];
    const ps = extractParagraphs(d, {
      isVisible: (el) => {
        seen.push(el.tagName.toLowerCase());
        return !el.classList.contains('collapsed') && !el.classList.contains('x');
      },
    });
    expect(ps.map((p) => p.text)).toEqual(['Shown']);
    expect(seen).toContain('p');
  });
});

describe('extractParagraphs on real pages', () => {
  // news-de-ja pages come with snippets that belong to the article body (manifest.json).
  const dir = join(CORPUS_DIR, 'news-de-ja');
  const manifest = existsSync(join(dir, 'manifest.json'))
    ? (JSON.parse(readHtml(join(dir, 'manifest.json'))) as Array<{ dir: string; expected_with: string[] }>)
    : [];
  const present = manifest.filter((m) => existsSync(join(dir, m.dir, 'source.html')));

  it.skipIf(present.length === 0)('finds the article snippets of the news pages', async () => {
    const missing: string[] = [];
    for (const m of present) {
      const page = parsePage(readHtml(join(dir, m.dir, 'source.html')));
      const text = extractParagraphs(page.doc).map((p) => p.text).join('\n');
      for (const s of m.expected_with) if (!text.includes(s)) missing.push(`${m.dir}: ${s}`);
      await page.close();
    }
    console.log(`news-de-ja: ${present.length} pages checked against manifest snippets`);
    expect(missing).toEqual([]);
  });
});
