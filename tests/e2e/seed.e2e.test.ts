/**
 * The seed article in real browsers, with the built extension, checked the way a user would:
 * the three "[radioenneperuhr.de]" citations are marked and resolved, the hovercard opens from
 * the keyboard, the popup summarises the page, the badge counts the warnings, "Show" points at
 * repeated paragraphs, the site switch removes every trace (and is remembered), and nothing
 * leaves 127.0.0.1.
 *
 * Build first: `npx wxt build --mv3 && npx wxt build -b firefox --mv3`.
 * Screenshots: artifacts/e2e/<browser>-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GECKO_ID } from '../../wxt.config';
import { extensionDir, FIREFOX_EXTENSION_UUID } from './harness/browsers';
import { launchDriver, poll, sleep, type BrowserName, type Driver, type Tab } from './harness/driver';
import { startServer, type FixtureServer } from './harness/server';

const SOURCE_ID = 'radio-ennepe-ruhr';
const SOURCE_NAME = 'Radio Ennepe Ruhr';
const MARKER = '[radioenneperuhr.de]';
const EXPECTED_WARNINGS = [
  'local-source-for-non-local-news',
  'source-language-mismatch',
  'missing-metadata',
  'html-lang-mismatch',
];
const HIGHLIGHTS = ['sourcelens-resolved', 'sourcelens-flagged', 'sourcelens-unresolved'];

// ------------------------------------------------------------------ probes run inside pages
// (self-contained: they are serialised into the page)

interface OverlayProbe {
  hosts: number;
  hostOnHtml: boolean;
  shadowOpen: boolean;
  markers: Array<{ id: string; state: string; label: string }>;
  highlights: Record<string, number>;
  highlightTotal: number;
  highlightTexts: string[];
  registrySize: number;
  adoptedSheets: number;
  /** Background colour the page's CSS gives each highlight (the manifest's highlights.css). */
  highlightColours: Record<string, string>;
}

function probeOverlay(names: string[]): OverlayProbe {
  const host = document.querySelector('sourcelens-overlay[data-sourcelens]');
  const root = host?.shadowRoot ?? null;
  const markers = root
    ? Array.from(root.querySelectorAll<HTMLButtonElement>('button.marker[data-citation]')).map((b) => ({
        id: b.dataset.citation ?? '',
        state: b.dataset.state ?? '',
        label: b.getAttribute('aria-label') ?? '',
      }))
    : [];
  const registry = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights;
  const highlights: Record<string, number> = {};
  const highlightTexts: string[] = [];
  let highlightTotal = 0;
  for (const name of names) {
    const h = registry?.get(name);
    highlights[name] = h?.size ?? 0;
    highlightTotal += h?.size ?? 0;
    if (h) for (const range of h) highlightTexts.push(String(range));
  }
  const highlightColours: Record<string, string> = {};
  for (const name of names) highlightColours[name] = getComputedStyle(document.body, `::highlight(${name})`).backgroundColor;
  return {
    hosts: document.querySelectorAll('sourcelens-overlay').length,
    hostOnHtml: host?.parentElement === document.documentElement,
    shadowOpen: !!root,
    markers,
    highlights,
    highlightTotal,
    highlightTexts,
    registrySize: registry ? registry.size : -1,
    adoptedSheets: document.adoptedStyleSheets.length,
    highlightColours,
  };
}

interface CardProbe {
  exists: boolean;
  hidden: boolean | null;
  visible: boolean;
  role: string | null;
  text: string;
  focusedCitation: string | null;
  focusVisible: boolean;
  expanded: string | null;
}

function probeCard(): CardProbe {
  const host = document.querySelector('sourcelens-overlay[data-sourcelens]');
  const root = host?.shadowRoot ?? null;
  const card = root?.getElementById('sourcelens-card') ?? null;
  const active = (document.activeElement === host ? root?.activeElement : null) as HTMLElement | null;
  let visible = false;
  if (card && !card.hidden) {
    const r = card.getBoundingClientRect();
    const style = getComputedStyle(card);
    visible = r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
  }
  return {
    exists: !!card,
    hidden: card ? card.hidden : null,
    visible,
    role: card?.getAttribute('role') ?? null,
    text: card && !card.hidden ? card.innerText : '',
    focusedCitation: active?.dataset?.citation ?? null,
    focusVisible: active ? active.matches(':focus-visible') : false,
    expanded: active?.getAttribute('aria-expanded') ?? null,
  };
}

interface PopupProbe {
  state: string | null;
  citations: number | null;
  resolved: number | null;
  unresolved: number | null;
  warnings: string[];
  warningTexts: string[];
  duplicates: number;
  duplicateShows: number;
  sources: Array<{ id: string; count: string | null; text: string }>;
  switchRole: string | null;
  switchChecked: string | null;
}

function probePopup(): PopupProbe {
  const all = (id: string) => Array.from(document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
  const one = (id: string) => all(id)[0] ?? null;
  const num = (id: string) => {
    const text = (one(id)?.textContent ?? '').replace(/[\s.,\u00a0\u202f']/g, '');
    const m = text.match(/\d+/);
    return m ? Number(m[0]) : null;
  };
  const sw = one('popup-site-switch');
  return {
    state: one('popup-state')?.getAttribute('data-state') ?? null,
    citations: num('popup-count-citations'),
    resolved: num('popup-count-resolved'),
    unresolved: num('popup-count-unresolved'),
    warnings: all('popup-warning').map((e) => e.dataset.code ?? ''),
    warningTexts: all('popup-warning').map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()),
    duplicates: all('popup-duplicate').length,
    duplicateShows: all('popup-duplicate-show').length,
    sources: all('popup-source').map((e) => ({
      id: e.dataset.sourceId ?? '',
      count: e.getAttribute('data-count'),
      text: (e.textContent ?? '').replace(/\s+/g, ' ').trim(),
    })),
    switchRole: sw?.getAttribute('role') ?? null,
    switchChecked: sw?.getAttribute('aria-checked') ?? null,
  };
}

/** Watch the overlay's shadow root for flash elements (they live ~1.7 s), in page coordinates. */
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
  return { flashes: w.__slFlashes ?? [], scrollY: window.scrollY, innerHeight: window.innerHeight };
}

// ------------------------------------------------------------------ the suite, per browser

let server: FixtureServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.close();
});

function seedSuite(name: BrowserName) {
  let driver: Driver;
  let seed: Tab;
  let popup: Tab | null = null;
  let warningCount = -1;
  const extraTabs: Tab[] = [];

  const popupUrlForUrl = () => `popup.html?url=${encodeURIComponent(server.seedUrl)}`;
  const popupUrlForTab = () => `popup.html?tab=${seed.id}&url=${encodeURIComponent(server.seedUrl)}`;

  const overlay = (tab: Tab) => tab.evaluate(probeOverlay, HIGHLIGHTS);

  const waitForMarked = (tab: Tab, what: string) =>
    tab.waitFor(
      probeOverlay,
      (o) => o.markers.length === 3 && o.highlightTotal === 3 && o.markers.every((m) => m.label.includes(SOURCE_NAME)),
      { arg: HIGHLIGHTS, timeoutMs: 20_000, message: `${what}: 3 markers resolved to "${SOURCE_NAME}" and 3 highlighted ranges` },
    );

  const waitForPopup = (tab: Tab, states: string[], timeoutMs = 20_000) =>
    tab.waitFor(probePopup, (p) => p.state !== null && states.includes(p.state), {
      timeoutMs,
      message: `popup-state to be one of ${states.join('|')}`,
    });

  /** A popup that talks to the seed tab (opened by ?url= if that works, else ?tab=). */
  const ensurePopup = async () => {
    if (popup) return popup;
    popup = await driver.openExtension(popupUrlForTab());
    await popup.resize(420, 900);
    await waitForPopup(popup, ['on']);
    return popup;
  };

  beforeAll(async () => {
    driver = await launchDriver(name, extensionDir(name));
    seed = await driver.open(server.seedUrl);
  });

  afterAll(async () => {
    const background = driver?.guard.background ?? [];
    if (background.length) {
      console.info(
        `[${name}] browser background attempts refused by the escape proxy (not SourceLens):\n` +
          [...new Set(background.map((b) => b.url.split('?')[0]))].join('\n'),
      );
    }
    await driver?.close();
  });

  if (name === 'firefox') {
    it('installs under the fixed gecko id with the pinned moz-extension:// UUID', () => {
      const session = (driver as Driver & { session: { geckoId: string } }).session;
      expect(session.geckoId).toBe(GECKO_ID);
      expect(driver.extensionBase).toBe(`moz-extension://${FIREFOX_EXTENSION_UUID}`);
    });
  }

  it('marks the three [radioenneperuhr.de] citations and resolves them to Radio Ennepe Ruhr', async () => {
    const o = await waitForMarked(seed, 'seed page');
    expect(o.hosts, 'one overlay host').toBe(1);
    expect(o.hostOnHtml, 'overlay host appended to <html>').toBe(true);
    expect(o.shadowOpen, 'overlay has an open shadow root').toBe(true);
    expect(o.markers.map((m) => m.id)).toEqual(['0', '1', '2']);
    for (const m of o.markers) {
      expect(['resolved', 'flagged'], `marker ${m.id} state`).toContain(m.state);
      expect(m.label).toContain(SOURCE_NAME);
    }
    expect(o.highlightTotal).toBe(3);
    expect(o.highlightTexts).toEqual([MARKER, MARKER, MARKER]);
    // The highlights are styled by the content script's manifest CSS (no sheet is added to
    // the page): each one paints a background of its own.
    const colours = Object.values(o.highlightColours);
    for (const c of colours) expect(c, 'highlight background').toMatch(/^rgba\(\d+, \d+, \d+, 0\.\d+\)$/);
    expect(new Set(colours).size).toBe(colours.length);
    expect(o.adoptedSheets, 'no stylesheet adopted into the page').toBe(0);
    expect(seed.errors, 'uncaught page errors').toEqual([]);
  });

  it('opens the hovercard from the keyboard and closes it with Escape', async () => {
    await seed.front();
    await seed.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur?.();
      window.scrollTo(0, 0);
    });
    let card = await seed.evaluate(probeCard);
    const presses: Array<string | null> = [];
    for (let i = 0; i < 25 && card.focusedCitation !== '0'; i++) {
      await seed.press('Tab');
      card = await seed.evaluate(probeCard);
      presses.push(card.focusedCitation);
    }
    expect(card.focusedCitation, `Tab reaches the first marker (focus after each Tab: ${JSON.stringify(presses)})`).toBe('0');
    expect(card.focusVisible, 'the focused marker matches :focus-visible').toBe(true);

    card = await seed.waitFor(probeCard, (c) => c.visible && c.text.includes(SOURCE_NAME), {
      message: 'hovercard visible with the source name',
    });
    expect(card.role).toBe('dialog');
    expect(card.expanded).toBe('true');
    expect(card.text).toContain(SOURCE_NAME);
    expect(card.text).toMatch(/broadcaster/i);
    expect(card.text).toMatch(/\blocal\b/i);
    expect(card.text).toMatch(/germany/i);
    expect(card.text).toMatch(/ownership/i);
    expect(card.text).toMatch(/public service|state-owned|private|non-profit|unknown/i);
    // The marker is flagged: the card says why, before who the source is.
    expect(card.text).toContain(`${SOURCE_NAME} is a local outlet for Ennepe-Ruhr-Kreis, yet it is cited for news that is not about that area.`);
    expect(card.text).toContain(`${SOURCE_NAME} publishes in German, but this article is in French.`);
    expect(card.text.indexOf('is a local outlet')).toBeLessThan(card.text.indexOf('Broadcaster'));
    await seed.screenshot('seed-hovercard');

    await seed.press('Escape');
    card = await seed.waitFor(probeCard, (c) => c.hidden === true, { message: 'hovercard hidden after Escape' });
    expect(card.expanded).toBe('false');
    expect(card.focusedCitation, 'focus returns to the marker').toBe('0');
  });

  it('popup opened with ?url=<page> finds the seed tab', async () => {
    const byUrl = await driver.openExtension(popupUrlForUrl());
    await byUrl.resize(420, 900);
    const p = await waitForPopup(byUrl, ['on', 'off', 'unavailable']);
    if (p.state === 'on') popup = byUrl;
    else extraTabs.push(byUrl);
    expect(
      p.state,
      'popup.html?url=… should reach the content script (if "unavailable": the popup looks the tab up by tab.url, which Chromium hides without the "tabs" permission or a host permission)',
    ).toBe('on');
  });

  it('popup shows 3/3/0, the warnings, the repeated and translated paragraph groups and the source', async () => {
    const tab = await ensurePopup();
    const p = await tab.waitFor(probePopup, (v) => v.state === 'on' && v.citations !== null, { message: 'popup counts' });
    expect([p.citations, p.resolved, p.unresolved]).toEqual([3, 3, 0]);
    for (const code of EXPECTED_WARNINGS) expect(p.warnings).toContain(code);
    // The title (h1, h2) and the teaser repeat exactly; the German paragraph translates the teaser.
    expect(p.duplicates).toBe(3);
    const source = p.sources.find((s) => s.id === SOURCE_ID);
    expect(source, `popup-source[data-source-id=${SOURCE_ID}] among ${JSON.stringify(p.sources)}`).toBeDefined();
    expect(source!.count ?? source!.text).toMatch(/(^|\D)3(\D|$)/);
    expect(source!.text).toContain(SOURCE_NAME);
    warningCount = p.warnings.length;
    await tab.screenshot('seed-popup', true);
    expect(tab.errors, 'uncaught popup errors').toEqual([]);
  });

  it('popup warnings each say something different (no warning shown twice)', async () => {
    const tab = await ensurePopup();
    const p = await tab.evaluate(probePopup);
    const repeated = p.warningTexts.filter((t, i) => p.warningTexts.indexOf(t) !== i);
    expect(repeated, `popup-warning texts: ${JSON.stringify(p.warningTexts)}`).toEqual([]);
  });

  it('sets the badge to the number of warnings', async () => {
    expect(warningCount, 'the popup test ran').toBeGreaterThan(0);
    const text = await poll(() => driver.badgeText(seed.id), (t) => t === String(warningCount), 10_000, 'badge text').catch(
      async () => driver.badgeText(seed.id),
    );
    expect(text).toBe(String(warningCount));
  });

  it('"Show" on a repeated paragraph scrolls the page there and flashes it', async () => {
    const tab = await ensurePopup();
    await seed.front();
    const scrollable = await seed.evaluate(() => document.documentElement.scrollHeight > window.innerHeight + 200);
    if (!scrollable) await seed.resize(1280, 500);
    const before = await seed.evaluate(watchFlashes);
    expect(before, 'seed page scrolled to the bottom first').toBeGreaterThan(0);

    await tab.front();
    const visibility = await seed.evaluate(() => document.visibilityState);
    expect(visibility, 'the page stays visible while the popup is in front (as with the real popup)').toBe('visible');
    await tab.click('[data-testid="popup-duplicate-show"]');
    await seed.front();
    const seen = await seed.waitFor(readFlashes, (v) => v.flashes.length > 0 && v.scrollY !== before, {
      timeoutMs: 10_000,
      message: 'a sourcelens-flash element in the shadow root and the page scrolled',
    });
    // Let a smooth scroll settle, then the flashed paragraph must be in view.
    let last = seen.scrollY;
    for (let i = 0; i < 30; i++) {
      await sleep(100);
      const now = (await seed.evaluate(readFlashes)).scrollY;
      if (now === last) break;
      last = now;
    }
    const end = await seed.evaluate(readFlashes);
    await seed.screenshot('seed-show-duplicate');
    const flash = end.flashes[0];
    expect(flash.bottom > end.scrollY && flash.top < end.scrollY + end.innerHeight, `flash ${JSON.stringify(flash)} in view at scrollY ${end.scrollY}`).toBe(true);
    if (!scrollable) await seed.resize(1280, 900);
  });

  it('switching the site off removes every trace: DOM, highlights, stylesheet, badge', async () => {
    const tab = await ensurePopup();
    await tab.front();
    const p = await tab.evaluate(probePopup);
    expect(p.switchRole).toBe('switch');
    expect(p.switchChecked).toBe('true');

    await tab.click('[data-testid="popup-site-switch"]');
    await tab.waitFor(probePopup, (v) => v.switchChecked === 'false' && v.state === 'off', { message: 'switch off, popup off' });

    await seed.front();
    const cleared = await seed.waitFor(probeOverlay, (o) => o.hosts === 0 && o.registrySize === 0 && o.adoptedSheets === 0, {
      arg: HIGHLIGHTS,
      message: 'seed tab: no sourcelens-overlay, CSS.highlights empty, no adopted stylesheet',
    });
    expect([cleared.hosts, cleared.registrySize, cleared.adoptedSheets]).toEqual([0, 0, 0]);
    await seed.screenshot('seed-off');
    const badge = await poll(() => driver.badgeText(seed.id), (t) => t === '', 10_000, 'badge').catch(() => driver.badgeText(seed.id));
    expect(badge, 'badge empty while off').toBe('');

    // The same page in a second tab, loaded while the site is off, is the reference.
    const second = await driver.open(server.seedUrl);
    extraTabs.push(second);
    await poll(
      () => driver.sendToTab<{ state: string }>(second.id, { type: 'popup→content:get-report' }),
      (s) => s?.state === 'off',
      10_000,
      'second tab: content script answers {state:"off"}',
    );
    const seedHtml = await seed.evaluate(() => document.documentElement.outerHTML);
    const secondHtml = await second.evaluate(() => document.documentElement.outerHTML);
    expect(seedHtml).not.toContain('sourcelens-overlay');
    expect(seedHtml, 'seed tab after switching off == fresh tab loaded while off').toBe(secondHtml);
    const secondProbe = await overlay(second);
    expect([secondProbe.hosts, secondProbe.registrySize, secondProbe.adoptedSheets]).toEqual([0, 0, 0]);
  });

  it('stays off across a reload', async () => {
    await seed.reload();
    await poll(
      () => driver.sendToTab<{ state: string }>(seed.id, { type: 'popup→content:get-report' }),
      (s) => s?.state === 'off',
      10_000,
      'seed tab after reload: content script answers {state:"off"}',
    );
    await sleep(500);
    const o = await overlay(seed);
    expect([o.hosts, o.registrySize, o.adoptedSheets]).toEqual([0, 0, 0]);
    expect(await driver.badgeText(seed.id)).toBe('');
  });

  it('a popup opened for the tab (?tab=) while off shows "off" with the switch unchecked', async () => {
    const reopened = await driver.openExtension(popupUrlForTab());
    await reopened.resize(420, 900);
    extraTabs.push(reopened);
    const p = await waitForPopup(reopened, ['off', 'on', 'unavailable']);
    expect(p.state).toBe('off');
    expect(p.switchChecked).toBe('false');
  });

  it('a popup opened with ?url=<page> while off shows "off"', async () => {
    const byUrl = await driver.openExtension(popupUrlForUrl());
    extraTabs.push(byUrl);
    const p = await waitForPopup(byUrl, ['off', 'on', 'unavailable']);
    expect(
      p.state,
      'popup.html?url=… while the site is off (where tab.url is hidden, the popup finds the tab by asking content scripts for their URL; an "off" content script must report its URL too)',
    ).toBe('off');
  });

  it('switching back on marks the citations again, restores the badge, and survives a reload', async () => {
    const tab = await ensurePopup();
    await tab.front();
    await tab.click('[data-testid="popup-site-switch"]');
    await tab.waitFor(probePopup, (v) => v.switchChecked === 'true' && v.state === 'on', { message: 'switch on, popup on' });
    await seed.front();
    await waitForMarked(seed, 'seed tab after switching back on');
    const badge = await poll(() => driver.badgeText(seed.id), (t) => t === String(warningCount), 10_000, 'badge').catch(() =>
      driver.badgeText(seed.id),
    );
    expect(badge, 'badge back to the number of warnings').toBe(String(warningCount));

    await seed.reload();
    await waitForMarked(seed, 'seed tab reloaded while on');
    expect(seed.errors, 'uncaught page errors').toEqual([]);
  });

  it('no request left 127.0.0.1', async () => {
    for (const t of extraTabs.splice(0)) await t.close().catch(() => {});
    expect(driver.guard.checked, 'the guard saw the run’s requests').toBeGreaterThan(0);
    expect(driver.guard.violations, driver.guard.describe()).toEqual([]);
    expect(server.requests.some((r) => r.path === '/seed/article.html')).toBe(true);
  });
}

describe('seed article in Chromium', () => seedSuite('chromium'));
describe('seed article in Firefox ESR', () => seedSuite('firefox'));
