/**
 * The background's editor features: the keyboard command toggles the marks in the active
 * tab's top frame, and the context menu "Check selection" opens the side panel and stores the
 * selection's report in storage.session.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import background, { CHECK_SELECTION_MENU, TOGGLE_OVERLAY_COMMAND, toggleOverlay } from '../../entrypoints/background';
import { SELECTION_CHECK_KEY, isSelectionCheck, type SelectionCheck } from '../../lib/selection-check';
import { ROOT, installI18n, waitFor } from '../fixtures/reports/harness';

const GENERATED = join(ROOT, 'lib', 'registry', 'generated');
const parsed = new Map<string, unknown>();

async function fakeFetch(url: string) {
  const m = /\/data\/(registry|ratings)\.json$/.exec(url);
  if (!m) return { ok: false, status: 404, json: async () => null };
  if (!parsed.has(m[1])) parsed.set(m[1], JSON.parse(readFileSync(join(GENERATED, `${m[1]}.json`), 'utf8')));
  return { ok: true, status: 200, json: async () => parsed.get(m[1]) };
}

type Fn = (...args: never[]) => unknown;
/** An event the fake browser lacks (commands, contextMenus): add listeners, fire them. */
function fakeEvent() {
  const listeners: Fn[] = [];
  return {
    listeners,
    addListener: (fn: Fn) => listeners.push(fn),
    removeListener: (fn: Fn) => listeners.splice(listeners.indexOf(fn), 1),
    fire: (...args: unknown[]) => listeners.forEach((fn) => (fn as (...a: unknown[]) => unknown)(...args)),
  };
}

let onCommand: ReturnType<typeof fakeEvent>;
let onClicked: ReturnType<typeof fakeEvent>;
let sendMessage: ReturnType<typeof vi.fn>;
let menus: { create: ReturnType<typeof vi.fn>; removeAll: ReturnType<typeof vi.fn>; onClicked: ReturnType<typeof fakeEvent> };
let sidePanelOpen: ReturnType<typeof vi.fn>;

beforeEach(() => {
  fakeBrowser.reset();
  vi.stubGlobal('fetch', vi.fn(fakeFetch));
  onCommand = fakeEvent();
  onClicked = fakeEvent();
  menus = { create: vi.fn(), removeAll: vi.fn(async () => {}), onClicked };
  sendMessage = vi.fn(async () => false);
  sidePanelOpen = vi.fn(async () => {});
  const fake = fakeBrowser as unknown as Record<string, unknown>;
  fake.commands = { onCommand };
  fake.contextMenus = menus;
  fake.sidePanel = { open: sidePanelOpen };
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(sendMessage as never);
  installI18n('en');
  background.main();
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  const fake = fakeBrowser as unknown as Record<string, unknown>;
  delete fake.sidePanel;
});

describe('keyboard shortcut toggle-overlay', () => {
  it('sends the toggle to the tab’s top frame', async () => {
    onCommand.fire(TOGGLE_OVERLAY_COMMAND, { id: 7 });
    await waitFor(() => sendMessage.mock.calls.length > 0);
    expect(sendMessage).toHaveBeenCalledWith(7, { type: 'background→content:toggle-overlay' }, { frameId: 0 });
  });

  it('ignores other commands', async () => {
    onCommand.fire('something-else', { id: 7 });
    await new Promise((r) => setTimeout(r, 10));
    expect(sendMessage).not.toHaveBeenCalled();
  });

  it('falls back to the active tab, and answers null where no content script listens', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 9 } as never]);
    sendMessage.mockResolvedValueOnce(true);
    expect(await toggleOverlay()).toBe(true);
    expect(sendMessage).toHaveBeenLastCalledWith(9, { type: 'background→content:toggle-overlay' }, { frameId: 0 });
    sendMessage.mockRejectedValueOnce(new Error('Could not establish connection'));
    expect(await toggleOverlay(3)).toBeNull();
  });
});

describe('context menu Check selection', () => {
  it('creates the menu for selections on install', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' } as never);
    await waitFor(() => menus.create.mock.calls.length > 0);
    expect(menus.removeAll).toHaveBeenCalled();
    expect(menus.create).toHaveBeenCalledWith({ id: CHECK_SELECTION_MENU, title: 'Check selection with SourceLens', contexts: ['selection'] });
  });

  it('opens the side panel at once and stores the selection’s report in storage.session', async () => {
    onClicked.fire(
      { menuItemId: CHECK_SELECTION_MENU, selectionText: 'Der Stadtrat hat den Haushalt beschlossen [radioenneperuhr.de].' },
      { id: 5, windowId: 1, url: 'http://localhost/draft.html' },
    );
    expect(sidePanelOpen).toHaveBeenCalledWith({ tabId: 5 });
    let check: SelectionCheck | undefined;
    await waitFor(() => {
      void browser.storage.session.get(SELECTION_CHECK_KEY).then((s) => (check = s[SELECTION_CHECK_KEY] as SelectionCheck));
      return check;
    }, 5000);
    expect(isSelectionCheck(check)).toBe(true);
    if (!check) return;
    expect(check).toMatchObject({ tabId: 5, pageUrl: 'http://localhost/draft.html', truncated: false });
    expect(check.report.citations.map((c) => c.source?.id)).toEqual(['radio-ennepe-ruhr']);
    // The side panel may also ask the background for it.
    const reply = (await browser.runtime.sendMessage({ type: 'panel→background:get-selection-check' })) as SelectionCheck;
    expect(reply.report.citations).toHaveLength(1);
  });

  it('takes the selection with its line breaks from the frame’s content script', async () => {
    const p = 'Die Stadt Witten plant für das kommende Jahr deutlich höhere Ausgaben für Schulen und Straßen.';
    sendMessage.mockImplementation(async (_tab: number, message: { type: string }) =>
      message.type === 'background→content:get-selection' ? `${p}\n\n${p}` : undefined,
    );
    onClicked.fire({ menuItemId: CHECK_SELECTION_MENU, selectionText: `${p} ${p}`, frameId: 2 }, { id: 5, windowId: 1 });
    let check: SelectionCheck | undefined;
    await waitFor(() => {
      void browser.storage.session.get(SELECTION_CHECK_KEY).then((s) => (check = s[SELECTION_CHECK_KEY] as SelectionCheck));
      return check;
    }, 5000);
    expect(sendMessage).toHaveBeenCalledWith(5, { type: 'background→content:get-selection' }, { frameId: 2 });
    expect(check?.report.duplicates).toHaveLength(1);
  });

  it('ignores other menu items', async () => {
    onClicked.fire({ menuItemId: 'other', selectionText: 'x' }, { id: 5 });
    expect(sidePanelOpen).not.toHaveBeenCalled();
  });
});
