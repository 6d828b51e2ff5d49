/**
 * Content script: wires a PageSession to the extension (messages, storage, site switch).
 * Kept small: detection and the overlay live in lib/ and components/; the registry stays in
 * the background.
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import {
  isMessage,
  type BackgroundToContentToggleOverlay,
  type ContentToBackgroundResolve,
  type ContentStatus,
  type PopupToContentShowCitation,
  type PopupToContentShowParagraphs,
} from '../../lib/messages';
import { SETTINGS_KEY, isSiteEnabled, pageOptsOut, parseSettings } from '../../lib/settings';
import type { PageFacts } from '../../lib/types';
import { createCardRenderer, CARD_CSS, markerLabel } from '../../components/overlay/card';
import type { WireReport } from '../../lib/transfer';
import { PageSession } from './session';
import { countryName } from '../../components/i18n';
import '../../components/overlay/highlights.css';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*', 'file:///*'],
  runAt: 'document_idle',
  // Same-origin frames get a session of their own (their citations are marked and carry
  // hovercards); the popup and badge summarise the top page. Cross-origin frames (ads,
  // embeds) are left alone: see main().
  allFrames: true,
  main(ctx) {
    if (window !== window.top && !isSameOriginFrame()) return;
    const optedOut = pageOptsOut(document);
    let session: PageSession | null = null;
    let state: 'on' | 'off' = 'off';
    let lastError: string | null = null;
    /**
     * The keyboard shortcut (background→content:toggle-overlay) hid the marks on this page: kept
     * for this page load only, settings untouched; a settings change does not bring them back.
     */
    let hiddenByUser = false;
    /** Whether the settings (site switch, page opt-out) let SourceLens run here. */
    let allowed = false;
    /**
     * Fingerprints of the paragraphs go to the background only with the opt-in setting on, from
     * the top frame, and never from a private window (lib/reuse).
     */
    let reuseOn = false;
    const reuseAllowed = window === window.top && !isIncognito();

    const start = () => {
      if (session && !session.isStopped) return;
      state = 'on';
      session = new PageSession(document, {
        resolve: (facts: PageFacts, { reuse }) => {
          const message: ContentToBackgroundResolve = { type: 'content→background:resolve', facts, computeDuplicates: true };
          if (reuse) message.reuse = true;
          // The markers' labels name each source's country: load ICU's region names (12 ms,
          // once) while the background works, not in the task that labels thousands of markers.
          setTimeout(countryName, 0, 'DE');
          return browser.runtime.sendMessage(message) as Promise<WireReport>;
        },
        reuse: () => reuseOn && reuseAllowed,
        card: (s) => createCardRenderer((id) => s.citation(id), (id) => s.warnings(id)),
        cardCss: CARD_CSS,
        label: markerLabel,
        url: () => location.href,
        onError: (error) => {
          lastError = error instanceof Error ? error.message : String(error);
          console.debug('[SourceLens]', error);
        },
      });
      void session.start();
    };
    const stop = () => {
      state = 'off';
      session?.stop();
      session = null;
      if (window === window.top) void browser.runtime.sendMessage({ type: 'content→background:cleared' }).catch(() => {});
    };
    const apply = (raw: unknown) => {
      if (!ctx.isValid) return;
      const settings = parseSettings(raw);
      reuseOn = settings.crossPageReuse;
      allowed = !optedOut && isSiteEnabled(settings, location.href);
      if (allowed && !hiddenByUser) start();
      else stop();
    };

    const onMessage = (message: unknown): Promise<unknown> | undefined => {
      if (isMessage(message, 'popup→content:get-report')) {
        const status: ContentStatus =
          state === 'off' && hiddenByUser && allowed
            ? { state: 'off', url: location.href }
            : state === 'off'
            ? { state: 'off', url: location.href, reason: optedOut ? 'page' : 'site' }
            : lastError && !session?.report
              ? { state: 'error', message: lastError }
              : { state: 'on', report: session?.report ?? null };
        return Promise.resolve(status);
      }
      if (isMessage<BackgroundToContentToggleOverlay>(message, 'background→content:toggle-overlay')) {
        // Only where SourceLens may run: the shortcut never overrides a site switch or opt-out.
        if (!allowed) return Promise.resolve(false);
        hiddenByUser = !hiddenByUser;
        if (hiddenByUser) stop();
        else start();
        return Promise.resolve(!hiddenByUser);
      }
      if (isMessage(message, 'background→content:get-selection')) {
        return Promise.resolve(window.getSelection()?.toString() ?? '');
      }
      if (isMessage<PopupToContentShowParagraphs>(message, 'popup→content:show-paragraphs')) {
        return Promise.resolve(session?.showParagraphs(message.paragraphs) ?? false);
      }
      if (isMessage<PopupToContentShowCitation>(message, 'popup→content:show-citation')) {
        return Promise.resolve(session?.showCitation(message.citation) ?? false);
      }
      return undefined;
    };
    const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && SETTINGS_KEY in changes) apply(changes[SETTINGS_KEY].newValue);
    };

    // Answers go through sendResponse (with `return true`), which both browsers' own APIs
    // support; the content script runs without webextension-polyfill (build/lean-content.ts).
    const onRuntimeMessage = (message: unknown, _sender: unknown, sendResponse: (answer: unknown) => void): true | undefined => {
      const answer = onMessage(message);
      if (!answer) return undefined;
      answer.then(sendResponse, () => sendResponse(undefined));
      return true;
    };
    browser.runtime.onMessage.addListener(onRuntimeMessage);
    browser.storage.onChanged.addListener(onStorage);
    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(onRuntimeMessage);
      browser.storage.onChanged.removeListener(onStorage);
      session?.stop();
      session = null;
    });

    void browser.storage.local
      .get(SETTINGS_KEY)
      .then((stored) => apply(stored[SETTINGS_KEY]))
      .catch(() => {
        allowed = true; // as before: settings unreadable, SourceLens runs
        start();
      });
  },
});

/** A private (incognito) window: nothing is remembered there. */
function isIncognito(): boolean {
  try {
    return browser.extension?.inIncognitoContext === true;
  } catch {
    return true; // unknown: assume private
  }
}

/** A frame whose parent we can read (same origin): `frameElement` is null across origins. */
function isSameOriginFrame(): boolean {
  try {
    return window.frameElement !== null;
  } catch {
    return false;
  }
}
