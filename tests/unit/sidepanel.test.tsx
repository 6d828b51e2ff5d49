// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { SidePanelApp } from '../../components/sidepanel/SidePanelApp';
import type { ContentStatus, PopupToContent } from '../../lib/messages';
import { SETTINGS_KEY } from '../../lib/settings';
import type { PageReport } from '../../lib/types';
import { mixedReport, seedReport } from '../fixtures/export/reports';
import { installI18n, waitFor } from '../fixtures/reports/harness';

const TAB_ID = 42;
const OTHER_TAB = 43;
const WINDOW_ID = 1;

let container: HTMLElement;
/** What each tab's fake content script answers to get-report. */
let answers: Map<number, () => ContentStatus | Promise<ContentStatus>>;
let sendMessage: ReturnType<typeof vi.fn>;

function tab(id: number, active = false, windowId = WINDOW_ID) {
  return { id, active, index: 0, highlighted: active, incognito: false, pinned: false, windowId } as never;
}

async function mount(search = `?tab=${TAB_ID}`) {
  await act(() => {
    render(<SidePanelApp search={search} pollInterval={5} maxAttempts={20} />, container);
  });
}

const q = <E extends Element = HTMLElement>(sel: string) => container.querySelector<E>(sel);
const qa = <E extends Element = HTMLElement>(sel: string) => [...container.querySelectorAll<E>(sel)];
const state = () => q('[data-testid="sp-state"]')?.getAttribute('data-state');
const rows = () => qa<HTMLTableRowElement>('[data-testid="sp-row"]');
const rowIds = () => rows().map((r) => Number(r.dataset.citation));
const cellTexts = (column: string) => rows().map((r) => r.querySelector(`.sl-col-${column}`)?.textContent ?? '');
const sent = (type: PopupToContent['type']) =>
  sendMessage.mock.calls.filter(([, m]) => (m as PopupToContent).type === type).map(([tabId, m, options]) => ({ tabId, m, options }));

async function click(el: Element | null | undefined) {
  if (!el) throw new Error('nothing to click');
  await act(() => {
    (el as HTMLElement).click();
  });
}
async function key(el: Element | null | undefined, k: string) {
  if (!el) throw new Error('no element for a key');
  await act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
  });
}
async function choose(testId: string, value: string) {
  const select = q<HTMLSelectElement>(`[data-testid="${testId}"]`)!;
  await act(() => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
async function check(testId: string, checked: boolean) {
  const box = q<HTMLInputElement>(`[data-testid="${testId}"]`)!;
  if (box.checked !== checked) await click(box);
}
async function sortBy(column: string) {
  await click(q(`[data-testid="sp-sort-${column}"]`));
}
const ariaSort = (column: string) => q(`th[data-column="${column}"]`)?.getAttribute('aria-sort') ?? null;

function answerWith(tabId: number, report: PageReport | null, st: 'on' | 'off' = 'on') {
  answers.set(tabId, () => (st === 'off' ? { state: 'off', url: 'http://127.0.0.1:4173/off.html' } : { state: 'on', report }));
}

beforeEach(() => {
  fakeBrowser.reset();
  installI18n('en');
  answers = new Map();
  answerWith(TAB_ID, seedReport());
  sendMessage = vi.fn(async (tabId: number, message: PopupToContent) => {
    if (message.type === 'popup→content:get-report') {
      const a = answers.get(tabId);
      if (!a) throw new Error('Could not establish connection. Receiving end does not exist.');
      return a();
    }
    return true;
  });
  (fakeBrowser.tabs as unknown as { sendMessage: unknown }).sendMessage = sendMessage;
  vi.spyOn(fakeBrowser.windows, 'getCurrent').mockResolvedValue({ id: WINDOW_ID, focused: true } as never);
  vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation(async (info) =>
    info.active ? [tab(TAB_ID, true)] : [tab(TAB_ID, true), tab(OTHER_TAB)],
  );
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(async () => {
  await act(() => render(null, container));
  container.remove();
  vi.restoreAllMocks();
});

describe('side panel on the seed page', () => {
  it('asks the tab’s top frame for its report and lists the three citations', async () => {
    await mount();
    await waitFor(() => state() === 'on');
    expect(sendMessage).toHaveBeenCalledWith(TAB_ID, { type: 'popup→content:get-report' }, { frameId: 0 });
    expect(rows()).toHaveLength(3);
    expect(rowIds()).toEqual([0, 1, 2]);
    expect(cellTexts('marker')).toEqual(['[radioenneperuhr.de]', '[radioenneperuhr.de]', '[radioenneperuhr.de]']);
    expect(cellTexts('source')).toEqual(['Radio Ennepe Ruhr', 'Radio Ennepe Ruhr', 'Radio Ennepe Ruhr']);
    expect(cellTexts('type')).toEqual(['Broadcaster', 'Broadcaster', 'Broadcaster']);
    expect(cellTexts('scope')).toEqual(['Local', 'Local', 'Local']);
    expect(cellTexts('country')).toEqual(['Germany', 'Germany', 'Germany']);
    expect(cellTexts('ratings')).toEqual(['–No ratings', '–No ratings', '–No ratings']);
    const report = seedReport();
    expect(cellTexts('paragraph')).toEqual(report.citations.map((c) => String(c.paragraph! + 1)));
    expect(cellTexts('context')[0]).toBe(report.citations[0].context);
    expect(q('.sl-context')?.getAttribute('lang')).toBe('fr');
    expect(q('[data-testid="sp-site"]')?.textContent).toBe('127.0.0.1');
    expect(q('[data-testid="sp-count"]')?.textContent).toBe('3 of 3 citations shown.');
  });

  it('is an accessible table: caption, column headers with sort buttons, row headers, a hint', async () => {
    await mount();
    await waitFor(() => state() === 'on');
    const table = q<HTMLTableElement>('[data-testid="sp-table"]')!;
    expect(table.tagName).toBe('TABLE');
    expect(table.querySelector('caption')?.textContent).toBe('Citations on this page');
    const headers = [...table.querySelectorAll('thead th')];
    expect(headers.map((h) => h.getAttribute('scope'))).toEqual(Array(8).fill('col'));
    expect(headers.map((h) => h.querySelector('button')?.textContent)).toEqual([
      'Citation',
      'Sentence',
      'Source',
      'Type',
      'Reach',
      'Country',
      'Ratings',
      'Paragraph',
    ]);
    expect(headers.every((h) => !h.hasAttribute('aria-sort')), 'unsorted at first').toBe(true);
    expect(rows().every((r) => r.querySelector('th')?.getAttribute('scope') === 'row')).toBe(true);
    expect(document.getElementById(table.getAttribute('aria-describedby')!)?.textContent).toMatch(/press Enter/);
    // one tab stop for the rows (roving tabindex)
    expect(rows().map((r) => r.tabIndex)).toEqual([0, -1, -1]);
    expect(qa('h1').map((h) => h.textContent)).toEqual(['SourceLens']);
    expect(qa('h2').map((h) => h.textContent)).toEqual(['Citations', 'Export', 'Repeated paragraphs']);
    for (const button of qa('button')) expect((button.getAttribute('aria-label') ?? button.textContent)?.trim(), button.outerHTML).toBeTruthy();
    for (const select of qa('select')) expect(select.closest('label')?.textContent).toBeTruthy();
  });

  it('a row click shows the citation in the page (top frame) and its sources below the table', async () => {
    await mount();
    await waitFor(() => state() === 'on');
    await click(rows()[1].querySelector('.sl-col-context'));
    expect(sent('popup→content:show-citation')).toEqual([
      { tabId: TAB_ID, m: { type: 'popup→content:show-citation', citation: 1 }, options: { frameId: 0 } },
    ]);
    expect(rows()[1].dataset.selected).toBe('true');
    expect(rows()[1].tabIndex).toBe(0);
    const selected = q('[data-testid="sp-selected"]')!;
    expect(selected.dataset.citation).toBe('1');
    expect(selected.querySelector('h3')?.textContent).toBe('Selected citation');
    expect(selected.querySelector('h4')?.textContent).toBe('Radio Ennepe Ruhr');
    expect(selected.textContent).toContain('Cited as [radioenneperuhr.de]');
  });

  it('Enter (or Space) on a focused row shows it; arrows, Home and End move between rows', async () => {
    await mount();
    await waitFor(() => state() === 'on');
    const first = rows()[0];
    first.focus();
    await key(first, 'ArrowDown');
    expect(document.activeElement).toBe(rows()[1]);
    expect(rows().map((r) => r.tabIndex)).toEqual([-1, 0, -1]);
    await key(rows()[1], 'End');
    expect(document.activeElement).toBe(rows()[2]);
    await key(rows()[2], 'Enter');
    await key(rows()[2], 'Home');
    expect(document.activeElement).toBe(rows()[0]);
    await key(rows()[0], ' ');
    expect(sent('popup→content:show-citation').map((s) => s.m.type === 'popup→content:show-citation' && s.m.citation)).toEqual([2, 0]);
    await key(rows()[0], 'ArrowUp');
    expect(document.activeElement).toBe(rows()[0]);
  });

  it('shows the repeated paragraphs, and "Show" points the page at them', async () => {
    await mount();
    await waitFor(() => state() === 'on');
    const groups = qa('[data-testid="sp-duplicate"]');
    expect(groups).toHaveLength(2);
    expect(groups[0].textContent).toContain('Exact repeat');
    const show = groups[1].querySelector('[data-testid="sp-duplicate-show"]')!;
    expect(show.getAttribute('aria-label')).toBe('Show these 2 paragraphs in the page');
    await click(show);
    expect(sent('popup→content:show-paragraphs')).toEqual([
      { tabId: TAB_ID, m: { type: 'popup→content:show-paragraphs', paragraphs: [2, 4] }, options: { frameId: 0 } },
    ]);
  });

  it('lists a block printed twice as one passage', async () => {
    const report = seedReport();
    for (const i of [0, 1]) {
      report.duplicates.push({ kind: 'near', similarity: 0.9 - i / 10, paragraphs: [{ index: 30 + i, tag: 'p', text: `Absatz ${i}` }, { index: 50 + i, tag: 'p', text: `Absatz ${i}.` }] });
    }
    answerWith(TAB_ID, report);
    await mount();
    await waitFor(() => state() === 'on');
    const groups = qa('[data-testid="sp-duplicate"]');
    expect(groups).toHaveLength(3);
    expect(groups[2].dataset.passage).toBe('2');
    // The passage's least similar group decides its similarity.
    expect(groups[2].textContent).toContain('2 paragraphs in a row · 80% similar');
    await click(groups[2].querySelector('[data-testid="sp-duplicate-show"]'));
    expect(sent('popup→content:show-paragraphs').at(-1)?.m).toEqual({ type: 'popup→content:show-paragraphs', paragraphs: [30, 31, 50, 51] });
  });

  it('offers the exports', async () => {
    await mount();
    await waitFor(() => state() === 'on');
    expect(q('[data-testid="export-toggle"]')?.textContent).toBe('Export');
    expect(qa('[data-testid^="export-copy-"]').map((b) => b.getAttribute('aria-label'))).toEqual([
      'Copy JSON to the clipboard',
      'Copy CSV to the clipboard',
      'Copy CSL-JSON to the clipboard',
    ]);
  });
});

describe('sorting and filtering (a page with seven citations)', () => {
  beforeEach(() => answerWith(TAB_ID, mixedReport()));

  it('sorts by each column, ascending then descending, empty values last, with aria-sort', async () => {
    await mount();
    await waitFor(() => state() === 'on' && rows().length === 7);
    expect(rowIds()).toEqual([0, 1, 2, 3, 4, 5, 6]);

    await sortBy('source');
    expect(ariaSort('source')).toBe('ascending');
    expect(cellTexts('source').map((s) => s.replace('Unknown source ', '?'))).toEqual([
      // "=HYPERLINK" sorts before letters; names are compared as the UI language does
      '?=HYPERLINK("http://evil.example/?x=1","Click")',
      'Daily Truth Farm',
      'Le MondeAgence France-Presse',
      'Radio Ennepe Ruhr',
      'Radio Ennepe Ruhr',
      'Radio Ennepe Ruhr',
      '?Unbekanntes Blatt',
    ]);
    expect(q('[data-testid="sp-count"]')?.textContent).toContain('Sorted by Source, ascending.');

    await sortBy('source');
    expect(ariaSort('source')).toBe('descending');
    expect(cellTexts('source')[0]).toBe('Unknown source Unbekanntes Blatt');

    await sortBy('ratings');
    expect(ariaSort('source')).toBeNull();
    expect(ariaSort('ratings')).toBe('ascending');
    // fake (0) < Le Monde (gr, 0.87) ; unrated last, in page order
    expect(rowIds()).toEqual([5, 3, 0, 1, 2, 4, 6]);
    await sortBy('ratings');
    expect(rowIds()).toEqual([3, 5, 0, 1, 2, 4, 6]);

    await sortBy('paragraph');
    // ties keep page order in both directions
    expect(rowIds()).toEqual([0, 1, 3, 5, 2, 6, 4]);
    await sortBy('paragraph');
    expect(ariaSort('paragraph')).toBe('descending');
    expect(rowIds()).toEqual([2, 6, 5, 1, 3, 0, 4]);
    expect(cellTexts('paragraph').at(-1)).toBe('–Outside the article text');

    await sortBy('type');
    expect(cellTexts('type')).toEqual([
      'Broadcaster',
      'Broadcaster',
      'Broadcaster',
      'Content farm',
      'Newspaper, News agency',
      '–Not known',
      '–Not known',
    ]);
    await sortBy('country');
    expect(cellTexts('country').slice(0, 5)).toEqual(['France', 'Germany', 'Germany', 'Germany', 'United States']);
    await sortBy('marker');
    expect(cellTexts('marker')[0]).toBe('[=HYPERLINK("http://evil.example/?x=1","Click")]');
  });

  it('filters: unidentified only, by source, by type; counts and clears', async () => {
    await mount();
    await waitFor(() => state() === 'on' && rows().length === 7);

    await check('sp-filter-unresolved', true);
    expect(rowIds()).toEqual([4, 6]);
    expect(q('[data-testid="sp-count"]')?.textContent).toBe('2 of 7 citations shown.');
    expect(rows().every((r) => r.classList.contains('sl-row--unresolved'))).toBe(true);
    await check('sp-filter-unresolved', false);
    expect(rows()).toHaveLength(7);

    const sourceOptions = qa<HTMLOptionElement>('[data-testid="sp-filter-source"] option').map((o) => [o.value, o.textContent]);
    expect(sourceOptions).toEqual([
      ['', 'All sources'],
      ['radio-ennepe-ruhr', 'Radio Ennepe Ruhr (3)'],
      ['le-monde', 'Le Monde (1)'],
      ['afp', 'Agence France-Presse (1)'],
      ['daily-truth-farm', 'Daily Truth Farm (1)'],
    ]);
    await choose('sp-filter-source', 'afp');
    expect(rowIds()).toEqual([3]);
    await choose('sp-filter-source', 'radio-ennepe-ruhr');
    expect(rowIds()).toEqual([0, 1, 2]);

    const typeOptions = qa<HTMLOptionElement>('[data-testid="sp-filter-type"] option').map((o) => o.textContent);
    expect(typeOptions).toEqual(['All types', 'Broadcaster', 'Content farm', 'News agency', 'Newspaper']);
    await choose('sp-filter-type', 'content-farm');
    expect(rows()).toHaveLength(0);
    expect(q('[data-testid="sp-no-match"]')?.textContent).toBe('No citation matches these filters.');
    expect(q('[data-testid="sp-count"]')?.textContent).toBe('0 of 7 citations shown.');

    await click(q('[data-testid="sp-clear-filters"]'));
    expect(rows()).toHaveLength(7);
    expect(q('[data-testid="sp-clear-filters"]')).toBeNull();

    await choose('sp-filter-type', 'news-agency');
    expect(rowIds()).toEqual([3]);
    // filtering keeps one row focusable
    expect(rows()[0].tabIndex).toBe(0);
  });

  it('shows ratings with their values in words, each source named when a marker has several', async () => {
    await mount();
    await waitFor(() => state() === 'on' && rows().length === 7);
    const byId = (id: number) => rows().find((r) => r.dataset.citation === String(id))!;
    const ratings = [...byId(3).querySelectorAll('.sl-col-ratings li')].map((li) => li.textContent);
    expect(ratings).toEqual([
      'Le Monde: Wikipedia perennial sources Generally reliable',
      'Le Monde: Domain quality (Lin et al. 2023) 0.87',
      'Agence France-Presse: Wikipedia perennial sources Generally reliable',
    ]);
    expect(byId(5).querySelector('.sl-col-ratings .sl-tone-bad')?.textContent).toBe('Fake news');
    expect(byId(4).querySelector('.sl-badge--unknown')?.textContent).toBe('Unknown source');
  });
});

describe('following the tab', () => {
  it('follows the active tab of its window and ignores other windows', async () => {
    answerWith(OTHER_TAB, mixedReport());
    await mount('');
    await waitFor(() => state() === 'on');
    expect(rows()).toHaveLength(3);
    expect(sendMessage).toHaveBeenLastCalledWith(TAB_ID, { type: 'popup→content:get-report' }, { frameId: 0 });

    await act(async () => {
      await fakeBrowser.tabs.onActivated.trigger({ tabId: OTHER_TAB, windowId: WINDOW_ID });
    });
    await waitFor(() => rows().length === 7);
    expect(sendMessage).toHaveBeenLastCalledWith(OTHER_TAB, { type: 'popup→content:get-report' }, { frameId: 0 });

    const calls = sendMessage.mock.calls.length;
    await act(async () => {
      await fakeBrowser.tabs.onActivated.trigger({ tabId: TAB_ID, windowId: 99 });
    });
    await new Promise((r) => setTimeout(r, 30));
    expect(sendMessage.mock.calls.length).toBe(calls);
    expect(rows()).toHaveLength(7);
  });

  it('reads the page again when the tab finishes loading, and resets sort and filters for it', async () => {
    await mount('');
    await waitFor(() => state() === 'on');
    await sortBy('paragraph');
    expect(ariaSort('paragraph')).toBe('ascending');
    answerWith(TAB_ID, mixedReport());
    await act(async () => {
      await fakeBrowser.tabs.onUpdated.trigger(TAB_ID, { status: 'loading' }, tab(TAB_ID, true));
    });
    expect(state()).toBe('loading');
    await act(async () => {
      await fakeBrowser.tabs.onUpdated.trigger(TAB_ID, { status: 'complete' }, tab(TAB_ID, true));
    });
    await waitFor(() => rows().length === 7);
    // another tab's updates don't matter
    const calls = sendMessage.mock.calls.length;
    await act(async () => {
      await fakeBrowser.tabs.onUpdated.trigger(OTHER_TAB, { status: 'complete' }, tab(OTHER_TAB));
    });
    await new Promise((r) => setTimeout(r, 30));
    expect(sendMessage.mock.calls.length).toBe(calls);
  });

  it('a pinned panel (?tab=) does not follow the active tab', async () => {
    answerWith(OTHER_TAB, mixedReport());
    await mount(`?tab=${TAB_ID}`);
    await waitFor(() => state() === 'on');
    await act(async () => {
      await fakeBrowser.tabs.onActivated.trigger({ tabId: OTHER_TAB, windowId: WINDOW_ID });
    });
    await new Promise((r) => setTimeout(r, 30));
    expect(rows()).toHaveLength(3);
    expect(sendMessage.mock.calls.every(([id]) => id === TAB_ID)).toBe(true);
  });

  it('keeps the table while refreshing, and asks again when the site switch changes', async () => {
    await mount();
    await waitFor(() => state() === 'on');
    answerWith(TAB_ID, mixedReport());
    await click(q('[data-testid="sp-refresh"]'));
    expect(rows().length).toBeGreaterThan(0);
    await waitFor(() => rows().length === 7);

    answerWith(TAB_ID, null, 'off');
    await act(async () => {
      await browser.storage.local.set({ [SETTINGS_KEY]: { version: 2, mode: 'everywhere', disabledSites: ['127.0.0.1:4173'] } });
    });
    await waitFor(() => state() === 'off');
    expect(rows()).toHaveLength(0);
    expect(container.textContent).toContain('SourceLens is off on this site');
  });

  it('says so when the page can’t be read, or there is no tab', async () => {
    answers.clear();
    await mount();
    await waitFor(() => state() === 'unavailable', 3000);
    expect(container.textContent).toContain('Reload the page and try again.');

    await act(() => render(null, container));
    vi.mocked(fakeBrowser.tabs.query).mockResolvedValue([]);
    await mount('');
    await waitFor(() => state() === 'no-tab');
  });

  it('waits while the page is still being read', async () => {
    let n = 0;
    const report = seedReport();
    answers.set(TAB_ID, () => (n++ < 2 ? { state: 'on', report: null } : { state: 'on', report }));
    await mount();
    expect(state()).toBe('loading');
    await waitFor(() => state() === 'on');
    expect(rows()).toHaveLength(3);
  });
});

describe('languages', () => {
  it('speaks German', async () => {
    installI18n('de');
    await mount();
    await waitFor(() => state() === 'on');
    expect(qa('thead button').map((b) => b.textContent)).toEqual([
      'Quellenangabe',
      'Satz',
      'Quelle',
      'Art',
      'Reichweite',
      'Land',
      'Bewertungen',
      'Absatz',
    ]);
    expect(cellTexts('country')[0]).toBe('Deutschland');
    expect(q('[data-testid="sp-count"]')?.textContent).toBe('3 von 3 Quellenangaben angezeigt.');
  });

  it('speaks French', async () => {
    installI18n('fr');
    answerWith(TAB_ID, mixedReport());
    await mount();
    await waitFor(() => state() === 'on');
    expect(q('caption')?.textContent).toBe('Citations de cette page');
    expect(cellTexts('type')[0]).toBe('Radiodiffuseur');
    await check('sp-filter-unresolved', true);
    expect(q('[data-testid="sp-count"]')?.textContent).toBe('2 citations affichées sur 7.');
  });
});

describe('never parses page text as markup', () => {
  it('renders a marker and sentence that look like HTML as text', async () => {
    const report = seedReport();
    report.citations[0].marker = '[<img src=x onerror=alert(1)>]';
    report.citations[0].context = '<b>bold</b> <script>alert(1)</script>';
    answerWith(TAB_ID, report);
    await mount();
    await waitFor(() => state() === 'on');
    expect(container.querySelector('img, script, b')).toBeNull();
    expect(cellTexts('marker')[0]).toBe('[<img src=x onerror=alert(1)>]');
  });
});
