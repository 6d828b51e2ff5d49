/**
 * Registry load and lookup in Node (sections c and d of `npm run bench`). Runs as a child
 * process (`node --expose-gc --import tsx bench/registry.ts --child`) so its heap figures are
 * its own: heapUsed after forced GCs before/after parsing the JSON and building the index.
 *
 * Lookups: 1,000 distinct keys drawn from the registry with a fixed seed — domains, subdomains
 * and URLs (byDomain), names and aliases in several scripts (byName), and keys the registry
 * does not have — timed as one batch (after a warm-up batch over other keys, so the JIT is
 * warm but the keys' caches are cold), against 1,000 Map.get calls over a Map of the same keys.
 * Also full part resolution (lib/resolve.ts resolvePart: SourceInfo objects, and trigram
 * suggestions for misses) over the same keys.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { rng } from './lib/corpus';
import { MB, repeat, timed, type Results } from './lib/report';
import { ROOT } from './size';

interface Key {
  key: string;
  kind: 'domain' | 'subdomain' | 'url' | 'name' | 'alias' | 'alias (non-Latin)' | 'miss (domain)' | 'miss (name)';
}

type Timing = ReturnType<typeof repeat>;

interface ChildResult {
  readMs: number;
  parseMs: number;
  indexMs: number;
  heap: { baseline: number; json: number; index: number };
  sources: number;
  keys: Record<string, number>;
  lookup: Timing & { found: number };
  mapGet: Timing;
  resolve: Timing & { resolved: number };
  cpu: { readMs: number; parseMs: number; indexMs: number };
  suggestFirstMs: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
function heapUsed(): number {
  for (let i = 0; i < 3; i++) gc?.();
  return process.memoryUsage().heapUsed;
}

function pickKeys(
  sources: ReadonlyArray<{ name: string; aliases: readonly string[]; domains: readonly string[] }>,
  seed: number,
  exclude: Set<string>,
): Key[] {
  const rand = rng(seed);
  const out: Key[] = [];
  const seen = new Set<string>(exclude);
  const add = (key: string, kind: Key['kind']) => {
    if (!key || seen.has(key)) return false;
    seen.add(key);
    out.push({ key, kind });
    return true;
  };
  const pick = () => sources[Math.floor(rand() * sources.length)];
  const want: Array<[Key['kind'], number, () => boolean]> = [
    ['domain', 250, () => { const s = pick(); return add(s.domains[0] ?? '', 'domain'); }],
    ['subdomain', 100, () => { const s = pick(); const d = s.domains[0]; return !!d && !d.includes('/') && add(`${['www', 'm', 'news', 'amp', 'edition'][Math.floor(rand() * 5)]}.${d}`, 'subdomain'); }],
    ['url', 100, () => { const s = pick(); const d = s.domains[0]; return !!d && add(`https://www.${d}/politik/artikel-${Math.floor(rand() * 1e6)}.html`, 'url'); }],
    ['name', 200, () => add(pick().name, 'name')],
    ['alias', 120, () => { const s = pick(); return s.aliases.length > 0 && add(s.aliases[Math.floor(rand() * s.aliases.length)], 'alias'); }],
    ['alias (non-Latin)', 130, () => {
      const s = pick();
      const all = [s.name, ...s.aliases].filter((a) => /[^\u0000-\u024f\u1e00-\u1eff]/.test(a));
      return all.length > 0 && add(all[Math.floor(rand() * all.length)], 'alias (non-Latin)');
    }],
    ['miss (domain)', 50, () => add(`no-such-paper-${Math.floor(rand() * 1e9)}.${['de', 'com', 'fr', 'co.uk', 'jp'][Math.floor(rand() * 5)]}`, 'miss (domain)')],
    ['miss (name)', 50, () => add(`Unknown Gazette ${Math.floor(rand() * 1e9).toString(36)}`, 'miss (name)')],
  ];
  for (const [, n, fn] of want) {
    let got = 0;
    for (let tries = 0; got < n && tries < n * 200; tries++) if (fn()) got++;
  }
  return out.slice(0, 1000);
}

async function child(): Promise<void> {
  const regFile = path.join(ROOT, 'lib/registry/generated/registry.json');
  const ratFile = path.join(ROOT, 'lib/registry/generated/ratings.json');
  const { RegistryIndex } = await import('../lib/registry/index');
  const { resolvePart } = await import('../lib/resolve');
  const { looksLikeDomain } = await import('../lib/registry/normalize');
  const h0 = heapUsed();
  const read = timed(() => [fs.readFileSync(regFile, 'utf8'), fs.readFileSync(ratFile, 'utf8')]);
  const [regText, ratText] = read.value;
  const parse = timed(() => [JSON.parse(regText), JSON.parse(ratText)]);
  const [registry, ratings] = parse.value;
  const h1 = heapUsed();
  const built = timed(() => new RegistryIndex(registry, { ratings }));
  const index = built.value;
  const h2 = heapUsed();

  const sources = registry.sources as Array<{ name: string; aliases: string[]; domains: string[] }>;
  const keys = pickKeys(sources, 42, new Set());
  const warm = pickKeys(sources, 4242, new Set(keys.map((k) => k.key)));
  const isDomainKind = (k: Key) => k.kind === 'domain' || k.kind === 'subdomain' || k.kind === 'url' || k.kind === 'miss (domain)';
  const lookupAll = (list: Key[]) => {
    let found = 0;
    for (const k of list) if ((isDomainKind(k) ? index.byDomain(k.key) : index.byName(k.key)) !== null) found++;
    return found;
  };
  lookupAll(warm);
  const found = lookupAll(keys);
  // Process CPU counts every thread: collect first, so no concurrent marking from building the
  // index is charged to the lookups (it swung the figure between 3 and 11 ms).
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const lookup = repeat(15, () => lookupAll(keys));
  // Baseline: 1,000 Map.get over a Map holding exactly these keys (and the warm ones).
  const map = new Map<string, number>();
  [...keys, ...warm].forEach((k, i) => map.set(k.key, i));
  let sink = 0;
  for (const k of warm) sink += map.get(k.key) ?? 0;
  const mapGet = repeat(7, () => {
    for (const k of keys) sink += map.get(k.key) ?? 0;
  });
  // Full part resolution (what the background does per citation part).
  const part = (k: Key) =>
    ({ key: k.key, kind: k.kind === 'url' ? 'url' : isDomainKind(k) && looksLikeDomain(k.key) ? 'domain' : 'name', url: k.kind === 'url' ? k.key : undefined }) as const;
  const suggestFirst = timed(() => index.suggest('Unknown Gazette', 3)); // builds the trigram index once
  for (const k of warm) resolvePart(part(k), index);
  let resolved = 0;
  for (const k of keys) if (resolvePart(part(k), index).source) resolved++;
  gc?.();
  const resolve = repeat(3, () => {
    for (const k of keys) resolvePart(part(k), index);
  });
  const counts: Record<string, number> = {};
  for (const k of keys) counts[k.kind] = (counts[k.kind] ?? 0) + 1;
  const result: ChildResult = {
    readMs: read.wallMs,
    parseMs: parse.wallMs,
    indexMs: built.wallMs,
    cpu: { readMs: read.cpuMs, parseMs: parse.cpuMs, indexMs: built.cpuMs },
    heap: { baseline: h0, json: h1 - h0, index: h2 - h1 },
    sources: sources.length,
    keys: counts,
    lookup: { ...lookup, found },
    mapGet,
    resolve: { ...resolve, resolved },
    suggestFirstMs: suggestFirst.cpuMs,
  };
  if (sink === -1) console.error(sink);
  process.stdout.write(JSON.stringify(result));
}

export function runRegistry(results: Results): void {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(ROOT, 'bench/registry.ts'), '--child'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 16 * MB,
  });
  const r = JSON.parse(out) as ChildResult;
  results.extra.registry = r;
  const total = r.cpu.readMs + r.cpu.parseMs + r.cpu.indexMs;
  results.add({
    section: 'c',
    name: `Node: load index (${r.sources} sources), CPU`,
    value: total,
    unit: 'ms',
    baseline: r.cpu.readMs + r.cpu.parseMs,
    baselineName: 'read + JSON.parse only',
    note: `read ${r.cpu.readMs.toFixed(0)} + parse ${r.cpu.parseMs.toFixed(0)} + index ${r.cpu.indexMs.toFixed(0)} ms CPU (wall ${(r.readMs + r.parseMs + r.indexMs).toFixed(0)} ms)`,
  });
  const n = Object.values(r.keys).reduce((a, b) => a + b, 0);
  results.add({
    section: 'd',
    name: `${n} distinct lookups, total CPU`,
    value: r.lookup.medianCpuMs,
    unit: 'ms',
    baseline: r.mapGet.medianCpuMs,
    baselineName: `${n} Map.get`,
    target: '≪ 10 ms',
    pass: r.lookup.medianCpuMs < 10,
    note: `${((r.lookup.medianCpuMs / n) * 1000).toFixed(2)} µs per lookup; wall min ${r.lookup.minWallMs.toFixed(2)} / median ${r.lookup.medianWallMs.toFixed(2)} ms; ${r.lookup.found} found; keys ${JSON.stringify(r.keys)}`,
  });
  results.add({
    section: 'd',
    name: `${n} resolvePart (info + suggestions), CPU`,
    value: r.resolve.medianCpuMs,
    unit: 'ms',
    baseline: r.mapGet.medianCpuMs,
    baselineName: `${n} Map.get`,
    note: `${((r.resolve.medianCpuMs / n) * 1000).toFixed(1)} µs each; ${r.resolve.resolved} resolved; first suggest (builds trigram index) ${r.suggestFirstMs.toFixed(0)} ms CPU`,
  });
  results.add({
    section: 'd',
    name: 'registry index memory (after GC)',
    value: r.heap.index / MB,
    unit: 'MB',
    baseline: r.heap.json / MB,
    baselineName: 'the parsed JSON',
  });
}

if (process.argv.includes('--child')) {
  await child();
}
