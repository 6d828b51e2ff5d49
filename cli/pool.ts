/**
 * Runs scan tasks on a pool of worker threads (node:worker_threads). Each worker loads the
 * registry once and scans one task at a time; a free worker takes the next task, so slow pages
 * do not hold up the others. A worker that dies takes only its current page with it (that page
 * fails) and is replaced. If worker threads cannot start at all, the pages are scanned in the
 * main thread instead. With one worker, everything runs in the main thread.
 */
import { Worker } from 'node:worker_threads';
import type { Readable } from 'node:stream';
import type { Resolver } from '../lib/report';
import type { ScanOutcome, ScanTask } from './tasks';

const WORKER_ENTRY = new URL('./worker.mjs', import.meta.url);

export interface PoolOptions {
  /** Worker threads; 1 scans in the main thread. */
  workers: number;
  /** --registry file, loaded by each worker (the bundled registry otherwise). */
  registryFile?: string;
  /** The registry in the main thread, for one worker or as the fallback. */
  mainResolver: () => Promise<Resolver>;
  /** Notices and anything a worker prints. */
  log: (line: string) => void;
}

export interface PoolRun {
  mode: 'threads' | 'main thread';
  workers: number;
}

type Crash = { crash: string };

export async function runPool(
  tasks: AsyncIterable<ScanTask>,
  options: PoolOptions,
  onOutcome: (task: ScanTask, outcome: ScanOutcome) => void,
): Promise<PoolRun> {
  const iterator = tasks[Symbol.asyncIterator]();
  let threads = options.workers > 1;
  let local: Promise<Resolver> | null = null;
  const runLocal = async (task: ScanTask): Promise<ScanOutcome> => {
    local ??= options.mainResolver();
    const { runTask } = await import('./scan');
    return runTask(task, await local);
  };

  const lane = async (): Promise<void> => {
    let worker: ThreadWorker | null = threads ? new ThreadWorker(options.registryFile, options.log) : null;
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        const task = next.value;
        let outcome: ScanOutcome;
        if (task.kind === 'error') {
          outcome = { seq: task.seq, ok: false, error: task.message };
        } else if (!threads) {
          outcome = await runLocal(task);
        } else {
          if (!worker || !worker.alive) worker = new ThreadWorker(options.registryFile, options.log);
          try {
            const result = await worker.run(task);
            outcome = 'crash' in result ? { seq: task.seq, ok: false, error: result.crash } : result;
          } catch (error) {
            // The worker never started: no threads for this run.
            if (threads) options.log(`sourcelens: worker threads could not start (${(error as Error).message}); scanning in the main thread`);
            threads = false;
            worker = null;
            outcome = await runLocal(task);
          }
        }
        onOutcome(task, outcome);
      }
    } finally {
      await worker?.close();
    }
  };

  const n = Math.max(1, options.workers);
  await Promise.all(Array.from({ length: n }, lane));
  return threads ? { mode: 'threads', workers: n } : { mode: 'main thread', workers: 1 };
}

class ThreadWorker {
  alive = true;
  private readonly worker: Worker;
  private readonly ready: Promise<void>;
  private started = false;
  private closing = false;
  private pending: ((result: ScanOutcome | Crash) => void) | null = null;
  private failStart: (error: Error) => void = () => {};

  constructor(registryFile: string | undefined, log: (line: string) => void) {
    this.worker = new Worker(WORKER_ENTRY, {
      workerData: { registryFile },
      // Not the parent's flags (a test runner's, say): the worker starts like bin/sourcelens.mjs.
      execArgv: [],
      // Whatever a worker prints goes to standard error, never into the reports on stdout.
      stdout: true,
      stderr: true,
    });
    this.ready = new Promise<void>((resolve, reject) => {
      this.failStart = reject;
      this.worker.on('message', (message: ScanOutcome | { ready: true }) => {
        if ('ready' in message) {
          this.started = true;
          resolve();
          return;
        }
        const pending = this.pending;
        this.pending = null;
        pending?.(message);
      });
    });
    this.worker.on('error', (error) => this.die(`worker error: ${error.message}`));
    this.worker.on('exit', (code) => this.die(`worker stopped (exit code ${code})`));
    this.ready.catch(() => {});
    forward(this.worker.stdout, log);
    forward(this.worker.stderr, log);
  }

  /** Scans one task; a crash of the worker is the task's failure. Rejects when the worker never started. */
  async run(task: ScanTask): Promise<ScanOutcome | Crash> {
    await this.ready;
    if (!this.alive) return { crash: 'worker stopped' };
    return new Promise((resolve) => {
      this.pending = resolve;
      this.worker.postMessage(task, transferable(task));
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    this.alive = false;
    await this.worker.terminate();
  }

  private die(reason: string): void {
    if (!this.alive && this.closing) return;
    this.alive = false;
    if (!this.started) this.failStart(new Error(reason));
    const pending = this.pending;
    this.pending = null;
    pending?.({ crash: `${reason} while scanning this page` });
  }
}

/** A bytes task's buffer moves to the worker instead of being copied, when it owns the whole buffer. */
function transferable(task: ScanTask): ArrayBuffer[] {
  if (task.kind !== 'bytes') return [];
  const { bytes } = task;
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  return whole ? [bytes.buffer as ArrayBuffer] : [];
}

function forward(stream: Readable | null | undefined, log: (line: string) => void): void {
  if (!stream) return;
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) if (line.trim()) log(line);
  });
}
