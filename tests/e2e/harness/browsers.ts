/** Browser launchers (implementation in js/browsers.mjs, shared with scripts/start.mjs). */
export { browserPath, firefoxPrefs, launchChromium, launchFirefox, FIREFOX_EXTENSION_UUID } from './js/browsers.mjs';
export type { ChromiumSession, FirefoxSession, LaunchOptions } from './js/browsers.mjs';
export { corpusDir, extensionDir, projectRoot, sharedDir, seedArticlePath } from './js/paths.mjs';
