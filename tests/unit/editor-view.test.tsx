// @vitest-environment happy-dom
/**
 * The side panel's Editor view over a report: unknown citations with "did you mean", repeated
 * paragraphs, and for a page the empty metadata and `<html lang>` against the text's language.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EditorView, languageIssue } from '../../components/sidepanel/EditorView';
import type { PageReport } from '../../lib/types';
import { installI18n, seedReport } from '../fixtures/reports/harness';

let container: HTMLElement;
const q = (sel: string) => container.querySelector<HTMLElement>(sel);
const qa = (sel: string) => [...container.querySelectorAll<HTMLElement>(sel)];

async function show(props: Parameters<typeof EditorView>[0]) {
  await act(() => {
    render(<EditorView {...props} />, container);
  });
}

/** The seed report (fr text, <html lang="de">, two duplicate clusters, an empty "Veröffentlicht am") with an unknown citation. */
function report(): PageReport {
  const r = seedReport();
  r.citations[0] = {
    ...r.citations[0],
    marker: '[radioenneperuh.de]',
    key: 'radioenneperuh.de',
    source: null,
    sources: [null],
    unresolved: [
      {
        key: 'radioenneperuh.de',
        reason: 'unknown-domain',
        suggestions: [
          { id: 'radio-ennepe-ruhr', name: 'Radio Ennepe Ruhr' },
          { id: 'radio-x', name: 'Radio <X>' },
        ],
      },
    ],
  };
  return r;
}

beforeEach(() => {
  installI18n('en');
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  render(null, container);
  container.remove();
  vi.restoreAllMocks();
});

describe('EditorView', () => {
  it('lists what a page should fix', async () => {
    await show({ report: report(), source: 'page' });
    expect(q('[data-testid="sp-editor-source"]')?.textContent).toBe('Checked: this page.');
    const parts = qa('[data-testid="sp-editor-part"]');
    expect(parts).toHaveLength(1);
    expect(parts[0].textContent).toContain('radioenneperuh.de');
    expect(q('[data-testid="sp-editor-suggestion"]')?.textContent).toBe('Did you mean Radio Ennepe Ruhr or Radio <X>?');
    expect(qa('[data-testid="sp-editor-duplicates"] li')).toHaveLength(2);
    expect(q('[data-testid="sp-editor-duplicates"] li')?.textContent).toMatch(/^Paragraphs \d+ and \d+ repeat each other\./);
    const details = q('[data-testid="sp-editor-page-details"]')?.textContent ?? '';
    expect(details).toContain('“Veröffentlicht am”');
    expect(q('[data-testid="sp-editor-lang"]')?.dataset.kind).toBe('mismatch');
    expect(q('[data-testid="sp-editor-lang"]')?.textContent).toBe('The page declares German (<html lang>), but its text is in French.');
    expect(q('[data-testid="sp-editor-clear"]')).toBeNull();
    // Text, never markup.
    expect(container.querySelector('x')).toBeNull();
  });

  it('shows a selection without page details, and goes back to the page', async () => {
    const onShowPage = vi.fn();
    await show({ report: report(), source: 'selection', truncated: true, onShowPage });
    expect(q('[data-testid="sp-editor"]')?.dataset.source).toBe('selection');
    expect(q('[data-testid="sp-editor-source"]')?.textContent).toContain('Checked: the text you selected.');
    expect(container.textContent).toContain('only its beginning was checked');
    expect(q('[data-testid="sp-editor-page-details"]')).toBeNull();
    await act(() => q('[data-testid="sp-editor-page"]')!.click());
    expect(onShowPage).toHaveBeenCalledOnce();
  });

  it('lists a publication date or author absent from the page', async () => {
    const r = report();
    r.missingMetadata = [
      { field: 'published', label: 'Veröffentlicht am' },
      { field: 'author', label: '' },
    ];
    await show({ report: r, source: 'page' });
    const items = qa('[data-testid="sp-editor-page-details"] li[data-field]');
    expect(items.map((li) => [li.dataset.field, 'absent' in li.dataset, li.textContent])).toEqual([
      ['published', false, 'The page shows “Veröffentlicht am” but gives no value.'],
      ['author', true, 'No author found.'],
    ]);
    r.missingMetadata = [{ field: 'published', label: '' }];
    installI18n('de');
    await show({ report: r, source: 'page' });
    expect(q('[data-testid="sp-editor-page-details"] li[data-absent]')?.textContent).toBe('Kein Veröffentlichungsdatum gefunden.');
    // A selection has no page details.
    await show({ report: r, source: 'selection' });
    expect(q('[data-testid="sp-editor-page-details"]')).toBeNull();
  });

  it('says when there is nothing to fix', async () => {
    const r = seedReport();
    r.citations = r.citations.map((c) => ({ ...c, unresolved: [] }));
    r.duplicates = [];
    r.missingMetadata = [];
    r.htmlLang = 'fr-FR';
    await show({ report: r, source: 'page' });
    expect(q('[data-testid="sp-editor-clear"]')?.textContent).toBe('Nothing to fix was found.');
  });

  it('finds a missing or disagreeing <html lang>', () => {
    expect(languageIssue({ lang: 'de', htmlLang: null })).toEqual({ kind: 'missing', declared: null, detected: 'de' });
    expect(languageIssue({ lang: 'de', htmlLang: 'de-AT' })).toBeNull();
    expect(languageIssue({ lang: null, htmlLang: 'en' })).toBeNull();
    expect(languageIssue({ lang: 'fr', htmlLang: 'en' })).toMatchObject({ kind: 'mismatch', declared: 'en' });
  });
});
