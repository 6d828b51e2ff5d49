/**
 * Repeated paragraphs in real browsers (fixture: tests/fixtures/pages/duplicates/near-duplicate.html):
 * a long paragraph printed twice with one word changed, and a subheading printed twice.
 * The popup (popup.html?tab=<id>) lists a `popup-duplicate` group of kind "near" for the
 * paragraphs and one of kind "exact" for the headings; "Show" on the near group scrolls the page
 * to the first copy and flashes both (one `[data-testid="sourcelens-flash"]` per paragraph in
 * the overlay's shadow root).
 *
 * Build first: `npx wxt build --mv3 && npx wxt build -b firefox --mv3`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionDir } from './harness/browsers';
import { launchDriver, poll, sleep, type BrowserName, type Driver, type Tab } from './harness/driver';
import { startServer, type FixtureServer } from './harness/server';

const PAGE = '/pages/duplicates/near-duplicate.html';
const COPY_OPENING = 'Nach Angaben des Umweltamts';
const HEADING = 'Was die Messungen zeigen';

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Record flash elements added to the overlay's shadow root (page coordinates); scroll to the top. */
function watchFlashes(): number {
  const w = window as unknown as { __e2eFlashes?: Box[] };
  w.__e2eFlashes = [];
  const root = document.querySelector('sourcelens-overlay[data-sourcelens]')?.shadowRoot;
  if (root) {
    new MutationObserver((records) => {
      for (const r of records) {
        r.addedNodes.forEach((n) => {
          if (n instanceof Element && n.matches('[data-testid="sourcelens-flash"]')) {
            const b = n.getBoundingClientRect();
            w.__e2eFlashes!.push({ top: b.top + scrollY, bottom: b.bottom + scrollY, left: b.left + scrollX, right: b.right + scrollX });
          }
        });
      }
    }).observe(root, { childList: true, subtree: true });
  }
  window.scrollTo({ top: 0, behavior: 'instant' as ScrollBehavior });
  return root ? window.scrollY : -1;
}

function readFlashes(): { flashes: Box[]; scrollY: number; innerHeight: number; copies: Box[] } {
  const box = (id: string): Box => {
    const r = document.getElementById(id)!.getBoundingClientRect();
    return { top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left + scrollX, right: r.right + scrollX };
  };
  return {
    flashes: (window as unknown as { __e2eFlashes?: Box[] }).__e2eFlashes ?? [],
    scrollY: window.scrollY,
    innerHeight: window.innerHeight,
    copies: [box('first-copy'), box('second-copy')],
  };
}

interface DuplicateGroup {
  kind: string | null;
  items: string[];
  shows: number;
}

function probeDuplicates(): { state: string | null; groups: DuplicateGroup[] } {
  return {
    state: document.querySelector('[data-testid="popup-state"]')?.getAttribute('data-state') ?? null,
    groups: Array.from(document.querySelectorAll<HTMLElement>('[data-testid="popup-duplicate"]')).map((g) => ({
      kind: g.getAttribute('data-kind'),
      items: Array.from(g.querySelectorAll('ol > li')).map((li) => (li.textContent ?? '').replace(/\s+/g, ' ').trim()),
      shows: g.querySelectorAll('[data-testid="popup-duplicate-show"]').length,
    })),
  };
}

let server: FixtureServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.close();
});

function duplicatesSuite(name: BrowserName) {
  let driver: Driver;
  let page: Tab;
  let popup: Tab;

  beforeAll(async () => {
    driver = await launchDriver(name, extensionDir(name));
    page = await driver.open(server.url(PAGE));
    await page.resize(1280, 600);
  });

  afterAll(async () => {
    await driver?.close();
  });

  it('the report has a near cluster for the two copies and an exact one for the heading', async () => {
    type Report = { duplicates: Array<{ kind: string; similarity: number; paragraphs: Array<{ index: number; tag: string; text: string }> }> };
    const status = await poll(
      () => driver.sendToTab<{ state: string; report: Report | null }>(page.id, { type: 'popup→content:get-report' }),
      (s) => s?.state === 'on' && !!s.report,
      15_000,
      'content script report',
    );
    const clusters = status.report!.duplicates;
    const near = clusters.filter((c) => c.kind === 'near');
    expect(near, JSON.stringify(clusters)).toHaveLength(1);
    expect(near[0].paragraphs).toHaveLength(2);
    expect(near[0].paragraphs.every((p) => p.tag === 'p' && p.text.startsWith(COPY_OPENING))).toBe(true);
    expect(near[0].similarity).toBeGreaterThanOrEqual(0.8);
    expect(near[0].similarity).toBeLessThan(1);
    const exact = clusters.filter((c) => c.kind === 'exact');
    expect(exact).toHaveLength(1);
    expect(exact[0].paragraphs.map((p) => [p.tag, p.text])).toEqual([
      ['h2', HEADING],
      ['h2', HEADING],
    ]);
  });

  it('the popup lists a near group and an exact group, each with "Show"', async () => {
    popup = await driver.openExtension(`popup.html?tab=${page.id}`);
    await popup.resize(420, 900);
    const p = await popup.waitFor(probeDuplicates, (v) => v.state === 'on' && v.groups.length >= 2, { message: 'popup duplicate groups' });
    const near = p.groups.filter((g) => g.kind === 'near');
    expect(near, JSON.stringify(p.groups)).toHaveLength(1);
    expect(near[0].items).toHaveLength(2);
    expect(near[0].items.every((t) => t.includes(COPY_OPENING))).toBe(true);
    expect(near[0].shows).toBe(1);
    const exact = p.groups.filter((g) => g.kind === 'exact');
    expect(exact).toHaveLength(1);
    expect(exact[0].items.every((t) => t.includes(HEADING))).toBe(true);
    await popup.screenshot('duplicates-popup', true);
    expect(popup.errors).toEqual([]);
  });

  it('"Show" on the near group scrolls to the first copy and flashes both copies', async () => {
    await page.front();
    const start = await page.evaluate(watchFlashes);
    expect(start, 'overlay present, page at the top').toBe(0);
    const before = await page.evaluate(readFlashes);
    expect(before.copies[0].top, 'the first copy starts below the fold').toBeGreaterThan(before.innerHeight);

    await popup.front();
    await popup.click('[data-testid="popup-duplicate"][data-kind="near"] [data-testid="popup-duplicate-show"]');
    await page.front();
    await page.waitFor(readFlashes, (v) => v.flashes.length >= 2 && v.scrollY > 0, {
      timeoutMs: 10_000,
      message: 'two sourcelens-flash elements and the page scrolled',
    });
    // Let a smooth scroll settle.
    let last = -1;
    for (let i = 0; i < 30; i++) {
      const now = (await page.evaluate(readFlashes)).scrollY;
      if (now === last) break;
      last = now;
      await sleep(100);
    }
    const end = await page.evaluate(readFlashes);
    await page.screenshot('duplicates-show');
    expect(end.flashes).toHaveLength(2);
    // Each flash frames one copy: the box of the paragraph's text plus 4 px (the text's box
    // sits inside the element's by up to half the leading).
    const sorted = [...end.flashes].sort((a, b) => a.top - b.top);
    end.copies.forEach((copy, i) => {
      const f = sorted[i];
      expect(Math.abs(f.top - copy.top), `flash ${i} top ${f.top} vs paragraph ${copy.top}`).toBeLessThan(8);
      expect(Math.abs(f.bottom - copy.bottom), `flash ${i} bottom ${f.bottom} vs paragraph ${copy.bottom}`).toBeLessThan(8);
    });
    const first = end.copies[0];
    expect(first.bottom > end.scrollY && first.top < end.scrollY + end.innerHeight, `first copy in view at scrollY ${end.scrollY}`).toBe(true);
    expect(page.errors).toEqual([]);
  });
}

describe('repeated paragraphs in Chromium', () => duplicatesSuite('chromium'));
describe('repeated paragraphs in Firefox ESR', () => duplicatesSuite('firefox'));
