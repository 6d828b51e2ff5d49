/**
 * UserSourceSchema (zod/mini, for the options page) must accept and reject exactly what
 * SourceSchema (classic zod, the single definition) does, and give the same result.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import registryData from '../../lib/registry/generated/registry.json';
import { USER_DATASET as INDEX_USER_DATASET } from '../../lib/registry/index';
import { FACT_KEYS, OWNERSHIPS, SCOPES, SOURCE_TYPES, SourceSchema } from '../../lib/registry/schema';
import {
  USER_DATASET,
  USER_FACT_KEYS,
  USER_OWNERSHIPS,
  USER_SCOPES,
  USER_SOURCE_TYPES,
  UserSourceInputSchema,
  UserSourceSchema,
  isCountryCode,
} from '../../lib/user-sources';
import { ROOT } from '../fixtures/reports/harness';

interface ParityFixture {
  valid: Array<Record<string, unknown>>;
  invalid: Array<Record<string, unknown>>;
}
const parity = JSON.parse(
  readFileSync(join(ROOT, 'tests', 'fixtures', 'user-sources', 'schema-parity.json'), 'utf8'),
) as ParityFixture;
const withoutWhy = ({ why: _why, ...rest }: Record<string, unknown>) => rest;

describe('UserSourceSchema and SourceSchema', () => {
  it('list the same types, scopes, ownerships and facts, in the same order', () => {
    expect([...USER_SOURCE_TYPES]).toEqual([...SOURCE_TYPES]);
    expect([...USER_SCOPES]).toEqual([...SCOPES]);
    expect([...USER_OWNERSHIPS]).toEqual([...OWNERSHIPS]);
    expect([...USER_FACT_KEYS]).toEqual([...FACT_KEYS]);
    expect(USER_DATASET).toBe(INDEX_USER_DATASET);
  });

  it('have the same fields', () => {
    expect(Object.keys(UserSourceSchema.def.shape).sort()).toEqual(Object.keys(SourceSchema.shape).sort());
  });

  for (const entry of parity.valid) {
    it(`both accept, with the same result: ${String(entry.why)}`, () => {
      const classic = SourceSchema.safeParse(withoutWhy(entry));
      const mini = UserSourceSchema.safeParse(withoutWhy(entry));
      expect(classic.success).toBe(true);
      expect(mini.success).toBe(true);
      expect(mini.data).toEqual(classic.data);
    });
  }

  for (const entry of parity.invalid) {
    it(`both reject, at the same place: ${String(entry.why)}`, () => {
      const classic = SourceSchema.safeParse(withoutWhy(entry));
      const mini = UserSourceSchema.safeParse(withoutWhy(entry));
      expect(classic.success).toBe(false);
      expect(mini.success).toBe(false);
      const paths = (issues: Array<{ path: PropertyKey[]; code: string }>) => issues.map((i) => `${i.path.join('.')}:${i.code}`).sort();
      expect(paths(mini.error!.issues)).toEqual(paths(classic.error!.issues));
    });
  }

  it('both accept every source of the bundled registry, with the same result', () => {
    const sources = (registryData as { sources: unknown[] }).sources;
    expect(sources.length).toBeGreaterThan(9000);
    for (const s of sources) {
      const mini = UserSourceSchema.safeParse(s);
      if (!mini.success) throw new Error(`${(s as { id: string }).id}: ${JSON.stringify(mini.error.issues)}`);
      expect(mini.data).toEqual(SourceSchema.parse(s));
    }
    console.log(`schema parity: ${sources.length} registry sources accepted by both`);
  });

  it('the input schema only relaxes provenance', () => {
    const { provenance: _p, ...rest } = withoutWhy(parity.valid[0]);
    expect(UserSourceSchema.safeParse(rest).success).toBe(false);
    expect(UserSourceInputSchema.safeParse(rest).success).toBe(true);
    for (const entry of parity.invalid.filter((e) => e.why !== 'missing provenance')) {
      expect(UserSourceInputSchema.safeParse(withoutWhy(entry)).success, String(entry.why)).toBe(false);
    }
  });

  it('knows every country code the registry uses', () => {
    const countries = new Set((registryData as { sources: Array<{ country: string }> }).sources.map((s) => s.country));
    for (const c of countries) expect(isCountryCode(c), c).toBe(true);
    expect(isCountryCode('UK')).toBe(false);
    expect(isCountryCode('EU')).toBe(false);
    expect(isCountryCode('XK')).toBe(true);
  });
});
