/**
 * Resuming a `--format jsonl --out FILE` scan: the reports already in FILE name their inputs, and
 * those inputs are not scanned again. A last line without its newline is what an interrupted run
 * leaves behind; it is cut off before new reports are appended.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PAGE_REPORT_SCHEMA } from '../lib/types';

export interface ResumeState {
  /** Inputs already reported (by inputKey), with how many times. */
  done: Map<string, number>;
  /** Reports found. */
  reports: number;
  /** 1-based numbers of complete lines that are not reports. */
  badLines: number[];
  /** Length of the file up to its last newline: what is kept. */
  keepBytes: number;
  /** Bytes after the last newline: an interrupted write. */
  partialBytes: number;
}

/**
 * The key an input is matched on: the path resolved against the working directory (so `./a.html`
 * and `a.html` match), with an archive page's `#<target URI>` kept as it is.
 */
export function inputKey(input: string): string {
  const m = /^(.*?\.warc(?:\.gz)?)#(.*)$/is.exec(input);
  return m ? `${path.resolve(m[1])}#${m[2]}` : path.resolve(input);
}

/** Reads an existing output file; null when there is none. */
export function readResumeState(file: string): ResumeState | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const state: ResumeState = { done: new Map(), reports: 0, badLines: [], keepBytes: 0, partialBytes: 0 };
  try {
    const chunk = Buffer.alloc(1 << 20);
    let carry: Buffer = Buffer.alloc(0);
    let offset = 0;
    let lineNo = 0;
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, offset);
      if (n === 0) break;
      offset += n;
      let data = carry.length ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n);
      let start = 0;
      for (let nl = data.indexOf(10, start); nl >= 0; nl = data.indexOf(10, start)) {
        lineNo++;
        addLine(state, data.toString('utf8', start, nl), lineNo);
        state.keepBytes += nl + 1 - start;
        start = nl + 1;
      }
      carry = Buffer.from(data.subarray(start));
      data = Buffer.alloc(0);
    }
    state.partialBytes = carry.length;
  } finally {
    fs.closeSync(fd);
  }
  return state;
}

function addLine(state: ResumeState, line: string, lineNo: number): void {
  if (line.trim() === '') return;
  let input: unknown;
  try {
    const value = JSON.parse(line) as { schema?: unknown; input?: unknown };
    if (value?.schema === PAGE_REPORT_SCHEMA) input = value.input;
  } catch {
    // not JSON
  }
  if (typeof input !== 'string') {
    state.badLines.push(lineNo);
    return;
  }
  const key = inputKey(input);
  state.done.set(key, (state.done.get(key) ?? 0) + 1);
  state.reports++;
}
