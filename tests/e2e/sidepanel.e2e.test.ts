/**
 * The side panel and the exports in real browsers, with the built extension, on the seed page
 * served from 127.0.0.1:
 * - the manifests declare the panel (Chrome `side_panel` + "sidePanel", Firefox `sidebar_action`);
 * - `sidepanel.html?tab=<id>` (opened in a tab, as the popup's `?tab=` is) lists the page's three
 *   citations, sorts and filters them, and passes an axe check;
 * - a row click, and Enter on a focused row, scroll the page to the citation and flash it;
 * - the popup's "Copy JSON" puts a valid `sourcelens.export/1` document on the clipboard
 *   (navigator.clipboard.writeText is intercepted in the popup page);
 * - nothing leaves 127.0.0.1.
 *
 * Build first: `npx wxt build --mv3 && npx wxt build -b firefox --mv3`.
 * Screenshots: artifacts/e2e/<browser>-sidepanel*.png.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_SCHEMA } from '../../lib/export';
import { PageReportSchema } from '../../lib/report-schema';
import { extensionDir } from './harness/browsers';
import { launchDriver, poll, sleep, type BrowserName, type Driver, type Tab } from './harness/driver';
import { startServer, type FixtureServer } from './harness/server';

const SOURCE_ID = 'radio-ennepe-ruhr';
const SOURCE_NAME = 'Radio Ennepe Ruhr';

// ------------------------------------------------------------------ probes run inside pages

interface PanelProbe {
  state: string | null;
  rows: Array<{ id: string; marker: string; source: string; selected: boolean; tabIndex: number }>;
  count: string;
  noMatch: string | null;
  ariaSort: Record<string, string | null>;
  duplicates: number;
  active: string | null;
}

function probePanel(): PanelProbe {
  const q = (sel: string) => document.querySelector<HTMLElement>(sel);
  const rows = Array.from(document.querySelectorAll<HTMLTableRowElement>('[data-testid="sp-row"]'));
  const ariaSort: Record<string, string | null> = {};
  document.querySelectorAll<HTMLElement>('th[data-column]').forEach((th) => {
    ariaSort[th.dataset.column ?? ''] = th.getAttribute('aria-sort');
  });
  const active = document.activeElement as HTMLElement | null;
  return {
    state: q('[data-testid="sp-state"]')?.getAttribute('data-state') ?? null,
    rows: rows.map((r) => ({
      id: r.dataset.citation ?? '',
      marker: r.querySelector('.sl-col-marker')?.textContent ?? '',
      source: r.querySelector('.sl-col-source')?.textContent ?? '',
      selected: r.dataset.selected === 'true',
      tabIndex: r.tabIndex,
    })),
    count: q('[data-testid="sp-count"]')?.textContent ?? '',
    noMatch: q('[data-testid="sp-no-match"]')?.textContent ?? null,
    ariaSort,
    duplicates: document.querySelectorAll('[data-testid="sp-duplicate"]').length,
    active: active?.dataset?.testid === 'sp-row' ? (active.dataset.citation ?? null) : null,
  };
}

/** Set a <select> or checkbox as a user would (a change event), inside the page. */
function setControl([testId, value]: [string, string | boolean]) {
  const el = document.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-testid="${testId}"]`);
  if (!el) throw new Error(`no [data-testid="${testId}"]`);
  if (el instanceof HTMLInputElement && el.type === 'checkbox') {
    if (el.checked !== value) el.click();
  } else {
    el.value = String(value);
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }
}

/** Watch the overlay's shadow root for flash elements, from the bottom of the page. */
function watchFlashes(): number {
  const w = window as unknown as { __slFlashes?: Array<{ top: number; bottom: number }> };
  w.__slFlashes = [];
  const root = document.querySelector('sourcelens-overlay[data-sourcelens]')?.shadowRoot;
  if (root) {
    new MutationObserver((records) => {
      for (const r of records) {
        r.addedNodes.forEach((n) => {
          if (n instanceof Element && n.matches('[data-testid="sourcelens-flash"]')) {
            const b = n.getBoundingClientRect();
            w.__slFlashes!.push({ top: b.top + window.scrollY, bottom: b.bottom + window.scrollY });
          }
        });
      }
    }).observe(root, { childList: true, subtree: true });
  }
  window.scrollTo({ top: document.documentElement.scrollHeight, behavior: 'instant' as ScrollBehavior });
  return window.scrollY;
}

function readFlashes() {
  const w = window as unknown as { __slFlashes?: Array<{ top: number; bottom: number }> };
  const host = document.querySelector('sourcelens-overlay[data-sourcelens]');
  const card = host?.shadowRoot?.getElementById('sourcelens-card') ?? null;
  return {
    flashes: w.__slFlashes ?? [],
    scrollY: window.scrollY,
    cardOpen: !!card && !card.hidden,
    cardText: card && !card.hidden ? (card.textContent ?? '') : '',
  };
}

/** Replace the clipboard's writeText with a recorder (in the popup page). */
function interceptClipboard() {
  const w = window as unknown as { __slCopied: string[] };
  w.__slCopied = [];
  const fake = async (text: string) => {
    w.__slCopied.push(text);
  };
  try {
    Object.defineProperty(navigator.clipboard, 'writeText', { value: fake, configurable: true });
  } catch {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: fake }, configurable: true });
  }
  return typeof navigator.clipboard.writeText;
}

function readCopied() {
  const w = window as unknown as { __slCopied?: string[] };
  return {
    copied: w.__slCopied ?? [],
    status: document.querySelector('[data-testid="export-status"]')?.textContent ?? '',
  };
}

const AXE_SOURCE = readFileSync(join(createRequire(import.meta.url).resolve('axe-core'), '..', 'axe.min.js'), 'utf8');

async function runAxe(tab: Tab) {
  // A script evaluated through the automation protocol (not subject to the page's CSP).
  await tab.evaluate(AXE_SOURCE as never);
  return tab.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
}

// ------------------------------------------------------------------ the suite

let server: FixtureServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.close();
});

function sidePanelSuite(name: BrowserName) {
  let driver: Driver;
  let seed: Tab;
  let panel: Tab;
  const extraTabs: Tab[] = [];

  const waitForRows = (count: number, message: string) =>
    panel.waitFor(probePanel, (p) => p.state === 'on' && p.rows.length === count, { timeoutMs: 20_000, message });

  beforeAll(async () => {
    driver = await launchDriver(name, extensionDir(name));
    seed = await driver.open(server.seedUrl);
    await poll(
      () => driver.sendToTab<{ state: string; report?: { citations: unknown[] } | null }>(seed.id, { type: 'popup→content:get-report' }),
      (s) => s?.state === 'on' && (s.report?.citations.length ?? 0) === 3,
      20_000,
      'seed tab: content script reports 3 citations',
    );
  });

  afterAll(async () => {
    for (const t of extraTabs.splice(0)) await t.close().catch(() => {});
    await driver?.close();
  });

  it('the manifest declares the panel', () => {
    // The copy the browser loaded (a rebuild may be under way in .output meanwhile).
    const loaded = (driver as Driver & { session: { extensionPath: string } }).session.extensionPath;
    const manifest = JSON.parse(readFileSync(join(loaded, 'manifest.json'), 'utf8'));
    if (name === 'chromium') {
      expect(manifest.side_panel).toEqual({ default_path: 'sidepanel.html' });
      expect(manifest.permissions).toContain('sidePanel');
      expect(manifest.sidebar_action).toBeUndefined();
    } else {
      expect(manifest.sidebar_action).toMatchObject({ default_panel: 'sidepanel.html', default_title: '__MSG_extName__', open_at_install: false });
      expect(manifest.side_panel).toBeUndefined();
      expect(manifest.permissions).not.toContain('sidePanel');
    }
  });

  it('sidepanel.html?tab=<id> lists the three citations of the seed page', async () => {
    panel = await driver.openExtension(`sidepanel.html?tab=${seed.id}`);
    await panel.resize(480, 900);
    const p = await waitForRows(3, 'side panel: 3 rows');
    expect(p.rows.map((r) => r.id)).toEqual(['0', '1', '2']);
    expect(p.rows.every((r) => r.marker === '[radioenneperuhr.de]' && r.source === SOURCE_NAME)).toBe(true);
    expect(p.count).toBe('3 of 3 citations shown.');
    expect(p.duplicates).toBe(3); // title, teaser, and the teaser's German translation
    expect(await panel.evaluate(() => document.title)).toBe('SourceLens side panel');
    await panel.screenshot('sidepanel', true);
    expect(panel.errors, 'uncaught side panel errors').toEqual([]);
  });

  it('sorts by a column and filters (unidentified only, by source, by type)', async () => {
    await panel.click('[data-testid="sp-sort-paragraph"]');
    let p = await panel.waitFor(probePanel, (v) => v.ariaSort.paragraph === 'ascending', { message: 'aria-sort ascending' });
    await panel.click('[data-testid="sp-sort-paragraph"]');
    p = await panel.waitFor(probePanel, (v) => v.ariaSort.paragraph === 'descending', { message: 'aria-sort descending' });
    expect(p.rows.map((r) => r.id)).toEqual(['2', '1', '0']);

    await panel.evaluate(setControl, ['sp-filter-unresolved', true] as [string, boolean]);
    p = await panel.waitFor(probePanel, (v) => v.rows.length === 0, { message: 'no unidentified citation on the seed page' });
    expect(p.noMatch).toBe('No citation matches these filters.');
    expect(p.count).toBe('0 of 3 citations shown.');
    await panel.evaluate(setControl, ['sp-filter-unresolved', false] as [string, boolean]);
    await waitForRows(3, 'all rows back');

    await panel.evaluate(setControl, ['sp-filter-source', SOURCE_ID] as [string, string]);
    await panel.evaluate(setControl, ['sp-filter-type', 'broadcaster'] as [string, string]);
    p = await waitForRows(3, 'source + type filter keep the 3 rows');
    expect(await panel.evaluate(() => document.querySelector<HTMLSelectElement>('[data-testid="sp-filter-type"]')?.value)).toBe('broadcaster');
    await panel.click('[data-testid="sp-clear-filters"]');
    await panel.click('[data-testid="sp-sort-paragraph"]');
    p = await panel.waitFor(probePanel, (v) => v.ariaSort.paragraph === 'ascending', { message: 'sorted back' });
    expect(p.rows.map((r) => r.id)).toEqual(['0', '1', '2']);
  });

  it('passes axe (WCAG 2.1 A/AA)', async () => {
    const violations = await runAxe(panel);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
  });

  it('a row click scrolls the page to the citation, flashes it and opens its card', async () => {
    await seed.front();
    const scrollable = await seed.evaluate(() => document.documentElement.scrollHeight > window.innerHeight + 200);
    if (!scrollable) await seed.resize(1280, 500);
    const before = await seed.evaluate(watchFlashes);
    expect(before, 'seed page scrolled to the bottom first').toBeGreaterThan(0);

    await panel.front();
    await panel.click('[data-testid="sp-row"][data-citation="0"] .sl-col-context');
    await seed.front();
    const seen = await seed.waitFor(readFlashes, (v) => v.flashes.length > 0 && v.scrollY < before, {
      timeoutMs: 10_000,
      message: 'a sourcelens-flash in the page and the page scrolled up to the first citation',
    });
    expect(seen.flashes.length).toBeGreaterThan(0);
    const card = await seed.waitFor(readFlashes, (v) => v.cardOpen, { message: 'the citation’s card opened' });
    expect(card.cardText).toContain(SOURCE_NAME);
    await seed.screenshot('sidepanel-show-citation');
    const p = await panel.evaluate(probePanel);
    expect(p.rows.find((r) => r.id === '0')?.selected).toBe(true);
    expect(await panel.evaluate(() => document.querySelector('[data-testid="sp-selected"] h4')?.textContent)).toBe(SOURCE_NAME);
    if (!scrollable) await seed.resize(1280, 900);
  });

  it('Enter on a focused row shows that citation', async () => {
    await panel.front();
    const count = (await seed.evaluate(readFlashes)).flashes.length;
    await panel.evaluate(() => document.querySelector<HTMLElement>('[data-testid="sp-row"][data-citation="0"]')?.focus());
    await panel.press('ArrowDown');
    await panel.press('ArrowDown');
    const p = await panel.waitFor(probePanel, (v) => v.active === '2', { message: 'focus moved to the third row' });
    expect(p.rows.map((r) => r.tabIndex)).toEqual([-1, -1, 0]);
    await panel.press('Enter');
    await seed.waitFor(readFlashes, (v) => v.flashes.length > count, { timeoutMs: 10_000, message: 'another flash after Enter' });
    await panel.waitFor(probePanel, (v) => v.rows.find((r) => r.id === '2')?.selected === true, { message: 'third row selected' });
  });

  it('the popup’s "Copy JSON" puts a valid export on the clipboard', async () => {
    const popup = await driver.openExtension(`popup.html?tab=${seed.id}`);
    extraTabs.push(popup);
    await popup.resize(420, 900);
    await popup.waitFor(
      () => document.querySelector('[data-testid="popup-state"]')?.getAttribute('data-state') ?? null,
      (s) => s === 'on',
      { timeoutMs: 20_000, message: 'popup on' },
    );
    expect(await popup.evaluate(interceptClipboard)).toBe('function');
    await popup.click('[data-testid="export-toggle"]');
    await popup.click('[data-testid="export-copy-json"]');
    const { copied, status } = await popup.waitFor(readCopied, (v) => v.copied.length === 1 && v.status !== '', {
      message: 'one clipboard write and a status',
    });
    expect(status).toBe('Copied JSON to the clipboard.');
    const parsed = JSON.parse(copied[0]) as { schema: string; registryVersion: string; exportedAt: string; report: unknown };
    expect(parsed.schema).toBe(EXPORT_SCHEMA);
    expect(Number.isNaN(Date.parse(parsed.exportedAt))).toBe(false);
    const report = PageReportSchema.parse(parsed.report);
    expect(report.citations).toHaveLength(3);
    expect(report.url).toBe(server.seedUrl);
    expect(parsed.registryVersion).toBe(report.registryVersion);
    expect(await popup.evaluate(() => !!document.querySelector('[data-testid="popup-open-sidepanel"]'))).toBe(true);
    await popup.screenshot('popup-export', true);
    expect(popup.errors, 'uncaught popup errors').toEqual([]);
  });

  it('no request left 127.0.0.1', async () => {
    await sleep(200);
    expect(driver.guard.checked).toBeGreaterThan(0);
    expect(driver.guard.violations, driver.guard.describe()).toEqual([]);
  });
}

describe('side panel and exports in Chromium', () => sidePanelSuite('chromium'));
describe('side panel and exports in Firefox ESR', () => sidePanelSuite('firefox'));
