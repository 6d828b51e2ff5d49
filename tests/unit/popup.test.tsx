// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { PopupApp } from '../../components/PopupApp';
import type { ContentStatus, PopupToContent } from '../../lib/messages';
import { SETTINGS_KEY, parseSettings } from '../../lib/settings';
import type { PageReport } from '../../lib/types';
import { installI18n, seedReport, waitFor } from '../fixtures/reports/harness';

const TAB_ID = 42;
const PAGE_URL = 'http://127.0.0.1:4173/seed/article.html';

let container: HTMLElement;
/** What the fake content script answers to get-report; a function to vary it over time. */
let answer: () => ContentStatus | Promise<ContentStatus>;
let sendMessage: ReturnType<typeof vi.fn>;

function tab(id: number, url: string, active = false) {
  return { id, url, active, index: 0, highlighted: active, incognito: false, pinned: false, windowId: 1 } as never;
}

async function mount(props: Parameters<typeof PopupApp>[0] = {}) {
  await act(() => {
    render(<PopupApp search="" pollInterval={5} {...props} />, container);
  });
  return container;
}

const q = <E extends Element = HTMLElement>(sel: string) => container.querySelector<E>(sel);
const qa = <E extends Element = HTMLElement>(sel: string) => [...container.querySelectorAll<E>(sel)];
const state = () => q('[data-testid="popup-state"]')?.getAttribute('data-state');
const sent = (type: PopupToContent['type']) =>
  sendMessage.mock.calls.filter(([, m]) => (m as PopupToContent).type === type).map(([tabId, m]) => ({ tabId, m }));

async function click(el: Element | null) {
  if (!el) throw new Error('nothing to click');
  await act(() => {
    (el as HTMLElement).click();
  });
}

beforeEach(() => {
  fakeBrowser.reset();
  installI18n('en');
  const report: PageReport = seedReport();
  answer = () => ({ state: 'on', report });
  sendMessage = vi.fn(async (_tabId: number, message: PopupToContent) => {
    if (message.type === 'popup→content:get-report') return answer();
    return true;
  });
  (fakeBrowser.tabs as unknown as { sendMessage: unknown }).sendMessage = sendMessage;
  vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation(async (info) =>
    info.active ? [tab(TAB_ID, PAGE_URL, true)] : [tab(3, 'https://example.org/'), tab(TAB_ID, PAGE_URL, true)],
  );
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(async () => {
  await act(() => render(null, container));
  container.remove();
  vi.restoreAllMocks();
});

describe('popup on the seed page', () => {
  it('asks the active tab for its report and shows the counts', async () => {
    await mount();
    await waitFor(() => state() === 'on');
    expect(sendMessage).toHaveBeenCalledWith(TAB_ID, { type: 'popup→content:get-report' }, { frameId: 0 });
    expect(q('[data-testid="popup-count-citations"]')?.textContent).toBe('3');
    expect(q('[data-testid="popup-count-resolved"]')?.textContent).toBe('3');
    expect(q('[data-testid="popup-count-unresolved"]')?.textContent).toBe('0');
    expect(q('[data-testid="popup-state"]')?.textContent).toBe('Page analysed: 3 citations, 3 identified.');
    expect(q('.sl-site')?.textContent).toBe('127.0.0.1');
    expect(q('h1')?.textContent).toBe('SourceLens');
  });

  it('lists the warnings in words, each with its code and severity', async () => {
    await mount();
    await waitFor(() => state() === 'on');
    const warnings = qa('[data-testid="popup-warning"]');
    expect(warnings.map((w) => w.dataset.code)).toEqual([
      'local-source-for-non-local-news',
      'source-language-mismatch',
      'missing-metadata',
      'html-lang-mismatch',
      'duplicate-paragraphs',
      'duplicate-paragraphs',
    ]);
    const texts = warnings.map((w) => w.querySelector('.sl-warning-text')?.textContent);
    expect(texts).toEqual([
      'Warning: Radio Ennepe Ruhr is a local outlet for Ennepe-Ruhr-Kreis, yet it is cited for news that is not about that area.',
      'Warning: Radio Ennepe Ruhr publishes in German, but this article is in French.',
      'Note: The page shows “Veröffentlicht am” but gives no date.',
      'Note: The page declares its language as German, but its text is in French.',
      'Warning: 2 paragraphs are identical: “Les USA et le Japon s\'allient : lutte contre le monopole chinois …”',
      'Warning: 2 paragraphs are identical: “Découvrez comment les États-Unis et le Japon renforcent leur coopération dans le …”',
    ]);
    expect(warnings[0].classList.contains('sl-warning--warning')).toBe(true);
    expect(warnings[2].classList.contains('sl-warning--info')).toBe(true);
  });

  it('lists the cited source with its count and facts, expandable, and can show each citation', async () => {
    await mount();
    await waitFor(() => state() === 'on');
    const sources = qa('[data-testid="popup-source"]');
    expect(sources).toHaveLength(1);
    const source = sources[0];
    expect(source.dataset.sourceId).toBe('radio-ennepe-ruhr');
    expect(source.querySelector('h3')?.textContent).toBe('Radio Ennepe Ruhr');
    expect(source.textContent).toContain('Cited 3 times');
    expect(source.textContent).toContain('Broadcaster · Local · Germany');

    const toggle = [...source.querySelectorAll('button')].find((b) => b.textContent === 'Details')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(source.querySelector('.sl-card--compact')).not.toBeNull();
    await click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(source.querySelector('.sl-card--compact')).toBeNull();
    expect(document.getElementById(toggle.getAttribute('aria-controls')!)).not.toBeNull();
    expect(source.querySelector('.sl-card-all-from')?.textContent).toMatch(/^All facts from SourceLens curated sources/);

    const shows = [...source.querySelectorAll('[data-testid="popup-show-citation"]')];
    expect(shows.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Show citation 1 of 3 in the page',
      'Show citation 2 of 3 in the page',
      'Show citation 3 of 3 in the page',
    ]);
    await click(shows[1]);
    expect(sent('popup→content:show-citation')).toEqual([
      { tabId: TAB_ID, m: { type: 'popup→content:show-citation', citation: 1 } },
    ]);
  });

  it('shows the duplicate groups with their opening words, and "Show" points the page at them', async () => {
    await mount();
    await waitFor(() => state() === 'on');
    const groups = qa('[data-testid="popup-duplicate"]');
    expect(groups).toHaveLength(2);
    expect(groups[0].textContent).toContain('Exact repeat');
    expect(groups[0].textContent).toContain('100% similar');
    const openings = (g: HTMLElement) => [...g.querySelectorAll('li')].map((li) => li.textContent);
    expect(openings(groups[0])).toEqual([
      // twelve "words" (the colon counts as one), then an ellipsis
      'Heading Les USA et le Japon s\'allient : lutte contre le monopole chinois…',
      'Heading Les USA et le Japon s\'allient : lutte contre le monopole chinois…',
    ]);
    expect(openings(groups[1])).toEqual([
      'Paragraph Découvrez comment les États-Unis et le Japon renforcent leur coopération dans le…',
      'Paragraph Découvrez comment les États-Unis et le Japon renforcent leur coopération dans le…',
    ]);
    expect(groups[1].querySelector('q')?.getAttribute('lang')).toBe('fr');

    const show = groups[1].querySelector('[data-testid="popup-duplicate-show"]')!;
    expect(show.textContent).toBe('Show');
    expect(show.getAttribute('aria-label')).toBe('Show these 2 paragraphs in the page');
    await click(show);
    expect(sent('popup→content:show-paragraphs')).toEqual([
      { tabId: TAB_ID, m: { type: 'popup→content:show-paragraphs', paragraphs: [2, 4] } },
    ]);
  });

  it('shows the missing metadata and the article language against <html lang>', async () => {
    await mount();
    await waitFor(() => state() === 'on');
    expect(q('[data-testid="popup-missing"]')?.textContent).toBe(
      'Publication date: the page shows “Veröffentlicht am” with nothing after it.',
    );
    const lang = q('[data-testid="popup-language"]')!;
    expect(lang.textContent).toContain('Article textFrench');
    expect(lang.textContent).toContain('Declared by the pageGerman (de)');
    expect(container.textContent).toContain('These differ.');
  });

  it('lets a warning point the page at what it is about', async () => {
    await mount();
    await waitFor(() => state() === 'on');
    const dups = qa('[data-testid="popup-warning"][data-code="duplicate-paragraphs"] button');
    await click(dups[1]);
    expect(sent('popup→content:show-paragraphs')[0].m).toEqual({
      type: 'popup→content:show-paragraphs',
      paragraphs: [2, 4],
    });
    await click(q('[data-testid="popup-warning"][data-code="local-source-for-non-local-news"] button'));
    expect(sent('popup→content:show-citation')[0].m).toEqual({ type: 'popup→content:show-citation', citation: 0 });
  });

  it('gives every button an accessible name and uses headings for its sections', async () => {
    await mount();
    await waitFor(() => state() === 'on');
    for (const button of qa('button')) {
      const name = button.getAttribute('aria-label') ?? (button.getAttribute('aria-labelledby') ? 'x' : button.textContent);
      expect(name?.trim(), button.outerHTML).toBeTruthy();
    }
    const headings = qa('h2').map((h) => h.textContent);
    expect(headings).toEqual([
      'Summary',
      'Warnings',
      'Sources cited',
      'Repeated paragraphs',
      'Missing details',
      'Language',
    ]);
    expect(q('[role="status"][aria-live="polite"]')).not.toBeNull();
  });

  it('shows the page’s own publisher when the registry knows it', async () => {
    const report = seedReport();
    report.publisher = { ...report.sources[0].source, id: 'portal', name: 'Nachrichten-Portal', scope: 'national', type: 'online-news' };
    answer = () => ({ state: 'on', report });
    await mount();
    await waitFor(() => state() === 'on');
    const publisher = q('.sl-publisher')!;
    expect(publisher.querySelector('h2')?.textContent).toBe('Published by');
    expect(publisher.querySelector('h3')?.textContent).toBe('Nachrichten-Portal');
  });

  it('lists unknown sources with what is known and "did you mean"', async () => {
    const report = seedReport();
    const c = report.citations[2];
    c.marker = '[radio-enepe.de]';
    c.key = 'radio-enepe.de';
    c.parts = [{ key: 'radio-enepe.de', kind: 'domain' }];
    c.source = null;
    c.sources = [null];
    c.unresolved = [
      {
        key: 'radio-enepe.de',
        reason: 'unknown-domain',
        domain: 'radio-enepe.de',
        tldCountry: 'DE',
        suggestions: [{ id: 'radio-ennepe-ruhr', name: 'Radio Ennepe Ruhr' }],
      },
    ];
    report.stats = { ...report.stats, resolved: 2, unresolved: 1 };
    answer = () => ({ state: 'on', report });
    await mount();
    await waitFor(() => state() === 'on');
    expect(q('[data-testid="popup-count-unresolved"]')?.textContent).toBe('1');
    const item = q('[data-testid="popup-unresolved"]')!;
    expect(item.textContent).toContain('Cited as [radio-enepe.de]');
    expect(item.textContent).toContain('Germany (.de)');
    expect(item.textContent).toContain('Did you mean Radio Ennepe Ruhr?');
    await click(item.querySelector('[data-testid="popup-show-citation"]'));
    expect(sent('popup→content:show-citation')[0].m).toEqual({ type: 'popup→content:show-citation', citation: 2 });
  });

  it('labels translation groups and their confidence', async () => {
    const report = seedReport();
    report.duplicates.push({
      kind: 'translation',
      similarity: 0.62,
      confidence: 0.88,
      paragraphs: [
        { index: 2, tag: 'p', text: report.duplicates[1].paragraphs[0].text, lang: 'fr' },
        { index: 3, tag: 'p', text: 'Erfahren Sie, wie die USA und Japan ihre Zusammenarbeit bei seltenen Erden stärken.', lang: 'de' },
      ],
    });
    answer = () => ({ state: 'on', report });
    await mount();
    await waitFor(() => state() === 'on');
    const group = qa('[data-testid="popup-duplicate"]')[2];
    expect(group.dataset.kind).toBe('translation');
    expect(group.textContent).toContain('Translation');
    expect(group.textContent).toContain('88% confidence');
    expect(group.querySelectorAll('q')[1].getAttribute('lang')).toBe('de');
  });
});

describe('repeated passages', () => {
  it('shows a block printed twice as one entry, and "Show" points the page at all of it', async () => {
    const report = seedReport();
    const box = ['Zentralkomitee der deutschen Katholiken', 'Das ZdK ist das höchste Gremium der Laien.', 'Es vertritt die Laien.'];
    const groups = box.map((text, i) => ({
      kind: 'exact' as const,
      similarity: 1,
      paragraphs: [
        { index: 20 + i, tag: i ? 'p' : 'h2', text },
        { index: 40 + i, tag: i ? 'p' : 'h2', text },
      ],
    }));
    report.duplicates.push(...groups);
    answer = () => ({ state: 'on', report });
    await mount();
    await waitFor(() => state() === 'on');
    const entries = qa('[data-testid="popup-duplicate"]');
    // The seed's two groups, then the passage of three.
    expect(entries).toHaveLength(3);
    const passage = entries[2];
    expect(passage.dataset.passage).toBe('3');
    expect(passage.textContent).toContain('3 paragraphs in a row · 100% similar');
    // Each copy by its first paragraph.
    expect([...passage.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Heading Zentralkomitee der deutschen Katholiken',
      'Heading Zentralkomitee der deutschen Katholiken',
    ]);
    const show = passage.querySelector('[data-testid="popup-duplicate-show"]')!;
    expect(show.getAttribute('aria-label')).toBe('Show these 6 paragraphs in the page');
    await click(show);
    expect(sent('popup→content:show-paragraphs').at(-1)?.m).toEqual({
      type: 'popup→content:show-paragraphs',
      paragraphs: [20, 21, 22, 40, 41, 42],
    });
    expect(entries[0].dataset.passage).toBeUndefined();
  });
});

describe('site switch', () => {
  it('is an accessible switch that writes the settings and follows the page off and on again', async () => {
    // The fake content script: off once the site is disabled in storage, busy for one answer after re-enabling.
    let busy = 0;
    const report = seedReport();
    answer = async () => {
      const settings = parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
      if (settings.disabledSites.includes('127.0.0.1')) {
        busy = 1;
        return { state: 'off' };
      }
      if (busy-- > 0) return { state: 'on', report: null };
      return { state: 'on', report };
    };
    await mount();
    await waitFor(() => state() === 'on');
    const sw = q('[data-testid="popup-site-switch"]')!;
    expect(sw.getAttribute('role')).toBe('switch');
    expect(sw.getAttribute('aria-checked')).toBe('true');
    expect(document.getElementById(sw.getAttribute('aria-labelledby')!)?.textContent).toBe('Active on this site');

    await click(sw);
    await waitFor(() => state() === 'off');
    expect(sw.getAttribute('aria-checked')).toBe('false');
    const stored = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as { disabledSites: string[] };
    expect(stored.disabledSites).toEqual(['127.0.0.1']);
    expect(q('[data-testid="popup-state"]')?.textContent).toBe('SourceLens is off on this site');
    expect(qa('[data-testid="popup-source"]')).toHaveLength(0);

    await click(sw);
    expect(sw.getAttribute('aria-checked')).toBe('true');
    await waitFor(() => state() === 'on');
    expect(
      ((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as { disabledSites: string[] }).disabledSites,
    ).toEqual([]);
    expect(q('[data-testid="popup-count-citations"]')?.textContent).toBe('3');
  });

  it('starts off when the site is switched off', async () => {
    await browser.storage.local.set({ [SETTINGS_KEY]: { version: 1, disabledSites: ['127.0.0.1'] } });
    answer = () => ({ state: 'off' });
    await mount();
    await waitFor(() => state() === 'off');
    expect(q('[data-testid="popup-site-switch"]')?.getAttribute('aria-checked')).toBe('false');
    expect(container.textContent).toContain('Switch it on to mark citations');
  });
});

describe('states', () => {
  it('says so when no content script answers', async () => {
    sendMessage.mockImplementation(async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    await mount();
    expect(state()).toBe('loading');
    await waitFor(() => state() === 'unavailable');
    expect(q('[data-testid="popup-state"]')?.textContent).toBe('SourceLens can’t read this page');
    expect(container.textContent).toContain('Reload the page and try again.');
    expect(qa('[data-testid="popup-count-citations"]')).toHaveLength(0);
  });

  it('says so when there is no tab at all', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([]);
    await mount();
    await waitFor(() => state() === 'unavailable');
    expect(q('[data-testid="popup-site-switch"]')?.hasAttribute('disabled')).toBe(true);
  });

  it('shows the content script’s error as text', async () => {
    answer = () => ({ state: 'error', message: 'Detector failed <b>badly</b>' });
    await mount();
    await waitFor(() => state() === 'unavailable');
    expect(q('[data-testid="popup-state"]')?.textContent).toBe('SourceLens couldn’t analyse this page');
    expect(container.textContent).toContain('Detector failed <b>badly</b>');
    expect(q('b')).toBeNull();
  });

  it('waits while the page is still being read, then announces the result', async () => {
    let calls = 0;
    const report = seedReport();
    answer = () => (++calls < 3 ? { state: 'on', report: null } : { state: 'on', report });
    await mount();
    await waitFor(() => calls >= 1);
    expect(state()).toBe('loading');
    expect(q('[data-testid="popup-state"]')?.textContent).toBe('Reading the page…');
    await waitFor(() => state() === 'on');
    expect(calls).toBe(3);
  });

  it('finds its tab from ?tab=<id>', async () => {
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue(tab(7, PAGE_URL));
    await mount({ search: '?tab=7' });
    await waitFor(() => state() === 'on');
    expect(sendMessage).toHaveBeenCalledWith(7, { type: 'popup→content:get-report' }, { frameId: 0 });
  });

  it('finds its tab from ?url=<page url>', async () => {
    await mount({ search: `?url=${encodeURIComponent(PAGE_URL)}` });
    await waitFor(() => state() === 'on');
    expect(sendMessage).toHaveBeenCalledWith(TAB_ID, { type: 'popup→content:get-report' }, { frameId: 0 });
  });
});

describe('tabs whose address the browser hides (no "tabs" permission)', () => {
  it('finds the ?url= tab by asking the content scripts for their page address', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([
      { ...(tab(3, '') as object), url: undefined },
      { ...(tab(TAB_ID, '') as object), url: undefined },
    ] as never);
    const report = seedReport();
    let asked = 0;
    sendMessage.mockImplementation(async (tabId: number, message: PopupToContent) => {
      if (tabId !== TAB_ID) throw new Error('Receiving end does not exist.');
      if (message.type !== 'popup→content:get-report') return true;
      // still reading the page for the first two questions: no report, so no address yet
      return ++asked <= 2 ? { state: 'on', report: null } : { state: 'on', report };
    });
    await mount({ search: `?url=${encodeURIComponent(PAGE_URL)}` });
    await waitFor(() => state() === 'on');
    expect(q('.sl-site')?.textContent).toBe('127.0.0.1');
    await click(q('[data-testid="popup-duplicate-show"]'));
    expect(sent('popup→content:show-paragraphs')[0].tabId).toBe(TAB_ID);
  });

  it('takes the site from the report (or an off status’s url) for the switch', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ ...(tab(TAB_ID, '') as object), url: undefined }] as never);
    answer = () => ({ state: 'off', url: PAGE_URL }) as ContentStatus;
    await mount();
    await waitFor(() => state() === 'off' && q('.sl-site')?.textContent === '127.0.0.1');
    const sw = q('[data-testid="popup-site-switch"]')!;
    await waitFor(() => !sw.hasAttribute('disabled'));
    expect(sw.getAttribute('aria-checked')).toBe('true');
  });
});

describe('page text is shown as text', () => {
  it('never creates elements from markup in the report', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const report = seedReport();
    report.duplicates[0].paragraphs[0].text = `${evil} Les USA et le Japon`;
    report.missingMetadata[0].label = evil;
    report.warnings[2].params.label = evil;
    report.warnings[5].params.opening = evil;
    report.sources[0].source = { ...report.sources[0].source, name: evil };
    report.warnings[0].params.source = evil;
    answer = () => ({ state: 'on', report });
    await mount();
    await waitFor(() => state() === 'on');
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('[onerror]')).toBeNull();
    expect(container.textContent).toContain(evil);
    expect(qa('[data-testid="popup-duplicate"]')[0].querySelector('q')?.textContent).toBe(`${evil} Les USA et le Japon`);
    expect(q('[data-testid="popup-source"] h3')?.textContent).toBe(evil);
  });
});

describe('in German and French', () => {
  it('follows the browser language', async () => {
    vi.restoreAllMocks();
    installI18n('de', 'de-DE');
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([tab(TAB_ID, PAGE_URL, true)]);
    await mount();
    await waitFor(() => state() === 'on');
    expect(qa('h2').map((h) => h.textContent)).toContain('Zitierte Quellen');
    expect(q('[data-code="source-language-mismatch"]')?.textContent).toContain(
      'Radio Ennepe Ruhr veröffentlicht auf Deutsch, dieser Artikel ist aber auf Französisch.',
    );
    expect(q('[data-testid="popup-source"]')?.textContent).toContain('3-mal zitiert');
    expect(q('[data-testid="popup-duplicate"]')?.textContent).toMatch(/100\s% ähnlich/);

    await act(() => render(null, container));
    vi.restoreAllMocks();
    installI18n('fr', 'fr-FR');
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([tab(TAB_ID, PAGE_URL, true)]);
    await mount();
    await waitFor(() => state() === 'on');
    expect(q('[data-code="local-source-for-non-local-news"]')?.textContent).toContain(
      'Avertissement : Radio Ennepe Ruhr est un média local (Ennepe-Ruhr-Kreis), pourtant cité pour une actualité qui ne concerne pas cette zone.',
    );
    expect(q('[data-testid="popup-site-switch"]')?.textContent).toBe('Activé');
  });
});
