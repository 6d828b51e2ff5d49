/**
 * Duplicate detection at scale (section e of `npm run bench`), in a child process
 * (`node --expose-gc --import tsx bench/duplicates.ts --child`).
 *
 * Input: synthetic paragraphs of 2–5 corpus sentences (lib/corpus.ts synthParagraphs, fixed
 * seed) with 2 % near copies (one word changed) and 1 % exact copies mixed in; 10,000 and
 * 100,000 of them (the 10,000 are the first 10,000 of the 100,000).
 *
 * Baseline, same process: all pairs of word-3-shingle sets compared with the exact Jaccard
 * (`jaccardSorted`, the function findDuplicates verifies candidates with). All-pairs is run on
 * 1,000 and 2,000 paragraphs only and extrapolated quadratically to 10,000 and 100,000 (said so
 * in the output). The 2,000 run also gives findDuplicates' recall: the share of all-pairs
 * near-duplicate pairs (Jaccard ≥ 0.8) that findDuplicates puts in one cluster.
 *
 * Memory: heapUsed after GC before the call; growth right after it (before GC: what the call
 * allocated and had not yet collected, a lower bound of its peak); retained after GC (result).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { synthParagraphs, type SynthParagraph } from './lib/corpus';
import { MB, timed, type Results } from './lib/report';
import { ROOT } from './size';

interface Run {
  n: number;
  cpuMs: number;
  wallMs: number;
  clusters: number;
  members: number;
  heapGrowthMB: number;
  retainedMB: number;
}

interface ChildResult {
  runs: Run[];
  allPairs: Array<{ n: number; cpuMs: number; wallMs: number; pairs: number; nearPairs: number }>;
  recall: { pairs: number; found: number };
}

const gc = (globalThis as { gc?: () => void }).gc;
function heap(): number {
  return process.memoryUsage().heapUsed;
}
function heapAfterGc(): number {
  for (let i = 0; i < 3; i++) gc?.();
  return heap();
}

async function child(): Promise<void> {
  const { findDuplicates, jaccardSorted, normalizeForComparison } = await import('../lib/duplicates');
  const all = synthParagraphs(100_000, { seed: 3 });
  const runs: Run[] = [];
  // Warm the JIT on a small set (not measured).
  findDuplicates(all.slice(0, 2000));
  for (const n of [10_000, 100_000]) {
    const input = n === all.length ? all : all.slice(0, n);
    const before = heapAfterGc();
    let grown = 0;
    const t = timed(() => {
      const r = findDuplicates(input);
      grown = heap() - before;
      return r;
    });
    const retained = heapAfterGc() - before;
    runs.push({
      n,
      cpuMs: t.cpuMs,
      wallMs: t.wallMs,
      clusters: t.value.length,
      members: t.value.reduce((s, c) => s + c.paragraphs.length, 0),
      heapGrowthMB: grown / MB,
      retainedMB: retained / MB,
    });
  }

  // All-pairs baseline.
  const shingles = (p: SynthParagraph): Float64Array => {
    const words = normalizeForComparison(p.text).split(' ').filter(Boolean);
    const out: number[] = [];
    const hash = (s: string, seed: number) => {
      let h = (0x811c9dc5 ^ seed) >>> 0;
      for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
      return h >>> 0;
    };
    if (words.length < 3) out.push(hash(words.join(' '), 1) * 2097152 + (hash(words.join(' '), 2) >>> 11));
    for (let i = 0; i + 3 <= words.length; i++) {
      const g = `${words[i]} ${words[i + 1]} ${words[i + 2]}`;
      out.push(hash(g, 1) * 2097152 + (hash(g, 2) >>> 11));
    }
    const a = Float64Array.from(out).sort();
    let d = 0;
    for (let i = 0; i < a.length; i++) if (i === 0 || a[i] !== a[d - 1]) a[d++] = a[i];
    return a.slice(0, d);
  };
  const allPairs: ChildResult['allPairs'] = [];
  let nearAt2000: Array<[number, number]> = [];
  for (const n of [1000, 2000]) {
    const input = all.slice(0, n);
    const t = timed(() => {
      const sets = input.map(shingles);
      const near: Array<[number, number]> = [];
      let pairs = 0;
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          pairs++;
          if (jaccardSorted(sets[i], sets[j]) >= 0.8) near.push([i, j]);
        }
      }
      return { pairs, near };
    });
    allPairs.push({ n, cpuMs: t.cpuMs, wallMs: t.wallMs, pairs: t.value.pairs, nearPairs: t.value.near.length });
    if (n === 2000) nearAt2000 = t.value.near;
  }
  // Recall of findDuplicates against all-pairs on the first 2,000.
  const clusters = findDuplicates(all.slice(0, 2000));
  const clusterOf = new Map<number, number>();
  clusters.forEach((c, ci) => c.paragraphs.forEach((p) => clusterOf.set(p.index, ci)));
  const found = nearAt2000.filter(([i, j]) => clusterOf.has(i) && clusterOf.get(i) === clusterOf.get(j)).length;
  const result: ChildResult = { runs, allPairs, recall: { pairs: nearAt2000.length, found } };
  process.stdout.write(JSON.stringify(result));
}

export function runDuplicates(results: Results): void {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(ROOT, 'bench/duplicates.ts'), '--child'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 16 * MB,
  });
  const r = JSON.parse(out) as ChildResult;
  results.extra.duplicates = r;
  const ap = r.allPairs.find((a) => a.n === 2000)!;
  const perPair = ap.cpuMs / ap.pairs;
  for (const run of r.runs) {
    const pairs = (run.n * (run.n - 1)) / 2;
    const extrapolated = perPair * pairs;
    results.add({
      section: 'e',
      name: `findDuplicates ${run.n.toLocaleString('en-US')} paragraphs, CPU`,
      value: run.cpuMs,
      unit: 'ms',
      baseline: extrapolated,
      baselineName: 'all-pairs, extrapolated',
      note: `all-pairs Jaccard measured on 2,000 paragraphs and extrapolated ×(n/2,000)²; ${run.clusters} clusters / ${run.members} members; heap +${run.heapGrowthMB.toFixed(1)} MB during, ${run.retainedMB.toFixed(1)} MB retained; wall ${run.wallMs.toFixed(0)} ms`,
    });
  }
  const r10 = r.runs.find((x) => x.n === 10_000);
  const r100 = r.runs.find((x) => x.n === 100_000);
  if (r10 && r100) {
    results.add({
      section: 'e',
      name: 'findDuplicates scaling 10k → 100k (10× input)',
      value: r100.cpuMs / r10.cpuMs,
      unit: '×',
      target: '≈ linear (≤ 15×)',
      pass: r100.cpuMs / r10.cpuMs <= 15,
    });
  }
  results.add({
    section: 'e',
    name: 'findDuplicates recall vs all-pairs (2,000)',
    value: r.recall.pairs ? (100 * r.recall.found) / r.recall.pairs : 100,
    unit: '%',
    note: `${r.recall.found}/${r.recall.pairs} near pairs clustered; all-pairs measured: ${r.allPairs.map((a) => `${a.n}: ${a.cpuMs.toFixed(0)} ms`).join(', ')}`,
  });
}

if (process.argv.includes('--child')) {
  await child();
}
