/**
 * The side panel's link to a page: which tab it is about, and that tab's report.
 *
 * - With `?tab=<id>` (end-to-end tests, or a panel opened in a tab) it stays with that tab.
 * - Otherwise it follows the active tab of its own window (Chrome's side panel and Firefox's
 *   sidebar are per window): `tabs.onActivated` switches tab, `tabs.onUpdated` with status
 *   "complete" re-reads a tab that navigated or reloaded.
 *
 * The report comes from the tab's top frame: `tabs.sendMessage(tabId,
 * { type: 'popup→content:get-report' }, { frameId: 0 })`, asked again while the page is still
 * being read. A change of the site switch (storage) and the panel becoming visible again also
 * ask again.
 */
import { browser } from 'wxt/browser';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ContentStatus, PopupToContent, PopupToContentReplies } from '../../lib/messages';
import { SETTINGS_KEY } from '../../lib/settings';
import type { PageReport } from '../../lib/types';

export type PanelView =
  | { state: 'loading' }
  | { state: 'no-tab' }
  | { state: 'unavailable' }
  | { state: 'error'; message: string }
  | { state: 'off'; url: string | null }
  | { state: 'on'; report: PageReport };

export interface TabReportOptions {
  /** `?tab=<id>` pins the panel to a tab; default `location.search`. */
  search?: string;
  /** Milliseconds between questions while the page is busy. Default 400. */
  pollInterval?: number;
  /** How many times to ask before giving up. Default 40. */
  maxAttempts?: number;
}

export interface TabReport {
  tabId: number | null;
  /** Whether `?tab=` pinned the panel to one tab. */
  pinned: boolean;
  view: PanelView;
  /** True while asking again with a report on screen. */
  refreshing: boolean;
  refresh: () => void;
  /** Sends a message to the tab's top frame; resolves to the reply, or undefined. */
  send: <M extends PopupToContent>(message: M) => Promise<PopupToContentReplies[M['type']] | undefined>;
}

type Listener = (...args: never[]) => unknown;
interface EventLike {
  addListener(fn: Listener): void;
  removeListener(fn: Listener): void;
}

function isContentStatus(value: unknown): value is ContentStatus {
  if (typeof value !== 'object' || value === null) return false;
  const state = (value as { state?: unknown }).state;
  return state === 'on' || state === 'off' || state === 'error';
}

async function sendToTop<M extends PopupToContent>(
  tabId: number,
  message: M,
): Promise<PopupToContentReplies[M['type']] | undefined> {
  return (await browser.tabs.sendMessage(tabId, message, { frameId: 0 })) as PopupToContentReplies[M['type']] | undefined;
}

export function pinnedTab(search: string): number | null {
  const raw = new URLSearchParams(search).get('tab');
  return raw && /^\d+$/.test(raw) ? Number(raw) : null;
}

export function useTabReport({ search, pollInterval = 400, maxAttempts = 40 }: TabReportOptions = {}): TabReport {
  const query = search ?? (typeof location !== 'undefined' ? location.search : '');
  const pinned = pinnedTab(query);
  const [tabId, setTabId] = useState<number | null>(pinned);
  const [view, setView] = useState<PanelView>({ state: 'loading' });
  const [refreshing, setRefreshing] = useState(false);
  const tabRef = useRef<number | null>(pinned);
  const windowRef = useRef<number | null>(null);
  const viewRef = useRef<PanelView>(view);
  const round = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const show = (next: PanelView) => {
    viewRef.current = next;
    setView(next);
  };

  const stop = () => {
    round.current++;
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  };

  /**
   * Ask the tab for its report until it has one. `keep`: leave the current report on screen
   * while asking (a refresh of the same page), rather than showing "loading".
   */
  const load = useCallback(
    (tab: number | null, { keep = false, delay = 0 }: { keep?: boolean; delay?: number } = {}) => {
      stop();
      const mine = round.current;
      if (tab === null) {
        show({ state: 'no-tab' });
        return;
      }
      if (keep && viewRef.current.state === 'on') setRefreshing(true);
      else show({ state: 'loading' });
      let attempt = 0;
      const finish = (next: PanelView) => {
        setRefreshing(false);
        show(next);
      };
      const ask = async () => {
        if (mine !== round.current) return;
        attempt++;
        let status: ContentStatus | null = null;
        try {
          const reply = await sendToTop(tab, { type: 'popup→content:get-report' });
          status = isContentStatus(reply) ? reply : null;
        } catch {
          status = null;
        }
        if (mine !== round.current) return;
        const retry = () => {
          timer.current = setTimeout(ask, pollInterval);
        };
        if (!status) {
          // A page that is loading has no content script yet: give it a few seconds.
          if (attempt < Math.min(10, maxAttempts)) return retry();
          return finish({ state: 'unavailable' });
        }
        if (status.state === 'error') return finish({ state: 'error', message: status.message });
        if (status.state === 'off') return finish({ state: 'off', url: status.url ?? null });
        if (!status.report) {
          if (attempt < maxAttempts) return retry();
          return finish({ state: 'unavailable' });
        }
        finish({ state: 'on', report: status.report });
      };
      timer.current = setTimeout(ask, delay);
    },
    [pollInterval, maxAttempts],
  );

  const follow = useCallback(
    (tab: number | null) => {
      tabRef.current = tab;
      setTabId(tab);
      load(tab);
    },
    [load],
  );

  useEffect(() => {
    let alive = true;
    (async () => {
      if (pinned !== null) {
        follow(pinned);
        return;
      }
      let tab: number | null = null;
      try {
        const win = await browser.windows.getCurrent();
        windowRef.current = win?.id ?? null;
        const [active] = await browser.tabs.query(
          windowRef.current !== null ? { active: true, windowId: windowRef.current } : { active: true, currentWindow: true },
        );
        tab = active?.id ?? null;
      } catch {
        tab = null;
      }
      if (alive) follow(tab);
    })();

    const onActivated = (info: { tabId: number; windowId: number }) => {
      if (pinned !== null) return;
      if (windowRef.current !== null && info.windowId !== windowRef.current) return;
      follow(info.tabId);
    };
    const onUpdated = (updatedId: number, change: { status?: string }) => {
      if (updatedId !== tabRef.current) return;
      if (change.status === 'loading') {
        stop();
        setRefreshing(false);
        show({ state: 'loading' });
      } else if (change.status === 'complete') {
        load(updatedId);
      }
    };
    const onRemoved = (removedId: number) => {
      if (removedId !== tabRef.current) return;
      stop();
      if (pinned !== null) show({ state: 'unavailable' });
    };
    const onStorage = (changes: Record<string, unknown>, area: string) => {
      if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
      // The content script switches on or off in reaction; ask once it had a moment.
      load(tabRef.current, { delay: pollInterval });
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') load(tabRef.current, { keep: true });
    };

    const subscriptions: Array<() => void> = [];
    const on = (event: unknown, fn: Listener) => {
      const target = event as EventLike | undefined;
      try {
        target?.addListener(fn);
        subscriptions.push(() => target?.removeListener(fn));
      } catch {
        // an event this browser lacks: the panel still works, it just follows less
      }
    };
    on(browser.tabs.onActivated, onActivated);
    on(browser.tabs.onUpdated, onUpdated);
    on(browser.tabs.onRemoved, onRemoved);
    on(browser.storage.onChanged, onStorage);
    document.addEventListener('visibilitychange', onVisible);

    return () => {
      alive = false;
      stop();
      for (const off of subscriptions) {
        try {
          off();
        } catch {
          // ignore
        }
      }
      document.removeEventListener('visibilitychange', onVisible);
    };
    // `pinned` is derived from `query`.
  }, [query, follow, load]);

  const refresh = useCallback(() => load(tabRef.current, { keep: true }), [load]);

  const send = useCallback(async <M extends PopupToContent>(message: M) => {
    const tab = tabRef.current;
    if (tab === null) return undefined;
    try {
      return await sendToTop(tab, message);
    } catch {
      return undefined;
    }
  }, []);

  return { tabId, pinned: pinned !== null, view, refreshing, refresh, send };
}
