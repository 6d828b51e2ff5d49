/**
 * Reuse across sites (lib/reuse): how long the background takes to answer a page of 200
 * paragraphs against a full store of 100,000 fingerprints, and to load that store from its
 * storage.local records, printed next to a baseline measured in the same run.
 *
 *   npx tsx bench/reuse.ts            (options: --fingerprints N, --paragraphs N, --runs N)
 *
 * Store: 2,500 pages × 40 paragraphs on 2,500 sites. Their band keys are drawn from a seeded
 * generator (as MinHash bands of unrelated text are), except 20 pages built from real
 * paragraphs, 10 of which the queried page copies (verbatim or with one word changed).
 *
 * Measures (median of --runs, after a warm-up):
 *  a. content script: fingerprints of the page's 200 paragraphs (fingerprintParagraphs);
 *  b. load: the records as storage.local returns them (parsed JSON) → store (base64 decoding,
 *     pages), and the first index build; the size of the records as JSON;
 *  c. query: the 200 fingerprints against the store (warm index), against the baseline
 *     "Map.get of the same 200 × 16 band keys in a Map<bandKey, ids[]> of all 1.6 M keys"
 *     (lookups only: no counting, no page lookup);
 *  d. one visit: add a page of 40 paragraphs and answer the next page (the overflow path,
 *     including the periodic index rebuild), against the same baseline.
 */
import { performance } from 'node:perf_hooks';
import { fingerprintParagraphs, REUSE_BANDS } from '../lib/reuse/signature';
import { ReuseStore, type PageRecord } from '../lib/reuse/store';
import type { ParagraphFingerprint } from '../lib/types';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const FINGERPRINTS = arg('fingerprints', 100_000);
const PARAGRAPHS = arg('paragraphs', 200);
const RUNS = arg('runs', 15);
const PER_PAGE = 40;

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = rng(20261127);
const VOCAB = Array.from({ length: 8000 }, (_, i) => `${['wa', 'ter', 'ri', 'ver', 'mill', 'bo', 'ard', 'spring', 'rain', 'field'][i % 10]}${i.toString(36)}`);
const sentence = (n: number) => Array.from({ length: n }, () => VOCAB[Math.floor(rand() * VOCAB.length)]).join(' ') + '.';
const paragraph = () => `${sentence(12 + Math.floor(rand() * 10))} ${sentence(10 + Math.floor(rand() * 15))} ${sentence(8 + Math.floor(rand() * 10))}`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function time<T>(fn: () => T, runs = RUNS): { ms: number; value: T } {
  let value = fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = fn();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), value };
}

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(3));

// ------------------------------------------------------------------ the stored pages

const pages = Math.ceil(FINGERPRINTS / PER_PAGE);
const realPages = Math.min(20, pages);
const realParagraphs: string[][] = Array.from({ length: realPages }, () => Array.from({ length: PER_PAGE }, paragraph));
const records: PageRecord[] = [];
{
  const builder = new ReuseStore(FINGERPRINTS);
  const t0 = Date.UTC(2026, 0, 1);
  for (let p = 0; p < pages; p++) {
    const n = Math.min(PER_PAGE, FINGERPRINTS - p * PER_PAGE);
    let bands: Uint16Array;
    if (p % Math.floor(pages / realPages) === 0 && p / Math.floor(pages / realPages) < realPages) {
      const texts = realParagraphs[p / Math.floor(pages / realPages)].slice(0, n);
      const fps = fingerprintParagraphs(texts.map((text, index) => ({ index, text })));
      bands = new Uint16Array(fps.length * REUSE_BANDS);
      fps.forEach((fp, i) => bands.set(fp.bands, i * REUSE_BANDS));
    } else {
      bands = new Uint16Array(n * REUSE_BANDS);
      for (let i = 0; i < bands.length; i++) bands[i] = Math.floor(rand() * 65536);
    }
    builder.add({ site: `site-${p}.example`, url: `https://www.site-${p}.example/2026/01/article-${p}`, seenAt: t0 + p * 60_000 }, bands);
  }
  records.push(...builder.toRecords());
}
// storage.local hands the background parsed objects: parse once, as the browser would.
const json = JSON.stringify(records);
const stored: unknown[] = JSON.parse(json);

// ------------------------------------------------------------------ the queried page

const copies = realParagraphs.slice(0, 10).map((texts, i) => (i % 2 ? texts[3] : texts[3].replace(/\b(\w+)\.$/, 'changed.')));
const pageTexts = Array.from({ length: PARAGRAPHS }, (_, i) => (i % 20 === 5 && copies.length ? copies.shift()! : paragraph()));

const a = time(() => fingerprintParagraphs(pageTexts.map((text, index) => ({ index, text }))));
const query: ParagraphFingerprint[] = a.value;

// b. load
const load = time(() => ReuseStore.fromRecords(stored, FINGERPRINTS), Math.max(3, Math.floor(RUNS / 3)));
const firstIndex = time(() => {
  const s = ReuseStore.fromRecords(stored, FINGERPRINTS);
  const t0 = performance.now();
  s.query(query.slice(0, 1), { site: 'me.example' });
  return performance.now() - t0;
}, 3).value;
const store = load.value;

// c. query vs baseline
const q = time(() => store.query(query, { site: 'me.example' }));
const matches = q.value;

const map = new Map<number, number[]>();
const tMap0 = performance.now();
{
  let id = 0;
  for (const p of store.list()) {
    for (let k = 0; k < p.bands.length; k += REUSE_BANDS, id++) {
      for (let b = 0; b < REUSE_BANDS; b++) {
        const key = b * 65536 + p.bands[k + b];
        const list = map.get(key);
        if (list) list.push(id);
        else map.set(key, [id]);
      }
    }
  }
}
const mapBuildMs = performance.now() - tMap0;
const baseline = time(() => {
  let hits = 0;
  for (const fp of query) {
    for (let b = 0; b < REUSE_BANDS; b++) hits += map.get(b * 65536 + fp.bands[b])?.length ?? 0;
  }
  return hits;
});

// d. a visit: add a page, answer the next one (overflow + periodic rebuilds included)
const visitStore = ReuseStore.fromRecords(stored, FINGERPRINTS);
visitStore.query(query.slice(0, 1), { site: 'x' });
let visitNo = 0;
const visit = time(() => {
  visitNo++;
  const bands = new Uint16Array(PER_PAGE * REUSE_BANDS);
  for (let i = 0; i < bands.length; i++) bands[i] = Math.floor(rand() * 65536);
  visitStore.add({ site: `new-${visitNo}.example`, url: `https://new-${visitNo}.example/a`, seenAt: Date.now() }, bands);
  return visitStore.query(query, { site: 'me.example' }).length;
}, 200);

// ------------------------------------------------------------------ report

const rows: Array<[string, string, string]> = [
  ['a', `fingerprints of ${PARAGRAPHS} paragraphs (content script)`, `${fmt(a.ms)} ms`],
  ['b', `records as JSON (${store.pageCount.toLocaleString('en')} pages, ${store.size.toLocaleString('en')} fingerprints)`, `${(json.length / 1024 / 1024).toFixed(2)} MB of 10 MB`],
  ['b', 'load: records → store (base64 decoding, pages)', `${fmt(load.ms)} ms`],
  ['b', 'load: first index build (counting sort, 1.6 M entries)', `${fmt(firstIndex)} ms`],
  ['b', 'baseline: build Map<bandKey, ids[]> of the same keys', `${fmt(mapBuildMs)} ms`],
  ['c', `query: ${PARAGRAPHS} paragraphs × 16 bands, best match per paragraph`, `${fmt(q.ms)} ms`],
  ['c', `baseline: ${PARAGRAPHS * REUSE_BANDS} Map.get of the same keys`, `${fmt(baseline.ms)} ms`],
  ['c', 'query / baseline', `${(q.ms / baseline.ms).toFixed(2)}×`],
  ['d', `visit: add ${PER_PAGE} fingerprints + query ${PARAGRAPHS} (median of 200)`, `${fmt(visit.ms)} ms`],
  ['d', 'visit / baseline', `${(visit.ms / baseline.ms).toFixed(2)}×`],
];
const w0 = Math.max(...rows.map((r) => r[1].length));
console.log(`Reuse across sites — ${store.size.toLocaleString('en')} stored fingerprints, a page of ${PARAGRAPHS} paragraphs, median of ${RUNS} runs (Node ${process.version})\n`);
for (const [sec, name, value] of rows) console.log(`${sec}  ${name.padEnd(w0)}  ${value}`);
const planted = matches.filter((m) => /^site-\d+\.example$/.test(m.site));
console.log(`\nmatches found: ${matches.length} (planted copies: 10; verbatim similarity ${matches.filter((m) => m.similarity === 1).length}× 1.0, others ${matches.filter((m) => m.similarity < 1).map((m) => m.similarity).join(', ') || '–'})`);
if (planted.length < 10) {
  console.error(`expected the 10 planted copies to be found, got ${planted.length}`);
  process.exitCode = 1;
}
