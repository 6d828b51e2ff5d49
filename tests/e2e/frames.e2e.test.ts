/**
 * Citations inside an open shadow root (also ones added later) and inside a same-origin iframe
 * are marked, in real Chromium and Firefox (fixture: tests/fixtures/pages/frames/). The top page's report covers
 * the top page (its shadow root included); the frame has its own session and overlay.
 *
 * Build first: `npx wxt build --mv3 && npx wxt build -b firefox --mv3`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionDir } from './harness/browsers';
import { launchDriver, poll, type BrowserName, type Driver, type Tab } from './harness/driver';
import { startServer, type FixtureServer } from './harness/server';

let server: FixtureServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

function framesSuite(name: BrowserName) {
  let driver: Driver;
  let page: Tab;

  beforeAll(async () => {
    driver = await launchDriver(name, extensionDir(name));
    page = await driver.open(server.url('/pages/frames/outer.html'));
  });
  afterAll(async () => {
    await driver?.close();
  });

  it('marks the citation in the open shadow root with the top page, resolved', async () => {
    type Report = { citations: Array<{ marker: string; source: { name: string } | null }> };
    const status = await poll(
      () => driver.sendToTab<{ state: string; report: Report | null }>(page.id, { type: 'popup→content:get-report' }),
      (s) => s?.state === 'on' && (s.report?.citations.length ?? 0) >= 2,
      15_000,
      'top page report',
    );
    expect(status.report!.citations.map((c) => [c.marker, c.source?.name])).toEqual([
      ['[Reuters]', 'Reuters'],
      ['[dpa]', 'Deutsche Presse-Agentur'],
    ]);
    const labels = await page.waitFor(
      () => {
        const root = document.querySelector('sourcelens-overlay[data-sourcelens]')?.shadowRoot;
        return Array.from(root?.querySelectorAll('button.marker') ?? []).map((b) => b.getAttribute('aria-label') ?? '');
      },
      (l) => l.length === 2 && l.every((x) => x.includes(':')),
      { message: 'two resolved markers on the top page' },
    );
    expect(labels.join(' ')).toContain('Deutsche Presse-Agentur');
  });

  it('marks a citation added inside the open shadow root later, as the component updates', async () => {
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'A second crew reported calm water outside the harbour by the evening.[AFP]';
      document.getElementById('card-host')!.shadowRoot!.append(p);
    });
    const labels = await page.waitFor(
      () => {
        const root = document.querySelector('sourcelens-overlay[data-sourcelens]')?.shadowRoot;
        return Array.from(root?.querySelectorAll('button.marker') ?? []).map((b) => b.getAttribute('aria-label') ?? '');
      },
      (l) => l.length === 3 && l.some((x) => x.includes('Agence France-Presse')),
      { message: 'the added citation marked and resolved', timeoutMs: 15_000 },
    );
    expect(labels).toHaveLength(3);
  });

  it('marks the citation inside the same-origin frame in the frame itself', async () => {
    const labels = await page.waitFor(
      () => {
        const frame = document.getElementById('same') as HTMLIFrameElement | null;
        const doc = frame?.contentDocument;
        const root = doc?.querySelector('sourcelens-overlay[data-sourcelens]')?.shadowRoot;
        return Array.from(root?.querySelectorAll('button.marker') ?? []).map((b) => b.getAttribute('aria-label') ?? '');
      },
      (l) => l.length === 1 && l[0].includes('Agence France-Presse'),
      { message: 'a resolved marker inside the frame', timeoutMs: 15_000 },
    );
    expect(labels).toHaveLength(1);
    expect(page.errors).toEqual([]);
  });
}

describe('frames and shadow roots: Chromium', () => framesSuite('chromium'));
describe('frames and shadow roots: Firefox', () => framesSuite('firefox'));
