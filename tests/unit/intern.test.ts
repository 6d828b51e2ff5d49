import { describe, expect, it } from 'vitest';
import { shareEqual, sharer } from '../../lib/intern';

/** Fresh copies of every string, as a message gives them (JSON does not share). */
const received = <T>(v: T): T => JSON.parse(JSON.stringify(v), (_k, x) => (typeof x === 'string' ? [...x].join('') : x)) as T;

describe('shareEqual', () => {
  it('keeps the data exactly as it was', () => {
    const data = {
      a: [{ dataset: 'lnd', licence: 'MIT', date: '2018-08-14' }, { dataset: 'lnd', licence: 'MIT', date: '2018-08-14' }],
      b: { x: [1, 2, 'MIT'], y: [1, 2, 'MIT'], z: [2, 1, 'MIT'] },
      c: [null, true, 0, '', {}, []],
    };
    const copy = received(data);
    expect(shareEqual(copy)).toEqual(data);
  });

  it('makes equal flat objects one object, and only equal ones', () => {
    const origin = { dataset: 'Local News Dataset 2018', licence: 'MIT', date: '2018-08-14' };
    const report = received({
      sources: Array.from({ length: 50 }, (_, i) => ({ id: `s${i}`, provenance: { name: origin, type: origin, country: { ...origin, date: '2020-01-01' } } })),
    });
    shareEqual(report);
    const first = report.sources[0].provenance;
    expect(first.name).toBe(first.type);
    expect(first.country).not.toBe(first.name);
    for (const s of report.sources) {
      expect(s.provenance.name).toBe(first.name);
      expect(s.provenance.country).toBe(first.country);
    }
    // Objects with objects inside stay distinct (they are not compared).
    expect(report.sources[1].provenance).not.toBe(report.sources[2].provenance);
  });

  it('does not confuse an array with an object, or values under different keys', () => {
    const v = shareEqual(received({ a: ['x'], b: { 0: 'x' }, c: { title: 'x' }, d: { dataset: 'x' } }));
    expect(v.a).not.toBe(v.b as unknown);
    expect(v.c).not.toBe(v.d as unknown);
    expect(v.c).toEqual({ title: 'x' });
  });

  it('shares across the pieces given to one sharer', () => {
    const share = sharer();
    const one = share(received({ origin: { licence: 'CC0', date: '2024' } }));
    const two = share(received({ origin: { licence: 'CC0', date: '2024' } }));
    expect(one.origin).toBe(two.origin);
    const other = sharer()(received({ origin: { licence: 'CC0', date: '2024' } }));
    expect(other.origin).not.toBe(one.origin);
  });
});
