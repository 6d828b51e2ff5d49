/**
 * Accessibility of SourceLens's own UI in a real browser, with the built extension, on the seed
 * article served from 127.0.0.1:
 * - axe-core (WCAG 2.0/2.1 A and AA tags) finds no serious or critical violation in the popup
 *   (light and dark colour scheme), the in-page hovercard (inside the overlay's shadow root) and
 *   the options page; minor/moderate ones are printed with their ids;
 * - in the popup, Tab reaches the site switch and every "Show" button, each with a visible focus
 *   indicator (outline or box-shadow under :focus-visible);
 * - Escape closes the hovercard and returns focus to its marker;
 * - with `prefers-reduced-motion: reduce` the flash has no animation (and without it, it has).
 *
 * Both browsers run every check, in the light and the dark colour scheme. Chromium: one browser,
 * colour scheme / reduced motion emulated with Playwright's `page.emulateMedia`. Firefox:
 * puppeteer's media emulation needs CDP, which Firefox over WebDriver BiDi lacks, so a second
 * Firefox is launched with FIREFOX_DARK_PREFS (dark scheme + reduced motion) beside the default
 * (light, no motion preference) one. Before asserting, every check verifies in the page that
 * `matchMedia(...)` really matches the scheme / motion preference it expects, so a pref (or an
 * emulation) that does not take effect fails the test instead of passing it vacuously.
 *
 * Build first: `npx wxt build --mv3 && npx wxt build -b firefox --mv3`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { BrowserContext, Page as PwPage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { extensionDir, type LaunchOptions } from './harness/browsers';
import { launchDriver, poll, type BrowserName, type Driver, type Tab } from './harness/driver';
import { startServer, type FixtureServer } from './harness/server';

const SOURCE_NAME = 'Radio Ennepe Ruhr';

/** Firefox prefs for the second instance: dark colour scheme (system and content) and reduced motion. */
const FIREFOX_DARK_PREFS = {
  'ui.systemUsesDarkTheme': 1,
  // 0 = dark, 1 = light, 2 = follow the browser theme (the default).
  'layout.css.prefers-color-scheme.content-override': 0,
  'ui.prefersReducedMotion': 1,
};

/**
 * Prefs for the next Firefox the driver launches. The driver calls `launchFirefox(dir, { guard })`
 * without prefs, so its launcher is wrapped here to add `nextFirefoxPrefs.current` (the driver's
 * import of ./browsers gets this mock too).
 */
const nextFirefoxPrefs = vi.hoisted(() => ({ current: undefined as Record<string, unknown> | undefined }));
vi.mock('./harness/browsers', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./harness/browsers')>();
  return {
    ...actual,
    launchFirefox: (extDir: string, options: LaunchOptions = {}) =>
      actual.launchFirefox(extDir, { ...options, prefs: { ...options.prefs, ...nextFirefoxPrefs.current } }),
  };
});
const AXE_SOURCE = readFileSync(join(createRequire(import.meta.url).resolve('axe-core'), '..', 'axe.min.js'), 'utf8');

/** An axe context item: a selector, or a path into open shadow roots. */
type AxeInclude = string | { fromShadowDom: string[] };

interface AxeSummary {
  violations: Violation[];
  /** Rules that passed on at least one node, and nodes checked in all. */
  passes: number;
  incomplete: Array<{ id: string; nodes: number; why: string[]; targets: string[] }>;
}

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Run axe in the page (context: the whole document, or an axe include list). */
async function runAxe(tab: Tab, include?: AxeInclude[]): Promise<AxeSummary> {
  // A script evaluated through the automation protocol (not subject to the page's CSP).
  await tab.evaluate(AXE_SOURCE as never);
  return tab.evaluate(async (inc: AxeInclude[] | null) => {
    type Check = { id: string; message: string };
    type Rule = { id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; any: Check[]; all: Check[]; none: Check[] }> };
    type AxeResult = { violations: Rule[]; passes: Rule[]; incomplete: Rule[] };
    const axe = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<AxeResult> } }).axe;
    const result = await axe.run(inc ? { include: inc } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return {
      violations: result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)),
      })),
      passes: result.passes.length,
      incomplete: result.incomplete.map((v) => ({
        id: v.id,
        nodes: v.nodes.length,
        why: [...new Set(v.nodes.flatMap((n) => [...n.any, ...n.all, ...n.none].map((c) => c.message)))].slice(0, 4),
        targets: v.nodes.slice(0, 12).map((n) => JSON.stringify(n.target)),
      })),
    };
  }, include ?? null);
}

/** Fail on serious/critical; print the rest (and what axe could not decide). */
function expectNoSeriousViolations(what: string, { violations, passes, incomplete }: AxeSummary) {
  expect(passes, `${what}: axe checked something`).toBeGreaterThan(0);
  // color-contrast "needs review" (sticky header overlap, shadow DOM) is covered by auditContrast.
  if (incomplete.length)
    console.info(
      `[a11y] ${what}: axe needs review: ${incomplete
        .map((v) => (v.id === 'color-contrast' ? `color-contrast ×${v.nodes} (${v.why[0]}; see the computed-contrast audit)` : `${v.id} ×${v.nodes} (${v.why.join(' / ')}) ${v.targets.join(' ')}`))
        .join('; ')}`,
    );
  const minor = violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical');
  if (minor.length) console.info(`[a11y] ${what}: minor/moderate: ${minor.map((v) => `${v.id} (${v.impact}) ${v.targets.join(' ')}`).join('; ')}`);
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `${what}: serious/critical axe violations\n${JSON.stringify(serious, null, 2)}`).toEqual([]);
}

// ------------------------------------------------------------------ probes run inside pages

interface ContrastResult {
  checked: number;
  failures: Array<{ text: string; fg: string; bg: string; ratio: number; needed: number }>;
  undetermined: string[];
}

/**
 * Text contrast computed from styles, for what axe leaves "needs review" (sticky headers obscure
 * the popup's lower nodes; axe can't measure inside the overlay's shadow root). For every element
 * with its own visible text under the roots: the text colour over the composited background
 * colours of its ancestors (crossing shadow roots through their hosts), against 4.5:1 (3:1 for
 * large text). Background images are reported as undetermined.
 */
function auditContrast(rootPaths: string[][]): ContrastResult {
  const parse = (c: string): [number, number, number, number] | null => {
    const m = c.match(/^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/);
    if (!m) return null;
    let a = m[4] === undefined ? 1 : parseFloat(m[4]);
    if (m[4]?.endsWith('%')) a /= 100;
    return [+m[1], +m[2], +m[3], a];
  };
  const over = (top: [number, number, number, number], under: [number, number, number]): [number, number, number] => [
    top[0] * top[3] + under[0] * (1 - top[3]),
    top[1] * top[3] + under[1] * (1 - top[3]),
    top[2] * top[3] + under[2] * (1 - top[3]),
  ];
  const lum = ([r, g, b]: number[]) => {
    const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const parentOf = (el: Element): Element | null => el.parentElement ?? ((el.parentNode as ShadowRoot | null)?.host ?? null);
  const result: ContrastResult = { checked: 0, failures: [], undetermined: [] };
  const roots: Element[] = [];
  for (const path of rootPaths) {
    let scope: Document | ShadowRoot = document;
    let found: Element[] = [];
    path.forEach((sel, i) => {
      found = Array.from(scope.querySelectorAll(sel));
      if (i < path.length - 1) scope = found[0]?.shadowRoot ?? document.createDocumentFragment() as unknown as ShadowRoot;
    });
    roots.push(...found);
  }
  const elements = roots.flatMap((r) => [r, ...Array.from(r.querySelectorAll('*'))]);
  for (const el of elements) {
    const own = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim());
    if (!own || !(el instanceof HTMLElement)) continue;
    const st = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (st.visibility !== 'visible' || box.width < 2 || box.height < 2 || !el.checkVisibility?.({ opacityProperty: true })) continue;
    if (el.closest('.sr-only, .sl-sr-only, .visually-hidden')) continue;
    const text = (el.textContent ?? '').trim().slice(0, 30);
    const fg = parse(st.color);
    const layers: Array<[number, number, number, number]> = [];
    let undetermined = !fg;
    for (let a: Element | null = el; a; a = parentOf(a)) {
      const s = getComputedStyle(a);
      if (s.backgroundImage !== 'none') {
        undetermined = true;
        break;
      }
      const bg = parse(s.backgroundColor);
      if (!bg) {
        undetermined = true;
        break;
      }
      if (bg[3] > 0) layers.push(bg);
      if (bg[3] >= 1) break;
    }
    if (undetermined || !fg) {
      result.undetermined.push(`${text} (${st.color} / ${st.backgroundColor})`);
      continue;
    }
    let bg: [number, number, number] = [255, 255, 255]; // the canvas behind an unpainted page
    for (const layer of layers.reverse()) bg = over(layer, bg);
    const fgOver = over(fg, bg);
    const [l1, l2] = [lum(fgOver), lum(bg)].sort((x, y) => y - x);
    const ratio = Math.round(((l1 + 0.05) / (l2 + 0.05)) * 100) / 100;
    const size = parseFloat(st.fontSize);
    const bold = parseInt(st.fontWeight, 10) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    result.checked++;
    if (ratio < needed) result.failures.push({ text, fg: st.color, bg: `rgb(${bg.map(Math.round).join(', ')})`, ratio, needed });
  }
  return result;
}

function expectContrast(what: string, r: ContrastResult) {
  if (r.undetermined.length) console.info(`[a11y] ${what}: computed contrast undetermined for: ${r.undetermined.join('; ')}`);
  expect(r.checked, `${what}: text elements checked`).toBeGreaterThan(0);
  console.info(`[a11y] ${what}: computed contrast checked on ${r.checked} text elements`);
  expect(r.failures, `${what}: text below WCAG AA contrast`).toEqual([]);
}

function probeCard() {
  const host = document.querySelector('sourcelens-overlay[data-sourcelens]');
  const root = host?.shadowRoot ?? null;
  const card = root?.getElementById('sourcelens-card') ?? null;
  const active = (document.activeElement === host ? root?.activeElement : null) as HTMLElement | null;
  return {
    hidden: card ? card.hidden : null,
    text: card && !card.hidden ? card.innerText : '',
    focusedCitation: active?.dataset?.citation ?? null,
    focusVisible: active ? active.matches(':focus-visible') : false,
    focusOutline: active ? getComputedStyle(active).outlineStyle : '',
    expanded: active?.getAttribute('aria-expanded') ?? null,
  };
}

interface Focused {
  testid: string | null;
  tag: string;
  text: string;
  label: string | null;
  focusVisible: boolean;
  indicator: string;
  /** Contrast of the outline colour against the background behind it (0 if not an outline). */
  indicatorContrast: number;
}

/** The popup's focused element and whether it shows a focus indicator. */
function probeFocus(): Focused | null {
  const el = document.activeElement as HTMLElement | null;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 ? `outline ${s.outlineWidth} ${s.outlineStyle} ${s.outlineColor}` : '';
  const shadow = s.boxShadow && s.boxShadow !== 'none' ? `box-shadow ${s.boxShadow}` : '';
  // WCAG 1.4.11: the outline against the composited background colours around the element.
  const parse = (c: string) => c.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
  const lum = ([r, g, b]: number[]) => {
    const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const layers: number[][] = [];
  for (let a = el.parentElement; a; a = a.parentElement) {
    const c = parse(getComputedStyle(a).backgroundColor);
    const alpha = c.length > 3 ? c[3] : 1;
    if (alpha > 0) layers.push([c[0], c[1], c[2], alpha]);
    if (alpha >= 1) break;
  }
  let bg = [255, 255, 255];
  for (const [r, g, b, a] of layers.reverse()) bg = [r * a + bg[0] * (1 - a), g * a + bg[1] * (1 - a), b * a + bg[2] * (1 - a)];
  const [l1, l2] = [lum(parse(s.outlineColor)), lum(bg)].sort((x, y) => y - x);
  return {
    testid: el.getAttribute('data-testid'),
    tag: el.tagName.toLowerCase(),
    text: (el.textContent ?? '').trim().slice(0, 40),
    label: el.getAttribute('aria-label'),
    focusVisible: el.matches(':focus-visible'),
    indicator: outline || shadow,
    indicatorContrast: outline ? Math.round(((l1 + 0.05) / (l2 + 0.05)) * 100) / 100 : 0,
  };
}

/** Every "Show" control of the popup (show a citation, a paragraph group, a warning's place). */
function countShowButtons() {
  const show = Array.from(document.querySelectorAll<HTMLElement>('button')).filter((b) => {
    const id = b.getAttribute('data-testid') ?? '';
    return /show/i.test(id) || /^show\b/i.test((b.textContent ?? '').trim()) || /^show\b/i.test(b.getAttribute('aria-label') ?? '');
  });
  return show.map((b) => `${b.getAttribute('data-testid') ?? ''}|${b.getAttribute('aria-label') ?? ''}|${(b.textContent ?? '').trim()}`);
}

/** Record the flash elements added to the overlay's shadow root with their computed animation. */
function watchFlashAnimation() {
  const w = window as unknown as { __slFlashAnim?: string[] };
  w.__slFlashAnim = [];
  const root = document.querySelector('sourcelens-overlay[data-sourcelens]')?.shadowRoot;
  if (!root) return false;
  new MutationObserver((records) => {
    for (const r of records)
      r.addedNodes.forEach((n) => {
        if (n instanceof Element) {
          const flashes = n.matches('[data-testid="sourcelens-flash"]') ? [n] : Array.from(n.querySelectorAll('[data-testid="sourcelens-flash"]'));
          for (const f of flashes) w.__slFlashAnim!.push(getComputedStyle(f).animationName);
        }
      });
  }).observe(root, { childList: true, subtree: true });
  return true;
}

// ------------------------------------------------------------------ the suite

let server: FixtureServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.close();
});

type Scheme = 'light' | 'dark';

/** One browser with the extension, the seed article open in a tab, and its popup. */
interface Session {
  driver: Driver;
  seed: Tab;
  popup: Tab;
  /** Colour schemes checked in this browser (Firefox: the one its prefs give). */
  schemes: Scheme[];
  /** Whether this browser runs with `prefers-reduced-motion: reduce` (Firefox: from prefs). */
  reducedMotion: boolean;
  tabs: Tab[];
}

function a11ySuite(name: BrowserName) {
  /**
   * Chromium: one browser, media emulated per page (Playwright `page.emulateMedia`).
   * Firefox: puppeteer can't emulate media over BiDi, so a second Firefox is launched with
   * FIREFOX_DARK_PREFS (dark scheme + reduced motion); the first keeps the defaults.
   */
  const canEmulate = name === 'chromium';
  const sessions: Session[] = [];
  /** The browser for the light scheme / no motion preference (the first one). */
  let main: Session;
  /** The browser for the dark scheme and reduced motion (= main in Chromium). */
  let alt: Session;
  const sessionFor = (s: Scheme) => (s === 'light' ? main : alt);

  /** The Playwright page behind a driver tab (for media emulation). */
  const pwPage = (tab: Tab): PwPage => {
    const context = (main.driver as Driver & { session: { context: BrowserContext } }).session.context;
    const pages = context.pages().filter((p) => p.url() === tab.url);
    if (!pages.length) throw new Error(`no Playwright page for ${tab.url}`);
    return pages[pages.length - 1];
  };
  /**
   * Put `tab` in `colorScheme` (Chromium: emulated; Firefox: the tab's browser was launched with
   * it) and check that the page really matches it, so a pref that did not take effect fails.
   */
  const scheme = async (tab: Tab, colorScheme: Scheme) => {
    if (canEmulate) await pwPage(tab).emulateMedia({ colorScheme });
    expect(
      await tab.evaluate((s) => matchMedia(`(prefers-color-scheme: ${s})`).matches, colorScheme),
      `${name}: ${tab.url} matches (prefers-color-scheme: ${colorScheme})`,
    ).toBe(true);
  };
  /** Same for reduced motion. */
  const motion = async (tab: Tab, reduce: boolean) => {
    if (canEmulate) await pwPage(tab).emulateMedia({ reducedMotion: reduce ? 'reduce' : 'no-preference' });
    expect(
      await tab.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches),
      `${name}: ${tab.url} matches (prefers-reduced-motion: reduce)`,
    ).toBe(reduce);
  };

  const waitForPopupOn = (tab: Tab) =>
    tab.waitFor(
      () => document.querySelector('[data-testid="popup-state"]')?.getAttribute('data-state') ?? null,
      (s) => s === 'on',
      { timeoutMs: 20_000, message: 'popup on' },
    );

  async function openSession(prefs: Record<string, unknown> | undefined, schemes: Scheme[], reducedMotion: boolean): Promise<Session> {
    nextFirefoxPrefs.current = prefs;
    let driver: Driver;
    try {
      driver = await launchDriver(name, extensionDir(name));
    } finally {
      nextFirefoxPrefs.current = undefined;
    }
    const session: Session = { driver, seed: undefined as never, popup: undefined as never, schemes, reducedMotion, tabs: [] };
    sessions.push(session);
    session.seed = await driver.open(server.seedUrl);
    session.tabs.push(session.seed);
    await poll(
      () => driver.sendToTab<{ state: string; report?: { citations: unknown[] } | null }>(session.seed.id, { type: 'popup→content:get-report' }),
      (s) => s?.state === 'on' && (s.report?.citations.length ?? 0) === 3,
      20_000,
      'seed tab: content script reports 3 citations',
    );
    session.popup = await driver.openExtension(`popup.html?tab=${session.seed.id}`);
    session.tabs.push(session.popup);
    await session.popup.resize(420, 900);
    await waitForPopupOn(session.popup);
    return session;
  }

  beforeAll(async () => {
    if (canEmulate) {
      main = alt = await openSession(undefined, ['light', 'dark'], false);
    } else {
      main = await openSession(undefined, ['light'], false);
      alt = await openSession(FIREFOX_DARK_PREFS, ['dark'], true);
    }
  });

  afterAll(async () => {
    for (const s of sessions.splice(0)) {
      for (const t of s.tabs.splice(0)) await t.close().catch(() => {});
      await s.driver.close();
    }
  });

  it('popup (light colour scheme) has no serious/critical axe violation', async () => {
    const { popup } = main;
    await scheme(popup, 'light');
    expectNoSeriousViolations('popup (light)', await runAxe(popup));
    expectContrast('popup (light)', await popup.evaluate(auditContrast, [['body']]));
  });

  it('popup (dark colour scheme) has no serious/critical axe violation', async () => {
    await scheme(main.popup, 'light');
    const lightBg = await main.popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const { popup } = alt;
    await scheme(popup, 'dark');
    expect(await popup.evaluate(() => getComputedStyle(document.body).backgroundColor), 'the popup follows the dark scheme').not.toBe(lightBg);
    expectNoSeriousViolations('popup (dark)', await runAxe(popup));
    expectContrast('popup (dark)', await popup.evaluate(auditContrast, [['body']]));
    if (canEmulate) await scheme(popup, 'light');
  });

  it('the computed-contrast audit catches low contrast (self-check)', async () => {
    const { popup } = main;
    await popup.evaluate(() => {
      const probe = document.createElement('p');
      probe.id = 'sl-a11y-probe';
      probe.textContent = 'low contrast probe';
      probe.style.cssText = 'color: #aaaaaa; background: rgba(255, 255, 255, 0.5); font-size: 14px;';
      document.body.append(probe);
    });
    const r = await popup.evaluate(auditContrast, [['#sl-a11y-probe']]);
    await popup.evaluate(() => document.getElementById('sl-a11y-probe')?.remove());
    expect(r.checked).toBe(1);
    expect(r.failures.map((f) => f.text)).toEqual(['low contrast probe']);
  });

  it('in the popup, Tab reaches the site switch and every "Show" button, each with a visible focus indicator', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { popup } = sessionFor(colorScheme);
      await popup.front();
      await scheme(popup, colorScheme);
      const shows = await popup.evaluate(countShowButtons);
      expect(shows.length, 'the seed popup has "Show" buttons').toBeGreaterThan(0);
      await popup.evaluate(() => {
        (document.activeElement as HTMLElement | null)?.blur?.();
        window.scrollTo(0, 0);
      });
      const seen: Focused[] = [];
      for (let i = 0; i < 120; i++) {
        await popup.press('Tab');
        const f = await popup.evaluate(probeFocus);
        if (!f) continue;
        if (seen.length && seen[0].testid === f.testid && seen[0].label === f.label && seen[0].text === f.text) break; // wrapped
        seen.push(f);
      }
      const isShow = (f: Focused) => /show/i.test(f.testid ?? '') || /^show\b/i.test(f.text) || /^show\b/i.test(f.label ?? '');
      const sw = seen.find((f) => f.testid === 'popup-site-switch');
      expect(sw, `${colorScheme}: site switch among focus stops: ${JSON.stringify(seen.map((f) => f.testid ?? f.text))}`).toBeDefined();
      expect(seen.filter(isShow).length, `every Show button is a Tab stop (${shows.length}: ${JSON.stringify(shows)})`).toBe(shows.length);
      const noIndicator = seen.filter((f) => !f.focusVisible || !f.indicator);
      expect(noIndicator, `${colorScheme}: focus stops without a visible :focus-visible indicator`).toEqual([]);
      const faint = seen.filter((f) => f.indicator.startsWith('outline') && f.indicatorContrast < 3);
      expect(faint, `${colorScheme}: focus outlines below 3:1 against their background (WCAG 1.4.11)`).toEqual([]);
      console.info(`[a11y] popup (${colorScheme}): ${seen.length} Tab stops, ${shows.length} Show buttons, all with a focus indicator`);
    }
    if (canEmulate) await scheme(main.popup, 'light');
  });

  it('hovercard: opens from the keyboard, has no serious/critical axe violation, Escape returns focus to the marker', async () => {
    for (const session of new Set([main, alt])) {
      const { seed } = session;
      await seed.front();
      await seed.evaluate(() => {
        (document.activeElement as HTMLElement | null)?.blur?.();
        window.scrollTo(0, 0);
      });
      let card = await seed.evaluate(probeCard);
      for (let i = 0; i < 25 && card.focusedCitation !== '0'; i++) {
        await seed.press('Tab');
        card = await seed.evaluate(probeCard);
      }
      expect(card.focusedCitation, 'Tab reaches the first marker').toBe('0');
      expect(card.focusVisible).toBe(true);
      expect(card.focusOutline, 'the focused marker has an outline').not.toBe('none');
      card = await seed.waitFor(probeCard, (c) => c.hidden === false && c.text.includes(SOURCE_NAME), { message: 'hovercard open' });

      for (const colorScheme of session.schemes) {
        await scheme(seed, colorScheme);
        // The overlay lives in an open shadow root: axe reaches it through `fromShadowDom`.
        const violations = await runAxe(seed, [
          { fromShadowDom: ['sourcelens-overlay', '#sourcelens-card'] },
          { fromShadowDom: ['sourcelens-overlay', 'button.marker'] },
        ]);
        expectNoSeriousViolations(`hovercard (${colorScheme})`, violations);
        const cardBg = await seed.evaluate(() => {
          const el = document.querySelector('sourcelens-overlay')?.shadowRoot?.querySelector('.sl-hovercard');
          return el ? getComputedStyle(el).backgroundColor : '';
        });
        expect(cardBg, `hovercard background in the ${colorScheme} scheme`).toBe(colorScheme === 'dark' ? 'rgb(20, 23, 28)' : 'rgb(255, 255, 255)');
        expectContrast(`hovercard (${colorScheme})`, await seed.evaluate(auditContrast, [['sourcelens-overlay', '#sourcelens-card']]));
      }
      if (canEmulate) await scheme(seed, 'light');

      await seed.press('Escape');
      card = await seed.waitFor(probeCard, (c) => c.hidden === true, { message: 'hovercard hidden after Escape' });
      expect(card.focusedCitation, 'focus returns to the marker').toBe('0');
      expect(card.expanded).toBe('false');
    }
  });

  /** Click the popup's first duplicate "Show" and return the flash elements' animation names. */
  const flashAnimations = async (session: Session) => {
    const { seed, popup } = session;
    expect(await seed.evaluate(watchFlashAnimation), 'overlay shadow root present').toBe(true);
    await popup.front();
    await popup.click('[data-testid="popup-duplicate-show"]');
    await seed.front();
    return seed.waitFor(
      () => (window as unknown as { __slFlashAnim?: string[] }).__slFlashAnim ?? [],
      (a) => a.length > 0,
      { timeoutMs: 10_000, message: 'a flash element appeared' },
    );
  };

  it('prefers-reduced-motion: reduce removes the flash animation (and only then)', async () => {
    const reduced = canEmulate ? main : alt;
    await motion(reduced.seed, true);
    const anims = await flashAnimations(reduced);
    expect(anims.every((a) => a === 'none'), `flash animation-name under reduced motion: ${JSON.stringify(anims)}`).toBe(true);
    // Control: without the preference the same flash is animated, so the check above can fail.
    await motion(main.seed, false);
    const animated = await flashAnimations(main);
    expect(animated.every((a) => a === 'sl-flash'), `flash animation-name without reduced motion: ${JSON.stringify(animated)}`).toBe(true);
  });

  it('options page has no serious/critical axe violation (each colour scheme)', async () => {
    for (const session of new Set([main, alt])) {
      const options = await session.driver.openExtension('options.html');
      session.tabs.push(options);
      await options.resize(1024, 900);
      await options.waitFor(() => document.readyState === 'complete' && (document.body?.innerText.trim().length ?? 0) > 0, (v) => v, {
        message: 'options rendered',
      });
      for (const colorScheme of session.schemes) {
        await scheme(options, colorScheme);
        expectNoSeriousViolations(`options (${colorScheme})`, await runAxe(options));
        expectContrast(`options (${colorScheme})`, await options.evaluate(auditContrast, [['body']]));
      }
      expect(options.errors, 'uncaught options errors').toEqual([]);
    }
  });

  it('no request left 127.0.0.1', () => {
    for (const { driver } of sessions) expect(driver.guard.violations, driver.guard.describe()).toEqual([]);
  });
}

describe('accessibility in Chromium', () => a11ySuite('chromium'));
describe('accessibility in Firefox ESR (dark scheme and reduced motion: a second instance launched with prefs)', () => a11ySuite('firefox'));
