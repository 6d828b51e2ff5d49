/** The units of work of `sourcelens scan`, as they cross to a worker thread (structured-clone safe). */
import type { PageReport } from '../lib/types';

export type ScanTask =
  /** A saved HTML file, read by whoever scans it. */
  | { seq: number; input: string; kind: 'file'; path: string }
  /** An archived response's body (content and transfer encodings already removed). */
  | { seq: number; input: string; kind: 'bytes'; url: string; contentType: string | null; bytes: Uint8Array }
  /** An input that failed before it could be scanned (its message is the failure). */
  | { seq: number; input: string; kind: 'error'; message: string };

export type ScanOutcome = { seq: number; ok: true; report: PageReport } | { seq: number; ok: false; error: string };

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
