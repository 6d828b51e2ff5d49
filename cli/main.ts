/**
 * `sourcelens` command line.
 *
 *   sourcelens scan [--format jsonl|json|csv|table] [--out FILE] [--registry FILE]
 *                   [--workers N] [--force] [--quiet] [--progress-every N] <files, folders, WARCs...>
 *   sourcelens registry stats [--format json|table] [--registry FILE]
 *
 * Exit codes: 0 every input reported; 1 some input failed (the others are still reported, each
 * failure named on stderr); 2 usage error.
 *
 * Heavy modules (happy-dom, the bundled registry) are imported only where they are used: with
 * worker threads the main thread lists inputs, hands out tasks and writes reports, and never
 * needs them.
 */
import fs from 'node:fs';
import os from 'node:os';
import type { Resolver } from '../lib/report';
import type { PageReport } from '../lib/types';
import type { RegistryStats } from '../lib/registry/stats';
import type { LoadedRegistry } from './registry';
import { listSources, tasksFor } from './inputs';
import { createSink, FileOutput, type Format } from './output';
import { runPool, type PoolRun } from './pool';
import { Progress } from './progress';
import { inputKey, readResumeState, type ResumeState } from './resume';
import { Summary } from './summary';

export interface Io {
  stdout: { write(chunk: string): unknown };
  /** `isTTY` turns on the redrawn progress bar; `columns` is its width. */
  stderr: { write(chunk: string): unknown; isTTY?: boolean; columns?: number };
}

const USAGE = `Usage:
  sourcelens scan [options] <files, folders or WARC files...>
  sourcelens registry stats [--format json|table] [--registry FILE]

scan      reports each saved page: .html and .htm files, and the HTML pages (200 responses)
          archived in .warc and .warc.gz files; folders are searched recursively
--format  jsonl (default): one report per line, in the order pages finish;
          json: an array; csv: one row per citation (both in input order);
          table: a summary per page
--out FILE          write to FILE instead of standard output; with jsonl, reports are
                    appended as they finish and a rerun skips the inputs FILE already has
--force             with --out and jsonl: start FILE afresh and rescan everything
--workers N         worker threads (default: ${defaultWorkers()}, the available cores); 1 scans in
                    the main thread
--quiet, -q         no progress and no summary on standard error (failures are still named)
--progress-every N  without a terminal: a progress line every N pages (default 50) and
                    every 10 seconds
--registry FILE     use this registry JSON instead of the bundled one

Exit codes: 0 all inputs reported; 1 some input failed (the others are still reported);
2 usage error.
`;

class UsageError extends Error {}

interface Args {
  command: string[];
  format?: string;
  out?: string;
  registry?: string;
  workers?: number;
  progressEvery?: number;
  force?: boolean;
  quiet?: boolean;
  inputs: string[];
}

const SCAN_ONLY = ['out', 'workers', 'progressEvery', 'force', 'quiet'] as const;

function defaultWorkers(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length || 1;
}

function positiveInt(name: string, v: string): number {
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`${name} takes a whole number of at least 1, not "${v}"`);
  return Number(v);
}

function parseArgs(argv: string[]): Args {
  const args: Args = { command: [], inputs: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (name: string) => {
      const eq = a.indexOf('=');
      if (eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (a === '--help' || a === '-h') throw new UsageError('');
    else if (a === '--format' || a.startsWith('--format=')) args.format = value('--format');
    else if (a === '--out' || a.startsWith('--out=')) args.out = value('--out');
    else if (a === '--registry' || a.startsWith('--registry=')) args.registry = value('--registry');
    else if (a === '--workers' || a.startsWith('--workers=')) args.workers = positiveInt('--workers', value('--workers'));
    else if (a === '--progress-every' || a.startsWith('--progress-every=')) args.progressEvery = positiveInt('--progress-every', value('--progress-every'));
    else if (a === '--force') args.force = true;
    else if (a === '--quiet' || a === '-q') args.quiet = true;
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else if (args.command.length === 0 || (args.command[0] === 'registry' && args.command.length === 1)) args.command.push(a);
    else args.inputs.push(a);
  }
  return args;
}

export async function main(argv: string[], io: Io): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
    if (args.command[0] === 'scan') {
      if (args.inputs.length === 0) throw new UsageError('scan needs at least one file or folder');
      const format = args.format ?? 'jsonl';
      if (!['jsonl', 'json', 'csv', 'table'].includes(format)) throw new UsageError(`unknown format "${format}"`);
    } else if (args.command[0] === 'registry') {
      if (args.command[1] !== 'stats') throw new UsageError('registry takes the subcommand "stats"');
      if (args.format && !['json', 'table'].includes(args.format)) throw new UsageError(`unknown format "${args.format}"`);
      const stray = SCAN_ONLY.find((k) => args[k] !== undefined);
      if (stray) throw new UsageError(`--${stray.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} is an option of scan`);
    } else {
      throw new UsageError(args.command[0] ? `unknown command "${args.command[0]}"` : '');
    }
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) io.stderr.write(`sourcelens: ${error.message}\n`);
      io.stderr.write(USAGE);
      return 2;
    }
    throw error;
  }

  const registryModule = () => import('./registry');
  let registry: LoadedRegistry | null = null;
  try {
    // A --registry file is checked before anything is scanned (exit 2 when it is bad); the bundled
    // registry is loaded only where pages are scanned.
    if (args.registry) registry = (await registryModule()).loadRegistryFile(args.registry);
    else if (args.command[0] === 'registry') registry = (await registryModule()).loadBundledRegistry();
  } catch (error) {
    io.stderr.write(`sourcelens: ${(error as Error).message}\n`);
    return 2;
  }

  if (args.command[0] === 'registry') {
    const { registryStats } = await import('../lib/registry/stats');
    const stats = registryStats(registry!.registry);
    if ((args.format ?? 'table') === 'json') io.stdout.write(`${JSON.stringify(stats)}\n`);
    else io.stdout.write(formatStatsTable(stats));
    return 0;
  }
  const mainResolver = async () => registry?.resolver ?? (await registryModule()).loadBundledRegistry().resolver;
  return scan(args, io, mainResolver);
}

async function scan(args: Args, io: Io, mainResolver: () => Promise<Resolver>): Promise<number> {
  const startedAt = performance.now();
  const format = (args.format ?? 'jsonl') as Format;
  const quiet = !!args.quiet;
  const progress = new Progress((s) => io.stderr.write(s), {
    tty: !!io.stderr.isTTY,
    columns: io.stderr.columns,
    every: args.progressEvery ?? 50,
    intervalMs: 10_000,
    quiet,
  });
  const summary = new Summary();
  const fail = (name: string, message: string) => {
    summary.fail(name);
    progress.log(`sourcelens: ${name}: ${message}`);
  };
  const note = (text: string) => {
    if (!quiet) progress.log(`sourcelens: ${text}`);
  };

  // With --out and jsonl, FILE is appended to and what it already has is not scanned again.
  const appending = !!args.out && format === 'jsonl' && !args.force;
  let resume: ResumeState | null = null;
  if (appending) {
    try {
      resume = readResumeState(args.out!);
    } catch (error) {
      io.stderr.write(`sourcelens: ${args.out}: ${(error as Error).message}\n`);
      return 2;
    }
    if (resume && resume.reports === 0 && resume.badLines.length > 0) {
      io.stderr.write(`sourcelens: ${args.out} has no sourcelens reports to resume from; use --force to overwrite it\n`);
      return 2;
    }
    if (resume?.badLines.length) {
      const shown = resume.badLines.slice(0, 5).join(', ');
      progress.log(`sourcelens: ${args.out}: ${resume.badLines.length} line(s) are not reports and are ignored (line ${shown}${resume.badLines.length > 5 ? ', …' : ''})`);
    }
  }

  const listing = await listSources(args.inputs, (name, message) => {
    fail(name, message);
    progress.failed++;
  });
  summary.otherResponses = listing.otherResponses;
  let todo = listing.sources;
  if (resume && resume.reports > 0) {
    const left = new Map(resume.done);
    todo = todo.filter((s) => {
      const key = inputKey(s.input);
      const n = left.get(key) ?? 0;
      if (n === 0) return true;
      left.set(key, n - 1);
      return false;
    });
    summary.skipped = listing.sources.length - todo.length;
    note(`${args.out}: ${summary.skipped} of ${listing.sources.length} page(s) already reported there, skipped (--force rescans them)`);
  }

  let file: FileOutput | null = null;
  if (args.out) {
    try {
      if (appending && resume && resume.partialBytes > 0) {
        fs.truncateSync(args.out, resume.keepBytes);
        progress.log(`sourcelens: ${args.out}: removed an incomplete last line (${resume.partialBytes} bytes, from an interrupted run); that page is scanned again`);
      }
      file = new FileOutput(args.out, appending ? 'a' : 'w');
    } catch (error) {
      io.stderr.write(`sourcelens: ${args.out}: ${(error as Error).message}\n`);
      return 2;
    }
  }
  const sink = createSink(format, file ? file.write : (s) => io.stdout.write(s));

  const workers = Math.min(args.workers ?? defaultWorkers(), Math.max(1, todo.length));
  let run: PoolRun;
  progress.begin(todo.length);
  try {
    run = await runPool(tasksFor(todo), { workers, registryFile: args.registry, mainResolver, log: (line) => progress.log(line) }, (task, outcome) => {
      if (outcome.ok) {
        summary.add(outcome.report);
        sink.put(task.seq, outcome.report);
      } else {
        fail(task.input, outcome.error);
        sink.put(task.seq, null);
      }
      progress.advance(outcome.ok);
    });
  } finally {
    progress.end();
  }
  sink.end();
  file?.close();
  if (!quiet) io.stderr.write(summary.format({ elapsed: (performance.now() - startedAt) / 1000, ...run }));
  return summary.failures.length > 0 ? 1 : 0;
}

/** Reports one saved page file; the report is validated against the published schema. */
export async function scanFile(file: string, resolver: Resolver): Promise<PageReport> {
  const { scanFile: scan } = await import('./scan');
  return scan(file, resolver);
}

function formatStatsTable(stats: RegistryStats): string {
  const lines = [`sources: ${stats.sources}`, '', 'by country:'];
  for (const [k, v] of Object.entries(stats.byCountry).sort((a, b) => b[1] - a[1])) lines.push(`  ${k.padEnd(6)} ${v}`);
  lines.push('', 'by type:');
  for (const [k, v] of Object.entries(stats.byType).sort((a, b) => b[1] - a[1])) lines.push(`  ${k.padEnd(18)} ${v}`);
  lines.push('', 'by dataset:');
  for (const [k, v] of Object.entries(stats.byDataset).sort((a, b) => b[1] - a[1])) lines.push(`  ${k.padEnd(28)} ${v}`);
  return `${lines.join('\n')}\n`;
}
