// @vitest-environment happy-dom
/**
 * Markers are measured lazily (near the viewport, or when focused); a layout change (the page
 * resized, reflowed, changed) forgets what was measured, so a marker is measured again before
 * it is shown. Before anything was measured there is nothing to forget: the ResizeObserver's
 * first call, which comes at once on a page of thousands of markers, costs nothing.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Overlay, type OverlayItem } from '../../components/overlay/overlay';

beforeEach(() => {
  document.body.innerHTML = '<p id="a">One.[dpa]</p><p id="b">Two.[AFP]</p>'; // fixture markup
  // happy-dom does no layout: every range stands at one place on the page.
  vi.spyOn(Range.prototype, 'getClientRects').mockReturnValue([{ left: 10, top: 20, right: 50, bottom: 34, width: 40, height: 14 }] as unknown as DOMRectList);
});

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

function rangeOf(id: string): Range {
  const r = document.createRange();
  r.selectNodeContents(document.getElementById(id)!);
  return r;
}
const item = (id: number, range: Range): OverlayItem => ({ id, range, state: 'unresolved', label: `citation ${id}` });

describe('overlay layout', () => {
  it('measures a marker on demand and measures it again after the layout changed', () => {
    const overlay = new Overlay(document, { card: { render: () => {}, clear: () => {} } });
    overlay.update([item(0, rangeOf('a')), item(1, rangeOf('b'))]);
    const root = document.querySelector('[data-sourcelens]')!.shadowRoot!;
    const button = (id: number) => root.querySelector<HTMLElement>(`[data-citation="${id}"]`)!;
    expect(button(0).dataset.layout).toBe('pending');

    overlay.invalidateLayout(); // nothing measured yet: nothing changes
    expect([button(0).dataset.layout, button(1).dataset.layout]).toEqual(['pending', 'pending']);

    overlay.showCitation(0); // scrolls to it, measures it
    expect(button(0).dataset.layout).toBeUndefined();
    expect([button(0).style.left, button(0).style.top, button(0).style.width]).toEqual(['10px', '20px', '40px']);

    overlay.invalidateLayout(); // the page reflowed: the measurement is stale
    expect(button(0).dataset.layout).toBe('pending');
    overlay.destroy();
  });
});
