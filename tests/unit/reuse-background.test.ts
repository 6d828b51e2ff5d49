/**
 * Reuse across sites in the background (entrypoints/background.ts + lib/reuse/service.ts),
 * driven through its message listener with `fakeBrowser`:
 * - with the setting off nothing is stored (even when fingerprints are sent) and reports carry
 *   no `reuse`;
 * - with it on, a page copying a paragraph of a page on another site gets a `reuse` match and a
 *   `paragraphs-seen-elsewhere` warning; the same site never matches;
 * - private windows, frames, file:// and localhost pages are not stored;
 * - the options page's count and "Clear" work, and the store survives a restart of the background.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import background from '../../entrypoints/background';
import type { ContentToBackgroundResolve, OptionsToBackgroundReuseReplies } from '../../lib/messages';
import { PageReportSchema } from '../../lib/report-schema';
import { REUSE_KEY_PREFIX, ReuseService, readReuseRecords, type ReuseArea } from '../../lib/reuse/service';
import { fingerprintParagraphs } from '../../lib/reuse/signature';
import { DEFAULT_SETTINGS, SETTINGS_KEY } from '../../lib/settings';
import type { PageFacts, PageReport } from '../../lib/types';
import { ROOT } from '../fixtures/reports/harness';

const GENERATED = join(ROOT, 'lib', 'registry', 'generated');
const parsed = new Map<string, unknown>();

async function fakeFetch(url: string) {
  const m = /\/data\/(registry|ratings)\.json$/.exec(url);
  if (!m) return { ok: false, status: 404, json: async () => null };
  if (!parsed.has(m[1])) parsed.set(m[1], JSON.parse(readFileSync(join(GENERATED, `${m[1]}.json`), 'utf8')));
  return { ok: true, status: 200, json: async () => parsed.get(m[1]) };
}

/** The paragraphs of the two fixture pages (tests/fixtures/pages/reuse/). */
function paragraphsOf(file: string): string[] {
  const html = readFileSync(join(ROOT, 'tests', 'fixtures', 'pages', 'reuse', file), 'utf8');
  return [...html.matchAll(/<(p|h1)\b[^>]*>([^<]+)<\/\1>/g)].map((m) => m[2]);
}
const ORIGINAL = paragraphsOf('original.html');
/** Fingerprints of a page (paragraphs of ≥ 40 normalised characters). */
const count = (paragraphs: string[]) => fingerprintParagraphs(paragraphs.map((text, index) => ({ index, text }))).length;
const COPY = paragraphsOf('copy.html');

function facts(url: string, paragraphs: string[]): PageFacts {
  return {
    url,
    htmlLang: 'en',
    title: paragraphs[0],
    citations: [],
    duplicates: [],
    missingMetadata: [],
    textSample: paragraphs.join('\n'),
    paragraphCount: paragraphs.length,
    paragraphs: paragraphs.map((text, index) => ({ index, tag: 'p', text })),
  };
}

interface Sender {
  url?: string;
  frameId?: number;
  tab?: { id: number; incognito: boolean };
}

/** A content script's resolve message, asking for reuse as the session does with the setting on. */
async function visit(url: string, paragraphs: string[], sender: Partial<Sender> = {}, withReuse = true): Promise<PageReport> {
  const message: ContentToBackgroundResolve = {
    type: 'content→background:resolve',
    facts: facts(url, paragraphs),
    computeDuplicates: true,
    ...(withReuse ? { reuse: true as const } : {}),
  };
  const replies = await fakeBrowser.runtime.onMessage.trigger(message, {
    url,
    frameId: 0,
    tab: { id: 7, incognito: false },
    ...sender,
  } as never);
  return replies.find(Boolean) as unknown as PageReport;
}

async function ask<T extends keyof OptionsToBackgroundReuseReplies>(type: T): Promise<OptionsToBackgroundReuseReplies[T]> {
  return (await browser.runtime.sendMessage({ type })) as OptionsToBackgroundReuseReplies[T];
}

async function setReuse(on: boolean) {
  await browser.storage.local.set({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, crossPageReuse: on } });
}

async function reuseKeys(): Promise<string[]> {
  return Object.keys(await browser.storage.local.get(null)).filter((k) => k.startsWith(REUSE_KEY_PREFIX));
}

const A = 'http://site-a.test:8123/pages/reuse/original.html';
const B = 'http://site-b.test:8123/pages/reuse/copy.html';

beforeEach(() => {
  fakeBrowser.reset();
  vi.stubGlobal('fetch', vi.fn(fakeFetch));
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  background.main();
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('reuse across sites: the setting is off (the default)', () => {
  it('stores nothing and reports nothing, even when a content script sends fingerprints', async () => {
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    const a = await visit(A, ORIGINAL);
    const b = await visit(B, COPY);
    expect(a.reuse).toBeUndefined();
    expect(b.reuse).toBeUndefined();
    expect(b.warnings.map((w) => w.code)).not.toContain('paragraphs-seen-elsewhere');
    expect(await reuseKeys()).toEqual([]);
    expect(Object.keys(await browser.storage.local.get(null))).toEqual([]);
    expect(set).not.toHaveBeenCalled();
  });

  it('does not touch storage for reports without fingerprints', async () => {
    await setReuse(true);
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    const b = await visit(B, COPY, {}, false);
    expect(b.reuse).toBeUndefined();
    expect(get.mock.calls.filter(([k]) => k === null || k === SETTINGS_KEY)).toEqual([]);
    expect(set).not.toHaveBeenCalled();
  });

  it('stops storing as soon as the setting is switched off', async () => {
    await setReuse(true);
    await visit(A, ORIGINAL);
    expect(await reuseKeys()).toHaveLength(1);
    await setReuse(false);
    const b = await visit(B, COPY);
    expect(b.reuse).toBeUndefined();
    expect(await reuseKeys()).toHaveLength(1);
  });
});

describe('reuse across sites: the setting is on', () => {
  beforeEach(() => setReuse(true));

  it('shows where and when a copied paragraph was seen, and warns', async () => {
    const before = Date.now();
    const a = await visit(A, ORIGINAL);
    expect(a.reuse).toEqual([]);
    const b = await visit(B, COPY);
    const copied = COPY.findIndex((p) => p.startsWith('At the gauge'));
    const edited = COPY.findIndex((p) => p.startsWith('The water board'));
    expect(b.reuse!.map((m) => m.paragraph)).toEqual([copied, edited]);
    const [verbatim, near] = b.reuse!;
    expect(verbatim).toMatchObject({
      site: 'site-a.test',
      url: 'http://site-a.test:8123/pages/reuse/original.html',
      similarity: 1,
      sites: 1,
      opening: 'At the gauge below the old mill the river now runs at …',
    });
    expect(verbatim.seenAt).toBeGreaterThanOrEqual(before);
    expect(verbatim.seenAt).toBeLessThanOrEqual(Date.now());
    expect(near.similarity).toBeGreaterThan(0.66);
    expect(near.similarity).toBeLessThan(1);
    const warning = b.warnings.find((w) => w.code === 'paragraphs-seen-elsewhere');
    expect(warning).toMatchObject({ params: { count: 2, sites: 'site-a.test' }, paragraphs: [copied, edited] });
    expect(PageReportSchema.parse(b).reuse).toEqual(b.reuse);

    // The text is never stored: only addresses, times and band keys.
    const stored = JSON.stringify(await browser.storage.local.get(null));
    for (const p of [...ORIGINAL, ...COPY]) expect(stored).not.toContain(p.slice(0, 25));
    expect(await reuseKeys()).toHaveLength(2);
    expect(await ask('options→background:reuse-stats')).toEqual({
      fingerprints: count(ORIGINAL) + count(COPY),
      pages: 2,
      capacity: 100_000,
    });
  });

  it('ignores the same site and the page itself; strips query and fragment from addresses', async () => {
    await visit(`${A}?utm_source=feed#top`, ORIGINAL);
    const again = await visit(A, ORIGINAL);
    expect(again.reuse).toEqual([]);
    const sameSite = await visit('http://www.site-a.test:8123/elsewhere', COPY);
    expect(sameSite.reuse).toEqual([]);
    const records = await readReuseRecords(browser.storage.local as unknown as ReuseArea);
    expect(records.map((r) => r.url).sort()).toEqual(['http://site-a.test:8123/pages/reuse/original.html', 'http://www.site-a.test:8123/elsewhere']);
  });

  it('never stores pages of private windows, frames, files or localhost (but still compares them)', async () => {
    await visit(A, ORIGINAL);
    const keys = await reuseKeys();
    const incognito = await visit(B, COPY, { tab: { id: 8, incognito: true } });
    expect(incognito.reuse).toHaveLength(2);
    const draft = await visit('http://localhost:3000/draft', COPY);
    expect(draft.reuse).toHaveLength(2);
    const loopback = await visit('http://127.0.0.1:3000/draft', COPY);
    expect(loopback.reuse).toHaveLength(2);
    const file = await visit('file:///home/editor/draft.html', COPY);
    expect(file.reuse).toHaveLength(2);
    const frame = await visit('http://site-c.test/frame.html', COPY, { frameId: 3 });
    expect(frame.reuse).toBeUndefined();
    expect(await reuseKeys()).toEqual(keys);
  });

  it('uses the address the browser reports for the sender, not the one the page claims', async () => {
    await visit(A, ORIGINAL);
    // A page on site-b claiming to be on site-a (canonical link) still compares as site-b.
    const message: ContentToBackgroundResolve = {
      type: 'content→background:resolve',
      facts: facts(A, COPY),
      reuse: true,
    };
    const [b] = (await fakeBrowser.runtime.onMessage.trigger(message, { url: B, frameId: 0, tab: { id: 9, incognito: false } } as never)) as unknown as PageReport[];
    expect(b.reuse!.map((m) => m.site)).toEqual(['site-a.test', 'site-a.test']);
  });

  it('ignores malformed paragraphs', async () => {
    const message = {
      type: 'content→background:resolve',
      facts: { ...facts(A, ORIGINAL), paragraphs: [{ index: 0, text: 42 }, 'junk', null, { index: 'x', text: ORIGINAL[0] }] },
      computeDuplicates: true,
      reuse: true,
    };
    const [report] = (await fakeBrowser.runtime.onMessage.trigger(message, { url: A, frameId: 0 } as never)) as unknown as PageReport[];
    expect(report.reuse).toEqual([]);
    expect(report.duplicates).toEqual([]);
    expect(await reuseKeys()).toEqual([]);
  });

  it('finds the duplicate paragraphs the content script sent, and stores no text', async () => {
    const report = await visit(A, [...ORIGINAL, ORIGINAL[0]]);
    expect(report.duplicates.map((c) => [c.kind, c.paragraphs.map((p) => p.index)])).toEqual([['exact', [0, ORIGINAL.length]]]);
    const stored = JSON.stringify(await browser.storage.local.get(null));
    for (const text of ORIGINAL) expect(stored).not.toContain(text.slice(0, 30));
  });

  it('clears everything from the options page', async () => {
    await visit(A, ORIGINAL);
    await visit(B, COPY);
    expect(await reuseKeys()).toHaveLength(2);
    expect(await ask('options→background:reuse-clear')).toBe(true);
    expect(await reuseKeys()).toEqual([]);
    expect(await ask('options→background:reuse-stats')).toMatchObject({ fingerprints: 0, pages: 0 });
    // Nothing is remembered from before the clear.
    const b = await visit(B, COPY);
    expect(b.reuse).toEqual([]);
    // Only the extension's own pages may clear.
    const [denied] = await fakeBrowser.runtime.onMessage.trigger({ type: 'options→background:reuse-clear' }, { url: 'https://evil.test/' } as never);
    expect(denied).toBeUndefined();
    expect(await reuseKeys()).toHaveLength(1);
  });

  it('keeps the store across a restart of the background (read back from storage.local)', async () => {
    await visit(A, ORIGINAL);
    const area = browser.storage.local as unknown as ReuseArea;
    const fresh = new ReuseService(area, { enabled: async () => true });
    const matches = await fresh.handle({
      fingerprints: fingerprintParagraphs(COPY.map((text, index) => ({ index, text }))),
      url: B,
      incognito: false,
      topFrame: true,
    });
    expect(matches!.map((m) => m.site)).toEqual(['site-a.test', 'site-a.test']);
  });

  it('evicts the oldest pages in storage too when the cap is reached', async () => {
    const area = browser.storage.local as unknown as ReuseArea;
    await browser.storage.local.clear();
    const service = new ReuseService(area, { enabled: async () => true, capacity: 8 });
    const send = (url: string, paragraphs: string[]) =>
      service.handle({ fingerprints: fingerprintParagraphs(paragraphs.map((text, index) => ({ index, text }))), url, incognito: false, topFrame: true });
    await send(A, ORIGINAL); // 6 fingerprints
    await send(B, COPY); // 5 more: A goes
    const records = await readReuseRecords(area);
    expect(records.map((r) => r.url)).toEqual([B]);
    expect((await service.stats()).fingerprints).toBe(count(COPY));
  });
});
