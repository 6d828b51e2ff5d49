/**
 * The 32-bit hashing behind MinHash signatures (lib/duplicates, lib/reuse/signature). Pure
 * functions: their outputs are part of stored formats (reuse fingerprints are pinned by a test),
 * so any change here is a format change.
 */

/** Murmur3's finaliser: a bijective 32-bit mix. */
export function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Seeded FNV-1a over `s[start, end)`, finalised with fmix32. No substring is built. */
export function hashRange(s: string, start: number, end: number, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

/** Combine a running hash with the next 32-bit value (order-sensitive). */
export function combine(h: number, v: number): number {
  return fmix32((Math.imul(h, 0x9e3779b1) ^ v) >>> 0);
}

/**
 * Fixed pseudo-random constants for `count` MinHash functions: splitmix32 from `seed`, an xor
 * and an odd multiplier each (multiplication mod 2^32 by an odd number is a bijection).
 */
export function minhashConstants(count: number, seed: number): [Uint32Array, Uint32Array] {
  const xor = new Uint32Array(count);
  const mul = new Uint32Array(count);
  let state = seed;
  const next = () => {
    state = (state + 0x9e3779b9) | 0;
    return fmix32(state);
  };
  for (let i = 0; i < count; i++) {
    xor[i] = next();
    mul[i] = (next() | 1) >>> 0;
  }
  return [xor, mul];
}
