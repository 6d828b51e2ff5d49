import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { PageReportSchema } from '../../lib/report-schema';
import { SEED_PAGE } from '../golden/paths';

function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } };
  return main(argv, io).then((code) => ({ code, stdout, stderr }));
}

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'sourcelens-cli-'));
}

describe('sourcelens scan', () => {
  it('prints one schema-valid JSON report per input with --format jsonl', async () => {
    const { code, stdout } = await run(['scan', '--format', 'jsonl', SEED_PAGE]);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const report = PageReportSchema.parse(JSON.parse(lines[0]));
    expect(report.input).toBe(SEED_PAGE);
    expect(report.citations.map((c) => [c.marker, c.key, c.kind, c.source?.name])).toEqual([
      ['[radioenneperuhr.de]', 'radioenneperuhr.de', 'domain', 'Radio Ennepe Ruhr'],
      ['[radioenneperuhr.de]', 'radioenneperuhr.de', 'domain', 'Radio Ennepe Ruhr'],
      ['[radioenneperuhr.de]', 'radioenneperuhr.de', 'domain', 'Radio Ennepe Ruhr'],
    ]);
  });

  it('reports every input of a folder, and names a failing one on stderr with exit code 1', async () => {
    const dir = tmpdir();
    fs.copyFileSync(SEED_PAGE, path.join(dir, 'a.html'));
    fs.writeFileSync(path.join(dir, 'b.htm'), '<p>No citation here.</p>');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a page');
    const ok = await run(['scan', dir]);
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim().split('\n')).toHaveLength(2);

    const missing = path.join(dir, 'missing.html');
    const partial = await run(['scan', path.join(dir, 'a.html'), missing]);
    expect(partial.code).toBe(1);
    expect(partial.stdout.trim().split('\n')).toHaveLength(1);
    expect(partial.stderr).toContain('missing.html');
  });

  it('writes CSV (one row per citation) and a table to --out', async () => {
    const dir = tmpdir();
    const out = path.join(dir, 'c.csv');
    expect((await run(['scan', '--format', 'csv', '--out', out, SEED_PAGE])).code).toBe(0);
    const rows = fs.readFileSync(out, 'utf8').trim().split('\r\n');
    expect(rows[0].split(',').slice(0, 4)).toEqual(['input', 'url', 'lang', 'citation']);
    expect(rows).toHaveLength(4);
    expect(rows[1]).toContain('radio-ennepe-ruhr');
    const table = await run(['scan', '--format=table', SEED_PAGE]);
    expect(table.stdout).toMatch(/article\.html\s+fr\s+3\s+3\s+3\s+8/);
  });

  it('says what is wrong with exit code 2 on a usage error', async () => {
    for (const argv of [[], ['scan'], ['scan', '--format', 'xml', SEED_PAGE], ['frobnicate'], ['scan', '--bogus', SEED_PAGE]]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toContain('Usage:');
    }
  });

  it('refuses a bad --registry file, naming the entry and the field', async () => {
    const dir = tmpdir();
    const file = path.join(dir, 'reg.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        schema: 'sourcelens.registry/1', version: 'x', datasets: [],
        sources: [
          { id: 'ok', name: 'OK', type: 'newspaper', scope: 'local', ownership: 'private', country: 'DE', languages: ['de'], provenance: {} },
          { id: 'bad-one', name: 'Bad', type: 'newspaper', scope: 'local', ownership: 'private', country: 'Germany', languages: ['de'], provenance: {} },
        ],
      }),
    );
    const r = await run(['scan', '--registry', file, SEED_PAGE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('entry 1 ("bad-one")');
    expect(r.stderr).toContain('country');
  });

  it('resolves against another registry given with --registry', async () => {
    const dir = tmpdir();
    const file = path.join(dir, 'reg.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        schema: 'sourcelens.registry/1', version: 'mine+1', datasets: [{ id: 'mine', title: 'Mine', licence: 'CC0-1.0', date: '2026', attribution: 'me' }],
        sources: [{ id: 'ree', name: 'REE test entry', domains: ['radioenneperuhr.de'], type: 'blog', scope: 'national', ownership: 'unknown', country: 'FR', languages: ['fr'], provenance: { type: 'mine' } }],
      }),
    );
    const r = await run(['scan', '--registry', file, SEED_PAGE]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.registryVersion).toBe('mine+1');
    expect(report.citations[0].source.name).toBe('REE test entry');
  });
});

describe('sourcelens registry stats', () => {
  it('prints counts by country, type and dataset as JSON', async () => {
    const r = await run(['registry', 'stats', '--format', 'json']);
    expect(r.code).toBe(0);
    const stats = JSON.parse(r.stdout);
    expect(stats.sources).toBeGreaterThan(5000);
    expect(stats.byCountry.DE).toBeGreaterThan(100);
    expect(Object.keys(stats)).toEqual(['sources', 'byCountry', 'byType', 'byDataset']);
  });
});

describe('the installed bin', () => {
  it('runs through node with exit codes', () => {
    const bin = path.resolve('bin/sourcelens.mjs');
    const out = execFileSync(process.execPath, [bin, 'scan', '--format', 'table', SEED_PAGE], { encoding: 'utf8', stdio: 'pipe' });
    expect(out).toContain('3 citations');
    const bad = spawnSync(process.execPath, [bin, 'scan'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
  });
});
