import { describe, expect, it } from 'vitest';
import {
  CSV_COLUMNS,
  EXPORT_SCHEMA,
  cslItems,
  cslType,
  csvCell,
  exportFilename,
  exportHost,
  exportText,
  toCslJson,
  toCsv,
  toJson,
} from '../../lib/export';
import { CslDataSchema, CslItemSchema } from '../../lib/export/csl-schema';
import { PageReportSchema } from '../../lib/report-schema';
import { SOURCE_TYPES } from '../../lib/registry/schema';
import { PAGE_REPORT_SCHEMA, type PageReport } from '../../lib/types';
import { mixedReport, parseCsv, seedReport } from '../fixtures/export/reports';

const NOW = new Date('2026-11-27T10:15:30.000Z');
const FORMULA = /^[=+\-@\t\r]/;

describe('fixtures', () => {
  it('are valid page reports', () => {
    expect(PageReportSchema.safeParse(seedReport()).success).toBe(true);
    const mixed = PageReportSchema.safeParse(mixedReport());
    expect(mixed.success, JSON.stringify(mixed.error?.issues.slice(0, 3))).toBe(true);
  });
});

describe('toJson', () => {
  for (const [name, make] of [
    ['seed', seedReport],
    ['mixed', mixedReport],
  ] as const) {
    it(`${name}: round-trips, and the embedded report validates as ${PAGE_REPORT_SCHEMA}`, () => {
      const report = make();
      const text = toJson(report, { now: NOW });
      expect(text.endsWith('}\n')).toBe(true);
      const parsed = JSON.parse(text) as Record<string, unknown>;
      expect(Object.keys(parsed)).toEqual(['schema', 'registryVersion', 'exportedAt', 'report']);
      expect(parsed.schema).toBe(EXPORT_SCHEMA);
      expect(parsed.schema).toBe('sourcelens.export/1');
      expect(parsed.registryVersion).toBe(report.registryVersion);
      expect(parsed.exportedAt).toBe('2026-11-27T10:15:30.000Z');
      const embedded = PageReportSchema.parse(parsed.report);
      expect(embedded.schema).toBe(PAGE_REPORT_SCHEMA);
      expect(embedded).toEqual(report);
    });
  }

  it('stamps the current time by default', () => {
    const before = Date.now();
    const parsed = JSON.parse(toJson(seedReport())) as { exportedAt: string };
    const at = Date.parse(parsed.exportedAt);
    expect(at).toBeGreaterThanOrEqual(before - 1);
    expect(at).toBeLessThanOrEqual(Date.now() + 1);
  });
});

describe('toCsv', () => {
  it('writes RFC 4180: header, one CRLF-ended record per citation, same field count', () => {
    const report = mixedReport();
    const text = toCsv(report);
    expect(text.endsWith('\r\n')).toBe(true);
    // every LF belongs to a CRLF, except inside quoted fields (the one sentence with a break)
    const records = parseCsv(text);
    expect(records[0]).toEqual([...CSV_COLUMNS]);
    expect(records).toHaveLength(1 + report.citations.length);
    for (const r of records) expect(r).toHaveLength(CSV_COLUMNS.length);
  });

  it('round-trips every field, commas, quotes and line breaks included', () => {
    const report = mixedReport();
    const [header, ...rows] = parseCsv(toCsv(report));
    const col = (row: string[], name: (typeof CSV_COLUMNS)[number]) => row[header.indexOf(name)];
    const unformula = (cell: string) => (cell.startsWith("'") && FORMULA.test(cell.slice(1)) ? cell.slice(1) : cell);
    report.citations.forEach((c, i) => {
      const row = rows[i];
      expect(col(row, 'citation')).toBe(String(c.id));
      expect(unformula(col(row, 'marker'))).toBe(c.marker);
      expect(unformula(col(row, 'key'))).toBe(c.key);
      expect(col(row, 'kind')).toBe(c.kind);
      expect(col(row, 'paragraph')).toBe(c.paragraph === null ? '' : String(c.paragraph));
      expect(unformula(col(row, 'context'))).toBe(c.context);
      expect(col(row, 'source_id')).toBe(c.source?.id ?? '');
      expect(col(row, 'source_name')).toBe(c.source?.name ?? '');
      expect(col(row, 'type')).toBe(c.source?.type ?? '');
      expect(col(row, 'country')).toBe(c.source?.country ?? '');
      expect(col(row, 'url')).toBe(report.url);
      expect(col(row, 'source_ids')).toBe(c.sources.filter(Boolean).map((s) => s!.id).join(' '));
    });
    const lemonde = rows.find((r) => col(r, 'source_id') === 'le-monde')!;
    expect(col(lemonde, 'context')).toContain('« la coopération, entamée en 2023, se renforce »');
    expect(col(lemonde, 'context')).toContain('"négocient"');
    expect(col(lemonde, 'source_ids')).toBe('le-monde afp');
    expect(col(lemonde, 'ratings')).toBe('wikipedia-perennial=gr; lin-2023=0.87');
    const attack = rows.find((r) => col(r, 'unresolved_reason') === 'unknown-name' && col(r, 'context').includes('line break'))!;
    expect(col(attack, 'context')).toBe('A sentence, with commas, "double quotes" and a line break\r\nin the middle.');
  });

  it('defuses formulas: cells starting with = + - @ TAB or CR get a leading apostrophe', () => {
    const report = mixedReport();
    const [header, ...rows] = parseCsv(toCsv(report));
    for (const row of [header, ...rows]) {
      for (const cell of row) expect(FORMULA.test(cell), `cell ${JSON.stringify(cell)} could run as a formula`).toBe(false);
    }
    const marker = rows.map((r) => r[header.indexOf('marker')]).find((m) => m.includes('HYPERLINK'));
    // "[" starts the marker: a spreadsheet reads it as text, so it stays as written
    expect(marker).toBe(`[=HYPERLINK("http://evil.example/?x=1","Click")]`);
    const key = rows.map((r) => r[header.indexOf('key')]).find((k) => k.includes('HYPERLINK'));
    expect(key).toBe(`'=HYPERLINK("http://evil.example/?x=1","Click")`);
    const contexts = rows.map((r) => r[header.indexOf('context')]);
    expect(contexts).toContain("'-1 % de croissance selon ce site @partout\tet nulle part.");
    expect(contexts).toContain("'+49 ist die Vorwahl, sagt das Blatt.");
    // and the raw text shows the injected cell quoted, never bare after a separator
    expect(toCsv(report)).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('escapes single cells as RFC 4180 says', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(0)).toBe('0');
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=cmd')).toBe("'\t=cmd");
    expect(csvCell('\r=cmd')).toBe(`"'\r=cmd"`);
    expect(csvCell('=A1,"x"')).toBe(`"'=A1,""x"""`);
    expect(csvCell("it's")).toBe("it's");
  });

  it('writes only the header for a page without citations', () => {
    const report: PageReport = { ...seedReport(), citations: [] };
    expect(parseCsv(toCsv(report))).toEqual([[...CSV_COLUMNS]]);
  });
});

describe('toCslJson', () => {
  it('validates against the CSL-JSON schema subset, one item per cited source', () => {
    const report = mixedReport();
    const data = JSON.parse(toCslJson(report)) as unknown;
    const parsed = CslDataSchema.safeParse(data);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    const items = parsed.data!;
    expect(items.map((i) => i.id)).toEqual(['radio-ennepe-ruhr', 'le-monde', 'afp', 'daily-truth-farm']);
  });

  it('maps source facts to CSL variables', () => {
    const items = cslItems(mixedReport());
    const byId = Object.fromEntries(items.map((i) => [i.id, i]));
    expect(byId['radio-ennepe-ruhr']).toEqual({
      id: 'radio-ennepe-ruhr',
      type: 'broadcast',
      title: 'Radio Ennepe Ruhr',
      'container-title': 'Radio Ennepe Ruhr',
      URL: 'https://radioenneperuhr.de',
      language: 'de',
      note: 'SourceLens (registry 2026-11-27+3fa2c1d0): type broadcaster; scope local; country DE; ownership private',
    });
    expect(byId['le-monde']).toMatchObject({ type: 'article-newspaper', publisher: 'Groupe Le Monde', URL: 'https://lemonde.fr', language: 'fr' });
    expect(byId['afp'].type).toBe('article-newspaper');
    expect(byId['afp']).not.toHaveProperty('publisher');
    expect(byId['daily-truth-farm'].type).toBe('webpage');
    expect(byId['daily-truth-farm'].note).toContain('type content-farm; scope international; country US');
  });

  it('has a CSL type for every source type', () => {
    for (const type of SOURCE_TYPES) expect(CslItemSchema.shape.type.safeParse(cslType(type)).success, type).toBe(true);
    expect(cslType('magazine')).toBe('article-magazine');
    expect(cslType('blog')).toBe('post-weblog');
    expect(cslType('social-media')).toBe('post');
    expect(cslType('government')).toBe('webpage');
  });

  it('the schema refuses what CSL-JSON forbids', () => {
    const good = cslItems(seedReport())[0];
    expect(CslItemSchema.safeParse(good).success).toBe(true);
    expect(CslItemSchema.safeParse({ ...good, sourcelensType: 'broadcaster' }).success, 'unknown property').toBe(false);
    expect(CslItemSchema.safeParse({ ...good, type: 'radio' }).success, 'unknown type').toBe(false);
    const { id: _id, ...noId } = good;
    expect(CslItemSchema.safeParse(noId).success, 'no id').toBe(false);
  });

  it('is an empty array for a page that cites no known source', () => {
    const report: PageReport = { ...seedReport(), citations: [], sources: [] };
    expect(JSON.parse(toCslJson(report))).toEqual([]);
  });
});

describe('file names', () => {
  it('are sourcelens-<host>-<date>.<ext>', () => {
    const report = seedReport();
    const local = new Date(2026, 10, 27, 23, 59);
    expect(exportFilename(report, 'json', local)).toBe('sourcelens-127.0.0.1-2026-11-27.json');
    expect(exportFilename(report, 'csv', local)).toBe('sourcelens-127.0.0.1-2026-11-27.csv');
    expect(exportFilename(report, 'csl', local)).toBe('sourcelens-127.0.0.1-2026-11-27.csl.json');
  });

  it('use a safe host', () => {
    expect(exportHost('https://www.Example.co.uk/a/b?c')).toBe('example.co.uk');
    expect(exportHost('http://[::1]:8080/')).toBe('1');
    expect(exportHost('file:///home/me/draft.html')).toBe('page');
    expect(exportHost(null)).toBe('page');
    expect(exportHost('not a url')).toBe('page');
  });

  it('exportText picks the format', () => {
    const report = seedReport();
    expect(JSON.parse(exportText(report, 'json', NOW)).schema).toBe(EXPORT_SCHEMA);
    expect(exportText(report, 'csv', NOW).split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
    expect(Array.isArray(JSON.parse(exportText(report, 'csl', NOW)))).toBe(true);
  });
});
