/**
 * What `sourcelens scan` was given, as a list of pages: files as named, folders searched
 * recursively (in name order) for .html/.htm pages and .warc/.warc.gz archives, archives expanded
 * into their pages (see cli/warc). Then the tasks for the workers, in that order.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readWarc, WARC_NAME } from './warc';
import { errorMessage, type ScanTask } from './tasks';

export type Source =
  | { kind: 'file'; input: string; path: string }
  | { kind: 'warc'; input: string; url: string; warc: string; ordinal: number; contentType: string | null };

export interface Listing {
  sources: Source[];
  /** Response records in archives that are not pages (not HTML, or not status 200). */
  otherResponses: number;
}

const PAGE_NAME = /\.html?$/i;

/**
 * Lists the pages of the inputs. Inputs and records that cannot be read are passed to `fail`
 * (name, message) as they are found; the others are still listed.
 */
export async function listSources(inputs: string[], fail: (name: string, message: string) => void): Promise<Listing> {
  const listing: Listing = { sources: [], otherResponses: 0 };
  for (const input of inputs) {
    let files: string[];
    try {
      files = listFiles(input);
    } catch (error) {
      fail(input, errorMessage(error));
      continue;
    }
    for (const file of files) {
      if (WARC_NAME.test(file)) await listWarc(file, listing, fail);
      else listing.sources.push({ kind: 'file', input: file, path: file });
    }
  }
  return listing;
}

function listFiles(input: string): string[] {
  const stat = fs.statSync(input);
  if (stat.isFile()) return [input];
  if (!stat.isDirectory()) throw new Error('not a file or folder');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (PAGE_NAME.test(entry.name) || WARC_NAME.test(entry.name)) out.push(full);
    }
  };
  walk(input);
  return out;
}

async function listWarc(file: string, listing: Listing, fail: (name: string, message: string) => void): Promise<void> {
  try {
    for await (const item of readWarc(file)) {
      if (item.kind === 'page') {
        listing.sources.push({ kind: 'warc', input: item.input, url: item.url, warc: file, ordinal: item.ordinal, contentType: item.contentType });
      } else if (item.kind === 'problem') {
        fail(item.name, item.message);
      } else {
        listing.otherResponses++;
      }
    }
  } catch (error) {
    fail(file, errorMessage(error));
  }
}

/**
 * The tasks for `sources`, numbered in order (`seq`). Archive pages are read again here, one
 * archive at a time and only as fast as the workers take them, so at most a few bodies are held
 * in memory; a page that cannot be read again becomes an `error` task.
 */
export async function* tasksFor(sources: Source[]): AsyncGenerator<ScanTask> {
  let i = 0;
  while (i < sources.length) {
    const source = sources[i];
    if (source.kind === 'file') {
      yield { seq: i, input: source.input, kind: 'file', path: source.path };
      i++;
      continue;
    }
    // The run of pages from this archive (listed consecutively, in record order).
    const wanted = new Map<number, { seq: number; source: Extract<Source, { kind: 'warc' }> }>();
    let j = i;
    for (; j < sources.length; j++) {
      const s = sources[j];
      if (s.kind !== 'warc' || s.warc !== source.warc || wanted.has(s.ordinal)) break;
      wanted.set(s.ordinal, { seq: j, source: s });
    }
    const seen = new Set<number>();
    let readError = 'the record was not found when the archive was read again (did the file change?)';
    try {
      for await (const item of readWarc(source.warc, (ordinal) => wanted.has(ordinal))) {
        if (item.kind !== 'page') continue;
        const want = wanted.get(item.ordinal);
        if (!want || want.source.url !== item.url) continue;
        seen.add(item.ordinal);
        if (item.bodyError || !item.body) {
          yield { seq: want.seq, input: want.source.input, kind: 'error', message: item.bodyError ?? 'no body' };
        } else {
          yield { seq: want.seq, input: want.source.input, kind: 'bytes', url: item.url, contentType: item.contentType, bytes: item.body };
        }
      }
    } catch (error) {
      readError = `cannot read the archive again: ${errorMessage(error)}`;
    }
    for (const [ordinal, want] of wanted) {
      if (!seen.has(ordinal)) yield { seq: want.seq, input: want.source.input, kind: 'error', message: readError };
    }
    i = j;
  }
}
