// @vitest-environment happy-dom
/**
 * The content script's page session, driven in happy-dom with a fake background: first pass,
 * incremental scans of added content, the report, and teardown leaving the DOM as it was.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PageSession } from '../../entrypoints/content/session';
import { collectPageFacts } from '../../lib/collect';
import { buildReport, forTransfer, withDuplicatesFromParagraphs } from '../../lib/report';
import { getResolver } from '../../lib/registry/bundled';
import type { PageFacts } from '../../lib/types';

const PAGE = `<main><article>
<h1>Les USA et le Japon s'allient</h1>
<p>Un nouvel accord entre les États-Unis et le Japon envoie des signaux clairs en faveur d'une coopération accrue.[radioenneperuhr.de]</p>
<p>Les deux pays souhaitent réduire leur dépendance à l'égard de la Chine, selon les informations disponibles.[Reuters]</p>
</article></main>`;

function setup() {
  document.documentElement.setAttribute('lang', 'de');
  document.body.innerHTML = PAGE; // test fixture markup, not page text
  const resolver = getResolver();
  const sent: PageFacts[] = [];
  const session = new PageSession(document, {
    // As the background answers: duplicates found among the paragraphs sent.
    resolve: async (facts) => {
      sent.push(facts);
      return forTransfer(buildReport(withDuplicatesFromParagraphs(facts), resolver));
    },
    card: () => ({ render: (el, id) => (el.textContent = `card ${id}`), clear: (el) => (el.textContent = '') }),
    label: (c, marker) => `${marker} ${c?.source?.name ?? ''}`.trim(),
    url: () => 'https://example.org/article',
  });
  return { session, sent };
}

const markers = () =>
  [...(document.querySelector('sourcelens-overlay')?.shadowRoot?.querySelectorAll('button.marker') ?? [])] as HTMLElement[];
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

let current: PageSession | null = null;
afterEach(() => current?.stop());

describe('PageSession', () => {
  it('marks and resolves the citations of the first pass', async () => {
    const { session, sent } = setup();
    current = session;
    await session.start();
    expect(sent).toHaveLength(1);
    expect(sent[0].citations.map((c) => c.marker)).toEqual(['[radioenneperuhr.de]', '[Reuters]']);
    expect(session.report?.citations.map((c) => c.source?.name)).toEqual(['Radio Ennepe Ruhr', 'Reuters']);
    const buttons = markers();
    expect(buttons.map((b) => b.dataset.citation)).toEqual(['0', '1']);
    expect(buttons[0].getAttribute('aria-label')).toContain('Radio Ennepe Ruhr');
    // The report came with sources named by id (forTransfer); the page has them whole again,
    // exactly as the background built them, one object per source.
    const full = buildReport(withDuplicatesFromParagraphs(sent[0]), getResolver());
    expect(session.report?.citations).toEqual(full.citations);
    expect(session.report?.citations[0].sources[0]).toBe(session.report?.sources.find((s) => s.source.id === 'radio-ennepe-ruhr')?.source);
    // The local radio cited for international news is flagged, and the card can say why. Each
    // flagged marker has the warnings that flag it (Reuters: not local, but not in French either).
    expect(session.warnings(0).map((w) => w.code)).toEqual(['local-source-for-non-local-news', 'source-language-mismatch']);
    expect(session.warnings(1).map((w) => w.code)).not.toContain('local-source-for-non-local-news');
    expect(buttons.map((b) => b.dataset.state)).toEqual([0, 1].map((id) => (session.warnings(id).length ? 'flagged' : 'resolved')));
    expect(session.warnings(7)).toEqual([]);
  });

  it('sends each source once over the wire, however often it is cited', () => {
    const resolver = getResolver();
    document.body.innerHTML = '<article>' + Array.from({ length: 200 }, (_, i) => `<p>Meldung ${i} des Tages, wie der Sender berichtet.[radioenneperuhr.de]</p>`).join('') + '</article>';
    const report = buildReport(withDuplicatesFromParagraphs(collectPageFacts(document).facts), resolver);
    const wire = JSON.stringify(forTransfer(report));
    const source = JSON.stringify(report.sources[0].source);
    expect(report.citations).toHaveLength(200);
    expect(wire.split(source).length - 1).toBe(1);
    expect(wire.length).toBeLessThan(JSON.stringify(report).length / 3);
  });

  it('scans added content once, without marking anything twice', async () => {
    const { session, sent } = setup();
    current = session;
    await session.start();
    const p = document.createElement('p');
    p.textContent = "L'agence a confirmé la signature de l'accord à Tokyo jeudi soir.[dpa]";
    document.querySelector('article')!.append(p);
    // A change that adds no citation.
    document.querySelector('h1')!.append(' !');
    await wait(400);
    expect(sent.length).toBe(2);
    expect(sent[1].citations.map((c) => c.marker)).toEqual(['[radioenneperuhr.de]', '[Reuters]', '[dpa]']);
    expect(markers().map((b) => b.dataset.citation)).toEqual(['0', '1', '2']);
    await wait(50);
    expect(session.report?.citations[2].source?.name).toBe('Deutsche Presse-Agentur');
  });

  it('scans what is added inside an open shadow root it walked', async () => {
    const { session, sent } = setup();
    current = session;
    const host = document.createElement('div');
    const shadow = host.attachShadow({ mode: 'open' });
    const first = document.createElement('p');
    first.textContent = 'Die Meldung aus dem Widget wurde am Abend bestätigt.[Reuters]';
    shadow.append(first);
    document.querySelector('article')!.append(host);
    await session.start();
    expect(markers()).toHaveLength(3);
    const added = document.createElement('p');
    added.textContent = 'Eine zweite Meldung kam später am Abend hinzu, wie berichtet wird.[dpa]';
    shadow.append(added);
    await wait(400);
    expect(markers()).toHaveLength(4);
    expect(sent.at(-1)!.citations.map((c) => c.marker)).toContain('[dpa]');
  });

  it('leaves the DOM exactly as it was when stopped', async () => {
    const { session } = setup();
    const before = document.documentElement.outerHTML;
    await session.start();
    expect(document.querySelector('sourcelens-overlay')).not.toBeNull();
    session.stop();
    expect(document.documentElement.outerHTML).toBe(before);
    // Changes after stopping are not scanned.
    document.body.append(document.createElement('p'));
    await wait(300);
    expect(document.querySelector('sourcelens-overlay')).toBeNull();
  });

  it('never throws out of start() on a page it cannot read', async () => {
    const errors: unknown[] = [];
    const session = new PageSession(document, {
      resolve: async () => {
        throw new Error('background asleep');
      },
      card: () => ({ render() {}, clear() {} }),
      label: (_c, m) => m,
      url: () => 'https://example.org/',
      onError: (e) => errors.push(e),
    });
    current = session;
    document.body.innerHTML = PAGE;
    await expect(session.start()).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
  });
});
