/**
 * Paragraphs copied across sites, in Chromium with the built extension. Two fixture pages
 * (tests/fixtures/pages/reuse/) are served by the one fixture server under two host names that
 * Chromium resolves to 127.0.0.1 (LOOPBACK_ALIASES in harness/js/browsers.mjs): the original on
 * site-a.test, a page copying one paragraph verbatim and one with a word changed on site-b.test.
 *
 * 1. Setting off (the default): visiting both stores nothing (storage.local has no reuse key)
 *    and the popup shows nothing.
 * 2. The options page's checkbox switches it on; visiting A then B: the popup of B lists the two
 *    paragraphs as seen on site-a.test, with A's address and a date, and warns.
 * 3. The options page counts what is stored and "Clear" empties it.
 * 4. Switched off again: visiting stores nothing, the popup shows nothing.
 *
 * Build first: `npx wxt build --mv3`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionDir } from './harness/browsers';
import { LOOPBACK_ALIASES } from './harness/js/browsers.mjs';
import { chromiumDriver, poll, type Driver, type Tab } from './harness/driver';
import type { ChromiumSession } from './harness/browsers';
import { startServer, type FixtureServer } from './harness/server';

const ORIGINAL = '/pages/reuse/original.html';
const COPY = '/pages/reuse/copy.html';
const PREFIX = 'sourcelens:reuse:p:';

interface Report {
  url: string | null;
  reuse?: Array<{ paragraph: number; site: string; url: string; seenAt: number; similarity: number; opening: string }>;
  warnings: Array<{ code: string }>;
}

interface ReuseProbe {
  state: string | null;
  items: Array<{ site: string | null; url: string | null; seen: string; link: string | null; text: string }>;
  warnings: string[];
}

function probeReuse(): ReuseProbe {
  return {
    state: document.querySelector('[data-testid="popup-state"]')?.getAttribute('data-state') ?? null,
    items: Array.from(document.querySelectorAll<HTMLElement>('[data-testid="popup-reuse"]')).map((li) => ({
      site: li.dataset.site ?? null,
      url: li.querySelector('[data-testid="popup-reuse-url"]')?.textContent ?? null,
      link: li.querySelector('a[data-testid="popup-reuse-url"]')?.getAttribute('href') ?? null,
      seen: (li.querySelector('[data-testid="popup-reuse-seen"]')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      text: (li.textContent ?? '').replace(/\s+/g, ' ').trim(),
    })),
    warnings: Array.from(document.querySelectorAll<HTMLElement>('[data-testid="popup-warning"]')).map((w) => w.dataset.code ?? ''),
  };
}

function probeOptions(): { checked: boolean | null; count: string | null; text: string; clearDisabled: boolean | null } {
  const box = document.querySelector<HTMLInputElement>('[data-testid="reuse-toggle"]');
  const count = document.querySelector<HTMLElement>('[data-testid="reuse-count"]');
  return {
    checked: box ? box.checked : null,
    count: count?.dataset.count ?? null,
    text: count?.textContent ?? '',
    clearDisabled: document.querySelector<HTMLButtonElement>('[data-testid="reuse-clear"]')?.disabled ?? null,
  };
}

let server: FixtureServer;
let driver: Driver & { session: ChromiumSession };
const tabs: Tab[] = [];

const urlA = () => `http://${LOOPBACK_ALIASES[0]}:${server.port}${ORIGINAL}`;
const urlB = () => `http://${LOOPBACK_ALIASES[1]}:${server.port}${COPY}`;

/** Keys of the reuse store in storage.local, read in the service worker. */
async function storedKeys(): Promise<string[]> {
  const all = (await driver.session
    .currentServiceWorker()
    .evaluate(() => (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<Record<string, unknown>> } } } }).chrome.storage.local.get(null))) as Record<string, unknown>;
  return Object.keys(all).filter((k) => k.startsWith(PREFIX));
}

async function storedSettings(): Promise<Record<string, unknown> | undefined> {
  const all = (await driver.session
    .currentServiceWorker()
    .evaluate(() => (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome.storage.local.get('sourcelens:settings'))) as Record<string, unknown>;
  return all['sourcelens:settings'] as Record<string, unknown> | undefined;
}

/** The page's report once its content script has one (after a fresh load). */
async function reportOf(tab: Tab): Promise<Report> {
  const status = await poll(
    () => driver.sendToTab<{ state: string; report: Report | null }>(tab.id, { type: 'popup→content:get-report' }),
    (s) => s?.state === 'on' && !!s.report,
    15_000,
    `report of ${tab.url}`,
  );
  return status.report!;
}

async function visit(url: string): Promise<{ tab: Tab; report: Report }> {
  const tab = await driver.open(url);
  tabs.push(tab);
  return { tab, report: await reportOf(tab) };
}

async function options(): Promise<Tab> {
  const tab = await driver.openExtension('options.html');
  tabs.push(tab);
  await tab.waitFor(probeOptions, (o) => o.checked !== null && o.count !== null && o.count !== '', { message: 'options: reuse section loaded' });
  return tab;
}

async function closeTabs() {
  for (const t of tabs.splice(0)) await t.close().catch(() => {});
}

beforeAll(async () => {
  server = await startServer();
  driver = await chromiumDriver(extensionDir('chromium'));
});

afterAll(async () => {
  await driver?.close();
  await server?.close();
});

describe('paragraphs copied across sites, in Chromium', () => {
  it('serves the two pages under two host names (two sites, offline)', async () => {
    const { report } = await visit(urlA());
    expect(report.url).toBe(urlA());
    expect(server.requests.some((r) => r.path === ORIGINAL)).toBe(true);
    await closeTabs();
  });

  it('with the setting off (the default) stores nothing and shows nothing', async () => {
    expect((await storedSettings())?.crossPageReuse ?? false).toBe(false);
    await visit(urlA());
    const { tab, report } = await visit(urlB());
    expect(report.reuse).toBeUndefined();
    expect(report.warnings.map((w) => w.code)).not.toContain('paragraphs-seen-elsewhere');
    const popup = await driver.openExtension(`popup.html?tab=${tab.id}`);
    tabs.push(popup);
    const p = await popup.waitFor(probeReuse, (v) => v.state === 'on', { message: 'popup on' });
    expect(p.items).toEqual([]);
    expect(await storedKeys()).toEqual([]);
    const opt = await options();
    expect(await opt.evaluate(probeOptions)).toMatchObject({ checked: false, count: '0', text: 'Nothing is stored.' });
    await closeTabs();
  });

  it('the options page switches it on', async () => {
    const opt = await options();
    await opt.click('[data-testid="reuse-toggle"]');
    await poll(storedSettings, (s) => s?.crossPageReuse === true, 10_000, 'crossPageReuse stored');
    await opt.waitFor(probeOptions, (o) => o.checked === true, { message: 'checkbox checked' });
    await opt.screenshot('reuse-options-on', true);
    await closeTabs();
  });

  it('a page copying paragraphs of another site: the popup says where and when', async () => {
    const before = Date.now();
    const a = await visit(urlA());
    expect(a.report.reuse).toEqual([]);
    await poll(storedKeys, (k) => k.length === 1, 10_000, 'page A stored');
    const b = await visit(urlB());
    expect(b.report.reuse?.map((m) => [m.site, m.url])).toEqual([
      ['site-a.test', urlA()],
      ['site-a.test', urlA()],
    ]);
    const [verbatim, edited] = b.report.reuse!;
    expect(verbatim.similarity).toBe(1);
    expect(edited.similarity).toBeGreaterThan(0.6);
    expect(edited.similarity).toBeLessThan(1);
    expect(verbatim.seenAt).toBeGreaterThanOrEqual(before - 1000);
    expect(b.report.warnings.map((w) => w.code)).toContain('paragraphs-seen-elsewhere');
    await poll(storedKeys, (k) => k.length === 2, 10_000, 'page B stored too');

    const popup = await driver.openExtension(`popup.html?tab=${b.tab.id}`);
    tabs.push(popup);
    await popup.resize(420, 1000);
    const p = await popup.waitFor(probeReuse, (v) => v.state === 'on' && v.items.length === 2, { message: 'popup lists two paragraphs seen elsewhere' });
    for (const item of p.items) {
      expect(item.site).toBe('site-a.test');
      expect(item.url).toBe(urlA());
      expect(item.link).toBe(urlA());
      expect(item.seen).toMatch(/^Seen on site-a\.test on \S.*\d/);
      expect(item.seen).toContain(String(new Date().getFullYear()));
    }
    expect(p.items[0].text).toContain('At the gauge below the old mill');
    expect(p.warnings).toContain('paragraphs-seen-elsewhere');
    await popup.screenshot('reuse-popup', true);
    expect(popup.errors).toEqual([]);
    await closeTabs();
  });

  it('the options page counts what is stored and "Clear" empties it', async () => {
    const opt = await options();
    const o = await opt.evaluate(probeOptions);
    expect(Number(o.count)).toBeGreaterThanOrEqual(10);
    expect(o.text).toMatch(/^Paragraph fingerprints stored: \d+ \(pages: 2\)\.$/);
    await opt.click('[data-testid="reuse-clear"]');
    await opt.waitFor(probeOptions, (v) => v.count === '0', { message: 'count 0 after Clear' });
    expect(await storedKeys()).toEqual([]);
    await closeTabs();
  });

  it('switched off again: nothing is stored and nothing is shown', async () => {
    const opt = await options();
    await opt.click('[data-testid="reuse-toggle"]');
    await poll(storedSettings, (s) => s?.crossPageReuse === false, 10_000, 'crossPageReuse off');
    await closeTabs();
    await visit(urlA());
    const b = await visit(urlB());
    expect(b.report.reuse).toBeUndefined();
    const popup = await driver.openExtension(`popup.html?tab=${b.tab.id}`);
    tabs.push(popup);
    const p = await popup.waitFor(probeReuse, (v) => v.state === 'on', { message: 'popup on' });
    expect(p.items).toEqual([]);
    expect(await storedKeys()).toEqual([]);
    await closeTabs();
  });

  it('no request left the machine (the two sites are 127.0.0.1)', () => {
    const aliases = new Set(LOOPBACK_ALIASES);
    const elsewhere = driver.guard.violations.filter((v) => {
      try {
        return !(v.source !== 'escape-proxy' && aliases.has(new URL(v.url).hostname));
      } catch {
        return true;
      }
    });
    expect(elsewhere, driver.guard.describe()).toEqual([]);
    expect(server.requests.some((r) => r.path === COPY)).toBe(true);
  });
});
