/**
 * Where reports go. jsonl writes each report as soon as it is done (completion order, which with
 * several workers is not input order); json and csv are written in input order, each report as
 * soon as all the ones before it are done (or failed); table needs every row for its column
 * widths and is written at the end.
 */
import fs from 'node:fs';
import type { PageReport } from '../lib/types';
import { CSV_HEADER, csvRows, formatTable, jsonArrayElement } from './format';

export type Format = 'jsonl' | 'json' | 'csv' | 'table';

export interface Sink {
  /** A task's result: its report, or null when it failed. */
  put(seq: number, report: PageReport | null): void;
  /** Writes what is left (closing bracket, table). */
  end(): void;
}

export function createSink(format: Format, write: (s: string) => void): Sink {
  if (format === 'jsonl') {
    return {
      put: (_seq, report) => {
        if (report) write(`${JSON.stringify(report)}\n`);
      },
      end: () => {},
    };
  }
  if (format === 'table') {
    const reports: Array<PageReport | undefined> = [];
    return {
      put: (seq, report) => {
        if (report) reports[seq] = report;
      },
      end: () => write(formatTable(reports.filter((r): r is PageReport => !!r))),
    };
  }
  let written = 0;
  const emit =
    format === 'json'
      ? (r: PageReport) => write(`${written++ === 0 ? '[\n' : ',\n'}${jsonArrayElement(r)}`)
      : (r: PageReport) => write(csvRows(r));
  if (format === 'csv') write(CSV_HEADER);
  return new InOrder(emit, () => {
    if (format === 'json') write(written === 0 ? '[]\n' : '\n]\n');
  });
}

/** Hands reports on in `seq` order, holding back the ones that finish early. */
class InOrder implements Sink {
  private next = 0;
  private readonly held = new Map<number, PageReport | null>();

  constructor(
    private readonly emit: (r: PageReport) => void,
    private readonly close: () => void,
  ) {}

  put(seq: number, report: PageReport | null): void {
    this.held.set(seq, report);
    while (this.held.has(this.next)) {
      const r = this.held.get(this.next)!;
      this.held.delete(this.next++);
      if (r) this.emit(r);
    }
  }

  end(): void {
    // Anything still held (a gap can only come from a bug) is written rather than lost.
    for (const seq of [...this.held.keys()].sort((a, b) => a - b)) {
      const r = this.held.get(seq);
      if (r) this.emit(r);
    }
    this.held.clear();
    this.close();
  }
}

/** An output file written with plain synchronous writes: every report is in the file when put() returns. */
export class FileOutput {
  private readonly fd: number;

  constructor(file: string, mode: 'w' | 'a') {
    this.fd = fs.openSync(file, mode);
  }

  write = (s: string): void => {
    const buf = Buffer.from(s, 'utf8');
    for (let off = 0; off < buf.length; ) off += fs.writeSync(this.fd, buf, off, buf.length - off);
  };

  close(): void {
    fs.closeSync(this.fd);
  }
}
