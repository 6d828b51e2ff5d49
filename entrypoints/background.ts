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
import {
  isMessage,
  type BackgroundToContentGetSelection,
  type BackgroundToContentToggleOverlay,
  type ContentToBackgroundResolve,
  type OptionsToBackgroundReuseReplies,
} from '../lib/messages';
import { ReuseService, type ReuseArea } from '../lib/reuse/service';
import { fingerprintParagraphs } from '../lib/reuse/signature';
import { SETTINGS_KEY, parseSettings } from '../lib/settings';
import { buildReport, forTransfer, validParagraphs, withDuplicatesFromParagraphs, type Resolver } from '../lib/report';
import { RegistryIndex } from '../lib/registry/index';
import { PACKAGED_FILES, packagedRegistry } from '../lib/registry/packaged';
import type { RatingsFile } from '../lib/registry/ratings';
import { answerOptionsMessage, isOptionsMessage, type OptionsContext } from '../lib/options-messages';
import { USER_SOURCES_KEY, loadUserSources } from '../lib/user-sources';
import { SELECTION_CHECK_KEY, checkSelection, isSelectionCheck, type SelectionCheck } from '../lib/selection-check';
import { openSidePanel } from '../components/sidepanel/open';

/** The context menu item "Check selection" (lib/selection-check). */
export const CHECK_SELECTION_MENU = 'sourcelens-check-selection';
/** The keyboard command that hides or shows the marks on the active tab's page. */
export const TOGGLE_OVERLAY_COMMAND = 'toggle-overlay';

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
      const facts = message.computeDuplicates ? withDuplicatesFromParagraphs(message.facts) : message.facts;
      // Fingerprints only with the opt-in setting on; without them storage is not touched.
      const matches = message.reuse
        ? reuse
            .handle({
              fingerprints: fingerprintParagraphs(validParagraphs(facts.paragraphs)),
              url: sender.url ?? facts.url,
              incognito: sender.tab?.incognito === true,
              topFrame: sender.frameId === undefined || sender.frameId === 0,
            })
            .catch((error: unknown) => {
              console.warn('SourceLens: paragraph fingerprints:', error);
              return undefined;
            })
        : Promise.resolve(undefined);
      return Promise.all([resolver(), matches]).then(([r, found]) => {
        const report = buildReport(facts, r, found ? { reuse: found } : {});
        if (tabId !== undefined && sender.frameId === 0) void setBadge(tabId, report.warnings.length);
        return forTransfer(report);
      });
    }
    if (isMessage(message, 'panel→background:get-selection-check')) {
      if (sender.url && !sender.url.startsWith(packageUrl(''))) return undefined;
      return lastSelectionCheck();
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

  // Keyboard shortcut (manifest `commands`): hide or show the marks on the active tab's page.
  listen(
    () => browser.commands.onCommand,
    (command: string, tab?: { id?: number }) => {
      if (command !== TOGGLE_OVERLAY_COMMAND) return;
      void toggleOverlay(tab?.id);
    },
  );

  // Context menu "Check selection": created on install/update (menus persist in Chrome).
  browser.runtime.onInstalled.addListener(() => {
    try {
      void Promise.resolve(browser.contextMenus.removeAll())
        .then(() =>
          browser.contextMenus.create({
            id: CHECK_SELECTION_MENU,
            title: menuTitle(),
            contexts: ['selection'],
          }),
        )
        .catch((error: unknown) => console.warn('SourceLens: context menu:', error));
    } catch (error) {
      console.warn('SourceLens: context menu:', error);
    }
  });

  /** The last selection checked: kept here and in storage.session (memory only). */
  let selectionCheck: SelectionCheck | null = null;
  const lastSelectionCheck = async (): Promise<SelectionCheck | null> => {
    if (selectionCheck) return selectionCheck;
    try {
      const stored: unknown = (await browser.storage.session.get(SELECTION_CHECK_KEY))?.[SELECTION_CHECK_KEY];
      return isSelectionCheck(stored) ? stored : null;
    } catch {
      return null;
    }
  };

  listen(
    () => browser.contextMenus.onClicked,
    (
      info: { menuItemId: string | number; selectionText?: string; frameId?: number },
      tab?: { id?: number; windowId?: number; url?: string },
    ) => {
      if (info.menuItemId !== CHECK_SELECTION_MENU) return;
      // The panel opens only during the click (user gesture): before anything is awaited.
      void openSidePanel({ tabId: tab?.id ?? null, windowId: tab?.windowId ?? null }).catch((error: unknown) =>
        console.warn('SourceLens: could not open the side panel:', error),
      );
      void Promise.all([selectedText(tab?.id, info.frameId, info.selectionText ?? ''), resolver()])
        .then(async ([text, r]) => {
          selectionCheck = checkSelection(text, r, { tabId: tab?.id ?? null, pageUrl: tab?.url ?? null });
          try {
            await browser.storage.session.set({ [SELECTION_CHECK_KEY]: selectionCheck });
          } catch {
            // No storage.session: the panel asks the background (memory) instead.
          }
        })
        .catch((error: unknown) => console.warn('SourceLens: check selection:', error));
    },
  );
});

/**
 * The selection with its line breaks (paragraphs), asked of the frame's content script; the
 * context menu's `selectionText` when there is none (a page SourceLens does not run on).
 */
async function selectedText(tabId: number | undefined, frameId: number | undefined, fallback: string): Promise<string> {
  if (tabId === undefined || tabId < 0) return fallback;
  try {
    const message: BackgroundToContentGetSelection = { type: 'background→content:get-selection' };
    const reply: unknown = await browser.tabs.sendMessage(tabId, message, { frameId: frameId ?? 0 });
    return typeof reply === 'string' && reply.trim() ? reply : fallback;
  } catch {
    return fallback;
  }
}

/** The context menu item's title, in the browser's language. */
function menuTitle(): string {
  try {
    return browser.i18n.getMessage('menu_check_selection') || 'Check selection';
  } catch {
    return 'Check selection';
  }
}

/** Add a listener to an event the browser (or a test's fake) may lack. */
function listen<F extends (...args: never[]) => unknown>(event: () => { addListener(fn: F): void } | undefined, fn: F): void {
  try {
    event()?.addListener(fn);
  } catch {
    // Not available here (no permission, or a test browser without this API).
  }
}

/** Ask the page in tab `tabId` (else the active tab) to hide or show its marks; its reply, or null. */
export async function toggleOverlay(tabId?: number): Promise<boolean | null> {
  try {
    let id = tabId;
    if (id === undefined || id < 0) {
      const [active] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
      id = active?.id;
    }
    if (id === undefined) return null;
    const message: BackgroundToContentToggleOverlay = { type: 'background→content:toggle-overlay' };
    const reply: unknown = await browser.tabs.sendMessage(id, message, { frameId: 0 });
    return typeof reply === 'boolean' ? reply : null;
  } catch {
    // No content script there (a browser page, the store): nothing to toggle.
    return null;
  }
}

async function setBadge(tabId: number, warnings: number): Promise<void> {
  try {
    await browser.action.setBadgeBackgroundColor({ tabId, color: warnings > 0 ? '#b45309' : '#2563eb' });
    await browser.action.setBadgeText({ tabId, text: warnings > 0 ? String(warnings) : '' });
  } catch {
    // The tab closed meanwhile.
  }
}
