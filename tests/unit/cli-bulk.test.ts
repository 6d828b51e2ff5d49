/**
 * The bulk scanner: WARC input, charset decoding, the worker pool, resumable jsonl output,
 * progress and summary on stderr, and exit codes when some inputs fail. The pages and archives
 * are built here (tests/fixtures/warc/build.ts); nothing is fetched.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { decodeHtml, prescanMetaCharset } from '../../cli/decode';
import { Progress } from '../../cli/progress';
import { inputKey, readResumeState } from '../../cli/resume';
import { PageReportSchema } from '../../lib/report-schema';
import type { PageReport } from '../../lib/types';
import { articleHtml, buildWarc, chunked, encodeLegacy, germanArticle, gzipSync, httpBlock, rawResponseRecord } from '../fixtures/warc/build';

const POOL = { timeout: 180_000 };

function run(argv: string[], { tty = false } = {}) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s), isTTY: tty, columns: 100 },
  };
  return main(argv, io).then((code) => ({ code, stdout, stderr }));
}

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'sourcelens-bulk-'));
}

/** The reports of jsonl output, each checked against the published schema (and kept as written). */
function jsonl(text: string): PageReport[] {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const report = JSON.parse(l) as PageReport;
      expect(PageReportSchema.safeParse(report).success).toBe(true);
      return report;
    });
}

const JAPANESE = articleHtml({
  title: '東京の天気',
  lang: 'ja',
  head: '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">',
  paragraphs: ['気象庁によると、東京では明日は一日中雨が降る見込みです [radioenneperuhr.de]。', '交通機関への影響はまだ分かっていません。'],
});

/** An archive: two pages (one Shift_JIS, gzip and chunked), a request, an image, a redirect. */
async function sampleWarc(dir: string, { gzip = false } = {}): Promise<string> {
  const file = path.join(dir, gzip ? 'crawl.warc.gz' : 'crawl.warc');
  const sj = encodeLegacy(JAPANESE, 'shift_jis');
  const warc = await buildWarc(
    [
      { url: 'https://news.example/de/haushalt', body: germanArticle(1) },
      { type: 'request', url: 'https://news.example/de/haushalt', statusline: 'GET /de/haushalt HTTP/1.1', httpHeaders: { Host: 'news.example' } },
      { url: 'https://news.example/logo.png', body: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), httpHeaders: { 'Content-Type': 'image/png' } },
      { url: 'https://news.example/alt', body: germanArticle(9), statusline: 'HTTP/1.1 301 Moved Permanently', httpHeaders: { 'Content-Type': 'text/html', Location: '/de/haushalt' } },
      {
        url: 'https://news.example/ja/tenki',
        body: chunked(gzipSync(sj)),
        httpHeaders: { 'Content-Type': 'text/html; charset=Shift_JIS', 'Content-Encoding': 'gzip', 'Transfer-Encoding': 'chunked' },
      },
    ],
    { gzip },
  );
  fs.writeFileSync(file, warc);
  return file;
}

/** A folder of `n` small articles (and an archive, when asked). */
async function pagesFolder(n: number, { warc = false } = {}): Promise<string> {
  const dir = tmpdir();
  for (let i = 0; i < n; i++) fs.writeFileSync(path.join(dir, `page-${String(i).padStart(2, '0')}.html`), germanArticle(i));
  if (warc) await sampleWarc(dir, { gzip: true });
  return dir;
}

describe('WARC input', () => {
  for (const gzip of [false, true]) {
    it(`reports the 200 HTML responses of a ${gzip ? '.warc.gz' : '.warc'} file, named <warc>#<target URI>`, async () => {
      const dir = tmpdir();
      const file = await sampleWarc(dir, { gzip });
      const r = await run(['scan', '--workers', '1', file]);
      expect(r.code, r.stderr).toBe(0);
      const reports = jsonl(r.stdout);
      expect(reports.map((x) => [x.input, x.url])).toEqual([
        [`${file}#https://news.example/de/haushalt`, 'https://news.example/de/haushalt'],
        [`${file}#https://news.example/ja/tenki`, 'https://news.example/ja/tenki'],
      ]);
      expect(reports[0].title).toBe('Stadtrat beschließt Haushalt 1');
      // Shift_JIS from the HTTP header, after removing chunking and gzip.
      expect(reports[1].title).toBe('東京の天気');
      expect(reports[1].lang).toBe('ja');
      expect(reports[1].citations.map((c) => [c.context, c.source?.id])).toEqual([['気象庁によると、東京では明日は一日中雨が降る見込みです。', 'radio-ennepe-ruhr']]);
      // The image and the redirect are responses but not pages; the request is not a response.
      expect(r.stderr).toMatch(/other records\s+2 archived responses/);
    });
  }

  it('undoes gzip, deflate and br content encodings, and names a body it cannot decode', async () => {
    const dir = tmpdir();
    const file = path.join(dir, 'encodings.warc');
    const html = (n: number) => Buffer.from(germanArticle(n), 'utf8');
    const zlib = await import('node:zlib');
    const headers = (encoding: string) => ({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Encoding': encoding });
    fs.writeFileSync(
      file,
      await buildWarc([
        { url: 'https://enc.example/gzip', body: zlib.gzipSync(html(1)), httpHeaders: headers('gzip') },
        { url: 'https://enc.example/deflate', body: zlib.deflateSync(html(2)), httpHeaders: headers('deflate') },
        { url: 'https://enc.example/br', body: chunked(zlib.brotliCompressSync(html(3)), 50), httpHeaders: { ...headers('br'), 'Transfer-Encoding': 'chunked' } },
        // Stored decoded although the header still says gzip (some crawlers do this).
        { url: 'https://enc.example/stored-decoded', body: html(4), httpHeaders: headers('gzip') },
        { url: 'https://enc.example/zstd', body: Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3]), httpHeaders: headers('zstd') },
      ]),
    );
    const r = await run(['scan', '--workers', '1', file]);
    expect(r.code).toBe(1);
    expect(jsonl(r.stdout).map((x) => [x.url, x.title])).toEqual([
      ['https://enc.example/gzip', 'Stadtrat beschließt Haushalt 1'],
      ['https://enc.example/deflate', 'Stadtrat beschließt Haushalt 2'],
      ['https://enc.example/br', 'Stadtrat beschließt Haushalt 3'],
      ['https://enc.example/stored-decoded', 'Stadtrat beschließt Haushalt 4'],
    ]);
    expect(r.stderr).toContain(`${file}#https://enc.example/zstd: cannot decode the response body: unsupported Content-Encoding "zstd"`);
  });

  it('finds archives inside folders, next to HTML files', async () => {
    const dir = await pagesFolder(2, { warc: true });
    const r = await run(['scan', '--workers', '1', '--format', 'table', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('crawl.warc.gz#https://news.example/ja/tenki');
    expect(r.stdout).toContain('4 pages, 4 citations');
  });
});

describe('the bundled registry', () => {
  it('is read by the CLI exactly as lib/registry/bundled.ts imports it', async () => {
    const { loadBundledRegistry } = await import('../../cli/registry');
    const lib = await import('../../lib/registry/bundled');
    const cli = loadBundledRegistry();
    expect(cli.registry).toEqual(lib.bundledRegistry);
    expect(cli.resolver.version).toBe(lib.getBundledIndex().version);
    expect(loadBundledRegistry()).toBe(cli);
  });
});

describe('charset decoding', () => {
  const latin1Page = (head: string) =>
    Buffer.from(articleHtml({ title: 'Brücken für Köln', head, paragraphs: ['Die Stadt plant neue Brücken über den Rhein, schreibt der Sender [radioenneperuhr.de]. Kosten: 5 €.'] }), 'latin1');

  it('follows BOM, then the HTTP charset, then <meta>, then UTF-8 or windows-1252', () => {
    const utf8 = Buffer.from('<p>Grüße</p>', 'utf8');
    expect(decodeHtml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]))).toMatchObject({ text: '<p>Grüße</p>', source: 'bom' });
    expect(decodeHtml(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<p>Grüße</p>', 'utf16le')]))).toMatchObject({ text: '<p>Grüße</p>', encoding: 'utf-16le' });
    // A BOM wins over the HTTP header, the HTTP header over <meta>.
    expect(decodeHtml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]), 'text/html; charset=iso-8859-1').source).toBe('bom');
    const declared = Buffer.from('<meta charset="utf-8"><p>Grüße</p>', 'latin1');
    expect(decodeHtml(declared, 'text/html; charset="ISO-8859-1"')).toMatchObject({ text: '<meta charset="utf-8"><p>Grüße</p>', encoding: 'windows-1252', source: 'http' });
    expect(decodeHtml(declared).source).toBe('meta');
    // No declaration: valid UTF-8 is UTF-8, anything else windows-1252.
    expect(decodeHtml(utf8)).toMatchObject({ encoding: 'utf-8', source: 'default' });
    expect(decodeHtml(Buffer.from('<p>Grüße</p>', 'latin1'))).toMatchObject({ text: '<p>Grüße</p>', encoding: 'windows-1252', source: 'default' });
    // An unknown label is ignored.
    expect(decodeHtml(utf8, 'text/html; charset=no-such-thing').source).toBe('default');
  });

  it('reads <meta> declarations like a browser prescan', () => {
    const scan = (html: string) => prescanMetaCharset(Buffer.from(html, 'latin1'));
    expect(scan('<!doctype html><html><head><meta charset="Shift_JIS">')).toBe('shift_jis');
    expect(scan("<meta content='text/html; charset=EUC-JP' http-equiv='Content-Type'>")).toBe('euc-jp');
    expect(scan('<meta http-equiv=content-type content="text/html;charset=windows-1251">')).toBe('windows-1251');
    expect(scan('<meta charset=iso-8859-1>')).toBe('windows-1252');
    expect(scan('<meta charset="utf-16">')).toBe('utf-8');
    expect(scan('<!-- <meta charset="gbk"> --><meta charset="big5">')).toBe('big5');
    expect(scan('<script>document.write("<meta charset=gbk>")</script><meta charset="koi8-r">')).toBe('koi8-r');
    expect(scan('<meta name="x" content="a > b"><meta charset="euc-kr">')).toBe('euc-kr');
    expect(scan('<head></head><body><meta charset="gbk">')).toBeNull();
    expect(scan('<style>' + 'p{}'.repeat(3000) + '</style><meta charset="windows-1250">')).toBe('windows-1250');
  });

  it('decodes saved files in windows-1252 and Shift_JIS', async () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'a-meta.html'), latin1Page('<meta charset="windows-1252">'));
    fs.writeFileSync(path.join(dir, 'b-undeclared.html'), latin1Page(''));
    fs.writeFileSync(path.join(dir, 'c-sjis.html'), encodeLegacy(JAPANESE, 'shift_jis'));
    const r = await run(['scan', '--workers', '1', dir]);
    expect(r.code, r.stderr).toBe(0);
    const reports = jsonl(r.stdout);
    expect(reports.map((x) => x.title)).toEqual(['Brücken für Köln', 'Brücken für Köln', '東京の天気']);
    expect(reports[0].citations[0].context).toBe('Die Stadt plant neue Brücken über den Rhein, schreibt der Sender.');
    expect(reports[1].citations[0].context).toBe(reports[0].citations[0].context);
    expect(reports[2].citations[0].source?.id).toBe('radio-ennepe-ruhr');
  });
});

describe('worker pool', () => {
  it('gives the same reports as one worker, in input order for json', POOL, async () => {
    const dir = await pagesFolder(7, { warc: true });
    fs.writeFileSync(path.join(dir, 'z-sjis.html'), encodeLegacy(JAPANESE, 'shift_jis'));
    const one = await run(['scan', '--workers', '1', '--format', 'json', dir]);
    const pool = await run(['scan', '--workers', '3', '--format', 'json', dir]);
    expect(one.code, one.stderr).toBe(0);
    expect(pool.code, pool.stderr).toBe(0);
    expect(pool.stderr).toMatch(/workers\s+3 threads/);
    expect(one.stderr).toMatch(/workers\s+1 \(main thread\)/);
    expect(pool.stdout).toBe(one.stdout);
    const reports = JSON.parse(one.stdout) as PageReport[];
    expect(reports).toHaveLength(10);
    expect(`${JSON.stringify(reports, null, 2)}\n`).toBe(one.stdout);

    // jsonl: the same reports, in the order they finished.
    const lines = await run(['scan', '--workers', '2', dir]);
    expect(lines.code).toBe(0);
    const byInput = (a: PageReport, b: PageReport) => (a.input! < b.input! ? -1 : 1);
    expect(jsonl(lines.stdout).sort(byInput)).toEqual([...reports].sort(byInput));
  });

  it('runs from the installed bin in a fresh node, workers loading TypeScript through tsx', POOL, async () => {
    const dir = await pagesFolder(3, { warc: true });
    const bin = path.resolve('bin/sourcelens.mjs');
    const threads = spawnSync(process.execPath, [bin, 'scan', '--workers', '2', '--format', 'csv', dir], { encoding: 'utf8' });
    expect(threads.status, threads.stderr).toBe(0);
    expect(threads.stderr).toMatch(/workers\s+2 threads/);
    const inProcess = await run(['scan', '--workers', '1', '--format', 'csv', dir]);
    expect(threads.stdout).toBe(inProcess.stdout);
    expect(threads.stdout.trim().split('\r\n')).toHaveLength(1 + 5);
  });
});

describe('resumable jsonl output', () => {
  it('appends, skips inputs already in --out, and recovers from a half-written last line', POOL, async () => {
    const dir = await pagesFolder(4, { warc: true });
    const out = path.join(tmpdir(), 'reports.jsonl');
    const first = await run(['scan', '--workers', '2', '--out', out, dir]);
    expect(first.code, first.stderr).toBe(0);
    const all = fs.readFileSync(out, 'utf8').trim().split('\n');
    expect(all).toHaveLength(6);

    // An interrupted run: three reports, then half of the fourth.
    fs.writeFileSync(out, `${all.slice(0, 3).join('\n')}\n${all[3].slice(0, 200)}`);
    const resumed = await run(['scan', '--workers', '2', '--out', out, dir]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/reports\.jsonl: removed an incomplete last line \(\d+ bytes, from an interrupted run\)/);
    expect(resumed.stderr).toContain('3 of 6 page(s) already reported there, skipped');
    expect(resumed.stderr).toMatch(/pages\s+3\n\s+skipped\s+3/);
    const after = fs.readFileSync(out, 'utf8');
    expect(after.endsWith('\n')).toBe(true);
    const lines = after.trim().split('\n');
    expect(lines.slice(0, 3)).toEqual(all.slice(0, 3));
    expect(new Set(jsonl(after).map((r) => r.input))).toEqual(new Set(jsonl(all.join('\n')).map((r) => r.input)));
    expect(lines).toHaveLength(6);

    // Nothing left to do; then --force starts afresh.
    const again = await run(['scan', '--out', out, dir]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('6 of 6 page(s) already reported there, skipped');
    expect(fs.readFileSync(out, 'utf8')).toBe(after);
    const forced = await run(['scan', '--workers', '1', '--force', '--out', out, dir]);
    expect(forced.code).toBe(0);
    expect(forced.stderr).not.toContain('skipped');
    expect(fs.readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(6);
  });

  it('matches inputs however the path was spelled, and refuses a file that is not a report file', async () => {
    expect(inputKey('tests/../tests/a.html')).toBe(inputKey(path.resolve('tests/a.html')));
    expect(inputKey('x/crawl.warc.gz#https://a.example/p#frag')).toBe(`${path.resolve('x/crawl.warc.gz')}#https://a.example/p#frag`);

    const dir = tmpdir();
    const out = path.join(dir, 'notes.txt');
    fs.writeFileSync(out, 'these are my notes\nplease keep them\n');
    const page = path.join(dir, 'p.html');
    fs.writeFileSync(page, germanArticle(1));
    const r = await run(['scan', '--out', out, page]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--force');
    expect(fs.readFileSync(out, 'utf8')).toBe('these are my notes\nplease keep them\n');
  });

  it('reads a report file in chunks, with multi-byte text and a bad line', () => {
    const dir = tmpdir();
    const file = path.join(dir, 'r.jsonl');
    const report = (input: string) => JSON.stringify({ schema: 'sourcelens.page-report/1', input, title: 'ü'.repeat(400_000) });
    fs.writeFileSync(file, `${report('a.html')}\n{oops\n${report('b.html')}\n${report('a.html')}\n{"schema":"sourcelens.page-rep`);
    const state = readResumeState(file)!;
    expect(state.reports).toBe(3);
    expect(state.badLines).toEqual([2]);
    expect(state.done.get(inputKey('a.html'))).toBe(2);
    expect(state.partialBytes).toBe('{"schema":"sourcelens.page-rep'.length);
    expect(state.keepBytes).toBe(fs.statSync(file).size - state.partialBytes);
    expect(readResumeState(path.join(dir, 'none.jsonl'))).toBeNull();
  });
});

describe('progress and summary', () => {
  it('prints plain progress lines without a terminal', async () => {
    const dir = await pagesFolder(5);
    const r = await run(['scan', '--workers', '1', '--progress-every', '2', dir]);
    expect(r.code).toBe(0);
    const progress = r.stderr.split('\n').filter((l) => l.startsWith('scanned '));
    expect(progress.map((l) => l.split(' (')[0])).toEqual(['scanned 2/5 pages', 'scanned 4/5 pages', 'scanned 5/5 pages']);
    expect(progress[0]).toMatch(/^scanned 2\/5 pages \(\d+\.\d pages\/s, ETA [\d.]+s, 0 failed\)$/);
    expect(r.stderr).not.toContain('\r');
  });

  it('draws one redrawn bar on a terminal, at most 10 times a second', async () => {
    const dir = await pagesFolder(3);
    fs.symlinkSync(path.join(dir, 'gone.html'), path.join(dir, 'page-01b.html'));
    const r = await run(['scan', '--workers', '1', dir], { tty: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('\r\x1b[2K[');
    expect(r.stderr).toMatch(/\] 4\/4 pages {2}[\d.]+ pages\/s {2}ETA [\d.]+s {2}1 failed\nsummary:/);
    // A failure is written on a line of its own, not into the bar.
    expect(r.stderr).toMatch(/(^|\n|\r\x1b\[2K)sourcelens: [^\r\n]*page-01b\.html: ENOENT[^\r\n]*\n/);
    expect(r.stderr).not.toContain('scanned ');

    let now = 0;
    let out = '';
    const p = new Progress((s) => (out += s), { tty: true, columns: 80, every: 50, intervalMs: 10_000, quiet: false, now: () => now });
    p.begin(1000);
    for (let i = 0; i < 1000; i++) {
      now += 5; // 200 pages a second for 5 seconds
      p.advance(true);
    }
    p.end();
    const draws = out.split('\r').length - 1;
    expect(draws).toBeLessThanOrEqual(5 * 10 + 2);
    expect(draws).toBeGreaterThan(10);
    expect(out.endsWith('1000/1000 pages  200.0 pages/s  ETA 0.0s  0 failed\n')).toBe(true);
  });

  it('sums up pages, citations, resolution, duplicates, warnings by code, failures and speed', async () => {
    const dir = await pagesFolder(3);
    fs.writeFileSync(
      path.join(dir, 'dup.html'),
      articleHtml({
        title: 'Doppelt',
        paragraphs: [
          'Die Feuerwehr rückte am Abend zu einem Einsatz in der Innenstadt aus [stadtanzeiger-musterhausen.de].',
          'Die Feuerwehr rückte am Abend zu einem Einsatz in der Innenstadt aus.',
          'Die Feuerwehr rückte am Abend zu einem Einsatz in der Innenstadt aus.',
        ],
      }),
    );
    fs.symlinkSync(path.join(dir, 'gone.html'), path.join(dir, 'lost.html'));
    const r = await run(['scan', '--workers', '1', dir]);
    expect(r.code).toBe(1);
    const summary = r.stderr.slice(r.stderr.indexOf('summary:'));
    expect(summary).toMatch(/^ {2}pages\s+4$/m);
    expect(summary).toMatch(/^ {2}failures\s+1$/m);
    expect(summary).toMatch(/^ {2}citations\s+4$/m);
    expect(summary).toMatch(/^ {2}resolved\s+3 \(75\.0%\)$/m);
    expect(summary).toMatch(/^ {2}unresolved\s+1$/m);
    expect(summary).toMatch(/^ {2}duplicates\s+1$/m);
    expect(summary).toMatch(/^ {4}local-source-for-non-local-news\s+3$/m);
    expect(summary).toMatch(/^ {4}duplicate-paragraphs\s+1$/m);
    expect(summary).toMatch(/^ {4}unresolved-citations\s+1$/m);
    expect(summary).toMatch(/^ {2}elapsed\s+[\d.]+s$/m);
    expect(summary).toMatch(/^ {2}pages\/s\s+\d+\.\d$/m);
    expect(summary).toMatch(/^failed:\n {2}.*lost\.html$/m);
  });

  it('is silent with --quiet, except for failures', async () => {
    const dir = await pagesFolder(2);
    const ok = await run(['scan', '--workers', '1', '--quiet', dir]);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toBe('');
    fs.symlinkSync(path.join(dir, 'gone.html'), path.join(dir, 'lost.html'));
    const bad = await run(['scan', '-q', dir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^sourcelens: .*lost\.html: ENOENT/)]);
  });
});

describe('exit codes with failing inputs among good ones', () => {
  it('folder: reports the good pages, names the failing one, exits 1 (worker threads)', POOL, async () => {
    const dir = await pagesFolder(3);
    fs.symlinkSync(path.join(dir, 'gone.html'), path.join(dir, 'page-01b.html'));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a page');
    const r = await run(['scan', '--workers', '2', '--format', 'json', dir]);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as PageReport[]).map((x) => path.basename(x.input!))).toEqual(['page-00.html', 'page-01.html', 'page-02.html']);
    expect(r.stderr).toMatch(/^sourcelens: .*page-01b\.html: ENOENT/m);
    expect(r.stderr).toMatch(/^ {2}failures\s+1$/m);
  });

  const good = (n: number) => rawResponseRecord(`https://x.example/${n}`, httpBlock(germanArticle(n)));

  it('WARC: a malformed record fails alone; the records around it are reported', async () => {
    const dir = tmpdir();
    const file = path.join(dir, 'mixed.warc');
    fs.writeFileSync(file, Buffer.concat([good(1), rawResponseRecord('https://x.example/2', 'garbage instead of HTTP\r\n\r\n<p>x</p>'), good(3)]));
    const r = await run(['scan', '--workers', '1', file]);
    expect(r.code).toBe(1);
    expect(jsonl(r.stdout).map((x) => x.url)).toEqual(['https://x.example/1', 'https://x.example/3']);
    expect(r.stderr).toContain(`sourcelens: ${file}#https://x.example/2: malformed response record`);
  });

  it('WARC: a truncated file, a bad Content-Length and a file that is no WARC', async () => {
    const dir = tmpdir();
    const truncated = path.join(dir, 'a-truncated.warc');
    const second = good(2);
    fs.writeFileSync(truncated, Buffer.concat([good(1), second.subarray(0, second.length - 200)]));
    const badLength = path.join(dir, 'b-length.warc');
    fs.writeFileSync(badLength, Buffer.concat([good(1), rawResponseRecord('https://x.example/2', httpBlock('<p>x</p>'), { contentLength: 'lots' }), good(3)]));
    const notWarc = path.join(dir, 'c-not.warc');
    fs.writeFileSync(notWarc, germanArticle(5));
    fs.writeFileSync(path.join(dir, 'd-good.html'), germanArticle(6));

    const r = await run(['scan', '--workers', '1', '--format', 'json', dir]);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as PageReport[]).map((x) => x.input)).toEqual([
      `${truncated}#https://x.example/1`,
      `${badLength}#https://x.example/1`,
      path.join(dir, 'd-good.html'),
    ]);
    expect(r.stderr).toContain(`${truncated}#https://x.example/2: the file ends inside this record (truncated)`);
    expect(r.stderr).toMatch(new RegExp(`${badLength.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(record at byte \\d+\\): malformed record: Content-Length "lots"`));
    expect(r.stderr).toContain(`${notWarc} (record at byte 0): malformed record: expected a WARC/1.x line`);
    expect(r.stderr).toMatch(/^ {2}failures\s+3$/m);
  });

  it('says what is wrong with --workers, --progress-every and scan options elsewhere (exit 2)', async () => {
    for (const argv of [
      ['scan', '--workers', '0', 'x.html'],
      ['scan', '--workers', 'two', 'x.html'],
      ['scan', '--progress-every', '-1', 'x.html'],
      ['registry', 'stats', '--workers', '2'],
    ]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toContain('Usage:');
    }
  });
});
