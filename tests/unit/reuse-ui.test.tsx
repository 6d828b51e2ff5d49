// @vitest-environment happy-dom
/**
 * Reuse across sites in the UI: the popup's "Seen on other sites" section (paragraph opening,
 * site, address as text unless it is http(s), date; "Show" points at the paragraph) and the
 * options page's checkbox, explanation, count and "Clear".
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { PopupApp } from '../../components/PopupApp';
import { warningText } from '../../components/i18n';
import { OptionsApp } from '../../components/options/OptionsApp';
import type { ContentStatus, PopupToContent } from '../../lib/messages';
import { answerOptionsMessage, isOptionsMessage } from '../../lib/options-messages';
import { bundledRatings, bundledRegistry, getBundledIndex } from '../../lib/registry/bundled';
import { ReuseService, type ReuseArea } from '../../lib/reuse/service';
import { buildReport } from '../../lib/report';
import { DEFAULT_SETTINGS, SETTINGS_KEY, parseSettings } from '../../lib/settings';
import type { PageReport, ReuseMatch } from '../../lib/types';
import { installI18n, seedReport, waitFor } from '../fixtures/reports/harness';

let container: HTMLElement;
const q = <E extends Element = HTMLElement>(sel: string) => container.querySelector<E>(sel);
const qa = <E extends Element = HTMLElement>(sel: string) => [...container.querySelectorAll<E>(sel)];

async function click(el: Element | null) {
  if (!el) throw new Error('nothing to click');
  await act(() => {
    (el as HTMLElement).click();
  });
}

const SEEN = Date.UTC(2026, 4, 20, 9, 30);
const MATCHES: ReuseMatch[] = [
  { paragraph: 2, opening: 'At the gauge below the old mill the river now runs at …', similarity: 1, site: 'site-a.test', url: 'https://site-a.test/river', seenAt: SEEN, sites: 1 },
  { paragraph: 4, opening: 'The water board said it would review the restrictions …', similarity: 0.78, site: 'feed.example', url: 'ftp://feed.example/x', seenAt: SEEN, sites: 3 },
];

beforeEach(() => {
  fakeBrowser.reset();
  installI18n('en');
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(async () => {
  await act(() => render(null, container));
  container.remove();
  vi.restoreAllMocks();
});

describe('popup: seen on other sites', () => {
  let sendMessage: ReturnType<typeof vi.fn>;

  async function mountWith(report: PageReport) {
    sendMessage = vi.fn(async (_tabId: number, message: PopupToContent) => {
      if (message.type === 'popup→content:get-report') return { state: 'on', report } satisfies ContentStatus;
      return true;
    });
    (fakeBrowser.tabs as unknown as { sendMessage: unknown }).sendMessage = sendMessage;
    vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation(async () => [
      { id: 5, url: 'https://site-b.test/copy', active: true, index: 0, highlighted: true, incognito: false, pinned: false, windowId: 1 } as never,
    ]);
    await act(() => {
      render(<PopupApp search="" pollInterval={5} />, container);
    });
    await waitFor(() => q('[data-testid="popup-state"]')?.getAttribute('data-state') === 'on');
  }

  it('lists each paragraph with its opening, site, address and date, and shows it on request', async () => {
    const base = seedReport();
    await mountWith({ ...base, reuse: MATCHES, warnings: [] });
    const items = qa('[data-testid="popup-reuse"]');
    expect(items.map((li) => li.dataset.site)).toEqual(['site-a.test', 'feed.example']);
    expect(items[0].querySelector('q')?.textContent).toBe(MATCHES[0].opening);
    expect(items[0].querySelector('[data-testid="popup-reuse-seen"]')?.textContent).toMatch(/^Seen on site-a\.test on .*2026/);
    // http(s) addresses are links (opening a new tab, no referrer); others stay text.
    const link = items[0].querySelector<HTMLAnchorElement>('a[data-testid="popup-reuse-url"]');
    expect(link?.getAttribute('href')).toBe('https://site-a.test/river');
    expect(link?.getAttribute('rel')).toContain('noreferrer');
    expect(items[1].querySelector('a')).toBeNull();
    expect(items[1].querySelector('[data-testid="popup-reuse-url"]')?.textContent).toBe('ftp://feed.example/x');
    expect(items[1].querySelector('[data-testid="popup-reuse-seen"]')?.textContent).toContain('(also on 2 more sites)');
    expect(items[1].textContent).toContain('78% similar');
    expect(q('.sl-reuse h2')?.textContent).toBe('Seen on other sites');

    await click(items[1].querySelector('[data-testid="popup-reuse-show"]'));
    expect(sendMessage).toHaveBeenCalledWith(5, { type: 'popup→content:show-paragraphs', paragraphs: [4] }, { frameId: 0 });
  });

  it('shows no section when nothing matched or the setting is off', async () => {
    await mountWith({ ...seedReport(), reuse: [] });
    expect(q('[data-testid="popup-reuse"]')).toBeNull();
    expect(q('.sl-reuse')).toBeNull();
  });

  it('words the warning in every language', async () => {
    const facts = { url: 'https://site-b.test/copy', htmlLang: 'en', title: 't', citations: [], duplicates: [], missingMetadata: [], textSample: '', paragraphCount: 5 };
    const resolver = { version: 'v', resolveCitation: () => { throw new Error('no citations'); }, resolvePublisher: () => null };
    const report = buildReport(facts, resolver, { reuse: MATCHES });
    const w = report.warnings.find((x) => x.code === 'paragraphs-seen-elsewhere')!;
    expect(w.paragraphs).toEqual([2, 4]);
    expect(warningText(w)).toBe('2 paragraphs also appear on pages you visited on site-a.test and feed.example.');
    vi.restoreAllMocks();
    installI18n('de');
    expect(warningText(w)).toBe('2 Absätze stehen auch auf Seiten, die Sie auf site-a.test und feed.example besucht haben.');
    vi.restoreAllMocks();
    installI18n('fr');
    expect(warningText({ ...w, params: { count: 1, sites: 'site-a.test' } })).toBe('1 paragraphe figure aussi sur une page consultée sur site-a.test.');
    expect(buildReport(facts, resolver).reuse).toBeUndefined();
  });
});

describe('options page: copies across sites', () => {
  let service: ReuseService;

  beforeEach(() => {
    const ctx = { registry: bundledRegistry, ratings: bundledRatings, index: getBundledIndex() };
    service = new ReuseService(browser.storage.local as unknown as ReuseArea, {
      enabled: async () => parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).crossPageReuse,
    });
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: { type: string }) => {
      if (isOptionsMessage(message)) return answerOptionsMessage(message, ctx);
      if (message.type === 'options→background:reuse-stats') return service.stats();
      if (message.type === 'options→background:reuse-clear') return service.clear().then(() => true);
      return undefined;
    }) as never);
    (fakeBrowser.runtime as unknown as { getManifest: () => unknown }).getManifest = () => ({ version: '0.1.0' });
  });

  async function mount() {
    await act(() => {
      render(<OptionsApp />, container);
    });
    await waitFor(() => q('[data-testid="options"]')?.getAttribute('data-state') === 'ready');
    await waitFor(() => q('[data-testid="reuse-count"]')?.dataset.count !== '');
  }

  it('is off by default, explains what is stored, and switches on and off', async () => {
    await mount();
    const box = q<HTMLInputElement>('[data-testid="reuse-toggle"]')!;
    expect(box.checked).toBe(false);
    expect(box.closest('label')?.textContent).toBe('Remember paragraph fingerprints to spot copies across sites');
    const described = box.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)?.textContent ?? '');
    expect(described[0]).toMatch(/never the text itself/);
    expect(described[0]).toMatch(/At most 100,000 paragraphs/);
    expect(q('[data-testid="reuse-count"]')?.textContent).toBe('Nothing is stored.');
    expect(q<HTMLButtonElement>('[data-testid="reuse-clear"]')?.disabled).toBe(true);

    await click(box);
    await waitFor(async () => parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).crossPageReuse);
    await waitFor(() => q<HTMLInputElement>('[data-testid="reuse-toggle"]')?.checked);
    expect(q('[data-testid="status"]')?.textContent).toBe('SourceLens now remembers paragraph fingerprints of the pages you visit.');
    // Other settings are kept.
    const stored = parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
    expect(stored).toEqual({ ...DEFAULT_SETTINGS, crossPageReuse: true });

    await click(q('[data-testid="reuse-toggle"]'));
    await waitFor(async () => !parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).crossPageReuse);
  });

  it('shows the count and clears it', async () => {
    await browser.storage.local.set({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, crossPageReuse: true } });
    await service.handle({
      fingerprints: [{ paragraph: 0, bands: Array.from({ length: 16 }, (_, i) => i * 100), opening: 'x' }],
      url: 'https://site-a.test/a',
      incognito: false,
      topFrame: true,
    });
    await mount();
    expect(q('[data-testid="reuse-count"]')?.textContent).toBe('Paragraph fingerprints stored: 1 (pages: 1).');
    await click(q('[data-testid="reuse-clear"]'));
    await waitFor(() => q('[data-testid="reuse-count"]')?.dataset.count === '0');
    expect(q('[data-testid="reuse-count"]')?.textContent).toBe('Nothing is stored.');
    expect(q('[data-testid="status"]')?.textContent).toBe('Stored paragraph fingerprints cleared.');
    expect(Object.keys(await browser.storage.local.get(null)).filter((k) => k.startsWith('sourcelens:reuse:'))).toEqual([]);
  });
});
