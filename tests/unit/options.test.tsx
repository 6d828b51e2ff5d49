// @vitest-environment happy-dom
/**
 * The options page in happy-dom: it renders in every locale with a label for every control;
 * the form adds, edits and checks sources and stores them; the bundled search copies a
 * source; import refuses bad files without touching storage; sites and about.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { OptionsApp } from '../../components/options/OptionsApp';
import { answerOptionsMessage, isOptionsMessage, type OptionsContext } from '../../lib/options-messages';
import { bundledRatings, bundledRegistry, getBundledIndex } from '../../lib/registry/bundled';
import type { Source } from '../../lib/registry/schema';
import { SETTINGS_KEY } from '../../lib/settings';
import { USER_SOURCES_KEY, checkSource } from '../../lib/user-sources';
import { ROOT, installI18n, waitFor, type Locale } from '../fixtures/reports/harness';

let container: HTMLElement;
let ctx: OptionsContext;

const q = <E extends Element = HTMLElement>(sel: string, root: ParentNode = container) => root.querySelector<E>(sel);
const qa = <E extends Element = HTMLElement>(sel: string, root: ParentNode = container) => [...root.querySelectorAll<E>(sel)];
const storedSources = async () =>
  ((await browser.storage.local.get(USER_SOURCES_KEY))[USER_SOURCES_KEY] as { version: number; sources: Source[] } | undefined);
const status = () => q('[data-testid="status"]')?.textContent ?? '';

/** The control a visible label names (by the start of the label's text). */
function field<E extends HTMLElement = HTMLInputElement>(label: string, root: ParentNode = container): E {
  const el = qa<HTMLLabelElement>('label', root).find((l) => (l.textContent ?? '').trim().startsWith(label));
  if (!el) throw new Error(`no label "${label}"`);
  const control = el.htmlFor ? document.getElementById(el.htmlFor) : el.querySelector('input, select, textarea');
  if (!control) throw new Error(`label "${label}" names no control`);
  return control as E;
}

function button(text: string, root: ParentNode = container): HTMLButtonElement {
  const b = qa<HTMLButtonElement>('button', root).find((x) => (x.textContent ?? '').trim() === text || x.getAttribute('aria-label') === text);
  if (!b) throw new Error(`no button "${text}"`);
  return b;
}

async function type(el: HTMLElement, value: string) {
  await act(() => {
    (el as HTMLInputElement).value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
async function choose(el: HTMLElement, value: string) {
  await act(() => {
    (el as HTMLSelectElement).value = value;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
async function click(el: HTMLElement) {
  await act(() => {
    el.click();
  });
}
async function submit(form: HTMLFormElement) {
  await act(() => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

async function mount(locale: Locale = 'en') {
  installI18n(locale);
  await act(() => {
    render(<OptionsApp />, container);
  });
  await waitFor(() => q('[data-testid="options"]')?.getAttribute('data-state') === 'ready');
  await waitFor(() => q('[data-testid="about-datasets"]'));
}

function source(over: Record<string, unknown>): Source {
  const r = checkSource({ type: 'blog', scope: 'national', ownership: 'unknown', country: 'DE', languages: ['de'], ...over });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.source;
}

beforeEach(() => {
  fakeBrowser.reset();
  ctx = { registry: bundledRegistry, ratings: bundledRatings, index: getBundledIndex() };
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: unknown) => {
    if (isOptionsMessage(message)) return answerOptionsMessage(message, ctx);
    return undefined;
  }) as never);
  (fakeBrowser.runtime as unknown as { getManifest: () => unknown }).getManifest = () => ({ version: '0.1.0' });
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(async () => {
  await act(() => render(null, container));
  container.remove();
  vi.restoreAllMocks();
});

describe('options page', () => {
  it('renders its four sections with headings and a label for every control', async () => {
    await mount();
    expect(q('h1')?.textContent).toBe('SourceLens settings');
    expect(qa('h2').map((h) => h.textContent)).toEqual(['Your sources', 'Import and export', 'Sites', 'About']);
    expect(qa('nav a').map((a) => a.getAttribute('href'))).toEqual(['#sources', '#import', '#sites', '#about']);

    const controls = qa<HTMLInputElement>('input, select, textarea');
    expect(controls.length).toBeGreaterThan(15);
    for (const c of controls) {
      const labelled =
        (c.id && q(`label[for="${c.id}"]`)) || c.closest('label') || c.getAttribute('aria-label') || c.getAttribute('aria-labelledby');
      expect(labelled, `${c.outerHTML} has no label`).toBeTruthy();
    }
    for (const b of qa<HTMLButtonElement>('button')) {
      expect((b.getAttribute('aria-label') ?? b.textContent ?? '').trim(), b.outerHTML).not.toBe('');
    }
    // Hints and live regions
    expect(field('Name').getAttribute('aria-describedby')).toBeTruthy();
    expect(q('[data-testid="status"]')?.getAttribute('aria-live')).toBe('polite');
    expect(q('[data-testid="sources-empty"]')?.textContent).toBe('You have no sources of your own yet.');
    // Every key the page uses exists (no raw keys shown).
    expect(container.textContent).not.toMatch(/\bopt_[a-z_]+\b/);
  });

  it('adds a source through the form and stores it', async () => {
    await mount();
    await type(field('Name'), 'Radio Witten');
    expect(field('Id').value).toBe('radio-witten');
    await type(field<HTMLTextAreaElement>('Websites'), 'https://www.Radio-Witten.de/');
    await type(field<HTMLTextAreaElement>('Other names'), 'RW, Radio W.');
    await choose(field<HTMLSelectElement>('Type'), 'broadcaster');
    await choose(field<HTMLSelectElement>('Reach'), 'local');
    await choose(field<HTMLSelectElement>('Ownership'), 'private');
    await type(field('Country'), 'de');
    expect(q('.so-field--country .so-hint')?.textContent).toBe('Two-letter code: Germany.');
    await type(field('Languages'), 'de');
    await type(field<HTMLTextAreaElement>('Area covered'), 'Witten\nHerdecke');
    await click(button('Add source'));

    await waitFor(async () => (await storedSources())?.sources.length === 1);
    const stored = (await storedSources())!;
    expect(stored.version).toBe(2);
    expect(stored.sources[0]).toMatchObject({
      id: 'radio-witten',
      name: 'Radio Witten',
      aliases: ['RW', 'Radio W.'],
      domains: ['radio-witten.de'],
      type: 'broadcaster',
      scope: 'local',
      ownership: 'private',
      country: 'DE',
      languages: ['de'],
      coverage: ['Witten', 'Herdecke'],
    });
    expect(stored.sources[0].provenance.coverage).toBe('user');
    await waitFor(() => q('[data-testid="sources-table"]'));
    expect(q('[data-testid="sources-table"] tbody th')?.textContent).toBe('Radio Witten');
    expect(status()).toBe('Added “Radio Witten”.');
    // The form is empty again for the next source.
    expect(field('Name').value).toBe('');
  });

  it('shows what to fix when saving fails, announces it and stores nothing', async () => {
    await mount();
    await type(field('Name'), 'X');
    await type(field('Country'), 'UK');
    await type(field<HTMLTextAreaElement>('Websites'), 'not a domain');
    await submit(q<HTMLFormElement>('form.so-form')!);
    const summary = await waitFor(() => q('.so-form .so-error-summary'));
    expect(summary.getAttribute('role')).toBe('alert');
    await waitFor(() => document.activeElement === summary);
    const items = qa('li', summary).map((li) => li.textContent);
    expect(items).toEqual([
      'Websites: Enter each website as a domain, e.g. example.de or example.com/section.',
      'Type: Fill in this field.',
      'Reach: Fill in this field.',
      'Ownership: Fill in this field.',
      'Country: The code of the United Kingdom is GB.',
      'Languages: Enter at least one language code, e.g. de.',
    ]);
    const country = field('Country');
    expect(country.getAttribute('aria-invalid')).toBe('true');
    const errorId = country.getAttribute('aria-describedby')!.split(' ').find((id) => id.endsWith('-error'))!;
    expect(document.getElementById(errorId)?.textContent).toBe('Error: The code of the United Kingdom is GB.');
    // The summary's links lead to the fields.
    await click(qa<HTMLAnchorElement>('a', summary)[4]);
    expect(document.activeElement).toBe(country);
    expect(await storedSources()).toBeUndefined();
  });

  it('copies a bundled source into the form; saved with its id, it replaces the bundled one', async () => {
    await mount();
    await type(field('Start from a bundled source'), 'radioenneperuhr.de');
    const copy = await waitFor(() => qa<HTMLButtonElement>('.so-search-result button')[0]);
    expect(q('.so-search-status')?.textContent).toMatch(/sources? found\.$/);
    await click(copy);
    expect(field('Name').value).toBe('Radio Ennepe Ruhr');
    expect(field('Id').value).toBe('radio-ennepe-ruhr');
    expect(field<HTMLTextAreaElement>('Area covered').value).toContain('Wetter (Ruhr)');
    expect(document.activeElement).toBe(field('Name'));
    await waitFor(() => q('.so-field--id .so-note')?.textContent === 'Saved with this id, your source replaces the bundled source “Radio Ennepe Ruhr”.');
    await choose(field<HTMLSelectElement>('Reach'), 'regional');
    await click(button('Add source'));
    await waitFor(async () => (await storedSources())?.sources.length === 1);
    const [saved] = (await storedSources())!.sources;
    expect(saved).toMatchObject({ id: 'radio-ennepe-ruhr', scope: 'regional', parent: 'radio-nrw' });
    expect(Object.values(saved.provenance).every((d) => d === 'user')).toBe(true);
    await waitFor(() => q('.so-row-note')?.textContent === 'Replaces the bundled “Radio Ennepe Ruhr”');
  });

  it('edits and removes sources, with undo', async () => {
    await browser.storage.local.set({
      [USER_SOURCES_KEY]: { version: 2, sources: [source({ id: 'a-blog', name: 'A blog' }), source({ id: 'b-blog', name: 'B blog' })] },
    });
    await mount();
    await click(button('Edit A blog'));
    expect(q('.so-form-title')?.textContent).toBe('Edit “A blog”');
    expect(document.activeElement).toBe(field('Name'));
    await type(field('Name'), 'A better blog');
    expect(field('Id').value).toBe('a-blog'); // an edited source keeps its id unless changed
    await click(button('Save changes'));
    await waitFor(async () => (await storedSources())?.sources[0].name === 'A better blog');
    await waitFor(() => document.activeElement === q('[data-edit="a-blog"]'));
    await waitFor(() => status() === 'Saved your changes to “A better blog”.');

    await click(button('Remove B blog'));
    await waitFor(async () => (await storedSources())?.sources.length === 1);
    await waitFor(() => status() === 'Removed “B blog”.');
    const undo = await waitFor(() => qa<HTMLButtonElement>('.so-status-bar button').find((b) => b.textContent === 'Undo'));
    await waitFor(() => document.activeElement === undo);
    await click(undo);
    await waitFor(async () => (await storedSources())?.sources.map((s) => s.id).join() === 'a-blog,b-blog');
    await waitFor(() => status() === 'Restored “B blog”.');
  });

  it('refuses a bad import, lists every problem and leaves stored sources unchanged', async () => {
    const before = { version: 2, sources: [source({ id: 'keep', name: 'Keep', domains: ['keep.de'] })] };
    await browser.storage.local.set({ [USER_SOURCES_KEY]: before });
    await mount();
    const paste = field<HTMLTextAreaElement>('Or paste JSON');

    await type(paste, '{ "sources": [ }');
    await click(button('Import'));
    let errors = await waitFor(() => q('[data-testid="import-errors"]'));
    expect(errors.getAttribute('role')).toBe('alert');
    expect(errors.textContent).toMatch(/This is not valid JSON: the error is at line 1, column 16\./);
    expect(await storedSources()).toEqual(before);

    const data = JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'user-sources', 'export-50.json'), 'utf8'));
    data.sources[37].domains = ['bunte.de', 'bad domain'];
    data.sources[4].country = 'UK';
    await type(paste, JSON.stringify(data));
    await click(button('Import'));
    errors = await waitFor(() => (q('[data-testid="import-errors"]')?.textContent?.includes('2 entries') ? q('[data-testid="import-errors"]') : null));
    expect(q('h4', errors)?.textContent).toBe('Nothing was imported: 2 entries have problems.');
    expect(qa('li', errors).map((li) => li.textContent)).toEqual([
      `sources[4].country (“${data.sources[4].id}”): The code of the United Kingdom is GB.`,
      'sources[37].domains[1] (“my-bunte”): Enter each website as a domain, e.g. example.de or example.com/section.',
    ]);
    expect(await storedSources()).toEqual(before);

    data.sources[37].domains = ['bunte.de'];
    data.sources[4].country = 'GB';
    await type(paste, JSON.stringify(data));
    await click(button('Import'));
    await waitFor(async () => (await storedSources())?.sources.length === 51);
    await waitFor(() => status() === 'Imported: 50 added, 0 replaced.');
    expect(q('[data-testid="import-errors"]')).toBeNull();
  });

  it('lists the sites where SourceLens is off and switches one on again', async () => {
    await browser.storage.local.set({ [SETTINGS_KEY]: { version: 2, mode: 'everywhere', disabledSites: ['example.de', 'news.example.org'], enabledSites: [], crossPageReuse: true } });
    await mount();
    const list = await waitFor(() => q('[data-testid="sites-list"]'));
    expect(qa('li', list).map((li) => li.querySelector('.so-mono')?.textContent)).toEqual(['example.de', 'news.example.org']);
    await click(button('Switch SourceLens on again for example.de'));
    await waitFor(async () => {
      const s = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as { disabledSites: string[]; crossPageReuse: boolean };
      return s.disabledSites.join() === 'news.example.org' && s.crossPageReuse === true;
    });
    await waitFor(() => status() === 'SourceLens is on again for example.de.');
    await waitFor(() => document.activeElement === document.getElementById('sites-title'));

    await type(field('Switch off on a site'), 'https://www.Other.example/page');
    await click(button('Add site'));
    await waitFor(async () => {
      const s = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as { disabledSites: string[] };
      return s.disabledSites.join() === 'news.example.org,other.example';
    });
    await type(field('Switch off on a site'), 'not a site');
    await click(button('Add site'));
    expect(q('.so-site-add .so-field-error')?.textContent).toBe('Enter a site’s address or host name, e.g. example.de.');
  });

  it('shows the version, the registry, every dataset and one sentence per rating system', async () => {
    await mount();
    const facts = q('[data-testid="about-facts"]')!;
    expect(facts.textContent).toContain('0.1.0');
    expect(facts.textContent).toContain(bundledRegistry.version);
    const datasets = qa('[data-testid="about-datasets"] > li');
    expect(datasets).toHaveLength(bundledRegistry.datasets.length);
    const cred = datasets.find((d) => q('h4', d)?.textContent?.startsWith('CRED-1'))!;
    expect(cred.textContent).toContain('CC BY 4.0');
    expect(q<HTMLAnchorElement>('a', cred)?.href).toBe('https://github.com/aloth/cred-1');
    expect(q<HTMLAnchorElement>('a', cred)?.rel).toContain('noreferrer');
    const ratings = qa('[data-testid="about-ratings"] dd').map((dd) => dd.textContent);
    expect(ratings).toHaveLength(5);
    for (const sentence of ratings) expect(sentence).not.toBe('A rating taken from an external dataset.');
  });

  for (const locale of ['de', 'fr'] as const) {
    it(`renders in ${locale}`, async () => {
      await mount(locale);
      const h2 = qa('h2').map((h) => h.textContent);
      expect(h2).toEqual(locale === 'de' ? ['Eigene Quellen', 'Import und Export', 'Websites', 'Über SourceLens'] : ['Vos sources', 'Importer et exporter', 'Sites', 'À propos']);
      expect(container.textContent).not.toMatch(/\bopt_[a-z_]+\b/);
      await submit(q<HTMLFormElement>('form.so-form')!);
      const summary = await waitFor(() => q('.so-form .so-error-summary'));
      expect(summary.textContent).toContain(locale === 'de' ? 'Bitte füllen Sie dieses Feld aus.' : 'Remplissez ce champ.');
    });
  }
});
