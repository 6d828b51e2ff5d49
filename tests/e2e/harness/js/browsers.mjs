// @ts-check
/**
 * Launch real browsers with the built extension. Plain JS, shared by the e2e tests and
 * scripts/start.mjs. Recipes: /work/shared/notes/toolchain.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertBuilt } from './paths.mjs';

/** The moz-extension:// host the Firefox add-on gets (pinned through extensions.webextensions.uuids). */
export const FIREFOX_EXTENSION_UUID = '5f0c3a52-7d1e-4b8f-9a63-2c4e6b8d0f17';

const BROWSERS = {
  chromium: { env: 'CHROMIUM_PATH', fallback: '/usr/bin/chromium', install: 'apt-get install -y chromium' },
  firefox: { env: 'FIREFOX_PATH', fallback: '/usr/bin/firefox-esr', install: 'apt-get install -y firefox-esr' },
};

/**
 * The browser executable: env CHROMIUM_PATH / FIREFOX_PATH, else the Debian default.
 * Throws (never skips) when it is missing.
 * @param {'chromium' | 'firefox'} name
 */
export function browserPath(name) {
  const spec = BROWSERS[name];
  const fromEnv = process.env[spec.env];
  const exe = fromEnv || spec.fallback;
  if (!fs.existsSync(exe)) {
    throw new Error(
      fromEnv
        ? `${spec.env}=${fromEnv} does not exist. Point ${spec.env} at a ${name} executable.`
        : `${name} not found at ${spec.fallback}. Install it (${spec.install}) or set ${spec.env} to its executable.`,
    );
  }
  return exe;
}

/**
 * Host names Chromium resolves to 127.0.0.1 (through --host-resolver-rules, and past the
 * guard's escape proxy), so tests can serve pages of two different sites from the one fixture
 * server, offline (reserved `.test` names: they never exist on the internet). Used by
 * tests/e2e/reuse.e2e.test.ts (paragraphs copied across sites).
 */
export const LOOPBACK_ALIASES = ['site-a.test', 'site-b.test'];

function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function removeDir(dir) {
  try {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    // best effort
  }
}

/**
 * Copy the built extension into a temporary directory and return that copy. Browsers read an
 * unpacked/temporary extension's files from disk while it runs (content scripts on each
 * injection), so a `wxt build` running meanwhile (another terminal, a watcher) would swap
 * files under a test run. The copy pins the build a run started with.
 * @param {string} dir
 */
function snapshotExtension(dir) {
  for (let attempt = 1; ; attempt++) {
    const copy = tempDir('sourcelens-ext-');
    const problem = (() => {
      try {
        fs.cpSync(dir, copy, { recursive: true });
        return missingFiles(copy);
      } catch (error) {
        return String(error);
      }
    })();
    if (!problem) return copy;
    removeDir(copy);
    // A build was probably writing the directory: wait for it to finish.
    if (attempt >= 10) throw new Error(`The build in ${dir} is incomplete: ${problem}`);
    const until = Date.now() + 1000;
    while (Date.now() < until) {
      // synchronous wait (rare path)
    }
  }
}

/** Files the manifest names that are missing in `dir` ('' when complete). */
function missingFiles(dir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const files = [
    manifest.background?.service_worker,
    ...(manifest.background?.scripts ?? []),
    manifest.action?.default_popup,
    ...(manifest.content_scripts ?? []).flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])]),
  ].filter(Boolean);
  const missing = files.filter((f) => !fs.existsSync(path.join(dir, f)));
  return missing.length ? `missing ${missing.join(', ')}` : '';
}

/** Resolve `promise`, or give up after `ms` (for close() of a browser that hangs). */
function withTimeout(promise, ms) {
  return Promise.race([promise, new Promise((resolve) => setTimeout(resolve, ms))]);
}

/**
 * Chromium (Debian's, which honours --load-extension) through playwright-core, in a fresh
 * temporary profile.
 * @param {string} extDir
 * @param {import('./browsers.d.mts').LaunchOptions} [options]
 */
export async function launchChromium(extDir, options = {}) {
  const { chromium } = await import('playwright-core');
  assertBuilt(path.resolve(extDir), 'npx wxt build --mv3');
  const executablePath = browserPath('chromium');
  const dir = options.snapshot === false ? path.resolve(extDir) : snapshotExtension(path.resolve(extDir));
  const cleanup = () => {
    if (dir !== path.resolve(extDir)) removeDir(dir);
  };
  const userDataDir = tempDir('sourcelens-chromium-');
  const guard = options.guard;
  const args = [
    `--disable-extensions-except=${dir}`,
    `--load-extension=${dir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    `--host-resolver-rules=${LOOPBACK_ALIASES.map((h) => `MAP ${h} 127.0.0.1`).join(' , ')} , MAP * ~NOTFOUND , EXCLUDE 127.0.0.1`,
    '--lang=en-US',
  ];
  // Everything not bound for loopback goes to the guard's escape proxy (Chromium never proxies
  // loopback), so even traffic the DevTools protocol does not report is seen.
  if (guard?.proxy) {
    args.push(`--proxy-server=http://127.0.0.1:${guard.proxy.port}`, `--proxy-bypass-list=${LOOPBACK_ALIASES.join(';')}`);
  }
  const headless = options.headless ?? true;
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless,
      ignoreDefaultArgs: ['--disable-extensions'],
      args,
      locale: 'en-US',
      viewport: options.viewport ?? { width: 1280, height: 900 },
    });
  } catch (error) {
    removeDir(userDataDir);
    cleanup();
    throw error;
  }
  if (guard) {
    context.on('request', (request) => {
      guard.check(request.url(), request.serviceWorker() ? 'chromium:service-worker' : 'chromium:page');
    });
  }
  const isOurs = (/** @type {import('playwright-core').Worker} */ w) => w.url().startsWith('chrome-extension://');
  let serviceWorker = context.serviceWorkers().find(isOurs);
  try {
    serviceWorker ??= await context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 30_000 });
  } catch (error) {
    await withTimeout(context.close(), 10_000);
    removeDir(userDataDir);
    cleanup();
    throw new Error(`Chromium started but the extension's service worker never appeared (is ${dir} a valid MV3 build?): ${error}`);
  }
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    extensionId,
    extensionBase: `chrome-extension://${extensionId}`,
    serviceWorker,
    userDataDir,
    extensionPath: dir,
    /** The extension's service worker now (it can be restarted by the browser). */
    currentServiceWorker: () => context.serviceWorkers().find(isOurs) ?? serviceWorker,
    close: async () => {
      await withTimeout(context.close(), 15_000);
      removeDir(userDataDir);
      cleanup();
    },
  };
}

/**
 * Preferences that keep Firefox from talking to the network on its own (puppeteer's own
 * defaults cover part of it; these make it explicit), plus what the tests need.
 * @param {string} geckoId
 * @param {number | undefined} proxyPort
 */
export function firefoxPrefs(geckoId, proxyPort) {
  // Service URLs point at a closed port on 127.0.0.1 (the discard port): a browser service
  // that still calls home fails locally instead of reaching the internet. An empty string is
  // not always safe: some services fall back to their built-in default URL.
  const DEAD = 'http://127.0.0.1:9/dead';
  /** @type {Record<string, unknown>} */
  const prefs = {
    // Pin the moz-extension:// host.
    'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: FIREFOX_EXTENSION_UUID }),
    // MV3 host permissions (incl. content-script matches) granted at install. This is the
    // default in Firefox ≥ 127; set explicitly so a changed default cannot silently disable
    // the content script.
    'extensions.originControls.grantByDefault': true,
    // Let content scripts run on every host (no restricted domains in tests).
    'extensions.webextensions.restrictedDomains': '',
    'extensions.quarantinedDomains.enabled': false,
    // English UI and pages.
    'intl.locale.requested': 'en-US',
    'intl.accept_languages': 'en-US, en',
    // No background network traffic.
    'app.update.enabled': false,
    'app.update.auto': false,
    'app.update.url': DEAD,
    'app.normandy.enabled': false,
    'app.normandy.api_url': '',
    'app.shield.optoutstudies.enabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'network.dns.disablePrefetch': true,
    'network.dns.disablePrefetchFromHTTPS': true,
    'network.prefetch-next': false,
    'network.predictor.enabled': false,
    'network.http.speculative-parallel-limit': 0,
    'network.trr.mode': 5,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.downloads.remote.enabled': false,
    'browser.safebrowsing.blockedURIs.enabled': false,
    'browser.safebrowsing.passwords.enabled': false,
    'browser.safebrowsing.provider.google.updateURL': '',
    'browser.safebrowsing.provider.google4.updateURL': '',
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'browser.safebrowsing.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.update.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'extensions.blocklist.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'datareporting.usage.uploadEnabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.archive.enabled': false,
    'toolkit.telemetry.server': DEAD,
    'toolkit.telemetry.updatePing.enabled': false,
    'toolkit.telemetry.shutdownPingSender.enabled': false,
    'toolkit.telemetry.newProfilePing.enabled': false,
    'toolkit.telemetry.firstShutdownPing.enabled': false,
    'toolkit.telemetry.bhrPing.enabled': false,
    'browser.ping-centre.telemetry': false,
    'browser.newtabpage.enabled': false,
    'browser.newtabpage.activity-stream.feeds.telemetry': false,
    'browser.newtabpage.activity-stream.telemetry': false,
    'browser.newtabpage.activity-stream.feeds.snippets': false,
    'browser.newtabpage.activity-stream.feeds.section.topstories': false,
    'browser.newtabpage.activity-stream.feeds.system.topstories': false,
    'browser.newtabpage.activity-stream.feeds.discoverystreamfeed': false,
    'browser.newtabpage.activity-stream.feeds.topsites': false,
    'browser.newtabpage.activity-stream.feeds.weatherfeed': false,
    'browser.newtabpage.activity-stream.showSponsored': false,
    'browser.newtabpage.activity-stream.showSponsoredTopSites': false,
    'browser.newtabpage.activity-stream.default.sites': '',
    'browser.region.network.url': '',
    'browser.region.update.enabled': false,
    'browser.search.geoip.url': DEAD,
    'browser.search.update': false,
    'browser.contentblocking.report.lockwise.enabled': false,
    'browser.discovery.enabled': false,
    'browser.topsites.contile.enabled': false,
    'browser.urlbar.quicksuggest.enabled': false,
    'browser.urlbar.suggest.searches': false,
    'browser.translations.enable': false,
    'browser.ml.enable': false,
    'geo.provider.network.url': '',
    'geo.enabled': false,
    'dom.push.enabled': false,
    'dom.push.connection.enabled': false,
    'dom.push.serverURL': DEAD,
    'media.gmp-manager.url': DEAD,
    'media.gmp-manager.updateEnabled': false,
    'media.gmp-gmpopenh264.enabled': false,
    'media.gmp-widevinecdm.enabled': false,
    // Remote settings: release builds ignore this override unless MOZ_REMOTE_SETTINGS_DEVTOOLS=1
    // is in the environment (launchFirefox sets it), and otherwise poll
    // firefox.settings.services.mozilla.com.
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
    'services.sync.enabled': false,
    'identity.fxaccounts.enabled': false,
    'security.OCSP.enabled': 0,
    'security.remote_settings.crlite_filters.enabled': false,
    'security.remote_settings.intermediates.enabled': false,
    'security.certerrors.mitm.priming.enabled': false,
    'privacy.trackingprotection.enabled': false,
    'extensions.webservice.discoverURL': DEAD,
    'extensions.getAddons.discovery.api_url': DEAD,
    'datareporting.healthreport.documentServerURI': DEAD,
    'network.sntp.pools': '127.0.0.1',
  };
  if (proxyPort) {
    // Every non-loopback connection goes to the guard's escape proxy (Firefox never proxies
    // localhost/127.0.0.1 while allow_hijacking_localhost is false).
    Object.assign(prefs, {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxyPort,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxyPort,
      'network.proxy.share_proxy_settings': true,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': false,
      'network.proxy.socks_remote_dns': true,
    });
  }
  return prefs;
}

/**
 * Firefox ESR through puppeteer-core (WebDriver BiDi), the extension installed as a temporary
 * add-on. Note: `page.goto('moz-extension://…')` never resolves in this setup; use `openPage`
 * (which does not wait) and poll.
 * @param {string} extDir
 * @param {import('./browsers.d.mts').LaunchOptions} [options]
 */
export async function launchFirefox(extDir, options = {}) {
  const { default: puppeteer } = await import('puppeteer-core');
  assertBuilt(path.resolve(extDir), 'npx wxt build -b firefox --mv3');
  const executablePath = browserPath('firefox');
  const dir = options.snapshot === false ? path.resolve(extDir) : snapshotExtension(path.resolve(extDir));
  const cleanup = () => {
    if (dir !== path.resolve(extDir)) removeDir(dir);
  };
  const manifest = assertBuilt(dir, 'npx wxt build -b firefox --mv3');
  const geckoId = manifest.browser_specific_settings?.gecko?.id ?? manifest.applications?.gecko?.id;
  if (!geckoId) {
    cleanup();
    throw new Error(`${path.resolve(extDir)}/manifest.json has no browser_specific_settings.gecko.id`);
  }
  const guard = options.guard;
  const viewport = options.viewport ?? { width: 1280, height: 900 };
  /** @type {import('puppeteer-core').Browser} */
  let browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: options.headless ?? true,
      args: ['--remote-allow-system-access', `--width=${viewport.width}`, `--height=${viewport.height}`],
      // Extra prefs (e.g. a dark colour scheme or reduced motion, which puppeteer cannot emulate
      // over BiDi) go over the defaults.
      extraPrefsFirefox: { ...firefoxPrefs(geckoId, guard?.proxy?.port), ...options.prefs },
      defaultViewport: viewport,
      // Lets the services.settings.server pref take effect in a release build (see firefoxPrefs).
      env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    });
  } catch (error) {
    cleanup();
    throw error;
  }
  /** @param {import('puppeteer-core').Page} page */
  const watch = (page) => {
    if (!guard || watched.has(page)) return page;
    watched.add(page);
    page.on('request', (request) => {
      guard.check(request.url(), 'firefox:page');
    });
    return page;
  };
  const watched = new WeakSet();
  if (guard) {
    for (const page of await browser.pages()) watch(page);
    browser.on('targetcreated', (target) => {
      target
        .page()
        .then((page) => page && watch(page))
        .catch(() => {});
    });
  }
  let installedId;
  try {
    installedId = await browser.installExtension(dir);
  } catch (error) {
    await withTimeout(browser.close(), 10_000);
    cleanup();
    throw new Error(`Firefox could not install ${dir} as a temporary add-on: ${error}`);
  }
  if (installedId !== geckoId) {
    await withTimeout(browser.close(), 10_000);
    cleanup();
    throw new Error(`Firefox installed the add-on as ${installedId}, expected ${geckoId}`);
  }
  const extensionBase = `moz-extension://${FIREFOX_EXTENSION_UUID}`;
  return {
    browser,
    geckoId,
    extensionBase,
    extensionPath: dir,
    /** A new tab, or a new window with `{ window: true }` (watched by the guard). */
    newPage: async (/** @type {{ window?: boolean }} */ opts = {}) =>
      watch(await browser.newPage(opts.window ? { type: 'window' } : undefined)),
    /** Start loading `url` in `page` without waiting (goto on moz-extension:// never resolves). */
    openPage: (/** @type {import('puppeteer-core').Page} */ page, /** @type {string} */ url) => {
      page.goto(url, { waitUntil: 'domcontentloaded', timeout: 0 }).catch(() => {});
    },
    close: async () => {
      await withTimeout(browser.close(), 15_000);
      cleanup();
    },
  };
}
