/**
 * Background: resolves pages' citations against the bundled registry plus the user's own
 * sources (the registry stays out of the content script) and keeps each tab's badge at its
 * number of warnings. It also answers the options page (lib/options-messages.ts).
 *
 * The user's sources are read from storage.local on the first resolve and kept with their
 * index until storage.onChanged says they changed; only then is the index rebuilt.
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { isMessage, type ContentToBackgroundResolve } from '../lib/messages';
import { buildReport, type Resolver } from '../lib/report';
import { bundledRatings, bundledRegistry, getBundledIndex, getResolver } from '../lib/registry/bundled';
import { answerOptionsMessage, isOptionsMessage } from '../lib/options-messages';
import { USER_SOURCES_KEY, loadUserSources } from '../lib/user-sources';

export default defineBackground(() => {
  /** The resolver over bundled + user sources, while the user's sources are unchanged. */
  let userResolver: Promise<Resolver> | null = null;

  const resolver = (): Promise<Resolver> => {
    userResolver ??= loadUserSources(browser.storage.local)
      .then(({ sources }) => getResolver(sources))
      .catch((error: unknown) => {
        console.warn('SourceLens: could not read your sources; using the bundled registry only.', error);
        userResolver = null;
        return getResolver();
      });
    return userResolver;
  };

  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && USER_SOURCES_KEY in changes) userResolver = null;
  });

  // After an update, bring stored user sources to the current format right away.
  browser.runtime.onInstalled.addListener((details) => {
    if (details.reason === 'update') void resolver();
  });

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    const tabId = sender.tab?.id;
    if (isMessage<ContentToBackgroundResolve>(message, 'content→background:resolve')) {
      return resolver().then((r) => {
        const report = buildReport(message.facts, r);
        if (tabId !== undefined && sender.frameId === 0) void setBadge(tabId, report.warnings.length);
        return report;
      });
    }
    if (isMessage(message, 'content→background:cleared')) {
      if (tabId !== undefined && sender.frameId === 0) void setBadge(tabId, 0);
      return Promise.resolve(true);
    }
    if (isOptionsMessage(message)) {
      // Only the extension's own pages (not content scripts, which have a tab) may ask.
      if (sender.tab && sender.url && !sender.url.startsWith(browser.runtime.getURL('/'))) return undefined;
      return Promise.resolve(
        answerOptionsMessage(message, { registry: bundledRegistry, ratings: bundledRatings, index: getBundledIndex() }),
      );
    }
    return undefined;
  });
});

async function setBadge(tabId: number, warnings: number): Promise<void> {
  try {
    await browser.action.setBadgeBackgroundColor({ tabId, color: warnings > 0 ? '#b45309' : '#2563eb' });
    await browser.action.setBadgeText({ tabId, text: warnings > 0 ? String(warnings) : '' });
  } catch {
    // The tab closed meanwhile.
  }
}
