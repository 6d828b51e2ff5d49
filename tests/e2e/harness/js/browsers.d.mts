import type { BrowserContext, Worker } from 'playwright-core';
import type { Browser, Page } from 'puppeteer-core';
import type { NetworkGuard } from './network-guard.mjs';

export const FIREFOX_EXTENSION_UUID: string;
/** Host names Chromium resolves to 127.0.0.1 (two offline "sites" on the fixture server). */
export const LOOPBACK_ALIASES: string[];

export interface LaunchOptions {
  /** Checks every request; when its escape proxy is started, the browser is pointed at it. */
  guard?: NetworkGuard;
  /** Default true. */
  headless?: boolean;
  viewport?: { width: number; height: number };
  /**
   * Default true: run from a temporary copy of extDir, so a rebuild during the run cannot swap
   * files under the browser.
   */
  snapshot?: boolean;
  /**
   * Firefox only (Chromium ignores it): extra preferences, set at launch over `firefoxPrefs`.
   * E.g. `{ 'ui.systemUsesDarkTheme': 1, 'layout.css.prefers-color-scheme.content-override': 0 }`
   * for the dark colour scheme, `{ 'ui.prefersReducedMotion': 1 }` for reduced motion — what
   * puppeteer cannot emulate over WebDriver BiDi.
   */
  prefs?: Record<string, unknown>;
}

export interface ChromiumSession {
  context: BrowserContext;
  /** Host of the service worker URL. */
  extensionId: string;
  /** chrome-extension://ID */
  extensionBase: string;
  serviceWorker: Worker;
  userDataDir: string;
  /** The directory the browser loaded (the snapshot). */
  extensionPath: string;
  currentServiceWorker(): Worker;
  close(): Promise<void>;
}

export interface FirefoxSession {
  browser: Browser;
  geckoId: string;
  /** moz-extension://UUID */
  extensionBase: string;
  /** The directory the browser loaded (the snapshot). */
  extensionPath: string;
  /** A new tab, or with `{ window: true }` a new window. */
  newPage(options?: { window?: boolean }): Promise<Page>;
  openPage(page: Page, url: string): void;
  close(): Promise<void>;
}

export function browserPath(name: 'chromium' | 'firefox'): string;
export function firefoxPrefs(geckoId: string, proxyPort?: number): Record<string, unknown>;
export function launchChromium(extDir: string, options?: LaunchOptions): Promise<ChromiumSession>;
export function launchFirefox(extDir: string, options?: LaunchOptions): Promise<FirefoxSession>;
