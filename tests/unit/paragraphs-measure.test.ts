// @vitest-environment happy-dom
/**
 * Boilerplate by name ("share", "related", …) is left out only when it holds less than half of
 * the text around it, which means measuring that text: on a long page, megabytes in one call.
 * The walks measure the whole scope only when the text they have already passed does not settle
 * the question.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { extractParagraphs, findArticleRoot, isBoilerplate, scopeText, finish } from '../../lib/paragraphs';

const LONG = 'Die Stadtverwaltung hat am Dienstag den neuen Haushaltsplan für das kommende Jahr vorgestellt.';

afterEach(() => {
  delete (document.body as unknown as Record<string, unknown>).textContent; // the counter below
});

/** Counts reads of `el.textContent` (until the test ends). */
function countTextReads(el: Element): { reads: number } {
  const counter = { reads: 0 };
  let proto: object | null = Object.getPrototypeOf(el);
  while (proto && !Object.getOwnPropertyDescriptor(proto, 'textContent')) proto = Object.getPrototypeOf(proto);
  const getter = Object.getOwnPropertyDescriptor(proto!, 'textContent')!.get!;
  Object.defineProperty(el, 'textContent', {
    configurable: true,
    get() {
      counter.reads++;
      return getter.call(this);
    },
  });
  return counter;
}

describe('measuring text for boilerplate names', () => {
  it('does not measure the page for a small widget after the article text', () => {
    document.body.innerHTML =
      '<main>' + Array.from({ length: 30 }, (_, i) => `<p>${LONG} (${i})</p>`).join('') + '<div class="share-bar">Teilen</div></main>';
    const body = countTextReads(document.body);
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
    const body = countTextReads(document.body);
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
});
