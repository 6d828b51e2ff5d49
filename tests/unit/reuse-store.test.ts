/**
 * The reuse store (lib/reuse/store.ts) and which pages it may hold (lib/reuse/site.ts):
 * matches on other sites only, never the page itself; the cap evicts the oldest pages first;
 * a page seen again replaces its entry; the JSON records round-trip; the index stays correct
 * through many additions and removals (checked against a brute-force scan); 100,000
 * fingerprints fit in storage.local's quota.
 */
import { describe, expect, it } from 'vitest';
import { fingerprintParagraphs, REUSE_BANDS } from '../../lib/reuse/signature';
import { isLocalHost, isStorableUrl, reuseSite, storedUrl } from '../../lib/reuse/site';
import {
  DEFAULT_REUSE_CAPACITY,
  MIN_AGREEING_BANDS,
  ReuseStore,
  decodePage,
  encodePage,
  fromBase64,
  packBands,
  sanitizeFingerprints,
  toBase64,
} from '../../lib/reuse/store';
import type { ParagraphFingerprint } from '../../lib/types';

const COPIED =
  'At the gauge below the old mill the river now runs at forty centimetres, against a long-term average of seventy-five for the end of May. Farmers who draw water for their fields have been asked to irrigate only at night, when less of it evaporates.';
const EDITED =
  'The water board said it would review the restrictions every Friday and lift them as soon as two weeks of steady rain had brought the reservoirs back above sixty percent of their capacity.';

function words(seed: number, n: number): string {
  let s = seed >>> 0;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out.push(`w${(s >>> 8) % 5000}`);
  }
  return out.join(' ');
}

/** Fingerprints of a page made of the given paragraphs. */
function fps(...texts: string[]): ParagraphFingerprint[] {
  return fingerprintParagraphs(texts.map((text, index) => ({ index, text })));
}

/** A page of `n` unique paragraphs (seeded). */
function page(seed: number, n: number): ParagraphFingerprint[] {
  return fps(...Array.from({ length: n }, (_, i) => words(seed * 1000 + i, 30)));
}

const A = { site: 'site-a.test', url: 'https://site-a.test/river', seenAt: Date.UTC(2026, 4, 20, 9, 30) };

describe('ReuseStore.query', () => {
  it('finds a paragraph copied from another site, with where and when', () => {
    const store = new ReuseStore();
    store.add(A, fps(words(1, 40), COPIED, EDITED));
    const matches = store.query(fps(words(2, 40), COPIED), { site: 'site-b.test', url: 'https://site-b.test/news' });
    expect(matches).toEqual([
      {
        paragraph: 1,
        opening: 'At the gauge below the old mill the river now runs at …',
        similarity: 1,
        site: 'site-a.test',
        url: 'https://site-a.test/river',
        seenAt: A.seenAt,
        sites: 1,
      },
    ]);
  });

  it('finds a near copy (one word changed) with a similarity below 1', () => {
    const store = new ReuseStore();
    store.add(A, fps(EDITED));
    const [m] = store.query(fps(EDITED.replace('two weeks', 'three weeks')), { site: 'site-b.test' });
    expect(m.site).toBe('site-a.test');
    expect(m.similarity).toBeGreaterThanOrEqual(0.66);
    expect(m.similarity).toBeLessThan(1);
  });

  it('ignores matches on the same site (its own boilerplate), also on another subdomain', () => {
    const store = new ReuseStore();
    store.add(A, fps(COPIED));
    expect(store.query(fps(COPIED), { site: 'site-a.test', url: 'https://site-a.test/other' })).toEqual([]);
    expect(store.query(fps(COPIED), { site: reuseSite('https://news.site-a.test/x') })).toEqual([]);
    expect(store.query(fps(COPIED), { site: 'site-b.test' })).toHaveLength(1);
  });

  it('never matches the page with itself (its address is excluded even without a site)', () => {
    const store = new ReuseStore();
    store.add(A, fps(COPIED));
    expect(store.query(fps(COPIED), { site: '', url: A.url })).toEqual([]);
  });

  it('ignores unrelated paragraphs', () => {
    const store = new ReuseStore();
    for (let p = 0; p < 50; p++) store.add({ site: `s${p}.test`, url: `https://s${p}.test/`, seenAt: p }, page(p, 20));
    expect(store.query(page(999, 200), { site: 'x.test' })).toEqual([]);
  });

  it('keeps the best match per paragraph and counts the other sites that have it', () => {
    const store = new ReuseStore();
    const near = EDITED.replace('two weeks', 'three weeks');
    store.add({ site: 'near.test', url: 'https://near.test/', seenAt: 1 }, fps(near));
    store.add({ site: 'late.test', url: 'https://late.test/', seenAt: 3 }, fps(EDITED));
    store.add({ site: 'early.test', url: 'https://early.test/', seenAt: 2 }, fps(EDITED));
    const [m] = store.query(fps(EDITED), { site: 'me.test' });
    expect(m).toMatchObject({ site: 'early.test', similarity: 1, sites: 3 });
  });
});

describe('ReuseStore cap and eviction', () => {
  it('holds at most `capacity` fingerprints and evicts the oldest pages first', () => {
    const store = new ReuseStore(10);
    const c1 = store.add({ site: 'a.test', url: 'https://a.test/1', seenAt: 1 }, page(1, 4));
    const c2 = store.add({ site: 'b.test', url: 'https://b.test/2', seenAt: 2 }, page(2, 4));
    expect([c1.removed, c2.removed]).toEqual([[], []]);
    expect(store.size).toBe(8);
    const c3 = store.add({ site: 'c.test', url: 'https://c.test/3', seenAt: 3 }, page(3, 4));
    expect(c3.removed).toEqual([c1.added!.seq]);
    expect(store.size).toBe(8);
    expect(store.list().map((p) => p.url)).toEqual(['https://b.test/2', 'https://c.test/3']);
    // The evicted page is no longer found; the others are.
    expect(store.query(page(1, 4), { site: 'x.test' })).toEqual([]);
    expect(store.query(page(2, 4), { site: 'x.test' })).toHaveLength(4);
    // A page larger than the cap keeps its first `capacity` paragraphs and evicts the rest.
    const c4 = store.add({ site: 'd.test', url: 'https://d.test/4', seenAt: 4 }, page(4, 25));
    expect(c4.removed.sort()).toEqual([c2.added!.seq, c3.added!.seq].sort());
    expect(store.size).toBe(10);
    expect(store.pageCount).toBe(1);
  });

  it('replaces a page seen again (it becomes the newest), and writes nothing when it is unchanged', () => {
    const store = new ReuseStore(12);
    const first = store.add({ site: 'a.test', url: 'https://a.test/1', seenAt: 1 }, page(1, 4));
    store.add({ site: 'b.test', url: 'https://b.test/2', seenAt: 2 }, page(2, 4));
    expect(store.add({ site: 'a.test', url: 'https://a.test/1', seenAt: 5 }, page(1, 4))).toEqual({ added: null, removed: [] });
    const again = store.add({ site: 'a.test', url: 'https://a.test/1', seenAt: 6 }, page(11, 4));
    expect(again.removed).toEqual([first.added!.seq]);
    expect(store.list().map((p) => [p.url, p.seenAt])).toEqual([
      ['https://b.test/2', 2],
      ['https://a.test/1', 6],
    ]);
    expect(store.size).toBe(8);
    // Now b.test is the oldest and goes first.
    const c = store.add({ site: 'c.test', url: 'https://c.test/3', seenAt: 7 }, page(3, 4));
    expect(c.removed).toEqual([]);
    const d = store.add({ site: 'd.test', url: 'https://d.test/4', seenAt: 8 }, page(4, 4));
    expect(store.list()[0].url).toBe('https://a.test/1');
    expect(d.removed).toHaveLength(1);
  });

  it('clears', () => {
    const store = new ReuseStore();
    store.add(A, fps(COPIED));
    expect(store.clear()).toHaveLength(1);
    expect([store.size, store.pageCount]).toEqual([0, 0]);
    expect(store.query(fps(COPIED), { site: 'b.test' })).toEqual([]);
    store.add(A, fps(COPIED));
    expect(store.query(fps(COPIED), { site: 'b.test' })).toHaveLength(1);
  });

  it('answers like a brute-force scan through many additions, replacements and evictions', () => {
    const store = new ReuseStore(3000);
    const texts = Array.from({ length: 400 }, (_, i) => words(50_000 + i, 25));
    let seed = 7;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    for (let step = 0; step < 600; step++) {
      const site = `s${rand(40)}.test`;
      const url = `https://${site}/${rand(30)}`;
      const paras = Array.from({ length: 1 + rand(20) }, () => texts[rand(texts.length)]);
      store.add({ site, url, seenAt: step }, fps(...paras));
      if (step % 50 === 49) {
        const query = fps(...Array.from({ length: 30 }, () => texts[rand(texts.length)]));
        const me = `s${rand(40)}.test`;
        expect(store.query(query, { site: me })).toEqual(bruteForce(store, query, me));
      }
    }
    expect(store.size).toBeLessThanOrEqual(3000);
  });
});

/** The expected answer, by comparing every stored fingerprint. */
function bruteForce(store: ReuseStore, query: ParagraphFingerprint[], site: string) {
  const out = [];
  for (const fp of query) {
    let best: { page: ReturnType<ReuseStore['list']>[number]; n: number } | null = null;
    const sites = new Set<string>();
    for (const p of store.list()) {
      for (let i = 0; i < p.bands.length / REUSE_BANDS; i++) {
        let n = 0;
        for (let b = 0; b < REUSE_BANDS; b++) if (p.bands[i * REUSE_BANDS + b] === fp.bands[b]) n++;
        if (n < MIN_AGREEING_BANDS || p.site === site) continue;
        sites.add(p.site);
        if (!best || n > best.n || (n === best.n && p.seenAt < best.page.seenAt)) best = { page: p, n };
      }
    }
    if (best) {
      out.push({
        paragraph: fp.paragraph,
        opening: fp.opening,
        similarity: Math.round(Math.pow(best.n / 16, 0.25) * 100) / 100,
        site: best.page.site,
        url: best.page.url,
        seenAt: best.page.seenAt,
        sites: sites.size,
      });
    }
  }
  return out;
}

describe('serialisation', () => {
  it('round-trips the store through JSON records', () => {
    const store = new ReuseStore(50);
    store.add(A, fps(COPIED, EDITED));
    store.add({ site: 'b.test', url: 'https://b.test/x', seenAt: 2 }, page(2, 7));
    const json = JSON.stringify(store.toRecords());
    expect(json).not.toContain('gauge');
    const back = ReuseStore.fromRecords(JSON.parse(json), 50);
    expect(back.list()).toEqual(store.list());
    const query = fps(COPIED, words(2000, 30));
    expect(back.query(query, { site: 'c.test' })).toEqual(store.query(query, { site: 'c.test' }));
    // New pages continue the numbering.
    const next = back.add({ site: 'c.test', url: 'https://c.test/', seenAt: 3 }, page(3, 1));
    expect(next.added!.seq).toBeGreaterThan(Math.max(...store.list().map((p) => p.seq)));
  });

  it('skips damaged records and records of another fingerprint version', () => {
    const good = encodePage({ seq: 1, site: 'a.test', url: 'https://a.test/', seenAt: 1, bands: packBands(fps(COPIED)) });
    const records = [
      good,
      { ...good, seq: 2, v: 999 },
      { ...good, seq: 3, bands: 'not base64!' },
      { ...good, seq: 4, bands: toBase64(new Uint8Array(10)) },
      { ...good, seq: 5, seenAt: 'yesterday' },
      null,
      'x',
    ];
    const store = ReuseStore.fromRecords(records);
    expect(store.list().map((p) => p.seq)).toEqual([1]);
    expect(decodePage(good)!.bands).toEqual(packBands(fps(COPIED)));
  });

  it('encodes base64 like Node’s Buffer', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 31, 32, 33, 100_000]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 7919) & 0xff);
      const text = toBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(fromBase64(text)).toEqual(bytes);
    }
  });

  it(`keeps ${DEFAULT_REUSE_CAPACITY.toLocaleString('en')} fingerprints well inside storage.local’s 10 MB`, () => {
    const store = new ReuseStore();
    const perPage = 40;
    const bands = new Uint16Array(perPage * REUSE_BANDS);
    for (let p = 0; p < DEFAULT_REUSE_CAPACITY / perPage; p++) {
      for (let i = 0; i < bands.length; i++) bands[i] = (Math.imul(p * bands.length + i, 2654435761) >>> 16) & 0xffff;
      store.add({ site: `site-${p}.example`, url: `https://www.site-${p}.example/2026/05/some-article-title-${p}`, seenAt: Date.now() }, bands.slice());
    }
    expect(store.size).toBe(DEFAULT_REUSE_CAPACITY);
    const bytes = store
      .toRecords()
      .reduce((sum, r, i) => sum + JSON.stringify(r).length + `sourcelens:reuse:p:${i + 1}`.length, 0);
    expect(bytes).toBeLessThan(5.5 * 1024 * 1024);
  });
});

describe('sanitizeFingerprints', () => {
  it('keeps well-formed fingerprints only', () => {
    const ok = fps(COPIED)[0];
    expect(
      sanitizeFingerprints([
        ok,
        { ...ok, bands: ok.bands.slice(1) },
        { ...ok, bands: ok.bands.map((b, i) => (i === 0 ? 70_000 : b)) },
        { ...ok, paragraph: -1 },
        { ...ok, opening: 42 },
        'x',
      ]),
    ).toEqual([ok, { ...ok, opening: '' }]);
    expect(sanitizeFingerprints('nope')).toEqual([]);
    expect(sanitizeFingerprints(Array(600).fill(ok))).toHaveLength(500);
  });
});

describe('which pages are stored, under which site and address', () => {
  it('stores web pages only, not files or pages on this machine', () => {
    expect(isStorableUrl('https://example.com/a')).toBe(true);
    expect(isStorableUrl('http://site-a.test:8080/a')).toBe(true);
    for (const url of [
      'file:///home/me/draft.html',
      'http://localhost:3000/draft',
      'http://preview.localhost/x',
      'http://127.0.0.1:8080/x',
      'http://127.1.2.3/x',
      'http://[::1]:8000/x',
      'http://0.0.0.0/',
      'about:blank',
      'chrome-extension://abc/popup.html',
      '',
      null,
    ]) {
      expect(isStorableUrl(url), String(url)).toBe(false);
    }
    expect(isLocalHost('LOCALHOST.')).toBe(true);
  });

  it('keeps the address without query, fragment and credentials', () => {
    expect(storedUrl('https://user:pw@www.example.com:8443/a/b?utm_source=x&id=1#comments')).toBe('https://www.example.com:8443/a/b');
  });

  it('names the site by its registrable domain', () => {
    expect(reuseSite('https://news.bbc.co.uk/x')).toBe('bbc.co.uk');
    expect(reuseSite('https://www.example.com/')).toBe('example.com');
    expect(reuseSite('http://site-a.test:1234/p')).toBe('site-a.test');
    expect(reuseSite('https://alice.github.io/')).toBe('alice.github.io');
    expect(reuseSite('http://127.0.0.1:8080/')).toBe('127.0.0.1');
    expect(reuseSite('file:///tmp/x.html')).toBe('file://');
    expect(reuseSite('not a url')).toBe('');
  });
});
