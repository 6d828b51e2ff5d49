/**
 * CLI throughput (section g of `npm run bench`): `sourcelens scan` over the whole corpus
 * (<shared>/corpus, every .html) in one process, with `--workers 1` and, when the CLI has the
 * option, `--workers <cores>`; a one-page run gives the start-up cost (registry load etc.), so
 * the marginal rate is (N − 1) / (T_N − T_1).
 *
 * Baseline, same run: parsing every page with the CLI's own parser (cli/parse.ts, happy-dom)
 * plus one text walk, in one child process: what any scan must pay.
 *
 * Wall time and the children's CPU time (Linux /proc/self/stat cutime+cstime after the child
 * is reaped) are both kept: wall is what a user waits; CPU is steadier on a busy machine.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { corpusFiles, CORPUS_DIR } from './lib/corpus';
import { type Results } from './lib/report';
import { ROOT } from './size';

/** CPU ms of reaped children so far (Linux), or NaN. */
function childrenCpuMs(): number {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of stat(5) (cutime, cstime); fields[0] is field 3.
    return (Number(fields[13]) + Number(fields[14])) * 10; // USER_HZ = 100 on Linux
  } catch {
    return NaN;
  }
}

function run(args: string[]): { wallMs: number; cpuMs: number; status: number | null; stderr: string } {
  const c0 = childrenCpuMs();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { wallMs: performance.now() - t0, cpuMs: childrenCpuMs() - c0, status: r.status, stderr: (r.stderr ?? '').slice(0, 2000) };
}

async function floorChild(files: string[]): Promise<void> {
  const { parseHtml } = await import('../cli/parse');
  const t0 = performance.now();
  let nodes = 0;
  for (const f of files) {
    const page = parseHtml(fs.readFileSync(f, 'utf8'));
    const doc = page.document;
    const w = doc.createTreeWalker(doc.body ?? doc.documentElement, 4);
    for (let n = w.nextNode(); n; n = w.nextNode()) nodes++;
    await page.close();
  }
  process.stdout.write(JSON.stringify({ ms: performance.now() - t0, nodes }));
}

export function runCli(results: Results): void {
  const files = corpusFiles();
  const n = files.length;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sourcelens-bench-cli-'));
  try {
    const help = spawnSync(process.execPath, [path.join(ROOT, 'bin/sourcelens.mjs'), '--help'], { cwd: ROOT, encoding: 'utf8' });
    const hasWorkers = /--workers\b/.test(`${help.stdout}${help.stderr}`);
    const cores = Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
    const scan = (inputs: string[], workers: number | null) =>
      run([
        path.join(ROOT, 'bin/sourcelens.mjs'),
        'scan',
        '--format',
        'jsonl',
        '--out',
        path.join(tmp, `out-${workers ?? 0}-${inputs.length}.jsonl`),
        ...(hasWorkers ? ['--force', '--quiet', '--workers', String(workers ?? 1)] : []),
        ...inputs,
      ]);

    const floor = run(['--import', 'tsx', path.join(ROOT, 'bench/cli.ts'), '--floor', ...files]);
    const one = scan([files.find((f) => fs.statSync(f).size < 30_000) ?? files[0]], 1);
    const single = scan([CORPUS_DIR], 1);
    if (single.status !== 0 && single.status !== 1) results.note(`g: sourcelens scan exited ${single.status}: ${single.stderr}`);
    const marginal = (n - 1) / ((single.wallMs - one.wallMs) / 1000);
    const floorRate = n / (floor.wallMs / 1000);
    results.extra.cli = { pages: n, hasWorkers, cores, floor, one, single };
    results.add({
      section: 'g',
      name: `scan ${n} corpus pages, ${hasWorkers ? '--workers 1' : 'single worker (no --workers)'}`,
      value: n / (single.wallMs / 1000),
      unit: 'pages/s',
      baseline: floorRate,
      baselineName: 'parse + walk only',
      note: `wall ${(single.wallMs / 1000).toFixed(1)} s, CPU ${(single.cpuMs / 1000).toFixed(1)} s (${(single.cpuMs / n).toFixed(0)} ms/page); marginal ${marginal.toFixed(1)} pages/s after ${(one.wallMs / 1000).toFixed(1)} s start-up`,
    });
    if (hasWorkers && cores > 1) {
      const multi = scan([CORPUS_DIR], cores);
      results.extra.cli = { ...(results.extra.cli as object), multi };
      results.add({
        section: 'g',
        name: `scan ${n} corpus pages, --workers ${cores}`,
        value: n / (multi.wallMs / 1000),
        unit: 'pages/s',
        baseline: n / (single.wallMs / 1000),
        baselineName: '--workers 1',
        note: `wall ${(multi.wallMs / 1000).toFixed(1)} s, CPU ${(multi.cpuMs / 1000).toFixed(1)} s`,
      });
    } else if (!hasWorkers) {
      results.note('g: the CLI has no --workers option: single worker only.');
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Standalone: `npx tsx bench/cli.ts [--runs N] [--workers N] [folder]` prints the corpus's pages
 * per second with one worker (the main thread) and with all cores (worker threads), and the
 * ratio all/1. The two settings alternate for --runs rounds (default 3) and the medians are
 * compared, which damps a shared machine's noise; each run is a fresh `bin/sourcelens.mjs scan
 * --quiet` process (start-up included), and its CPU time is printed too.
 */
async function standalone(argv: string[]): Promise<void> {
  let runs = 3;
  let workers = Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  let folder = CORPUS_DIR;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') runs = Number(argv[++i]);
    else if (argv[i] === '--workers') workers = Number(argv[++i]);
    else folder = path.resolve(argv[i]);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sourcelens-bench-cli-'));
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  console.log(`folder: ${folder}`);
  console.log(`cores: ${os.availableParallelism?.() ?? os.cpus().length}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const rates: Record<number, number[]> = { 1: [], [workers]: [] };
  const cpu: Record<number, number[]> = { 1: [], [workers]: [] };
  let pages = 0;
  try {
    for (let round = 1; round <= runs; round++) {
      for (const w of [1, workers]) {
        const out = path.join(tmp, `out-${w}.jsonl`);
        const r = run([path.join(ROOT, 'bin/sourcelens.mjs'), 'scan', '--quiet', '--force', '--workers', String(w), '--out', out, folder]);
        if (r.status !== 0 && r.status !== 1) throw new Error(`sourcelens scan exited ${r.status}: ${r.stderr}`);
        pages = fs.readFileSync(out, 'utf8').split('\n').filter((l) => l.trim()).length;
        rates[w].push(pages / (r.wallMs / 1000));
        cpu[w].push(r.cpuMs / 1000);
        console.log(
          `round ${round}  --workers ${w}  ${pages} pages  ${(r.wallMs / 1000).toFixed(2)} s  ${(pages / (r.wallMs / 1000)).toFixed(1)} pages/s  CPU ${(r.cpuMs / 1000).toFixed(1)} s  (load ${os.loadavg()[0].toFixed(1)})`,
        );
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const one = median(rates[1]);
  const all = median(rates[workers]);
  console.log('');
  console.log(`1 worker (main thread):  ${one.toFixed(1)} pages/s, CPU ${median(cpu[1]).toFixed(1)} s (median of ${runs}, ${pages} pages)`);
  console.log(`${workers} workers (threads):   ${all.toFixed(1)} pages/s, CPU ${median(cpu[workers]).toFixed(1)} s`);
  console.log(`ratio all/1: ${(all / one).toFixed(2)}x`);
}

if (process.argv.includes('--floor')) {
  await floorChild(process.argv.slice(process.argv.indexOf('--floor') + 1));
} else if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  await standalone(process.argv.slice(2));
}
