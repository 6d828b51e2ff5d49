/**
 * Golden test: the seed page's full report, as the CLI produces it, against the saved report in
 * tests/golden/seed.report.json. After an intended change, regenerate with
 *   UPDATE_GOLDEN=1 npx vitest run tests/unit/golden.test.ts
 * and review the diff like code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanFile } from '../../cli/main';
import { loadBundledRegistry } from '../../cli/registry';
import { ROOT, SEED_PAGE, SHARED_SEED_PAGE } from '../golden/paths';

const GOLDEN = path.join(ROOT, 'tests/golden/seed.report.json');

describe('golden: the seed page', () => {
  it('gives exactly the saved report', async () => {
    const report = await scanFile(SEED_PAGE, loadBundledRegistry().resolver);
    const actual = { ...report, input: 'seed/article.html' };
    if (process.env.UPDATE_GOLDEN) fs.writeFileSync(GOLDEN, `${JSON.stringify(actual, null, 2)}\n`);
    const expected = JSON.parse(fs.readFileSync(GOLDEN, 'utf8'));
    expect(actual).toEqual(expected);
  });

  it('says what a reader must see on it', async () => {
    const report = JSON.parse(fs.readFileSync(GOLDEN, 'utf8'));
    expect(report.lang).toBe('fr');
    expect(report.htmlLang).toBe('de');
    expect(report.citations).toHaveLength(3);
    for (const c of report.citations) {
      expect(c.source).toMatchObject({ id: 'radio-ennepe-ruhr', type: 'broadcaster', scope: 'local', ownership: 'private', country: 'DE', languages: ['de'] });
    }
    expect(report.duplicates.map((d: { kind: string; paragraphs: Array<{ tag: string }> }) => [d.kind, d.paragraphs.map((p) => p.tag)])).toEqual([
      ['exact', ['h1', 'h2']],
      ['exact', ['p', 'p']],
      ['translation', ['p', 'p']],
    ]);
    const translation = report.duplicates[2];
    expect(translation.paragraphs.map((p: { lang: string }) => p.lang)).toEqual(['fr', 'de']);
    expect(translation.paragraphs[1].text).toMatch(/^Erfahren Sie, wie die USA und Japan/);
    expect(report.warnings.map((w: { code: string }) => w.code).sort()).toEqual([
      'duplicate-paragraphs',
      'duplicate-paragraphs',
      'duplicate-paragraphs',
      'html-lang-mismatch',
      'local-source-for-non-local-news',
      'missing-metadata', // the empty "Veröffentlicht am"
      'missing-metadata', // no author anywhere
      'source-language-mismatch',
    ]);
  });

  it('uses the same seed page as ../shared', () => {
    if (!fs.existsSync(SHARED_SEED_PAGE)) {
      if (process.env.SOURCELENS_ALLOW_NO_CORPUS) return;
      throw new Error(`${SHARED_SEED_PAGE} is missing (set SOURCELENS_ALLOW_NO_CORPUS=1 to run without ../shared)`);
    }
    expect(fs.readFileSync(path.join(ROOT, 'tests/fixtures/seed/article.html'), 'utf8')).toBe(fs.readFileSync(SHARED_SEED_PAGE, 'utf8'));
  });
});
