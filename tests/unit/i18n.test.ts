import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  countryName,
  formatPercent,
  languageName,
  makeGetMessage,
  ownershipLabel,
  ratingSystemExplanation,
  ratingSystemName,
  ratingValueLabel,
  reasonText,
  scopeLabel,
  t,
  typeLabel,
  warningText,
} from '../../components/i18n';
import { FACT_KEYS, OWNERSHIPS, SCOPES, SOURCE_TYPES } from '../../lib/registry/schema';
import type { PageWarning, UnresolvedReason, WarningCode } from '../../lib/types';
import { LOCALES, ROOT, installI18n, readMessages, seedReport } from '../fixtures/reports/harness';

const en = readMessages('en');

function placeholdersOf(entry: { placeholders?: Record<string, { content: string }> }) {
  return Object.fromEntries(
    Object.entries(entry.placeholders ?? {})
      .map(([k, v]) => [k.toLowerCase(), v.content])
      .sort(),
  );
}
function referencedNames(message: string) {
  return [...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1].toLowerCase()).sort();
}

describe('message catalogues', () => {
  it('has exactly the seven UI locales', () => {
    const dirs = readdirSync(join(ROOT, 'public', '_locales')).filter((d) =>
      statSync(join(ROOT, 'public', '_locales', d)).isDirectory(),
    );
    expect(dirs.sort()).toEqual([...LOCALES].sort());
  });

  it('uses valid, case-distinct message names, each described in English', () => {
    const seen = new Set<string>();
    for (const [key, entry] of Object.entries(en)) {
      expect(key).toMatch(/^[A-Za-z0-9_]+$/);
      expect(seen.has(key.toLowerCase()), `duplicate name ${key}`).toBe(false);
      seen.add(key.toLowerCase());
      expect(entry.description, `${key} has no description`).toBeTruthy();
    }
  });

  for (const locale of LOCALES) {
    it(`${locale}: has every key, non-empty, with the same placeholders as English`, () => {
      const messages = readMessages(locale);
      expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
      for (const [key, entry] of Object.entries(messages)) {
        expect(entry.message.trim(), `${locale}:${key} is empty`).not.toBe('');
        expect(placeholdersOf(entry), `${locale}:${key} placeholders`).toEqual(placeholdersOf(en[key]));
        // every $NAME$ used is defined, and every defined placeholder is used
        const used = [...new Set(referencedNames(entry.message))];
        expect(used, `${locale}:${key} uses undefined or unused placeholders`).toEqual(
          Object.keys(placeholdersOf(entry)).sort(),
        );
        const withoutTokens = entry.message.replace(/\$\$|\$[A-Za-z0-9_@]+\$|\$\d/g, '');
        expect(withoutTokens, `${locale}:${key} has a stray $`).not.toContain('$');
      }
      expect(messages.locale.message).toBe(locale.replace('_', '-'));
      expect(messages.extName.message).toBe('SourceLens');
      expect(messages.extDescription.message.length).toBeLessThanOrEqual(132);
    });
  }

  it('has a message for every code the UI names', () => {
    const keys = new Set(Object.keys(en).map((k) => k.toLowerCase()));
    const need = [
      ...SOURCE_TYPES.map((v) => `type_${v}`),
      ...SCOPES.map((v) => `scope_${v}`),
      ...OWNERSHIPS.map((v) => `ownership_${v}`),
      ...FACT_KEYS.map((v) => `fact_${v}`),
      ...(['unknown-domain', 'unknown-name', 'no-reference-link', 'reference-not-found', 'unknown-url'] satisfies UnresolvedReason[]).map(
        (v) => `reason_${v}`,
      ),
      ...['exact', 'near', 'translation'].map((v) => `dup_kind_${v}`),
      ...['published', 'author', 'modified'].map((v) => `meta_${v}`),
      ...['wikipedia-perennial', 'cred-1', 'lin-2023'].flatMap((v) => [`rating_system_${v}`, `rating_explain_${v}`]),
      'did_you_mean',
    ].map((k) => k.replace(/-/g, '_').toLowerCase());
    for (const key of need) expect(keys.has(key), `missing ${key}`).toBe(true);
  });

  it('has every key the UI source code asks for', () => {
    const walk = (dir: string): string[] =>
      readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((d) =>
        d.isDirectory() ? walk(join(dir, d.name)) : /\.(ts|tsx)$/.test(d.name) ? [join(dir, d.name)] : [],
      );
    const files = [...walk('components'), ...walk('entrypoints')];
    expect(files).toContain(join('components', 'PopupApp.tsx'));
    for (const file of files) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) {
        expect(en[m[1]], `${file} uses unknown key ${m[1]}`).toBeDefined();
      }
    }
  });
});

describe('makeGetMessage', () => {
  it('substitutes like the browsers do', () => {
    const get = makeGetMessage({
      a: { message: '$WHO$ has $$5 and $1', placeholders: { who: { content: '$2' } } },
    });
    expect(get('a', ['x', 'Bob'])).toBe('Bob has $5 and x');
    expect(get('A', ['x', 'Bob'])).toBe('Bob has $5 and x');
    expect(get('missing')).toBe('');
  });
});

describe('t and helpers', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  it('falls back to the key when the i18n API is missing or has no such message', () => {
    // the fake browser's getMessage throws "not implemented"
    expect(t('section_warnings')).toBe('section_warnings');
    installI18n('en');
    expect(t('section_warnings')).toBe('Warnings');
    expect(typeLabel('no-such-type')).toBe('no-such-type');
  });

  it('names codes in the UI language', () => {
    installI18n('de', 'de-DE');
    expect(typeLabel('broadcaster')).toBe('Rundfunksender');
    expect(scopeLabel('local')).toBe('Lokal');
    expect(ownershipLabel('public-service')).toBe('Öffentlich-rechtlich');
    expect(countryName('DE')).toBe('Deutschland');
    expect(languageName('fr')).toBe('Französisch');
    expect(reasonText('unknown-domain')).toContain('Quellenverzeichnis');
    expect(formatPercent(0.96)).toMatch(/^96\s%$/);
    vi.restoreAllMocks();
    installI18n('fr', 'fr-FR');
    expect(countryName('JP')).toBe('Japon');
    expect(languageName('de')).toBe('allemand');
    expect(countryName('XX')).toBe('XX');
  });

  it('uses the English catalogue and English names for an untranslated UI language', () => {
    // the browser falls back to default_locale "en" for Portuguese
    installI18n('en', 'pt-BR');
    expect(countryName('DE')).toBe('Germany');
  });

  it('explains each rating system in one sentence and names its values', () => {
    installI18n('en');
    expect(ratingSystemName('wikipedia-perennial')).toBe('Wikipedia perennial sources');
    expect(ratingSystemExplanation('wikipedia-perennial')).toMatch(/Wikipedia’s editors/);
    expect(ratingSystemExplanation('cred-1')).toMatch(/CRED-1/);
    expect(ratingSystemExplanation('lin-2023')).toMatch(/0 \(lowest\) to 1 \(highest\)/);
    expect(ratingSystemExplanation('someone-else')).toBe('A rating taken from an external dataset.');
    expect(ratingValueLabel('wikipedia-perennial', 'gr')).toBe('Generally reliable');
    expect(ratingValueLabel('cred-1', 'conspiracy')).toBe('Conspiracy');
    expect(ratingValueLabel('lin-2023', 0.8271)).toBe('0.83');
    expect(ratingValueLabel('lin-2023', 1)).toBe('1');
    expect(ratingValueLabel('wikipedia-perennial', 'm')).toBe('m');
  });

  it('localises every warning of the seed report from its code and parameters', () => {
    const warnings = seedReport().warnings;
    installI18n('en');
    const texts = Object.fromEntries(warnings.map((w) => [w.code, warningText(w)]));
    expect(texts['local-source-for-non-local-news']).toBe(
      'Radio Ennepe Ruhr is a local outlet for Ennepe-Ruhr-Kreis, yet it is cited for news that is not about that area.',
    );
    expect(texts['source-language-mismatch']).toBe('Radio Ennepe Ruhr publishes in German, but this article is in French.');
    expect(texts['missing-metadata']).toBe('The page shows “Veröffentlicht am” but gives no date.');
    expect(texts['html-lang-mismatch']).toBe('The page declares its language as German, but its text is in French.');
    expect(warnings.filter((w) => w.code === 'duplicate-paragraphs').map(warningText)).toEqual([
      '2 paragraphs are identical: “Les USA et le Japon s\'allient : lutte contre le monopole chinois …”',
      '2 paragraphs are identical: “Découvrez comment les États-Unis et le Japon renforcent leur coopération dans le …”',
    ]);

    vi.restoreAllMocks();
    installI18n('fr');
    expect(warningText(warnings[1])).toBe('Radio Ennepe Ruhr publie en allemand, mais cet article est en français.');
    expect(warningText(warnings[3])).toBe('La page se déclare en allemand, mais son texte est en français.');
    expect(warningText(warnings[5])).toBe(
      '2 paragraphes sont identiques : « Découvrez comment les États-Unis et le Japon renforcent leur coopération dans le … »',
    );

    vi.restoreAllMocks();
    installI18n('de');
    expect(warningText(warnings[0])).toBe(
      'Radio Ennepe Ruhr ist ein Lokalmedium für Ennepe-Ruhr-Kreis, wird aber für Nachrichten zitiert, die dieses Gebiet nicht betreffen.',
    );
    expect(warningText(warnings[3])).toBe('Die Seite gibt Deutsch als Sprache an, ihr Text ist aber auf Französisch.');
  });

  it('words each kind of warning variant', () => {
    installI18n('en');
    const w = (code: WarningCode, params: PageWarning['params']): PageWarning => ({ code, message: 'fallback', params });
    expect(warningText(w('local-source-for-non-local-news', { source: 'Radio X' }))).toBe(
      'Radio X is a local outlet, yet it is cited for news that is not about its area.',
    );
    expect(warningText(w('missing-metadata', { label: 'Von', field: 'author' }))).toBe('The page shows “Von” but names no author.');
    expect(warningText(w('missing-metadata', { label: 'Stand:' }))).toBe('The page shows “Stand:” but gives no value.');
    expect(warningText(w('duplicate-paragraphs', { count: 3, kind: 'near', opening: 'A b c' }))).toBe(
      '3 paragraphs are nearly identical: “A b c”',
    );
    expect(warningText(w('duplicate-paragraphs', { count: 2, kind: 'translation', opening: 'A b c' }))).toBe(
      '2 paragraphs are translations of each other: “A b c”',
    );
    expect(warningText(w('duplicate-paragraphs', { count: 2, kind: 'exact', opening: 'A b c', passage: 7 }))).toBe(
      'A passage of 7 paragraphs appears 2 times: “A b c”',
    );
    expect(warningText(w('duplicate-paragraphs', { count: 3, kind: 'translation', opening: 'A b c', passage: 2 }))).toBe(
      'A passage of 2 paragraphs appears 3 times, in different languages: “A b c”',
    );
    expect(warningText(w('duplicate-paragraphs', { count: 2 }))).toBe('fallback');
    expect(warningText(w('source-language-mismatch', { source: 'S', sourceLanguages: 'de, en', articleLanguage: 'fr' }))).toBe(
      'S publishes in German and English, but this article is in French.',
    );
  });

  it('chooses singular and plural forms per language', () => {
    const w = (count: number): PageWarning => ({ code: 'unresolved-citations', message: 'x', params: { count } });
    installI18n('en');
    expect(warningText(w(1))).toBe('1 citation names a source SourceLens doesn’t know.');
    expect(warningText(w(0))).toBe('0 citations name sources SourceLens doesn’t know.');
    vi.restoreAllMocks();
    installI18n('fr');
    expect(warningText(w(0))).toMatch(/^0 citation renvoie/);
  });

  it('falls back to the English message when parameters are missing or the code is new', () => {
    installI18n('de');
    expect(warningText({ code: 'missing-metadata', message: 'English text', params: {} })).toBe('English text');
    expect(warningText({ code: 'brand-new' as WarningCode, message: 'New text', params: {} })).toBe('New text');
  });
});
