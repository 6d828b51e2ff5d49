/** Default cap of the reuse store, in paragraph fingerprints (see lib/reuse/store.ts). */
export const DEFAULT_REUSE_CAPACITY = 100_000;

/** Storage keys of the reuse store (storage.local): one record per page, `sourcelens:reuse:p:<seq>`. */
export const REUSE_KEY_PREFIX = 'sourcelens:reuse:p:';

export function reuseKey(seq: number): string {
  return `${REUSE_KEY_PREFIX}${seq}`;
}
