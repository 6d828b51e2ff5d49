/**
 * Opening the side panel from the popup, in both browsers (feature detection, never browser
 * sniffing):
 * - Chrome: `sidePanel.open({ tabId })` (or `{ windowId }`), the panel from the manifest's
 *   `side_panel.default_path`; it stays with the window and follows its active tab.
 * - Firefox: `sidebarAction.open()`, the manifest's `sidebar_action.default_panel`.
 *
 * Both browsers accept the call only during a user gesture: call `openSidePanel` directly in
 * the click handler, before any `await`.
 */
import { browser } from 'wxt/browser';

interface SidePanelApi {
  open(options: { tabId?: number; windowId?: number }): Promise<void>;
}
interface SidebarActionApi {
  open(): Promise<void>;
}
type PanelApis = { sidePanel?: Partial<SidePanelApi>; sidebarAction?: Partial<SidebarActionApi> };

export type SidePanelKind = 'side-panel' | 'sidebar' | null;

function apis(): PanelApis {
  try {
    return browser as unknown as PanelApis;
  } catch {
    return {};
  }
}

/** Which panel this browser has: Chrome's side panel, Firefox's sidebar, or none. */
export function sidePanelKind(): SidePanelKind {
  const { sidePanel, sidebarAction } = apis();
  if (typeof sidePanel?.open === 'function') return 'side-panel';
  if (typeof sidebarAction?.open === 'function') return 'sidebar';
  return null;
}

/**
 * Opens the panel for the tab (Chrome: its window's panel, showing that tab). Rejects when the
 * browser has no panel API or refuses (no user gesture, no tab or window to open it in).
 */
export function openSidePanel(target: { tabId: number | null; windowId?: number | null }): Promise<void> {
  const { sidePanel, sidebarAction } = apis();
  try {
    if (typeof sidePanel?.open === 'function') {
      if (target.tabId !== null && target.tabId >= 0) return Promise.resolve(sidePanel.open({ tabId: target.tabId }));
      if (target.windowId !== null && target.windowId !== undefined) {
        return Promise.resolve(sidePanel.open({ windowId: target.windowId }));
      }
      return Promise.reject(new Error('no tab or window to open the side panel in'));
    }
    if (typeof sidebarAction?.open === 'function') return Promise.resolve(sidebarAction.open());
  } catch (error) {
    return Promise.reject(error);
  }
  return Promise.reject(new Error('this browser has no side panel'));
}
