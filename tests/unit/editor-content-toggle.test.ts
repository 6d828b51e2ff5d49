// @vitest-environment happy-dom
/**
 * The content script and the keyboard shortcut: background→content:toggle-overlay hides the
 * marks of this page (the session stops, settings untouched) and shows them again; a settings
 * change does not bring hidden marks back; a switched-off site is not turned on by it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import content from '../../entrypoints/content/index';
import { buildReport, forTransfer, withDuplicatesFromParagraphs } from '../../lib/report';
import { getResolver } from '../../lib/registry/bundled';
import { SETTINGS_KEY } from '../../lib/settings';
import type { ContentStatus, ContentToBackgroundResolve } from '../../lib/messages';
import { waitFor } from '../fixtures/reports/harness';

const PAGE = `<main><article>
<h1>Neuer Haushalt in Witten</h1>
<p>Der Stadtrat in Witten hat am Dienstag einen neuen Haushalt beschlossen, wie der Sender berichtet.[radioenneperuhr.de]</p>
</article></main>`;

const overlay = () => document.querySelector('sourcelens-overlay');
/**
 * A message to the content script, answered as the browsers deliver it: the listener returns
 * true and answers through `sendResponse` (it runs without webextension-polyfill).
 */
function ask<T>(message: object): Promise<T> {
  return new Promise((resolve, reject) => {
    void (fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown[]>)(message, {}, (answer: T) => resolve(answer)).then((returned) => {
      if (!returned.includes(true as never)) reject(new Error(`no listener kept the channel open for ${JSON.stringify(message)}`));
    });
  });
}
const toggle = () => ask<boolean>({ type: 'background→content:toggle-overlay' });
const status = () => ask<ContentStatus>({ type: 'popup→content:get-report' });

let invalidate: Array<() => void> = [];

beforeEach(async () => {
  fakeBrowser.reset();
  document.body.innerHTML = PAGE; // test fixture markup
  const resolver = getResolver();
  // The background's part: resolve facts into a report.
  browser.runtime.onMessage.addListener(((message: ContentToBackgroundResolve) => {
    if (message.type === 'content→background:resolve') return Promise.resolve(forTransfer(buildReport(withDuplicatesFromParagraphs(message.facts), resolver)));
    if ((message as { type: string }).type === 'content→background:cleared') return Promise.resolve(true);
    return undefined;
  }) as never);
  invalidate = [];
  content.main({ isValid: true, onInvalidated: (fn: () => void) => invalidate.push(fn) } as never);
  await waitFor(() => overlay());
});

afterEach(() => {
  invalidate.forEach((fn) => fn());
  vi.restoreAllMocks();
});

describe('content script: toggle-overlay', () => {
  it('hides the marks, then shows them again', async () => {
    expect(await toggle()).toBe(false);
    expect(overlay()).toBeNull();
    const off = await status();
    expect(off.state).toBe('off');
    expect(off.state === 'off' && off.reason).toBeUndefined();

    expect(await toggle()).toBe(true);
    await waitFor(() => overlay());
    expect((await status()).state).toBe('on');
  });

  it('keeps the marks hidden when the settings change, and does not touch the settings', async () => {
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await toggle();
    expect(set).not.toHaveBeenCalled();
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { crossPageReuse: false } });
    await new Promise((r) => setTimeout(r, 20));
    expect(overlay()).toBeNull();
  });

  it('does not turn on a page whose site is switched off', async () => {
    // Switch this site off: the content script stops; the shortcut then does nothing.
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { mode: 'listed-only', enabledSites: [] } });
    await waitFor(() => !overlay());
    expect(await toggle()).toBe(false);
    expect(overlay()).toBeNull();
  });

  it('answers the selected text for "Check selection"', async () => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector('p')!);
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
    const text = await ask<string>({ type: 'background→content:get-selection' });
    expect(text).toContain('Der Stadtrat in Witten');
  });
});
