// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { OpenSidePanelButton } from '../../components/sidepanel/OpenSidePanelButton';
import { openSidePanel, sidePanelKind } from '../../components/sidepanel/open';
import { installI18n, waitFor } from '../fixtures/reports/harness';

type Apis = { sidePanel?: unknown; sidebarAction?: unknown };
const apis = browser as unknown as Apis;
let saved: Apis;
let container: HTMLElement;

beforeEach(() => {
  fakeBrowser.reset();
  installI18n('en');
  saved = { sidePanel: apis.sidePanel, sidebarAction: apis.sidebarAction };
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(async () => {
  await act(() => render(null, container));
  container.remove();
  // fakeBrowser.reset() walks every namespace: put back exactly what was there.
  for (const name of ['sidePanel', 'sidebarAction'] as const) {
    if (saved[name] === undefined) delete apis[name];
    else apis[name] = saved[name];
  }
  vi.restoreAllMocks();
});

function chrome() {
  const open = vi.fn(async (_options: { tabId?: number; windowId?: number }) => {});
  apis.sidePanel = { open };
  apis.sidebarAction = undefined;
  return open;
}
function firefox() {
  const open = vi.fn(async () => {});
  apis.sidePanel = undefined;
  apis.sidebarAction = { open };
  return open;
}

describe('openSidePanel (feature detection)', () => {
  it('uses Chrome’s sidePanel.open with the tab, or else the window', async () => {
    const open = chrome();
    expect(sidePanelKind()).toBe('side-panel');
    await openSidePanel({ tabId: 42 });
    expect(open).toHaveBeenLastCalledWith({ tabId: 42 });
    await openSidePanel({ tabId: null, windowId: 7 });
    expect(open).toHaveBeenLastCalledWith({ windowId: 7 });
    await expect(openSidePanel({ tabId: null })).rejects.toThrow(/no tab or window/);
  });

  it('uses Firefox’s sidebarAction.open', async () => {
    const open = firefox();
    expect(sidePanelKind()).toBe('sidebar');
    await openSidePanel({ tabId: 42 });
    expect(open).toHaveBeenCalledWith();
  });

  it('knows when there is no panel at all', async () => {
    apis.sidePanel = undefined;
    apis.sidebarAction = undefined;
    expect(sidePanelKind()).toBeNull();
    await expect(openSidePanel({ tabId: 1 })).rejects.toThrow(/no side panel/);
  });

  it('turns a synchronous refusal into a rejection', async () => {
    apis.sidePanel = {
      open: () => {
        throw new Error('`sidePanel.open()` may only be called in response to a user gesture.');
      },
    };
    await expect(openSidePanel({ tabId: 1 })).rejects.toThrow(/user gesture/);
  });
});

describe('"Open side panel" in the popup', () => {
  async function mount(tabId: number | null = 42) {
    await act(() => {
      render(<OpenSidePanelButton tabId={tabId} />, container);
    });
    return container.querySelector<HTMLButtonElement>('[data-testid="popup-open-sidepanel"]');
  }

  it('opens Chrome’s panel for the tab, synchronously in the click, then closes the real popup', async () => {
    const open = chrome();
    vi.spyOn(fakeBrowser.tabs, 'getCurrent').mockResolvedValue(undefined as never);
    const close = vi.spyOn(window, 'close').mockImplementation(() => {});
    const button = (await mount(42))!;
    expect(button.textContent).toBe('Open side panel');
    let calledDuringClick = false;
    await act(() => {
      button.click();
      calledDuringClick = open.mock.calls.length === 1;
    });
    expect(calledDuringClick, 'open() must run inside the click handler, before any await').toBe(true);
    expect(open).toHaveBeenCalledWith({ tabId: 42 });
    await waitFor(() => close.mock.calls.length === 1);
  });

  it('stays open when it is a popup opened in a tab', async () => {
    chrome();
    vi.spyOn(fakeBrowser.tabs, 'getCurrent').mockResolvedValue({ id: 5 } as never);
    const close = vi.spyOn(window, 'close').mockImplementation(() => {});
    const button = (await mount(42))!;
    await act(() => button.click());
    await new Promise((r) => setTimeout(r, 20));
    expect(close).not.toHaveBeenCalled();
  });

  it('falls back to the popup’s window when the tab is unknown', async () => {
    const open = chrome();
    vi.spyOn(fakeBrowser.windows, 'getCurrent').mockResolvedValue({ id: 9 } as never);
    vi.spyOn(window, 'close').mockImplementation(() => {});
    await mount(null);
    await new Promise((r) => setTimeout(r, 10));
    await act(() => container.querySelector<HTMLButtonElement>('button')!.click());
    expect(open).toHaveBeenCalledWith({ windowId: 9 });
  });

  it('opens Firefox’s sidebar', async () => {
    const open = firefox();
    vi.spyOn(window, 'close').mockImplementation(() => {});
    const button = (await mount(42))!;
    await act(() => button.click());
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('says so when the browser refuses', async () => {
    apis.sidePanel = { open: vi.fn(async () => Promise.reject(new Error('No active side panel for tabId'))) };
    const button = (await mount(42))!;
    await act(() => button.click());
    await waitFor(() => container.textContent?.includes('The side panel couldn’t be opened.'));
    expect(container.querySelector('[role="status"]')?.textContent).toMatch(/couldn’t be opened/);
  });

  it('is not there without a panel API', async () => {
    apis.sidePanel = undefined;
    apis.sidebarAction = undefined;
    expect(await mount(42)).toBeNull();
  });
});
