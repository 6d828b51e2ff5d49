// @vitest-environment happy-dom
/**
 * The hovercard in the content script is rendered by components/overlay/static-jsx.ts (the
 * content-script build resolves `preact` there: build/lean-content.ts). These tests render the
 * same hovercard with real Preact and with the static runtime and require the same markup, so
 * the two cannot drift apart; and check what the static runtime must never do.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { ReportCitation } from '../../lib/types';
import { installI18n, seedReport } from '../fixtures/reports/harness';

type CardModule = typeof import('../../components/overlay/card');

async function loadCard(runtime: 'preact' | 'static'): Promise<CardModule> {
  vi.resetModules();
  if (runtime === 'static') {
    const stat = () => import('../../components/overlay/static-jsx');
    vi.doMock('preact', stat);
    vi.doMock('preact/jsx-runtime', stat);
    vi.doMock('preact/jsx-dev-runtime', stat);
  } else {
    vi.doUnmock('preact');
    vi.doUnmock('preact/jsx-runtime');
    vi.doUnmock('preact/jsx-dev-runtime');
  }
  return import('../../components/overlay/card');
}

function citations(): ReportCitation[] {
  const report = seedReport();
  const base = report.citations[0];
  const evil = '<img src=x onerror=alert(1)>';
  return [
    base,
    {
      ...base,
      id: 99,
      marker: '[Quelle: radioenneperuhr.de/unbekannt.example]',
      key: 'radioenneperuhr.de/unbekannt.example',
      parts: [
        { key: 'radioenneperuhr.de', kind: 'domain' },
        { key: 'unbekannt.example', kind: 'domain' },
      ],
      sources: [base.sources[0], null],
      unresolved: [
        {
          key: 'unbekannt.example',
          reason: 'unknown-domain',
          domain: 'unbekannt.example',
          tldCountry: 'DE',
          suggestions: [{ id: 'radio-hagen', name: evil }],
        },
      ],
    },
    { ...base, id: 100, sources: [{ ...base.sources[0]!, name: evil, owner: evil }] },
  ];
}

function renderWith(mod: CardModule, citation: ReportCitation | null, close = () => {}): HTMLElement {
  const container = document.createElement('div');
  document.body.append(container);
  mod.createCardRenderer(() => citation).render(container, citation?.id ?? 0, close);
  return container;
}

beforeEach(() => {
  fakeBrowser.reset();
  installI18n('en');
});
afterEach(() => {
  document.body.replaceChildren();
  vi.doUnmock('preact');
  vi.doUnmock('preact/jsx-runtime');
  vi.doUnmock('preact/jsx-dev-runtime');
});

describe('hovercard: static runtime vs Preact', () => {
  it('renders the same markup for resolved, partly unresolved and hostile citations, and while loading', async () => {
    const real = await loadCard('preact');
    const expected = [...citations(), null].map((c) => renderWith(real, c).innerHTML);
    const stat = await loadCard('static');
    const actual = [...citations(), null].map((c) => renderWith(stat, c).innerHTML);
    expect(expected[0]).toContain('Radio Ennepe Ruhr');
    expect(expected[1]).toContain('unbekannt.example');
    for (let i = 0; i < expected.length; i++) expect(actual[i], `card ${i}`).toBe(expected[i]);
    // Each path really ran its own runtime: Preact keeps its virtual tree on the container.
    expect('__k' in renderWith(real, null)).toBe(true);
    expect('__k' in renderWith(stat, null)).toBe(false);
  });

  it('shows page and registry text as text, never as elements', async () => {
    const stat = await loadCard('static');
    const el = renderWith(stat, citations()[2]);
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('[onerror]')).toBeNull();
    expect(el.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('wires the close button, and re-rendering or clearing replaces the content', async () => {
    const stat = await loadCard('static');
    const close = vi.fn();
    const container = document.createElement('div');
    document.body.append(container);
    const renderer = stat.createCardRenderer((id) => citations().find((c) => c.id === id) ?? null);
    renderer.render(container, 0, close);
    renderer.render(container, 99, close);
    expect(container.querySelectorAll('[data-testid="sourcelens-hovercard"]')).toHaveLength(1);
    expect(container.textContent).toContain('unbekannt.example');
    container.querySelector<HTMLButtonElement>('.sl-hovercard-close')!.click();
    expect(close).toHaveBeenCalledTimes(1);
    renderer.clear(container);
    expect(container.childNodes).toHaveLength(0);
  });
});

describe('hovercard of a flagged citation', () => {
  it('says first why the citation is flagged, the same in both runtimes, in the UI language', async () => {
    const report = seedReport();
    const citation = report.citations[0];
    const flags = report.warnings.filter((w) => w.citations?.includes(citation.id) && w.code !== 'unresolved-citations');
    expect(flags.map((w) => w.code)).toEqual(['local-source-for-non-local-news', 'source-language-mismatch']);
    const render = (mod: CardModule) => {
      const container = document.createElement('div');
      document.body.append(container);
      mod.createCardRenderer(() => citation, () => flags).render(container, citation.id, () => {});
      return container;
    };
    const real = render(await loadCard('preact'));
    const stat = render(await loadCard('static'));
    expect(stat.innerHTML).toBe(real.innerHTML);
    const said = [...stat.querySelectorAll('.sl-hovercard-flag')].map((p) => p.textContent);
    expect(said).toEqual([
      'Radio Ennepe Ruhr is a local outlet for Ennepe-Ruhr-Kreis, yet it is cited for news that is not about that area.',
      'Radio Ennepe Ruhr publishes in German, but this article is in French.',
    ]);
    // Before the source's card: the reader learns why first.
    const heading = stat.querySelector('.sl-card-name')!;
    expect(stat.querySelector('.sl-hovercard-flag')!.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    installI18n('de');
    const de = render(await loadCard('static'));
    expect(de.querySelector('.sl-hovercard-flag')!.textContent).toContain('Radio Ennepe Ruhr');
    expect(de.querySelector('.sl-hovercard-flag')!.textContent).not.toBe(said[0]);
  });

  it('says nothing extra for a citation no warning flags, nor for a warning it cannot word', async () => {
    const container = document.createElement('div');
    (await loadCard('static')).createCardRenderer(() => seedReport().citations[0]).render(container, 0, () => {});
    expect(container.querySelector('.sl-hovercard-flag')).toBeNull();
    const broken = { code: 'source-language-mismatch' as const, message: 'x', params: { source: 'S' }, citations: [0] };
    (await loadCard('static')).createCardRenderer(() => seedReport().citations[0], () => [broken]).render(container, 0, () => {});
    expect(container.querySelector('.sl-hovercard-flag')).toBeNull();
    expect(container.textContent).toContain('Radio Ennepe Ruhr');
  });
});

describe('static runtime', () => {
  it('refuses dangerouslySetInnerHTML', async () => {
    const { h, render } = await import('../../components/overlay/static-jsx');
    const el = document.createElement('div');
    expect(() => render(h('div', { dangerouslySetInnerHTML: { __html: '<b>x</b>' } }), el)).toThrow(/not supported/);
    expect(el.innerHTML).toBe('');
  });

  it('writes aria/data booleans as strings, drops false attributes, keeps fragments and arrays', async () => {
    const { h, Fragment, render } = await import('../../components/overlay/static-jsx');
    const el = document.createElement('div');
    render(
      h(Fragment, null, h('button', { 'aria-expanded': false, hidden: false, disabled: true, 'data-x': 1 }, 'a', [h('i', null, 2)]), null, false),
      el,
    );
    expect(el.innerHTML).toBe('<button aria-expanded="false" disabled="" data-x="1">a<i>2</i></button>');
  });
});
