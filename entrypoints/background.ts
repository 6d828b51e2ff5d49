/**
 * Background: resolves pages' citations against the registry plus the user's own sources (the
 * registry stays out of the content script) and keeps each tab's badge at its number of
 * warnings. It also answers the options page (lib/options-messages.ts).
 *
 * The registry ships as data files in the package (lib/registry/packaged.ts), read with
 * `fetch` on first use. The user's sources are read from storage.local on the first resolve
 * and kept, with their index, until storage.onChanged says they changed; only then is the
 * index rebuilt.
 *
 * With the opt-in setting `crossPageReuse` on, it also keeps the fingerprints of the paragraphs
 * of visited pages (lib/reuse/service.ts, storage.local) and adds to each report the paragraphs
 * seen before on other sites. The setting is checked here too, whatever a content script sends.
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { isMessage, type ContentToBackgroundResolve, type OptionsToBackgroundReuseReplies } from '../lib/messages';
import { ReuseService, type ReuseArea } from '../lib/reuse/service';
import { SETTINGS_KEY, parseSettings } from '../lib/settings';
import { buildReport, type Resolver } from '../lib/report';
import { RegistryIndex } from '../lib/registry/index';
import { PACKAGED_FILES, packagedRegistry } from '../lib/registry/packaged';
import type { RatingsFile } from '../lib/registry/ratings';
import { answerOptionsMessage, isOptionsMessage, type OptionsContext } from '../lib/options-messages';
import { USER_SOURCES_KEY, loadUserSources } from '../lib/user-sources';

export default defineBackground(() => {
  const packageUrl = (file: string) => (browser.runtime.getURL as (path: string) => string)(`/${file}`);

  /** Parsed package files, shared by the resolver and the options page's questions. */
  const files = new Map<string, Promise<unknown>>();
  const read = (file: string): Promise<unknown> => {
    let data = files.get(file);
    if (!data) {
      data = fetch(packageUrl(file)).then((response) => {
        if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
        return response.json() as Promise<unknown>;
      });
      files.set(file, data);
      // A failed read is tried again next time.
      data.catch(() => files.delete(file));
    }
    return data;
  };
  const registry = packagedRegistry(read);

  /** The resolver over bundled + user sources, while the user's sources are unchanged. */
  let userResolver: Promise<Resolver> | null = null;

  const resolver = (): Promise<Resolver> => {
    if (userResolver) return userResolver;
    const current = loadUserSources(browser.storage.local)
      .catch((error: unknown) => {
        console.warn('SourceLens: could not read your sources; using the bundled registry only.', error);
        return { sources: [] };
      })
      .then(({ sources }) => registry.resolver(sources));
    userResolver = current;
    // Not cached when it failed (the package could not be read): the next page tries again.
    current.catch(() => {
      if (userResolver === current) userResolver = null;
    });
    return current;
  };

  /** The opt-in setting for reuse across sites, read on first need and after it changes. */
  let reuseEnabled: Promise<boolean> | null = null;
  const reuse = new ReuseService(browser.storage.local as unknown as ReuseArea, {
    enabled: () => {
      reuseEnabled ??= browser.storage.local
        .get(SETTINGS_KEY)
        .then((stored) => parseSettings(stored?.[SETTINGS_KEY]).crossPageReuse)
        .catch(() => false);
      return reuseEnabled;
    },
    onError: (error) => console.warn('SourceLens: paragraph fingerprints:', error),
  });

  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && USER_SOURCES_KEY in changes) userResolver = null;
    if (area === 'local' && SETTINGS_KEY in changes) reuseEnabled = null;
  });

  // After an update, bring stored user sources to the current format right away.
  browser.runtime.onInstalled.addListener((details) => {
    if (details.reason === 'update') void resolver().catch(() => {});
  });

  /** What the options page asks about: the bundled registry alone (built on its first question). */
  let optionsContext: Promise<OptionsContext> | null = null;
  const options = (): Promise<OptionsContext> => {
    optionsContext ??= Promise.all([registry.registry(), read(PACKAGED_FILES.ratings)]).then(([data, ratings]) => ({
      registry: data,
      ratings: ratings as RatingsFile,
      index: new RegistryIndex(data),
    }));
    optionsContext.catch(() => (optionsContext = null));
    return optionsContext;
  };

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    const tabId = sender.tab?.id;
    if (isMessage<ContentToBackgroundResolve>(message, 'content→background:resolve')) {
      // Fingerprints come only with the opt-in setting on; without them storage is not touched.
      const matches = message.fingerprints
        ? reuse
            .handle({
              fingerprints: message.fingerprints,
              url: sender.url ?? message.facts.url,
              incognito: sender.tab?.incognito === true,
              topFrame: sender.frameId === undefined || sender.frameId === 0,
            })
            .catch((error: unknown) => {
              console.warn('SourceLens: paragraph fingerprints:', error);
              return undefined;
            })
        : Promise.resolve(undefined);
      return Promise.all([resolver(), matches]).then(([r, found]) => {
        const report = buildReport(message.facts, r, found ? { reuse: found } : {});
        if (tabId !== undefined && sender.frameId === 0) void setBadge(tabId, report.warnings.length);
        return report;
      });
    }
    if (isMessage(message, 'content→background:cleared')) {
      if (tabId !== undefined && sender.frameId === 0) void setBadge(tabId, 0);
      return Promise.resolve(true);
    }
    if (isMessage(message, 'options→background:reuse-stats') || isMessage(message, 'options→background:reuse-clear')) {
      if (sender.url && !sender.url.startsWith(packageUrl(''))) return undefined;
      const reply: Promise<OptionsToBackgroundReuseReplies[keyof OptionsToBackgroundReuseReplies]> =
        (message as { type: string }).type === 'options→background:reuse-clear'
          ? reuse.clear().then(() => true as const)
          : reuse.stats();
      return reply;
    }
    if (isOptionsMessage(message)) {
      // Only the extension's own pages may ask (a content script's sender has a web page URL).
      if (sender.url && !sender.url.startsWith(packageUrl(''))) return undefined;
      return options().then((ctx) => answerOptionsMessage(message, ctx));
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
