/**
 * The background's side of reuse detection: the store (lib/reuse/store.ts) kept in
 * storage.local, one record per page under `sourcelens:reuse:p:<seq>`.
 *
 * Why storage.local, one key per page: a visit writes one small record (≈ 2 KB for 50
 * paragraphs) and removes the evicted ones, instead of rewriting megabytes; the whole store
 * (4.3 MB of base64 at the 100,000-fingerprint cap, plus the page table) fits in Chrome's 10 MB
 * quota without the `unlimitedStorage` permission; and the same `StorageAreaLike` code runs under
 * `fakeBrowser` in unit tests. (IndexedDB would hold binary arrays without base64, but would need
 * a second persistence path for tests and gives nothing at this size.)
 *
 * Rules (what the background enforces, whatever a content script sends):
 * - nothing is compared or written while `enabled()` says no (the opt-in setting); the
 *   options page may still ask how much is stored, and clear it;
 * - private windows, frames, `file://` and local pages (lib/reuse/site.ts) are never stored;
 *   local pages and private windows are still compared with what is stored;
 * - a page is compared before it is added, and matches on its own site are ignored;
 * - operations run one at a time, in order (a clear never interleaves with an add).
 * The store is read on first use and kept in memory for the life of the background.
 */
import type { ReuseMatch } from '../types';
import { REUSE_KEY_PREFIX, reuseKey } from './keys';
import { isStorableUrl, reuseSite, storedUrl } from './site';
import { DEFAULT_REUSE_CAPACITY, ReuseStore, decodePage, encodePage, sanitizeFingerprints, type StoreChange } from './store';

export { REUSE_KEY_PREFIX, reuseKey };

/** The part of `browser.storage.local` the service uses. */
export interface ReuseArea {
  get(keys?: null | string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export interface ReuseRequest {
  /** The fingerprints as received (checked here). */
  fingerprints: unknown;
  /** The page's address (the browser's `sender.url` where there is one). */
  url: string | null;
  /** The page is in a private (incognito) window. */
  incognito: boolean;
  /** The message comes from the top frame (frames are neither compared nor stored). */
  topFrame: boolean;
}

export interface ReuseStats {
  fingerprints: number;
  pages: number;
  capacity: number;
}

export interface ReuseServiceOptions {
  /** Is the opt-in setting on? Asked before every operation that reads or writes the store. */
  enabled: () => Promise<boolean>;
  capacity?: number;
  now?: () => number;
  onError?: (error: unknown) => void;
}

export class ReuseService {
  private store: Promise<ReuseStore> | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly capacity: number;
  private readonly now: () => number;

  constructor(private readonly area: ReuseArea, private readonly options: ReuseServiceOptions) {
    this.capacity = options.capacity ?? DEFAULT_REUSE_CAPACITY;
    this.now = options.now ?? Date.now;
  }

  /**
   * Compare a page's fingerprints with the store and remember them (where allowed). Returns the
   * matches, or undefined when the setting is off or the request is not from a top frame.
   */
  handle(request: ReuseRequest): Promise<ReuseMatch[] | undefined> {
    return this.run(async () => {
      if (!request.topFrame || !(await this.options.enabled())) return undefined;
      const fingerprints = sanitizeFingerprints(request.fingerprints);
      const store = await this.load();
      const url = request.url ? storedUrl(request.url) : null;
      const site = reuseSite(request.url);
      const matches = fingerprints.length ? store.query(fingerprints, { site, url: url ?? undefined }) : [];
      if (url && site && !request.incognito && isStorableUrl(request.url)) {
        const change = store.add({ site, url, seenAt: this.now() }, fingerprints);
        await this.persist(store, change);
      }
      return matches;
    });
  }

  /** How much is stored (reads the store; nothing is written). */
  stats(): Promise<ReuseStats> {
    return this.run(async () => {
      const store = await this.load();
      return { fingerprints: store.size, pages: store.pageCount, capacity: this.capacity };
    });
  }

  /** Forget every stored fingerprint (also records this background did not load). */
  clear(): Promise<void> {
    return this.run(async () => {
      const all = await this.area.get(null);
      const keys = Object.keys(all ?? {}).filter((k) => k.startsWith(REUSE_KEY_PREFIX));
      if (keys.length) await this.area.remove(keys);
      if (this.store) (await this.store).clear();
    });
  }

  private run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.chain.then(task, task);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private load(): Promise<ReuseStore> {
    if (this.store) return this.store;
    const loading = (async () => {
      const all = (await this.area.get(null)) ?? {};
      const keys = Object.keys(all).filter((k) => k.startsWith(REUSE_KEY_PREFIX));
      const store = ReuseStore.fromRecords(
        keys.map((k) => all[k]),
        this.capacity,
      );
      // Records that did not make it (damaged, another fingerprint version, over the cap, an
      // address stored twice) are removed from storage too.
      const kept = new Set(store.list().map((p) => reuseKey(p.seq)));
      const stale = keys.filter((k) => !kept.has(k));
      if (stale.length) await this.area.remove(stale).catch((e: unknown) => this.options.onError?.(e));
      return store;
    })();
    this.store = loading;
    loading.catch(() => {
      if (this.store === loading) this.store = null;
    });
    return loading;
  }

  private async persist(store: ReuseStore, change: StoreChange): Promise<void> {
    if (change.added) {
      try {
        await this.area.set({ [reuseKey(change.added.seq)]: encodePage(change.added) });
      } catch (error) {
        // Quota or a closing browser: keep memory and storage in agreement.
        store.removeUrl(change.added.url);
        this.options.onError?.(error);
      }
    }
    if (change.removed.length) {
      await this.area.remove(change.removed.map(reuseKey)).catch((e: unknown) => this.options.onError?.(e));
    }
  }
}

/** Decoded records of an area's reuse keys (for tests and tools). */
export async function readReuseRecords(area: ReuseArea) {
  const all = (await area.get(null)) ?? {};
  return Object.keys(all)
    .filter((k) => k.startsWith(REUSE_KEY_PREFIX))
    .map((k) => decodePage(all[k]))
    .filter((p) => p !== null);
}
