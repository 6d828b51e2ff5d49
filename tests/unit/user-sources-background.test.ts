/**
 * The background with the user's sources: a user source changes what a citation resolves
 * to; the index is rebuilt only when the stored sources change; the options page's questions
 * are answered from the packaged registry.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import background from '../../entrypoints/background';
import type { ContentToBackgroundResolve } from '../../lib/messages';
import type { AboutInfo, OptionsToBackground, OptionsToBackgroundReplies } from '../../lib/options-messages';
import type { Source } from '../../lib/registry/schema';
import type { CitationData, PageFacts, PageReport } from '../../lib/types';
import { USER_SOURCES_KEY, checkSource } from '../../lib/user-sources';
import { ROOT } from '../fixtures/reports/harness';

const GENERATED = join(ROOT, 'lib', 'registry', 'generated');
const parsed = new Map<string, unknown>();
let fetched: string[] = [];

/** fetch(browser.runtime.getURL('/data/x.json')) → lib/registry/generated/x.json */
async function fakeFetch(url: string) {
  fetched.push(url);
  const m = /\/data\/(registry|ratings)\.json$/.exec(url);
  if (!m) return { ok: false, status: 404, json: async () => null };
  if (!parsed.has(m[1])) parsed.set(m[1], JSON.parse(readFileSync(join(GENERATED, `${m[1]}.json`), 'utf8')));
  return { ok: true, status: 200, json: async () => parsed.get(m[1]) };
}

function citation(id: number, key: string, kind: 'domain' | 'name'): CitationData {
  return { id, marker: `[${key}]`, key, kind, parts: [{ key, kind }], context: 'x', paragraph: id };
}

const facts: PageFacts = {
  url: 'https://example.org/article',
  htmlLang: 'de',
  title: 'Artikel',
  citations: [citation(0, 'radioenneperuhr.de', 'domain'), citation(1, 'Radio EN', 'name')],
  duplicates: [],
  missingMetadata: [],
  textSample: 'Der Stadtrat in Witten hat am Dienstag einen neuen Haushalt beschlossen, wie der Sender berichtet.',
  paragraphCount: 2,
};

async function resolve(): Promise<PageReport> {
  const message: ContentToBackgroundResolve = { type: 'content→background:resolve', facts };
  return (await browser.runtime.sendMessage(message)) as PageReport;
}

async function askBackground<M extends OptionsToBackground>(message: M): Promise<OptionsToBackgroundReplies[M['type']]> {
  return (await browser.runtime.sendMessage(message)) as OptionsToBackgroundReplies[M['type']];
}

function userSource(over: Record<string, unknown>): Source {
  const r = checkSource({
    type: 'broadcaster',
    scope: 'local',
    ownership: 'private',
    country: 'DE',
    languages: ['de'],
    ...over,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.source;
}

async function storeUserSources(sources: Source[]) {
  await browser.storage.local.set({ [USER_SOURCES_KEY]: { version: 2, sources } });
}

beforeEach(() => {
  fakeBrowser.reset();
  fetched = [];
  vi.stubGlobal('fetch', vi.fn(fakeFetch));
  background.main();
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('background with the user’s sources', () => {
  it('resolves with the bundled registry when the user has no sources', async () => {
    const report = await resolve();
    expect(report.citations.map((c) => c.source?.id)).toEqual(['radio-ennepe-ruhr', 'radio-ennepe-ruhr']);
    expect(report.sources[0].source.user).toBeUndefined();
    expect(report.sources[0].source.name).toBe('Radio Ennepe Ruhr');
    expect(fetched.map((u) => u.replace(/^.*\/data\//, ''))).toEqual(['registry.json', 'ratings.json']);
  });

  it('lets a user source with the same id replace the bundled one (facts credited to "user")', async () => {
    await storeUserSources([
      userSource({ id: 'radio-ennepe-ruhr', name: 'Radio Ennepe Ruhr', aliases: ['Radio EN'], domains: ['radioenneperuhr.de'], scope: 'regional', owner: 'Someone' }),
    ]);
    const report = await resolve();
    // Citations name their sources by id on the way to the content script; the objects are in
    // the report's list of sources (lib/report forTransfer).
    expect(report.citations.map((c) => c.source?.id)).toEqual(['radio-ennepe-ruhr', 'radio-ennepe-ruhr']);
    expect(report.sources).toHaveLength(1);
    const source = report.sources[0].source;
    expect(source).toMatchObject({ id: 'radio-ennepe-ruhr', scope: 'regional', owner: 'Someone', user: true });
    expect(source.provenance.scope).toEqual({ dataset: 'user', title: 'Your own sources', licence: '', date: '' });
  });

  it('lets a user source with another id take over a bundled domain and name', async () => {
    await storeUserSources([userSource({ id: 'mein-radio', name: 'Radio EN', domains: ['radioenneperuhr.de'] })]);
    const report = await resolve();
    expect(report.citations.map((c) => c.source?.id)).toEqual(['mein-radio', 'mein-radio']);
  });

  it('reads storage once, and again only after the user’s sources change', async () => {
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    await resolve();
    await resolve();
    expect(get).toHaveBeenCalledTimes(1);

    await storeUserSources([userSource({ id: 'mein-radio', name: 'Mein Radio', domains: ['radioenneperuhr.de'] })]);
    expect((await resolve()).citations[0].source?.id).toBe('mein-radio');
    expect(get).toHaveBeenCalledTimes(2);
    await resolve();
    expect(get).toHaveBeenCalledTimes(2);

    // Other keys do not matter.
    await browser.storage.local.set({ 'sourcelens:settings': { version: 2, mode: 'everywhere', disabledSites: [] } });
    await resolve();
    expect(get).toHaveBeenCalledTimes(2);

    await browser.storage.local.remove(USER_SOURCES_KEY);
    expect((await resolve()).citations[0].source?.id).toBe('radio-ennepe-ruhr');
    expect(get).toHaveBeenCalledTimes(3);
    // The package was read once for all of it.
    expect(fetched).toHaveLength(2);
  });

  it('migrates a version 1 value on first use and resolves with it', async () => {
    const v1 = JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'user-sources', 'v1-stored.json'), 'utf8'));
    await browser.storage.local.set({ [USER_SOURCES_KEY]: v1 });
    const report = await resolve();
    expect(report.citations[0].source?.id).toBe('radio-en-lokal');
    const stored = (await browser.storage.local.get(USER_SOURCES_KEY))[USER_SOURCES_KEY] as { version: number; sources: Source[] };
    expect(stored.version).toBe(2);
    expect(stored.sources).toHaveLength(4);
  });

  it('still resolves when the stored value is damaged', async () => {
    await browser.storage.local.set({ [USER_SOURCES_KEY]: 'garbage' });
    expect((await resolve()).citations[0].source?.id).toBe('radio-ennepe-ruhr');
  });
});

describe('background answers the options page', () => {
  it('about: registry version, counts, datasets and rating systems', async () => {
    const about: AboutInfo = await askBackground({ type: 'options→background:about' });
    const registry = parsed.get('registry') as { version: string; datasets: unknown[]; sources: unknown[] };
    expect(about.registryVersion).toBe(registry.version);
    expect(about.sources).toBe(registry.sources.length);
    expect(about.ratedDomains).toBeGreaterThan(1000);
    expect(about.datasets).toEqual(registry.datasets);
    expect(about.ratingSystems).toEqual(['cite-unseen', 'cred-1', 'cred-1-score', 'lin-2023', 'wikipedia-perennial']);
  });

  it('search: by domain, by name, and close names', async () => {
    const byDomain = await askBackground({ type: 'options→background:search', query: 'https://www.radioenneperuhr.de/news' });
    expect(byDomain[0].id).toBe('radio-ennepe-ruhr');
    const byName = await askBackground({ type: 'options→background:search', query: 'Radio EN' });
    expect(byName.map((s) => s.id)).toContain('radio-ennepe-ruhr');
    const typo = await askBackground({ type: 'options→background:search', query: 'Tagesschu', limit: 5 });
    expect(typo.length).toBeGreaterThan(0);
    expect(typo.length).toBeLessThanOrEqual(5);
    expect(typo.some((s) => /tagesschau/i.test(s.name))).toBe(true);
    // The bundled entry is found even when the user overrides it.
    await storeUserSources([userSource({ id: 'radio-ennepe-ruhr', name: 'Mine', domains: ['radioenneperuhr.de'] })]);
    const again = await askBackground({ type: 'options→background:search', query: 'radioenneperuhr.de' });
    expect(again[0]).toMatchObject({ id: 'radio-ennepe-ruhr', name: 'Radio Ennepe Ruhr' });
    expect(await askBackground({ type: 'options→background:search', query: 'x' })).toEqual([]);
  });

  it('bundled: names of the ids that are bundled sources', async () => {
    const names = await askBackground({ type: 'options→background:bundled', ids: ['radio-ennepe-ruhr', 'not-a-source', 42 as never] });
    expect(names).toEqual({ 'radio-ennepe-ruhr': 'Radio Ennepe Ruhr' });
  });
});
