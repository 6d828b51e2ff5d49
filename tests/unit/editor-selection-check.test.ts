/**
 * "Check selection": a pasted text's citations found without a DOM and resolved, its
 * paragraphs (split on blank lines) compared for duplicates, and HTML in it kept as text.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectInText, textParagraphs } from '../../lib/detect/text';
import { RegistryIndex } from '../../lib/registry/index';
import { resolverFor } from '../../lib/registry/resolver';
import { RegistrySchema } from '../../lib/registry/schema';
import { checkSelection, isSelectionCheck, MAX_SELECTION_CHARS, selectionFacts } from '../../lib/selection-check';

const registry = RegistrySchema.parse(JSON.parse(readFileSync(new URL('../fixtures/registry/registry.json', import.meta.url), 'utf8')));
const resolver = resolverFor(new RegistryIndex(registry));

const GERMAN =
  'Der Stadtrat in Witten hat am Dienstag einen neuen Haushalt beschlossen, wie der Sender berichtet [radioenneperuhr.de].\n\n' +
  'Die Opposition kritisierte die Pläne scharf und kündigte Widerstand an [Quelle: Radio EN].\n\n' +
  'Ein Sprecher der Stadt wollte sich zunächst nicht äußern [radioenneperuh.de].';

describe('detectInText', () => {
  it('finds bracketed citations and credits in plain text, with paragraph and sentence', () => {
    const found = detectInText(GERMAN + '\n\nBerlin (dpa) – Die Bundesregierung hat am Montag neue Regeln vorgestellt.');
    expect(found.map((c) => [c.id, c.key, c.kind, c.paragraph])).toEqual([
      [0, 'radioenneperuhr.de', 'domain', 0],
      [1, 'Radio EN', 'name', 1],
      [2, 'radioenneperuh.de', 'domain', 2],
      [3, 'dpa', 'credit', 3],
    ]);
    expect(found[1].label).toBe('Quelle');
    expect(found[0].context).toContain('Der Stadtrat in Witten');
    expect(found[0].context).not.toContain('[radioenneperuhr.de]');
  });

  it('does not let a marker cross a line break', () => {
    expect(detectInText('Erste Zeile [dpa\nzweite Zeile] und mehr Text.')).toEqual([]);
  });

  it('splits paragraphs on blank lines only', () => {
    expect(textParagraphs('a\nb\n\n  \r\n\r\nc\n \t\nd')).toEqual(['a\nb', 'c', 'd']);
  });
});

describe('checkSelection', () => {
  it('resolves a German text’s citations and suggests a close source for an unknown one', () => {
    const { report, truncated } = checkSelection(GERMAN, resolver, { tabId: 3, pageUrl: 'https://example.org/a', now: 1 });
    expect(truncated).toBe(false);
    expect(report.url).toBeNull();
    expect(report.lang).toBe('de');
    expect(report.citations.map((c) => c.source?.id ?? null)).toEqual(['radio-ennepe-ruhr', 'radio-ennepe-ruhr', null]);
    expect(report.stats).toMatchObject({ citations: 3, resolved: 2, unresolved: 1, paragraphs: 3 });
    const unresolved = report.citations[2].unresolved[0];
    expect(unresolved.key).toBe('radioenneperuh.de');
    expect(unresolved.suggestions?.map((s) => s.id)).toContain('radio-ennepe-ruhr');
  });

  it('resolves an English text', () => {
    const text =
      'The central bank raised interest rates again on Thursday, surprising many analysts [AFP].\n\n' +
      'Markets fell sharply in the afternoon as traders reassessed the outlook for growth [The Guardian].';
    const { report } = checkSelection(text, resolver);
    expect(report.lang).toBe('en');
    expect(report.citations.map((c) => c.key)).toEqual(['AFP', 'The Guardian']);
    expect(report.citations.every((c) => c.unresolved.length === 0)).toBe(true);
  });

  it('finds a paragraph repeated across blank-line paragraphs', () => {
    const p = 'Die Stadt Witten plant für das kommende Jahr deutlich höhere Ausgaben für Schulen und Straßen.';
    const { report } = checkSelection(`${p}\n\nEin ganz anderer Absatz über das Wetter am Wochenende in der Region.\n\n${p}`, resolver);
    expect(report.duplicates).toHaveLength(1);
    expect(report.duplicates[0].kind).toBe('exact');
    expect(report.duplicates[0].paragraphs.map((x) => x.index)).toEqual([0, 2]);
    expect(report.warnings.map((w) => w.code)).toContain('duplicate-paragraphs');
  });

  it('keeps HTML in the selection as text (never parsed)', () => {
    const text = 'Laut Bericht <b>[dpa]</b> wurde <img src=x onerror=alert(1)> nichts geändert [<i>Reuters</i>].';
    const facts = selectionFacts(text);
    // "[dpa]" is found between the tag characters; "[<i>Reuters</i>]" is not a source name.
    expect(facts.citations.map((c) => [c.marker, c.key])).toEqual([['[dpa]', 'dpa']]);
    expect(facts.citations[0].context).toContain('<img src=x onerror=alert(1)>');
    expect(facts.paragraphs?.[0].text).toBe(text);
  });

  it('cuts an overlong selection and says so', () => {
    const check = checkSelection('x'.repeat(MAX_SELECTION_CHARS + 10), resolver);
    expect(check.truncated).toBe(true);
    expect(isSelectionCheck(check)).toBe(true);
    expect(isSelectionCheck({ report: null })).toBe(false);
  });
});
