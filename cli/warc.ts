/**
 * Reading pages out of WARC files (.warc, .warc.gz; webrecorder's warcio does the parsing and the
 * decompression). A page is a `response` record whose HTTP status is 200 and whose Content-Type
 * is HTML (text/html, application/xhtml+xml); its input name is `<warc path>#<target URI>`, and
 * its body is de-chunked and decompressed (gzip, deflate, br) here, in the main thread.
 *
 * warcio is lenient, so the records are checked here as well:
 * - a record without a `WARC/x.y` line or without a numeric Content-Length ends the file's
 *   reading (record boundaries cannot be trusted after it): a problem, `fatal`;
 * - a response whose HTTP header block is not an HTTP status line, or a page without a target
 *   URI: a problem for that record only, and reading goes on;
 * - stray bytes between records (a Content-Length too small): a problem, and reading goes on;
 * - a file that ends inside a record: a problem, `fatal`.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { AsyncIterReader, WARCParser, type WARCRecord } from 'warcio';
import { errorMessage } from './tasks';

export type WarcItem =
  /** A page. `ordinal` counts candidate pages from 0 in file order (the same on every read). */
  | { kind: 'page'; ordinal: number; url: string; input: string; contentType: string | null; body?: Uint8Array; bodyError?: string }
  /** A record that cannot be reported. `name` is the page's input, or the file and the record's offset. */
  | { kind: 'problem'; name: string; message: string; fatal: boolean }
  /** A response record that is not a page (not HTML, not status 200). */
  | { kind: 'other-response' };

export const WARC_NAME = /\.warc(\.gz)?$/i;

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

export function warcInput(file: string, url: string): string {
  return `${file}#${url}`;
}

/**
 * The records of one WARC file, in order. `wantBody(ordinal)` says which pages' bodies to read
 * (decoded: de-chunked, decompressed); the others are skipped without decoding.
 */
export async function* readWarc(file: string, wantBody: (ordinal: number) => boolean = () => false): AsyncGenerator<WarcItem> {
  const stream = fs.createReadStream(file);
  // An unreadable file fails on the first read; make it an exception there, not an 'error' event.
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  await opened;
  const parser = new WARCParser(stream);
  let ordinal = 0;
  try {
    for (;;) {
      let record: WARCRecord | null;
      const warnings: string[] = [];
      const offsetBefore = parser.offset;
      try {
        record = await captureWarnings(warnings, () => parser.parse());
      } catch (error) {
        yield { kind: 'problem', name: `${file} (after byte ${offsetBefore})`, message: `cannot read the next record: ${errorMessage(error)}`, fatal: true };
        return;
      }
      for (const w of warnings) {
        const stray = /Content-Length Too Small.*?Remainder Length: (\d+), Offset: (\d+)/i.exec(w);
        if (stray) {
          yield {
            kind: 'problem',
            name: `${file} (byte ${stray[2]})`,
            message: `malformed WARC: ${stray[1]} stray bytes after a record (its Content-Length is too small, or junk between records)`,
            fatal: false,
          };
        }
      }
      if (!record) return;

      const where = `${file} (record at byte ${parser.offset})`;
      const statusline = record.warcHeaders.statusline?.trim() ?? '';
      if (!/^WARC\/\d+\.\d+$/.test(statusline)) {
        yield { kind: 'problem', name: where, message: `malformed record: expected a WARC/1.x line, found "${clip(statusline)}"; the rest of the file is not read`, fatal: true };
        return;
      }
      const length = record.warcHeaders.headers.get('Content-Length');
      if (!length || !/^\s*\d+\s*$/.test(length)) {
        yield { kind: 'problem', name: where, message: `malformed record: Content-Length "${clip(length ?? '')}" is not a number; the rest of the file is not read`, fatal: true };
        return;
      }

      if (record.warcType !== 'response') {
        if (!(await drain(record))) {
          yield { kind: 'problem', name: where, message: 'the file ends inside this record (truncated)', fatal: true };
          return;
        }
        continue;
      }

      const url = record.warcTargetURI?.trim() ?? '';
      const name = url ? warcInput(file, url) : where;
      const http = record.httpHeaders;
      const status = /^HTTP\/\d(?:\.\d)?\s+(\d{3})(?:\s|$)/i.exec(http?.statusline ?? '');
      const contentType = http?.headers.get('Content-Type') ?? null;
      const isPage = !!status && status[1] === '200' && HTML_TYPES.has((contentType ?? '').split(';')[0].trim().toLowerCase());

      let problem: string | null = null;
      if (!status) problem = `malformed response record: the HTTP header block starts with "${clip(http?.statusline ?? '')}", not an HTTP status line`;
      else if (isPage && !url) problem = 'malformed response record: no WARC-Target-URI';

      const page: Extract<WarcItem, { kind: 'page' }> | null = isPage && !problem ? { kind: 'page', ordinal: ordinal++, url, input: name, contentType } : null;
      let complete: boolean;
      if (page && wantBody(page.ordinal)) {
        const raw = await record.readFully(false);
        complete = remaining(record) <= 0;
        if (complete) {
          try {
            page.body = await decodeBody(raw, http!.headers);
          } catch (error) {
            page.bodyError = `cannot decode the response body: ${errorMessage(error)}`;
          }
        }
      } else {
        complete = await drain(record);
      }
      if (!complete) {
        yield { kind: 'problem', name, message: 'the file ends inside this record (truncated)', fatal: true };
        return;
      }
      if (problem) yield { kind: 'problem', name, message: problem, fatal: false };
      else if (page) yield page;
      else yield { kind: 'other-response' };
    }
  } finally {
    stream.destroy();
  }
}

/**
 * The body as the page saw it: Transfer-Encoding: chunked undone (warcio's de-chunker, which
 * passes a body that is not really chunked through), then each Content-Encoding (gzip, deflate,
 * br) undone with node:zlib. A truncated compressed body gives what could be decompressed, as in
 * a browser. Some crawlers store the body decoded but keep the header: when decompressing fails
 * and the bytes already look like markup, they are used as they are.
 */
export async function decodeBody(raw: Uint8Array, headers: { get(name: string): string | null | undefined }): Promise<Uint8Array> {
  let body = raw;
  if (/\bchunked\b/i.test(headers.get('Transfer-Encoding') ?? '')) body = await new AsyncIterReader([body], null, true).readFully();
  const codings = (headers.get('Content-Encoding') ?? '')
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c && c !== 'identity');
  for (const coding of codings.reverse()) {
    try {
      body = decompress(body, coding);
    } catch (error) {
      if (looksLikeMarkup(body)) break;
      throw error;
    }
  }
  return body;
}

function decompress(body: Uint8Array, coding: string): Uint8Array {
  const lenient = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.gunzipSync(body, lenient);
    case 'deflate':
      try {
        return zlib.inflateSync(body, lenient);
      } catch {
        return zlib.inflateRawSync(body, lenient); // what some servers send as "deflate"
      }
    case 'br':
      return zlib.brotliDecompressSync(body, { finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
    default:
      throw new Error(`unsupported Content-Encoding "${coding}"`);
  }
}

function looksLikeMarkup(body: Uint8Array): boolean {
  const start = Buffer.from(body.subarray(0, 512)).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  return start.startsWith('<');
}

/** Reads a record's remaining raw bytes; false when the file ends first. */
async function drain(record: WARCRecord): Promise<boolean> {
  for await (const _chunk of record.reader) {
    // skipped
  }
  return remaining(record) <= 0;
}

/** Bytes the record's Content-Length still promises after reading it (> 0: truncated file). */
function remaining(record: WARCRecord): number {
  const reader = record.reader as unknown as { limit?: number };
  return typeof reader.limit === 'number' ? reader.limit : 0;
}

/** Runs `fn` with console.warn collected (warcio reports a too-small Content-Length that way). */
async function captureWarnings<T>(into: string[], fn: () => Promise<T>): Promise<T> {
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    into.push(args.map(String).join(' '));
  };
  try {
    return await fn();
  } finally {
    console.warn = original;
  }
}

function clip(s: string): string {
  const oneLine = s.replace(/[\r\n\t]+/g, ' ');
  return oneLine.length > 40 ? `${oneLine.slice(0, 40)}…` : oneLine;
}
