/**
 * One small driver over both automation libraries, so the seed suite is written once:
 * Chromium through playwright-core (extension APIs evaluated in the service worker), Firefox
 * through puppeteer-core/WebDriver BiDi (extension APIs evaluated in an extension page, since
 * BiDi cannot reach the background script).
 *
 * Tab ids: Chromium scrubs `tab.url` for an extension without the "tabs" permission or a host
 * permission (content-script matches are not enough), so tabs are never found by URL here.
 * `open()` diffs the set of tab ids before and after opening a page instead, which works
 * without any permission in both browsers.
 */
import type { Page as PwPage } from 'playwright-core';
import type { Page as PpPage } from 'puppeteer-core';
import { launchChromium, launchFirefox, type ChromiumSession, type FirefoxSession } from './browsers';
import { NetworkGuard } from './network';
import { screenshot } from './screenshots';

export type BrowserName = 'chromium' | 'firefox';

export interface Tab {
  /** The browser's tab id (for extension APIs), or -1 for extension pages opened by the driver. */
  readonly id: number;
  readonly url: string;
  /** Uncaught errors of the page (pageerror), in order. */
  readonly errors: string[];
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /**
   * Poll `fn` in the page until `until(value)` holds. Rejects after `timeoutMs` with `message`
   * and the last value seen (or the last evaluation error).
   */
  waitFor<R, A = undefined>(
    fn: (arg: A) => R | Promise<R>,
    until: (value: R) => boolean,
    options?: { arg?: A; timeoutMs?: number; message?: string },
  ): Promise<R>;
  press(key: string): Promise<void>;
  click(selector: string): Promise<void>;
  screenshot(name: string, fullPage?: boolean): Promise<string>;
  /** Reload and wait for the load event. */
  reload(): Promise<void>;
  /** Navigate this tab to `url` and wait for the load event (the tab id stays the same). */
  goto(url: string): Promise<void>;
  /** Make this the active, focused tab. */
  front(): Promise<void>;
  resize(width: number, height: number): Promise<void>;
  close(): Promise<void>;
}

export interface Driver {
  readonly name: BrowserName;
  /** chrome-extension://ID or moz-extension://UUID */
  readonly extensionBase: string;
  readonly guard: NetworkGuard;
  /** Open a web page in a new tab and wait for its load event. */
  open(url: string): Promise<Tab>;
  /** Open an extension page (path relative to the extension root) in a new tab. */
  openExtension(pathAndQuery: string): Promise<Tab>;
  badgeText(tabId: number): Promise<string>;
  /** `tabs.sendMessage` to the tab's top frame (as the popup does), from the extension's side; rejects when nothing answers. */
  sendToTab<T = unknown>(tabId: number, message: unknown): Promise<T>;
  /** All tab ids (no permission needed). */
  tabIds(): Promise<number[]>;
  /** `storage.local.set(items)` from the extension's side (e.g. the site switch's settings). */
  setStorage(items: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

/** The extension API object inside an evaluated function (no ambient types needed). */
type ExtApi = {
  tabs: { query(q: object): Promise<Array<{ id?: number }>>; sendMessage(id: number, msg: unknown, options?: { frameId?: number }): Promise<unknown> };
  storage: { local: { set(items: Record<string, unknown>): Promise<void> } };
  action: { getBadgeText(d: { tabId: number }): Promise<string> };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function poll<R>(
  read: () => Promise<R>,
  until: (value: R) => boolean,
  timeoutMs: number,
  message: string,
): Promise<R> {
  const deadline = Date.now() + timeoutMs;
  let last: { value?: R; error?: unknown } = {};
  for (;;) {
    try {
      const value = await read();
      last = { value };
      if (until(value)) return value;
    } catch (error) {
      last = { error };
    }
    if (Date.now() > deadline) {
      const seen = 'error' in last ? `last error: ${String(last.error)}` : `last value: ${JSON.stringify(last.value)}`;
      throw new Error(`${message} (waited ${timeoutMs} ms; ${seen})`);
    }
    await sleep(100);
  }
}

async function newTabId(before: number[], after: () => Promise<number[]>): Promise<number> {
  const known = new Set(before);
  const added = await poll(
    async () => (await after()).filter((id) => !known.has(id)),
    (ids) => ids.length > 0,
    10_000,
    'a new tab id to appear',
  );
  if (added.length !== 1) throw new Error(`expected one new tab, got ${added.join(', ')}`);
  return added[0];
}

// ---------------------------------------------------------------- Chromium (playwright-core)

function playwrightTab(page: PwPage, id: number, url: string, name: BrowserName): Tab {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  const tab: Tab = {
    id,
    url,
    errors,
    evaluate: (fn, arg) => page.evaluate(fn as never, arg as never),
    waitFor: (fn, until, options = {}) =>
      poll(() => tab.evaluate(fn, options.arg), until, options.timeoutMs ?? 15_000, options.message ?? 'condition in page'),
    press: (key) => page.keyboard.press(key),
    click: (selector) => page.click(selector, { timeout: 10_000 }),
    screenshot: (shot, fullPage) => screenshot(page, `${name}-${shot}`, fullPage),
    reload: async () => {
      await page.reload({ waitUntil: 'load' });
    },
    goto: async (target) => {
      await page.goto(target, { waitUntil: 'load' });
    },
    front: () => page.bringToFront(),
    resize: (width, height) => page.setViewportSize({ width, height }),
    close: () => page.close(),
  };
  return tab;
}

export async function chromiumDriver(extDir: string): Promise<Driver & { session: ChromiumSession }> {
  const { CHROMIUM_BACKGROUND_HOSTS } = await import('./network');
  const guard = new NetworkGuard({ backgroundHosts: CHROMIUM_BACKGROUND_HOSTS });
  await guard.startProxy();
  let session: ChromiumSession;
  try {
    session = await launchChromium(extDir, { guard });
  } catch (error) {
    await guard.close();
    throw error;
  }
  const sw = () => session.currentServiceWorker();
  const tabIds = () => sw().evaluate(async () => (await ((globalThis as any).chrome as ExtApi).tabs.query({})).map((t) => t.id!).filter((id) => id !== undefined));
  const driver = {
    name: 'chromium' as const,
    extensionBase: session.extensionBase,
    guard,
    session,
    tabIds,
    async open(url: string) {
      const before = await tabIds();
      const page = await session.context.newPage();
      const id = await newTabId(before, tabIds);
      await page.goto(url, { waitUntil: 'load' });
      return playwrightTab(page, id, url, 'chromium');
    },
    async openExtension(pathAndQuery: string) {
      const url = `${session.extensionBase}/${pathAndQuery.replace(/^\//, '')}`;
      const page = await session.context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      return playwrightTab(page, -1, url, 'chromium');
    },
    badgeText: (tabId: number) => sw().evaluate((id) => ((globalThis as any).chrome as ExtApi).action.getBadgeText({ tabId: id }), tabId),
    setStorage: (items: Record<string, unknown>) =>
      sw().evaluate((v) => ((globalThis as any).chrome as ExtApi).storage.local.set(v), items),
    sendToTab: <T>(tabId: number, message: unknown) =>
      sw().evaluate(([id, msg]) => ((globalThis as any).chrome as ExtApi).tabs.sendMessage(id as number, msg, { frameId: 0 }), [tabId, message] as const) as Promise<T>,
    async close() {
      await session.close();
      await guard.close();
    },
  };
  return driver;
}

// ---------------------------------------------------------------- Firefox (puppeteer-core, BiDi)

function puppeteerTab(page: PpPage, id: number, url: string, name: BrowserName, reloadable = true): Tab {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  const tab: Tab = {
    id,
    url,
    errors,
    evaluate: (fn, arg) => page.evaluate(fn as never, arg as never) as never,
    waitFor: (fn, until, options = {}) =>
      poll(() => tab.evaluate(fn, options.arg), until, options.timeoutMs ?? 15_000, options.message ?? 'condition in page'),
    press: (key) => page.keyboard.press(key as never),
    click: (selector) => page.click(selector),
    screenshot: (shot, fullPage) => screenshot(page, `${name}-${shot}`, fullPage),
    reload: async () => {
      if (!reloadable) throw new Error('extension pages are reopened, not reloaded, in Firefox');
      await page.reload({ waitUntil: 'load' });
    },
    goto: async (target) => {
      if (!reloadable) throw new Error('extension pages are reopened, not navigated, in Firefox');
      await page.goto(target, { waitUntil: 'load' });
    },
    front: () => page.bringToFront(),
    resize: (width, height) => page.setViewport({ width, height }),
    close: () => page.close(),
  };
  return tab;
}

export async function firefoxDriver(extDir: string): Promise<Driver & { session: FirefoxSession }> {
  const guard = new NetworkGuard();
  await guard.startProxy();
  let session: FirefoxSession;
  try {
    session = await launchFirefox(extDir, { guard });
  } catch (error) {
    await guard.close();
    throw error;
  }
  /**
   * Open an extension page without awaiting goto (it never resolves for moz-extension://), in a
   * window of its own: like the real toolbar popup it must not hide the page's tab. (Firefox
   * drops a smooth scrollIntoView requested by a hidden tab, which a popup opened as a sibling
   * tab would cause and a real popup never does.)
   */
  const openExt = async (pathAndQuery: string) => {
    const url = `${session.extensionBase}/${pathAndQuery.replace(/^\//, '')}`;
    const page = await session.newPage({ window: true });
    session.openPage(page, url);
    await poll(
      () => page.evaluate(() => [location.href, document.readyState] as const),
      ([href, ready]) => href === url && ready === 'complete',
      20_000,
      `extension page ${url} to load`,
    );
    return page;
  };
  // Extension APIs are evaluated in this extension page (BiDi can't reach the background).
  let apiPage: PpPage;
  try {
    apiPage = await openExt('popup.html?tab=-1');
  } catch (error) {
    await session.close();
    await guard.close();
    throw error;
  }
  const tabIds = () => apiPage.evaluate(async () => (await ((globalThis as any).browser as ExtApi).tabs.query({})).map((t) => t.id!).filter((id) => id !== undefined));
  const driver = {
    name: 'firefox' as const,
    extensionBase: session.extensionBase,
    guard,
    session,
    tabIds,
    async open(url: string) {
      const before = await tabIds();
      const page = await session.newPage();
      const id = await newTabId(before, tabIds);
      await page.goto(url, { waitUntil: 'load' });
      return puppeteerTab(page, id, url, 'firefox');
    },
    async openExtension(pathAndQuery: string) {
      const page = await openExt(pathAndQuery);
      return puppeteerTab(page, -1, `${session.extensionBase}/${pathAndQuery.replace(/^\//, '')}`, 'firefox', false);
    },
    badgeText: (tabId: number) => apiPage.evaluate((id) => ((globalThis as any).browser as ExtApi).action.getBadgeText({ tabId: id }), tabId),
    setStorage: (items: Record<string, unknown>) =>
      apiPage.evaluate((v) => ((globalThis as any).browser as ExtApi).storage.local.set(v), items as never),
    sendToTab: <T>(tabId: number, message: unknown) =>
      apiPage.evaluate((id, msg) => ((globalThis as any).browser as ExtApi).tabs.sendMessage(id, msg, { frameId: 0 }), tabId, message as never) as Promise<T>,
    async close() {
      await session.close();
      await guard.close();
    },
  };
  return driver;
}

export function launchDriver(name: BrowserName, extDir: string): Promise<Driver> {
  return name === 'chromium' ? chromiumDriver(extDir) : firefoxDriver(extDir);
}

export { poll, sleep };
