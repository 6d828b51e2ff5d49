// @vitest-environment happy-dom
/**
 * Boilerplate by name ("share", "related", …) is left out only when it holds less than half of
 * the text around it, which means measuring that text: on a long page, megabytes. The walks
 * measure the whole scope only when the text they have already passed does not settle the
 * question, and a measurement pauses as it goes (it runs in the content script's slices).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { extractParagraphs, findArticleRoot, isBoilerplate, scopeText, finish, visibleTextLength } from '../../lib/paragraphs';

const LONG = 'Die Stadtverwaltung hat am Dienstag den neuen Haushaltsplan für das kommende Jahr vorgestellt.';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Counts the walks over `el`'s text (until the test ends): each is one measurement of it. */
function countMeasures(el: Element): { reads: number } {
  const counter = { reads: 0 };
  const create = document.createTreeWalker.bind(document);
  vi.spyOn(document, 'createTreeWalker').mockImplementation((root: Node, ...rest: [number?, (NodeFilter | null)?]) => {
    if (root === el) counter.reads++;
    return create(root, ...rest);
  });
  return counter;
}

describe('measuring text for boilerplate names', () => {
  it('does not measure the page for a small widget after the article text', () => {
    document.body.innerHTML =
      '<main>' + Array.from({ length: 30 }, (_, i) => `<p>${LONG} (${i})</p>`).join('') + '<div class="share-bar">Teilen</div></main>';
    const body = countMeasures(document.body);
    const root = findArticleRoot(document);
    const paragraphs = extractParagraphs(root);
    expect(root.localName).toBe('main');
    expect(paragraphs.map((p) => p.text)).not.toContain('Teilen');
    expect(paragraphs).toHaveLength(30);
    expect(body.reads).toBe(0);
  });

  it('measures the scope when the widget comes first, and decides the same way', () => {
    document.body.innerHTML =
      '<main><div class="share-bar">Teilen</div>' + Array.from({ length: 30 }, (_, i) => `<p>${LONG} (${i})</p>`).join('') + '</main>';
    const body = countMeasures(document.body);
    const paragraphs = extractParagraphs(findArticleRoot(document));
    expect(paragraphs.map((p) => p.text)).not.toContain('Teilen');
    expect(paragraphs).toHaveLength(30);
    expect(body.reads).toBeGreaterThan(0);
  });

  it('keeps a wrapper with a boilerplate name that holds most of the text', () => {
    document.body.innerHTML = '<div class="related">' + Array.from({ length: 10 }, () => `<p>${LONG}</p>`).join('') + '</div><p>Fuß</p>';
    const wrapper = document.querySelector('div')!;
    const scope = scopeText(document.body);
    expect(finish(isBoilerplate(wrapper, 'div', false, scope))).toBe(false);
    expect(scope.length).toBeGreaterThan(900);
    // Once text seen settles it, the scope is not measured again.
    const small = document.createElement('div');
    small.className = 'share-bar';
    small.textContent = 'Teilen';
    document.body.append(small);
    const seen = scopeText(document.body);
    seen.seen = 500;
    expect(finish(isBoilerplate(small, 'div', false, seen))).toBe(true);
    expect(seen.length).toBe(-1);
  });

  it('counts the text a reader sees, skipping scripts, styles and other non-text, at any depth', () => {
    document.body.innerHTML =
      '<div>Erster Satz. <script>var x = "[dpa]";</script><b>fett <style>p{}</style></b>' +
      '<svg><text>Grafik</text></svg><noscript>kein JS</noscript>Ende.</div><p>Zweiter <span>Absatz</span></p>';
    const div = document.querySelector('div')!;
    // What textContent gives, minus the outermost skipped elements' text.
    const expected = (el: Element) =>
      el.textContent!.length - [...el.querySelectorAll('script, style, svg, noscript')].reduce((n, s) => n + s.textContent!.length, 0);
    expect(finish(visibleTextLength(div))).toBe('Erster Satz. fett Ende.'.length);
    expect(finish(visibleTextLength(div))).toBe(expected(div));
    expect(finish(visibleTextLength(document.body))).toBe(expected(document.body));
  });

  it('pauses while measuring a long page, so no measurement is one long task', () => {
    document.body.innerHTML = Array.from({ length: 3000 }, (_, i) => `<p>${LONG} <b>${i}</b></p>`).join('');
    const steps = visibleTextLength(document.body);
    let pauses = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) pauses++;
    expect(r.value).toBe(document.body.textContent!.length);
    // 12,000 nodes (3,000 each of <p>, its text, <b> and its text): a pause every few hundred.
    expect(pauses).toBeGreaterThanOrEqual(12000 / 512);
  });
});
