// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { CitationCard, SourceCard, UnresolvedCard } from '../../components/SourceCard';
import { openingWords } from '../../components/text';
import type { ReportCitation, SourceInfo } from '../../lib/types';
import { installI18n, seedReport } from '../fixtures/reports/harness';

let container: HTMLElement;

async function mount(node: preact.ComponentChild) {
  await act(() => {
    render(node, container);
  });
  return container;
}

function ren(): SourceInfo {
  return seedReport().sources[0].source;
}

function reuters(): SourceInfo {
  const origin = { dataset: 'curated', title: 'SourceLens curated sources', licence: 'CC BY 4.0', date: '2026-11-27' };
  return {
    id: 'reuters',
    name: 'Reuters',
    aliases: [],
    domains: ['reuters.com'],
    type: 'news-agency',
    scope: 'international',
    ownership: 'private',
    country: 'GB',
    languages: ['en', 'de', 'fr'],
    owner: 'Thomson Reuters',
    ratings: [
      { system: 'wikipedia-perennial', value: 'gr', dataset: 'wikipedia-rsp', date: '2025-06', licence: 'CC BY-SA 4.0' },
      { system: 'lin-2023', value: 1, dataset: 'lin-2023', date: '2023', licence: 'reuse permitted, cite Lin et al. 2023' },
    ],
    provenance: { name: origin, type: origin, scope: origin, country: origin, languages: origin, ownership: origin, owner: origin },
  };
}

beforeEach(() => {
  fakeBrowser.reset();
  installI18n('en');
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
  vi.restoreAllMocks();
});

describe('SourceCard', () => {
  it('shows a resolved source’s facts with where each comes from', async () => {
    const el = await mount(<SourceCard source={ren()} count={3} />);
    expect(el.querySelector('h3')?.textContent).toBe('Radio Ennepe Ruhr');
    expect(el.textContent).toContain('Cited 3 times');
    const facts = Object.fromEntries(
      [...el.querySelectorAll('.sl-card-fact')].map((f) => [
        f.querySelector('dt')?.textContent,
        f.querySelector('.sl-card-value')?.textContent,
      ]),
    );
    expect(facts).toMatchObject({
      Type: 'Broadcaster',
      Reach: 'Local',
      Country: 'Germany',
      Languages: 'German',
      Ownership: 'Private',
      Websites: 'radioenneperuhr.de',
    });
    expect(facts.Covers).toContain('Witten');
    // all facts come from one dataset: said once, not after every fact
    expect(el.querySelectorAll('.sl-card-from')).toHaveLength(0);
    expect(el.querySelector('.sl-card-all-from')?.textContent).toBe('All facts from SourceLens curated sources, Nov 27, 2026');
    // and the datasets, with licence, in a collapsible section
    const origins = el.querySelector('details.sl-card-origins');
    expect(origins?.querySelector('summary')?.textContent).toBe('Where these facts come from');
    expect(origins?.textContent).toContain('SourceLens curated sources (MIT, Nov 27, 2026)');
    expect(origins?.textContent).toContain('Supplies: Name, Also known as, Websites, Type');
  });

  it('notes each fact’s origin when the facts come from different datasets', async () => {
    const source = reuters();
    source.provenance.country = { dataset: 'fundus', title: 'Fundus supported publishers', licence: 'MIT', date: '2025-09-01' };
    const el = await mount(<SourceCard source={source} />);
    const note = (label: string) =>
      [...el.querySelectorAll('.sl-card-fact')]
        .find((f) => f.querySelector('dt')?.textContent === label)
        ?.querySelector('.sl-card-from')?.textContent;
    expect(note('Type')).toBe('from SourceLens curated sources, Nov 27, 2026');
    expect(note('Country')).toBe('from Fundus supported publishers, Sep 1, 2025');
    expect(note('Websites')).toBeUndefined(); // no provenance recorded for it
    expect(el.querySelector('.sl-card-all-from')).toBeNull();
    const origins = el.querySelector('details.sl-card-origins')!.textContent!;
    expect(origins).toContain('Fundus supported publishers (MIT, Sep 1, 2025)Supplies: Country');
    expect(origins).toContain('wikipedia-rsp (CC BY-SA 4.0, Jun 2025)Supplies: Wikipedia perennial sources');
  });

  it('has a compact variant: a summary line, fewer facts, no per-fact notes', async () => {
    const el = await mount(<SourceCard source={ren()} compact />);
    expect(el.querySelector('.sl-card')?.classList.contains('sl-card--compact')).toBe(true);
    expect(el.querySelector('.sl-card-summary')?.textContent).toBe('Broadcaster · Local · Germany');
    expect(el.querySelectorAll('.sl-card-from')).toHaveLength(0);
    expect([...el.querySelectorAll('dt')].map((d) => d.textContent)).toEqual(['Languages', 'Ownership']);
    expect(el.querySelector('details.sl-card-origins')).not.toBeNull();
  });

  it('explains each rating: system, one sentence, value, date and licence', async () => {
    const el = await mount(<SourceCard source={reuters()} />);
    const ratings = [...el.querySelectorAll('.sl-card-rating')];
    expect(ratings).toHaveLength(2);
    expect(ratings[0].querySelector('.sl-card-rating-system')?.textContent).toBe('Wikipedia perennial sources');
    expect(ratings[0].querySelector('.sl-card-rating-value')?.textContent).toBe('Generally reliable');
    expect(ratings[0].querySelector('.sl-card-rating-explain')?.textContent).toMatch(/Wikipedia’s editors/);
    expect(ratings[0].textContent).toContain('as of Jun 2025 · licence CC BY-SA 4.0');
    expect(ratings[1].querySelector('.sl-card-rating-system')?.textContent).toBe('Domain quality (Lin et al. 2023)');
    expect(ratings[1].querySelector('.sl-card-rating-value')?.textContent).toBe('1');
    expect(ratings[1].textContent).toContain('as of 2023');
    expect(el.textContent).toContain('Thomson Reuters');
    expect(el.textContent).toContain('English, German, and French');
  });

  it('renders in German', async () => {
    vi.restoreAllMocks();
    installI18n('de', 'de-DE');
    const el = await mount(<SourceCard source={ren()} compact count={3} />);
    expect(el.querySelector('.sl-card-summary')?.textContent).toBe('Rundfunksender · Lokal · Deutschland');
    expect(el.textContent).toContain('3-mal zitiert');
    expect(el.textContent).toContain('Woher diese Angaben stammen');
  });
});

describe('UnresolvedCard', () => {
  it('says what is known about an unknown source', async () => {
    const el = await mount(
      <UnresolvedCard
        unresolved={{
          key: 'lokalblatt-hagen.de',
          reason: 'unknown-domain',
          domain: 'lokalblatt-hagen.de',
          tldCountry: 'DE',
          suggestions: [
            { id: 'radio-ennepe-ruhr', name: 'Radio Ennepe Ruhr' },
            { id: 'radio-hagen', name: 'Radio Hagen' },
          ],
        }}
        citedAs="[lokalblatt-hagen.de]"
      />,
    );
    expect(el.querySelector('h3')?.textContent).toBe('lokalblatt-hagen.de');
    expect(el.textContent).toContain('Unknown source');
    expect(el.textContent).toContain('This website is not in SourceLens’s registry of sources.');
    expect(el.textContent).toContain('Domain countryGermany (.de)');
    expect(el.textContent).toContain('Did you mean Radio Ennepe Ruhr or Radio Hagen?');
    expect(el.textContent).toContain('Cited as [lokalblatt-hagen.de]');
  });
});

describe('CitationCard', () => {
  it('shows a card for each source a citation names', async () => {
    const base = seedReport().citations[0];
    const citation: ReportCitation = {
      ...base,
      marker: '[Quelle: radioenneperuhr.de/unbekannt.example]',
      key: 'radioenneperuhr.de/unbekannt.example',
      parts: [
        { key: 'radioenneperuhr.de', kind: 'domain' },
        { key: 'unbekannt.example', kind: 'domain' },
      ],
      sources: [base.source, null],
      unresolved: [{ key: 'unbekannt.example', reason: 'unknown-domain', domain: 'unbekannt.example' }],
    };
    const el = await mount(<CitationCard citation={citation} compact />);
    const cards = el.querySelectorAll('.sl-card');
    expect(cards).toHaveLength(2);
    expect(cards[0].querySelector('h3')?.textContent).toBe('Radio Ennepe Ruhr');
    expect(cards[1].querySelector('h3')?.textContent).toBe('unbekannt.example');
    expect(el.textContent).toContain('Cited as [Quelle: radioenneperuhr.de/unbekannt.example]');
  });
});

describe('page and registry text is shown as text', () => {
  it('never turns markup in names or keys into elements', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const source = { ...ren(), name: evil, owner: evil, description: evil, coverage: [evil] };
    const el = await mount(
      <>
        <SourceCard source={source} citedAs={evil} />
        <UnresolvedCard unresolved={{ key: evil, reason: 'unknown-name', suggestions: [{ id: 'x', name: evil }] }} />
      </>,
    );
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('[onerror]')).toBeNull();
    expect(el.querySelector('h3')?.textContent).toBe(evil);
  });
});

describe('openingWords', () => {
  it('keeps the first twelve words', () => {
    expect(openingWords('a b c')).toBe('a b c');
    expect(openingWords(' one two three four five six seven eight nine ten eleven twelve thirteen ')).toBe(
      'one two three four five six seven eight nine ten eleven twelve…',
    );
  });
});

describe('card styles', () => {
  it('can be imported as a string for a shadow root', async () => {
    const { cardCss } = await import('../../components/styles');
    expect(typeof cardCss).toBe('string');
  });
});
