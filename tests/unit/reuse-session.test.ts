// @vitest-environment happy-dom
/**
 * The content script's session and reuse across sites: the session asks the background to
 * compare the paragraphs across pages only while `reuse()` says so (the opt-in setting, not a
 * private window); the paragraphs go with every resolve (the background finds duplicates among
 * them), and are not kept in the page afterwards. (What the background stores — fingerprints,
 * never text — is tested in reuse-background.test.ts.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PageSession } from '../../entrypoints/content/session';
import { buildReport } from '../../lib/report';
import { getResolver } from '../../lib/registry/bundled';
import type { PageFacts } from '../../lib/types';

const PAGE = `<main><article>
<h1>River levels in the valley fall after a dry spring</h1>
<p>At the gauge below the old mill the river now runs at forty centimetres, against a long-term average of seventy-five for the end of May.</p>
<p>Short line.</p>
<p>The water board said it would review the restrictions every Friday and lift them after two weeks of steady rain.</p>
</article></main>`;

let current: PageSession | null = null;
afterEach(() => current?.stop());

function setup(reuse: () => boolean) {
  document.body.innerHTML = PAGE; // test fixture markup, not page text
  const resolver = getResolver();
  const calls: Array<{ facts: PageFacts; reuse: boolean }> = [];
  const session = new PageSession(document, {
    resolve: async (facts, { reuse }) => {
      calls.push({ facts, reuse });
      return buildReport(facts, resolver);
    },
    reuse,
    card: () => ({ render: (el, id) => (el.textContent = `card ${id}`), clear: (el) => (el.textContent = '') }),
    label: (_c, marker) => marker,
    url: () => 'https://example.org/article',
  });
  current = session;
  return { session, calls };
}

describe('PageSession and reuse across sites', () => {
  it('does not ask for reuse while the setting is off (or without a reuse switch at all)', async () => {
    const { session, calls } = setup(() => false);
    await session.start();
    expect(calls).toHaveLength(1);
    expect(calls[0].reuse).toBe(false);
  });

  it('asks for reuse while it is on, with the paragraphs, and again when paragraphs or the setting change', async () => {
    let on = true;
    const { session, calls } = setup(() => on);
    await session.start();
    expect(calls[0].reuse).toBe(true);
    expect(calls[0].facts.paragraphs!.map((p) => p.text.slice(0, 10))).toEqual(['River leve', 'At the gau', 'Short line', 'The water ']);

    // A paragraph added later (infinite scroll): compared too, though it cites nothing.
    const p = document.createElement('p');
    p.textContent = 'Anglers report that trout have moved to the deeper pools near the weir, where the water stays cooler.';
    document.querySelector('article')!.append(p);
    await new Promise((r) => setTimeout(r, 400));
    expect(calls).toHaveLength(2);
    expect(calls[1].reuse).toBe(true);
    expect(calls[1].facts.paragraphs).toHaveLength(5);

    // Nothing changed: no new request.
    document.querySelector('article')!.append(document.createComment('x'));
    await new Promise((r) => setTimeout(r, 400));
    expect(calls).toHaveLength(2);

    // Switched off meanwhile: the next resolve (a new citation) does not ask for reuse.
    on = false;
    const q = document.createElement('p');
    q.textContent = 'The club confirmed the closure on Monday.[Reuters]';
    document.querySelector('article')!.append(q);
    await new Promise((r) => setTimeout(r, 400));
    expect(calls).toHaveLength(3);
    expect(calls[2].reuse).toBe(false);
  });
});
