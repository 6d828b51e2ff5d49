// @vitest-environment happy-dom
/**
 * The overlay marks citations through the CSS Custom Highlight API, one Highlight per marker
 * state. It changes them range by range (Highlight.add/delete): the browser then repaints what
 * changed, where registering a new Highlight repaints every range of it (on a 5 MB page, each
 * such repaint is a frame of 40+ ms). happy-dom has no highlight registry: a faithful fake (a
 * Map of Sets, as the API's maplike/setlike interfaces are) stands in.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Overlay, type MarkState, type OverlayItem } from '../../components/overlay/overlay';
import { HIGHLIGHT } from '../../components/overlay/styles';

class FakeHighlight extends Set<Range> {
  constructor(...ranges: Range[]) {
    super(ranges);
  }
}
const win = document.defaultView as unknown as { Highlight?: typeof FakeHighlight };
const realCss = Object.getOwnPropertyDescriptor(win, 'CSS');
let registry: Map<string, FakeHighlight>;
/** Every Highlight registered (set) into the registry, in order. */
let registered: string[];

beforeEach(() => {
  registered = [];
  registry = new (class extends Map<string, FakeHighlight> {
    override set(name: string, h: FakeHighlight) {
      registered.push(name);
      return super.set(name, h);
    }
  })();
  // happy-dom's CSS object takes no new properties: a stand-in with the registry replaces it.
  Object.defineProperty(win, 'CSS', { value: { highlights: registry }, configurable: true, writable: true });
  win.Highlight = FakeHighlight;
  document.body.innerHTML = '<p id="a">One.[dpa]</p><p id="b">Two.[AFP]</p><p id="c">Three.[Reuters]</p>'; // fixture markup
});

afterEach(() => {
  if (realCss) Object.defineProperty(win, 'CSS', realCss);
  else delete (win as { CSS?: unknown }).CSS;
  delete win.Highlight;
  document.body.innerHTML = '';
});

function rangeOf(id: string): Range {
  const r = document.createRange();
  r.selectNodeContents(document.getElementById(id)!);
  return r;
}

const card = { render: () => {}, clear: () => {} };
const item = (id: number, range: Range, state: MarkState): OverlayItem => ({ id, range, state, label: `citation ${id}` });
/** The highlight `name` holds exactly these ranges (by identity). */
function holds(name: string, ranges: Range[]): void {
  const h = registry.get(name);
  expect(h?.size, name).toBe(ranges.length);
  for (const r of ranges) expect(h?.has(r), name).toBe(true);
}
const sizes = () => Object.fromEntries(Object.values(HIGHLIGHT).map((n) => [n, registry.get(n)?.size ?? 0]));

describe('overlay highlights', () => {
  it('adds, moves and removes ranges one by one, registering each state once', () => {
    const overlay = new Overlay(document, { card });
    const [a, b, c] = ['a', 'b', 'c'].map(rangeOf);
    overlay.update([item(0, a, 'unresolved'), item(1, b, 'unresolved')]);
    holds(HIGHLIGHT.unresolved, [a, b]);
    const unresolved = registry.get(HIGHLIGHT.unresolved);

    // A second batch (the first pass marks a few hundred at a time): the same Highlight grows.
    overlay.update([item(0, a, 'unresolved'), item(1, b, 'unresolved'), item(2, c, 'unresolved')]);
    expect(registry.get(HIGHLIGHT.unresolved)).toBe(unresolved);
    holds(HIGHLIGHT.unresolved, [a, b, c]);

    // The report arrives: states change, and each range moves to its state's highlight.
    overlay.update([item(0, a, 'flagged'), item(1, b, 'resolved'), item(2, c, 'unresolved')]);
    holds(HIGHLIGHT.flagged, [a]);
    holds(HIGHLIGHT.resolved, [b]);
    holds(HIGHLIGHT.unresolved, [c]);

    // A citation leaves the page; another one's text was replaced (a new range).
    const c2 = rangeOf('c');
    overlay.update([item(0, a, 'flagged'), item(2, c2, 'unresolved')]);
    expect(sizes()).toEqual({ [HIGHLIGHT.resolved]: 0, [HIGHLIGHT.unresolved]: 1, [HIGHLIGHT.flagged]: 1, [HIGHLIGHT.flash]: 0 });
    holds(HIGHLIGHT.unresolved, [c2]);
    expect(registry.get(HIGHLIGHT.unresolved)).toBe(unresolved);

    // Nothing changed: nothing is registered again.
    const before = registered.length;
    overlay.update([item(0, a, 'flagged'), item(2, c2, 'unresolved')]);
    expect(registered.length).toBe(before);
    expect(registered.filter((n) => n === HIGHLIGHT.unresolved)).toHaveLength(1);

    overlay.destroy();
    expect(registry.size).toBe(0);
  });
});
