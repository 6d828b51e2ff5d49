/**
 * The reuse store: fingerprints (lib/reuse/signature.ts) of the paragraphs of pages the reader
 * visited, by page, with a cap. Pure data structure: no `browser.*`; lib/reuse/service.ts
 * reads and writes it through storage.local.
 *
 * What is kept per page: its site, its address (without query and fragment), when it was seen,
 * and 16 band keys of 16 bits per paragraph — 32 bytes per paragraph, never the text.
 *
 * Cap and eviction
 * ----------------
 * At most `capacity` fingerprints (default 100,000: about 2,000–5,000 article pages). Adding a
 * page that would go over removes the oldest pages first (by when they were last seen). A page
 * seen again replaces its earlier entry (and becomes the newest); unchanged fingerprints of the
 * same address are not written again.
 *
 * Query and threshold
 * -------------------
 * Every band has its own direct-addressed buckets (16 × 65,536). For a paragraph of the current
 * page the store counts, per stored paragraph, how many of the 16 bands agree. A stored paragraph
 * is a match when at least `MIN_AGREEING_BANDS` (3) agree. With bands of 4 MinHash rows, a band
 * agrees with probability J⁴ for Jaccard similarity J (word 3-grams), so:
 * - the estimated similarity is (agreeing / 16)^(1/4): 3 bands → 0.66, 8 → 0.84, 16 → 1;
 * - a pair with J = 0.9 is found with probability > 99.99 %, J = 0.8 with 98.6 %, J = 0.7 with
 *   78 %; J = 0.5 (half the 3-grams differ) only with 7 %, J = 0.3 with 0.03 %;
 * - unrelated paragraphs agree on a band by chance with probability 2⁻¹⁶ (16-bit keys), so three
 *   chance agreements happen with probability C(16,3)·2⁻⁴⁸ ≈ 2·10⁻¹², i.e. about one false
 *   match in 25,000 page visits with a full store and 200 paragraphs per page.
 * Only matches on another site count (a site repeats its own boilerplate); the best one is kept
 * per paragraph (most agreeing bands; ties: first seen), with the number of other sites that
 * have a match. The page being queried is never among its own matches: the background queries
 * before it adds, and its site is excluded anyway.
 *
 * Index maintenance: a compressed bucket index (offsets + ids, built by counting sort in one
 * pass) covers the fingerprints present at the last build; later additions go to a small
 * overflow map, and removed pages leave ids that resolve to no page. The index is rebuilt when
 * the overflow or the dead ids grow past an eighth of the store.
 *
 * Serialisation (`encodePage` / `decodePage`): one JSON record per page, band keys as base64 of
 * little-endian 16-bit values. 100,000 fingerprints take about 4.3 MB of base64 plus ~100 bytes
 * per page, well inside storage.local's 10 MB (Chrome without `unlimitedStorage`).
 */
import type { ParagraphFingerprint, ReuseMatch } from '../types';
import { DEFAULT_REUSE_CAPACITY } from './keys';
import { REUSE_BANDS, SIGNATURE_VERSION } from './signature';

export { DEFAULT_REUSE_CAPACITY };
/** Agreeing bands (of 16) needed for a match: estimated Jaccard ≥ (3/16)^(1/4) ≈ 0.66. */
export const MIN_AGREEING_BANDS = 3;

const KEY_BITS = 16;
const KEYS_PER_BAND = 1 << KEY_BITS;
const BUCKETS = REUSE_BANDS * KEYS_PER_BAND;

/** A stored page: where and when, and its paragraphs' band keys (n × 16, row by row). */
export interface StoredPage {
  /** Insertion number: unique, increasing (the storage key is derived from it). */
  seq: number;
  site: string;
  url: string;
  seenAt: number;
  bands: Uint16Array;
}

/** What an operation changed, for the storage layer to write. */
export interface StoreChange {
  added: StoredPage | null;
  /** `seq` of the pages removed (replaced or evicted). */
  removed: number[];
}

/** The JSON form of a stored page. */
export interface PageRecord {
  /** Fingerprint format (SIGNATURE_VERSION). */
  v: number;
  seq: number;
  site: string;
  url: string;
  seenAt: number;
  /** Band keys: base64 of little-endian uint16, 16 per paragraph. */
  bands: string;
}

interface Entry extends StoredPage {
  /** Id of the first fingerprint in the index (ids are contiguous per page). */
  first: number;
  /** Fingerprints. */
  count: number;
}

export interface QueryOptions {
  /** The current page's site: its matches are ignored. */
  site: string;
  /** The current page's stored address: never matched (also when its site is unknown). */
  url?: string;
  /** Default MIN_AGREEING_BANDS. */
  minBands?: number;
}

export class ReuseStore {
  readonly capacity: number;
  /** Oldest first; `first` increases along the array. */
  private pages: Entry[] = [];
  private byUrl = new Map<string, Entry>();
  private total = 0;
  private nextSeq = 1;
  private nextId = 0;

  // Index: fingerprints present at the last build are in offsets/entries, later ones in overflow.
  private offsets: Uint32Array | null = null;
  private entries: Uint32Array | null = null;
  private overflow = new Map<number, number[]>();
  private overflowCount = 0;
  private dead = 0;
  private scratch = new Uint8Array(0);

  constructor(capacity = DEFAULT_REUSE_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`capacity must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
  }

  /** Fingerprints stored. */
  get size(): number {
    return this.total;
  }

  get pageCount(): number {
    return this.pages.length;
  }

  /** Pages, oldest first (copies of the records; band arrays are shared, do not modify). */
  list(): StoredPage[] {
    return this.pages.map(({ seq, site, url, seenAt, bands }) => ({ seq, site, url, seenAt, bands }));
  }

  /**
   * Remember a page's fingerprints (`bands`: 16 keys per paragraph, row by row, or the
   * fingerprints as sent by the content script). A page already stored under `url` is replaced,
   * unless its fingerprints are unchanged (then nothing changes). Evicts the oldest pages to stay
   * within the capacity. `seq` is for loading; new pages get the next number.
   */
  add(
    page: { site: string; url: string; seenAt: number; seq?: number },
    fingerprints: Uint16Array | ReadonlyArray<ParagraphFingerprint>,
  ): StoreChange {
    let bands = fingerprints instanceof Uint16Array ? fingerprints : packBands(fingerprints);
    if (bands.length % REUSE_BANDS !== 0) throw new Error(`band keys come in groups of ${REUSE_BANDS}`);
    const change: StoreChange = { added: null, removed: [] };
    const old = this.byUrl.get(page.url);
    if (old) {
      if (page.seq === undefined && sameBands(old.bands, bands)) return change;
      this.removeEntry(old);
      change.removed.push(old.seq);
    }
    let count = bands.length / REUSE_BANDS;
    if (count === 0) return change;
    if (count > this.capacity) {
      count = this.capacity;
      bands = bands.slice(0, count * REUSE_BANDS);
    }
    const seq = page.seq ?? this.nextSeq;
    this.nextSeq = Math.max(this.nextSeq, seq + 1);
    const entry: Entry = { seq, site: page.site, url: page.url, seenAt: page.seenAt, bands, first: this.nextId, count };
    this.nextId += count;
    this.pages.push(entry);
    this.byUrl.set(entry.url, entry);
    this.total += count;
    // Without a built index (a store being loaded) the next query builds it over every page.
    if (this.offsets) {
      for (let i = 0; i < count; i++) {
        const id = entry.first + i;
        for (let b = 0; b < REUSE_BANDS; b++) {
          const bucket = b * KEYS_PER_BAND + bands[i * REUSE_BANDS + b];
          const list = this.overflow.get(bucket);
          if (list) list.push(id);
          else this.overflow.set(bucket, [id]);
        }
      }
      this.overflowCount += count;
    }
    change.added = { seq, site: entry.site, url: entry.url, seenAt: entry.seenAt, bands };
    while (this.total > this.capacity && this.pages.length > 1) {
      const oldest = this.pages[0];
      this.removeEntry(oldest);
      change.removed.push(oldest.seq);
    }
    return change;
  }

  /** Forget the page stored under `url` (returns its seq, or null). */
  removeUrl(url: string): number | null {
    const entry = this.byUrl.get(url);
    if (!entry) return null;
    this.removeEntry(entry);
    return entry.seq;
  }

  /** Forget everything. */
  clear(): number[] {
    const seqs = this.pages.map((p) => p.seq);
    this.pages = [];
    this.byUrl.clear();
    this.total = 0;
    this.offsets = null;
    this.entries = null;
    this.overflow.clear();
    this.overflowCount = 0;
    this.dead = 0;
    this.nextId = 0;
    this.scratch = new Uint8Array(0);
    return seqs;
  }

  /**
   * For each fingerprint of the current page, its best match on another site (see the module
   * comment), in the order of `fingerprints`. Paragraphs without a match are left out.
   */
  query(fingerprints: ReadonlyArray<ParagraphFingerprint>, options: QueryOptions): ReuseMatch[] {
    const minBands = Math.max(1, options.minBands ?? MIN_AGREEING_BANDS);
    if (this.total === 0) return [];
    this.ensureIndex();
    const offsets = this.offsets!;
    const entries = this.entries!;
    const out: ReuseMatch[] = [];
    // Agreeing bands per candidate id: a counter array reset after each paragraph through the
    // list of ids it touched (no map, no allocation per paragraph).
    if (this.scratch.length < this.nextId) this.scratch = new Uint8Array(Math.max(this.nextId, this.scratch.length * 2));
    const counts = this.scratch;
    const touched: number[] = [];
    const bump = (id: number) => {
      if (counts[id]++ === 0) touched.push(id);
    };
    for (const fp of fingerprints) {
      touched.length = 0;
      for (let b = 0; b < REUSE_BANDS; b++) {
        const bucket = b * KEYS_PER_BAND + (fp.bands[b] & 0xffff);
        for (let k = offsets[bucket], end = offsets[bucket + 1]; k < end; k++) bump(entries[k]);
        const extra = this.overflow.get(bucket);
        if (extra) for (const id of extra) bump(id);
      }
      let best: Entry | null = null;
      let bestCount = 0;
      const sites = new Set<string>();
      for (const id of touched) {
        const n = counts[id];
        counts[id] = 0;
        if (n < minBands) continue;
        const page = this.pageOf(id);
        if (!page || page.site === options.site || page.url === options.url) continue;
        sites.add(page.site);
        if (n > bestCount || (n === bestCount && best !== null && page.seenAt < best.seenAt)) {
          best = page;
          bestCount = n;
        }
      }
      if (best) {
        out.push({
          paragraph: fp.paragraph,
          opening: fp.opening,
          similarity: estimateSimilarity(bestCount),
          site: best.site,
          url: best.url,
          seenAt: best.seenAt,
          sites: sites.size,
        });
      }
    }
    return out;
  }

  /** The page owning fingerprint `id`, or null when that page was removed. */
  private pageOf(id: number): Entry | null {
    const pages = this.pages;
    let lo = 0;
    let hi = pages.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (pages[mid].first <= id) lo = mid + 1;
      else hi = mid - 1;
    }
    const page = hi >= 0 ? pages[hi] : null;
    return page && id < page.first + page.count ? page : null;
  }

  private removeEntry(entry: Entry): void {
    const i = this.pages.indexOf(entry);
    if (i >= 0) this.pages.splice(i, 1);
    if (this.byUrl.get(entry.url) === entry) this.byUrl.delete(entry.url);
    this.total -= entry.count;
    this.dead += entry.count;
  }

  /** (Re)build the bucket index when it is missing or the overflow/dead ids grew too large. */
  private ensureIndex(): void {
    const slack = Math.max(4096, this.total >> 3);
    if (this.offsets && this.overflowCount <= slack && this.dead <= slack) return;
    this.rebuild();
  }

  private rebuild(): void {
    // Renumber the live fingerprints 0..total-1 in page order.
    let id = 0;
    for (const p of this.pages) {
      p.first = id;
      id += p.count;
    }
    this.nextId = id;
    const offsets = this.offsets && this.offsets.length === BUCKETS + 1 ? this.offsets.fill(0) : new Uint32Array(BUCKETS + 1);
    // Band by band, so the counters touched stay within one band's 256 KB (cache-friendly).
    for (let b = 0; b < REUSE_BANDS; b++) {
      const base = b * KEYS_PER_BAND + 1;
      for (const p of this.pages) {
        const bands = p.bands;
        const end = p.count * REUSE_BANDS;
        for (let k = b; k < end; k += REUSE_BANDS) offsets[base + bands[k]]++;
      }
    }
    for (let b = 1; b <= BUCKETS; b++) offsets[b] += offsets[b - 1];
    const entries = new Uint32Array(this.total * REUSE_BANDS);
    const fill = offsets.slice(0, BUCKETS);
    for (let b = 0; b < REUSE_BANDS; b++) {
      const base = b * KEYS_PER_BAND;
      for (const p of this.pages) {
        const bands = p.bands;
        let fid = p.first;
        const end = p.count * REUSE_BANDS;
        for (let k = b; k < end; k += REUSE_BANDS) entries[fill[base + bands[k]]++] = fid++;
      }
    }
    this.offsets = offsets;
    this.entries = entries;
    this.overflow.clear();
    this.overflowCount = 0;
    this.dead = 0;
  }

  /** Every page as a JSON record (oldest first). */
  toRecords(): PageRecord[] {
    return this.pages.map(encodePage);
  }

  /** A store holding `records` (invalid ones and those of another fingerprint version skipped). */
  static fromRecords(records: ReadonlyArray<unknown>, capacity = DEFAULT_REUSE_CAPACITY): ReuseStore {
    const store = new ReuseStore(capacity);
    const pages = records.map(decodePage).filter((p): p is StoredPage => p !== null);
    pages.sort((a, b) => a.seq - b.seq);
    for (const p of pages) store.add(p, p.bands);
    return store;
  }
}

/** Estimated Jaccard similarity from the number of agreeing bands (two decimals). */
export function estimateSimilarity(agreeing: number): number {
  return Math.round(Math.pow(Math.min(agreeing, REUSE_BANDS) / REUSE_BANDS, 1 / 4) * 100) / 100;
}

/** Content-script fingerprints as one band array (16 per paragraph). */
export function packBands(fingerprints: ReadonlyArray<ParagraphFingerprint>): Uint16Array {
  const out = new Uint16Array(fingerprints.length * REUSE_BANDS);
  fingerprints.forEach((fp, i) => {
    for (let b = 0; b < REUSE_BANDS; b++) out[i * REUSE_BANDS + b] = fp.bands[b];
  });
  return out;
}

function sameBands(a: Uint16Array, b: Uint16Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Fingerprints as received from a content script, checked: at most `max`, each with a
 * paragraph index, 16 integer band keys in 0..65535 and an opening of at most 200 characters.
 * Anything else is dropped.
 */
export function sanitizeFingerprints(value: unknown, max = 500): ParagraphFingerprint[] {
  if (!Array.isArray(value)) return [];
  const out: ParagraphFingerprint[] = [];
  for (const raw of value) {
    if (out.length >= max) break;
    if (typeof raw !== 'object' || raw === null) continue;
    const { paragraph, bands, opening } = raw as Record<string, unknown>;
    if (!Number.isInteger(paragraph) || (paragraph as number) < 0) continue;
    if (!Array.isArray(bands) || bands.length !== REUSE_BANDS) continue;
    if (!bands.every((b) => Number.isInteger(b) && b >= 0 && b <= 0xffff)) continue;
    out.push({ paragraph: paragraph as number, bands: bands.slice() as number[], opening: typeof opening === 'string' ? opening.slice(0, 200) : '' });
  }
  return out;
}

// ------------------------------------------------------------------ serialisation

export function encodePage(page: StoredPage): PageRecord {
  const bytes = new Uint8Array(page.bands.length * 2);
  for (let i = 0; i < page.bands.length; i++) {
    bytes[2 * i] = page.bands[i] & 0xff;
    bytes[2 * i + 1] = page.bands[i] >>> 8;
  }
  return { v: SIGNATURE_VERSION, seq: page.seq, site: page.site, url: page.url, seenAt: page.seenAt, bands: toBase64(bytes) };
}

/** A page from its record, or null when the record is damaged or of another fingerprint version. */
export function decodePage(raw: unknown): StoredPage | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Partial<Record<keyof PageRecord, unknown>>;
  if (r.v !== SIGNATURE_VERSION) return null;
  if (!Number.isSafeInteger(r.seq) || (r.seq as number) < 0) return null;
  if (typeof r.site !== 'string' || typeof r.url !== 'string' || typeof r.bands !== 'string') return null;
  if (typeof r.seenAt !== 'number' || !Number.isFinite(r.seenAt)) return null;
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(r.bands);
  } catch {
    return null;
  }
  if (bytes.length % (2 * REUSE_BANDS) !== 0) return null;
  const bands = new Uint16Array(bytes.length / 2);
  for (let i = 0; i < bands.length; i++) bands[i] = bytes[2 * i] | (bytes[2 * i + 1] << 8);
  return { seq: r.seq as number, site: r.site, url: r.url, seenAt: r.seenAt, bands };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

/** Standard base64 with padding (no atob/btoa: same code in the browser and in Node). */
export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 3 * 4096;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    const codes: number[] = [];
    for (let i = start; i < end; i += 3) {
      const a = bytes[i];
      const b = i + 1 < end ? bytes[i + 1] : 0;
      const c = i + 2 < end ? bytes[i + 2] : 0;
      codes.push(B64.charCodeAt(a >> 2), B64.charCodeAt(((a & 3) << 4) | (b >> 4)));
      codes.push(i + 1 < end ? B64.charCodeAt(((b & 15) << 2) | (c >> 6)) : 61);
      codes.push(i + 2 < end ? B64.charCodeAt(c & 63) : 61);
    }
    parts.push(String.fromCharCode.apply(null, codes));
  }
  return parts.join('');
}

export function fromBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new Error('base64 length is not a multiple of 4');
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  const digit = (i: number): number => {
    const ch = text.charCodeAt(i);
    const d = ch < 128 ? B64_INDEX[ch] : -1;
    if (d >= 0) return d;
    if (ch === 61 && i >= text.length - pad) return 0;
    throw new Error('invalid base64');
  };
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const n = (digit(i) << 18) | (digit(i + 1) << 12) | (digit(i + 2) << 6) | digit(i + 3);
    if (o < out.length) out[o++] = (n >> 16) & 0xff;
    if (o < out.length) out[o++] = (n >> 8) & 0xff;
    if (o < out.length) out[o++] = n & 0xff;
  }
  return out;
}
