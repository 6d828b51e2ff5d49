/**
 * "Open side panel" for the popup. Shown only where the browser has a panel API (Chrome's
 * sidePanel, Firefox's sidebarAction). The panel is opened synchronously in the click handler
 * (both browsers demand a user gesture); the real popup then closes, a popup opened in a tab
 * stays.
 */
import { browser } from 'wxt/browser';
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { openSidePanel, sidePanelKind } from './open';
import './open-button.css';

export interface OpenSidePanelButtonProps {
  /** The tab the popup is about (Chrome opens the panel in its window). */
  tabId: number | null;
}

export function OpenSidePanelButton({ tabId }: OpenSidePanelButtonProps): JSX.Element | null {
  const [kind] = useState(sidePanelKind);
  const [windowId, setWindowId] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (kind !== 'side-panel') return;
    let alive = true;
    (async () => {
      try {
        const win = await browser.windows.getCurrent();
        if (alive) setWindowId(win?.id ?? null);
      } catch {
        // no window id: the tab id is enough
      }
    })();
    return () => {
      alive = false;
    };
  }, [kind]);

  if (!kind) return null;

  const onClick = () => {
    setFailed(false);
    // No await before this call: the gesture must still be live.
    openSidePanel({ tabId, windowId })
      .then(async () => {
        let inTab = false;
        try {
          inTab = !!(await browser.tabs.getCurrent());
        } catch {
          inTab = false;
        }
        if (!inTab) window.close();
      })
      .catch(() => setFailed(true));
  };

  return (
    <span class="sl-open-panel">
      <button type="button" class="sl-button sl-button--quiet" data-testid="popup-open-sidepanel" onClick={onClick}>
        <svg class="sl-open-panel-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
          <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" fill="none" stroke="currentColor" stroke-width="1.4" />
          <path d="M10 2.5v11" stroke="currentColor" stroke-width="1.4" />
        </svg>
        {t('sp_open')}
      </button>
      <span class="sl-open-panel-error" role="status" aria-live="polite">
        {failed ? t('sp_open_failed') : ''}
      </span>
    </span>
  );
}
