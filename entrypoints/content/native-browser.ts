/**
 * The content script's `browser`: the browser's own promise-based extension API (Firefox's
 * `browser`, Chrome MV3's `chrome`), in place of webextension-polyfill, which would be a tenth
 * of the content script's budget. build/lean-content.ts resolves `webextension-polyfill` here
 * for the content script only. What the content script uses behaves the same in both browsers
 * natively: runtime.sendMessage/storage.local.get return promises, and onMessage listeners
 * answer through `sendResponse` (entrypoints/content/index.ts), not by returning a promise.
 */
const g = globalThis as { browser?: { runtime?: { id?: string } }; chrome?: unknown };
const api = g.browser?.runtime?.id ? g.browser : g.chrome;
export default api;
