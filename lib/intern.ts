/**
 * A structure just received in a message holds its own copy of every string and object in it:
 * a report that names the same dataset, licence and date for thousands of facts, or repeats
 * each citation's sentence, keeps them all. `shareEqual` keeps one of each instead:
 *
 * - equal strings become one string (the first met);
 * - equal flat objects and arrays (only strings, numbers, booleans and null inside, after
 *   their own sharing) become one object.
 *
 * Changes `value` in place and returns it. For plain data only (what JSON or structured clone
 * gives: no cycles, no class instances); shared flat objects must not be changed afterwards.
 */
export function shareEqual<T>(value: T): T {
  return sharer()(value);
}

/**
 * `shareEqual` in parts: the returned function shares within and across everything it is given,
 * so a large structure can be done a piece at a time (a task each).
 *
 * `own`: the string kept is a copy. In V8 a string sliced out of a longer one keeps all of that
 * one alive: the citations detection slices out of whole paragraph texts would hold those texts
 * for as long as the page is open.
 */
export function sharer(own = false): <T>(value: T) => T {
  const strings = new Map<string, string>();
  const flats = new Map<string, object>();
  const visit = (v: unknown): unknown => {
    if (typeof v === 'string') {
      let known = strings.get(v);
      // (A JSON round trip gives a flat copy; V8 never slices strings under 13 characters.)
      if (known === undefined) strings.set(v, (known = own && v.length > 12 ? (JSON.parse(JSON.stringify(v)) as string) : v));
      return known;
    }
    if (!v || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    let flat = true;
    for (const k in o) {
      const x = o[k];
      const y = visit(x);
      if (y !== x) o[k] = y;
      if (y && typeof y === 'object') flat = false;
    }
    if (!flat) return o;
    const key = JSON.stringify(o);
    const known = flats.get(key);
    if (known) return known;
    flats.set(key, o);
    return o;
  };
  return visit as <T>(value: T) => T;
}
