// @vitest-environment happy-dom
/**
 * The content script's session and reuse across sites: paragraph fingerprints go to the
 * background only while `reuse()` says so (the opt-in setting, not a private window), and they
 * carry band keys and opening words, never the paragraphs' text.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PageSession } from '../../entrypoints/content/session';
import { buildReport } from '../../lib/report';
import { getResolver } from '../../lib/registry/bundled';
import type { PageFacts, ParagraphFingerprint } from '../../lib/types';

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
  const calls: Array<{ facts: PageFacts; fingerprints?: ParagraphFingerprint[]; args: number }> = [];
  const session = new PageSession(document, {
    resolve: async (...args: [PageFacts, ParagraphFingerprint[]?]) => {
      calls.push({ facts: args[0], fingerprints: args[1], args: args.length });
      return buildReport(args[0], resolver);
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
  it('sends no fingerprints while the setting is off (or without a reuse switch at all)', async () => {
    const { session, calls } = setup(() => false);
    await session.start();
    expect(calls).toHaveLength(1);
    expect(calls[0].args).toBe(1);
    expect(calls[0].fingerprints).toBeUndefined();
  });

  it('sends the paragraphs’ fingerprints with the facts while it is on', async () => {
    let on = true;
    const { session, calls } = setup(() => on);
    await session.start();
    const fps = calls[0].fingerprints!;
    // h1, and the two long paragraphs; "Short line." is under 40 characters.
    expect(fps.map((f) => f.paragraph)).toEqual([0, 1, 3]);
    expect(fps.every((f) => f.bands.length === 16)).toBe(true);
    const wire = JSON.stringify(fps);
    expect(wire).not.toContain('seventy-five');
    expect(wire).not.toContain('steady rain');

    // A paragraph added later (infinite scroll): compared and remembered too, though it cites nothing.
    const p = document.createElement('p');
    p.textContent = 'Anglers report that trout have moved to the deeper pools near the weir, where the water stays cooler.';
    document.querySelector('article')!.append(p);
    await new Promise((r) => setTimeout(r, 400));
    expect(calls).toHaveLength(2);
    expect(calls[1].fingerprints!.map((f) => f.paragraph)).toEqual([0, 1, 3, 4]);

    // Switched off meanwhile: the next resolve (a new citation) sends none.
    on = false;
    const q = document.createElement('p');
    q.textContent = 'The club confirmed the closure on Monday.[Reuters]';
    document.querySelector('article')!.append(q);
    await new Promise((r) => setTimeout(r, 400));
    expect(calls).toHaveLength(3);
    expect(calls[2].args).toBe(1);
  });
});
