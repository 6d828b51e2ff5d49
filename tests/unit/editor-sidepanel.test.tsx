// @vitest-environment happy-dom
/**
 * The side panel's wiring of the Editor view: the page's checklist (folded), and a "Check
 * selection" result from storage.session shown for its tab until the user goes back to the page.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { SidePanelApp } from '../../components/sidepanel/SidePanelApp';
import type { PopupToContent } from '../../lib/messages';
import { getResolver } from '../../lib/registry/bundled';
import { SELECTION_CHECK_KEY, checkSelection } from '../../lib/selection-check';
import { installI18n, seedReport, waitFor } from '../fixtures/reports/harness';

const TAB_ID = 42;
let container: HTMLElement;
const q = (sel: string) => container.querySelector<HTMLElement>(sel);

beforeEach(() => {
  fakeBrowser.reset();
  installI18n('en');
  (fakeBrowser.tabs as unknown as { sendMessage: unknown }).sendMessage = vi.fn(async (_tabId: number, message: PopupToContent) =>
    message.type === 'popup→content:get-report' ? { state: 'on', report: seedReport() } : true,
  );
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(async () => {
  await act(() => render(null, container));
  container.remove();
  vi.restoreAllMocks();
});

describe('side panel: Editor view', () => {
  it('offers the page’s checklist, then shows a checked selection for this tab and goes back', async () => {
    await act(() => {
      render(<SidePanelApp search={`?tab=${TAB_ID}`} pollInterval={5} maxAttempts={20} />, container);
    });
    await waitFor(() => q('[data-testid="sp-editor"][data-source="page"]'));
    expect(q('[data-testid="sp-editor-lang"]')?.dataset.kind).toBe('mismatch');

    const check = checkSelection('Ein Satz über den Haushalt der Stadt [radioenneperuh.de].', getResolver(), { tabId: TAB_ID });
    await act(async () => {
      await fakeBrowser.storage.session.set({ [SELECTION_CHECK_KEY]: check });
    });
    await waitFor(() => q('[data-testid="sp-editor"][data-source="selection"]'));
    expect(q('[data-testid="sp-editor"][data-source="page"]')).toBeNull();
    expect(q('[data-testid="sp-editor-suggestion"]')?.textContent).toContain('Radio Ennepe Ruhr');

    await act(() => q('[data-testid="sp-editor-page"]')!.click());
    await waitFor(() => q('[data-testid="sp-editor"][data-source="page"]'));
    expect(q('[data-testid="sp-editor"][data-source="selection"]')).toBeNull();
  });

  it('ignores a selection checked in another tab', async () => {
    await fakeBrowser.storage.session.set({
      [SELECTION_CHECK_KEY]: checkSelection('Text [dpa].', getResolver(), { tabId: 7 }),
    });
    await act(() => {
      render(<SidePanelApp search={`?tab=${TAB_ID}`} pollInterval={5} maxAttempts={20} />, container);
    });
    await waitFor(() => q('[data-testid="sp-editor"][data-source="page"]'));
    expect(q('[data-testid="sp-editor"][data-source="selection"]')).toBeNull();
  });
});
