/**
 * `npm run bench` — SourceLens performance, every number next to a baseline measured in the same
 * run (see each module's header for how):
 *
 *   size  content script / popup bytes (gzip -9) and what they are made of   bench/size.ts
 *   a     first pass in Chromium: start → all marked vs the page's text-walk floor, longest
 *         task, extra heap (wikipedia-2 and a synthetic 5 MB page)        bench/chromium.ts
 *   b     idle cost (static page, 5 s) and a page mutating 1,000×/s       bench/chromium.ts
 *   c     start-up: first resolution with the worker asleep vs running; registry load in the
 *         worker and in Node                                  bench/chromium.ts, registry.ts
 *   d     1,000 registry lookups vs 1,000 Map.get; index memory           bench/registry.ts
 *   e     findDuplicates on 10k/100k paragraphs vs all-pairs             bench/duplicates.ts
 *   f     detection on adversarial DOMs vs a text walk (happy-dom)           bench/detect.ts
 *   g     `sourcelens scan` pages/s over the corpus vs parse-only            bench/cli.ts
 *
 * Options: --only a,b,… (sections; default all), --strict (exit 1 when a target fails),
 * --synthetic-mb N (default 5), --no-profile (skip the sourcemapped CPU profile),
 * --attributing (also trace every JS entry: slow, upper-bound durations).
 * Results: a table on stdout and artifacts/bench/latest.json.
 */
import { execFileSync, execSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runChromium } from './chromium';
import { runCli } from './cli';
import { runDetect } from './detect';
import { runDuplicates } from './duplicates';
import { MB, Results } from './lib/report';
import { runRegistry } from './registry';
import { analyzeBundle, buildForAnalysis, gzipBytes, pageScripts, ROOT, savedIfRemoved, type BundleAnalysis } from './size';

const argv = process.argv.slice(2);
const opt = (name: string): string | null => {
  const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return null;
  return argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : (argv[i + 1] ?? null);
};
const strict = argv.includes('--strict');
const only = opt('--only')?.split(',').map((s) => s.trim()) ?? null;
const want = (s: string) => !only || only.includes(s);
const syntheticMb = Number(opt('--synthetic-mb') ?? 5);

const started = Date.now();
const log = (s: string) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${s}\n`);
const results = new Results();
const EXT_DIR = path.join(ROOT, '.output/chrome-mv3');
const CONTENT_BUDGET = 30_000;
const POPUP_BUDGET = 60_000;

function git(cmd: string): string {
  try {
    return execSync(`git ${cmd}`, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

function ensureBuilt(): void {
  if (fs.existsSync(path.join(EXT_DIR, 'manifest.json'))) return;
  log('no .output/chrome-mv3: building it (npx wxt build --mv3)');
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/wxt/bin/wxt.mjs'), 'build', '--mv3'], { cwd: ROOT, stdio: 'inherit' });
}

function formatAnalysis(a: BundleAnalysis, top: number): string {
  const rows = a.modules
    .slice(0, top)
    .map((m) => `    ${m.module.padEnd(46)} ${String(m.bytes).padStart(7)} ${String(m.gzipAlone).padStart(7)} ${String(m.gzipSaved).padStart(7)}`);
  return [`    ${'module'.padEnd(46)} ${'min B'.padStart(7)} ${'gz own'.padStart(7)} ${'gz save'.padStart(7)}`, ...rows].join('\n');
}

async function main(): Promise<void> {
  const load0 = os.loadavg();
  ensureBuilt();
  const contentFile = path.join(EXT_DIR, 'content-scripts/content.js');
  const meta = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    loadavgStart: load0,
    commit: git('rev-parse --short HEAD'),
    dirty: git('status --porcelain').length > 0,
    contentJsSha1: crypto.createHash('sha1').update(fs.readFileSync(contentFile)).digest('hex').slice(0, 12),
    args: argv,
  };
  if (load0[0] > os.cpus().length) {
    results.note(`machine busy at start (load average ${load0[0].toFixed(1)} on ${os.cpus().length} cores): wall times are inflated; CPU-time rows and ratios are steadier.`);
  }

  // ---------------------------------------------------------------- size
  let analysisDir: string | null = null;
  const needAnalysis = want('size') || ((want('a') || want('b')) && !argv.includes('--no-profile'));
  if (needAnalysis) {
    try {
      log('size: sourcemapped build of the current sources (bench/wxt.analyze.config.ts → temp dir)');
      analysisDir = buildForAnalysis();
    } catch (error) {
      results.note(`size: the analysis build failed (${String(error).split('\n')[0]}); module breakdown and CPU profile skipped.`);
    }
  }
  if (want('size')) {
    const content = gzipBytes(fs.readFileSync(contentFile));
    const popupFiles = pageScripts(EXT_DIR, 'popup.html');
    const popup = popupFiles.reduce((s, f) => s + gzipBytes(fs.readFileSync(f)), 0);
    results.add({
      section: 'size',
      name: '.output content.js, gzip -9',
      value: content,
      unit: 'B',
      baseline: CONTENT_BUDGET,
      baselineName: 'budget',
      target: `≤ ${CONTENT_BUDGET}`,
      pass: content <= CONTENT_BUDGET,
    });
    results.add({
      section: 'size',
      name: `.output popup JS (${popupFiles.length} files), gzip -9`,
      value: popup,
      unit: 'B',
      baseline: POPUP_BUDGET,
      baselineName: 'budget',
      target: `≤ ${POPUP_BUDGET}`,
      pass: popup <= POPUP_BUDGET,
      note: popupFiles.map((f) => path.relative(EXT_DIR, f)).join(', '),
    });
    if (analysisDir) {
      const a = analyzeBundle(path.join(analysisDir, 'content-scripts/content.js'));
      // What leaving groups of modules out would save (gzip shares a dictionary: measured, not summed).
      const scenarios: Array<[string, string[]]> = [
        ['no webextension-polyfill (native browser/chrome API)', ['node_modules/webextension-polyfill', 'node_modules/@wxt-dev/webextension-polyfill']],
        ['hovercard without Preact, SourceCard and card CSS', ['node_modules/preact', 'components/SourceCard.tsx', 'components/overlay/card.tsx', '(inlined CSS string)']],
        ['both of the above', ['node_modules/webextension-polyfill', 'node_modules/@wxt-dev/webextension-polyfill', 'node_modules/preact', 'components/SourceCard.tsx', 'components/overlay/card.tsx', '(inlined CSS string)']],
        ['lib/detect/lexicon.ts entirely', ['lib/detect/lexicon.ts']],
        ['lib/metadata.ts + lib/duplicates.ts + lib/text/normalize.ts', ['lib/metadata.ts', 'lib/duplicates.ts', 'lib/text/normalize.ts']],
      ];
      const sc = scenarios.map(([label, groups]) => ({ label, groups, saved: savedIfRemoved(a, groups), result: a.gzip - savedIfRemoved(a, groups) }));
      delete a.groups;
      results.extra.contentScriptModules = a;
      results.extra.contentScriptScenarios = sc;
      const popupAnalyses = pageScripts(analysisDir, 'popup.html').map((f) => {
        const p = analyzeBundle(f);
        delete p.groups;
        return p;
      });
      results.extra.popupModules = popupAnalyses;
    }
  }

  // ---------------------------------------------------------------- a, b, c (Chromium)
  const chromiumParts = [
    ...(want('a') ? ['first-pass', 'profile'] : []),
    ...(want('b') ? ['idle', 'mutating'] : []),
    ...(want('c') ? ['startup'] : []),
  ];
  if (chromiumParts.length) {
    try {
      await runChromium(results, {
        extDir: EXT_DIR,
        profileExtDir: argv.includes('--no-profile') ? null : analysisDir,
        syntheticBytes: syntheticMb * MB,
        only: chromiumParts,
        attributing: argv.includes('--attributing'),
        log,
      });
    } catch (error) {
      results.sectionFailed('chromium', error);
    }
  }
  // ---------------------------------------------------------------- c, d (Node registry)
  if (want('c') || want('d')) {
    log('registry: load, 1,000 lookups, memory (child process)');
    try {
      runRegistry(results);
    } catch (error) {
      results.sectionFailed('registry', error);
    }
  }
  if (want('e')) {
    log('duplicates: 10k / 100k paragraphs vs all-pairs (child process)');
    try {
      runDuplicates(results);
    } catch (error) {
      results.sectionFailed('duplicates', error);
    }
  }
  if (want('f')) {
    log('detection: adversarial DOMs (child process, happy-dom)');
    try {
      runDetect(results);
    } catch (error) {
      results.sectionFailed('detect', error);
    }
  }
  if (want('g')) {
    log('cli: sourcelens scan over the corpus');
    try {
      runCli(results);
    } catch (error) {
      results.sectionFailed('cli', error);
    }
  }
  if (analysisDir) fs.rmSync(path.dirname(analysisDir), { recursive: true, force: true });

  // ---------------------------------------------------------------- output
  const out = {
    meta: { ...meta, loadavgEnd: os.loadavg(), seconds: (Date.now() - started) / 1000 },
    rows: results.rows,
    notes: results.notes,
    failed: results.failed().map((r) => `${r.section}: ${r.name}`),
    errors: results.errors,
    details: results.extra,
  };
  const file = path.join(ROOT, 'artifacts/bench/latest.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(out, null, 2));

  const lines: string[] = [];
  lines.push(
    `SourceLens bench — ${meta.date}, node ${meta.node}, ${meta.cpus} cores, commit ${meta.commit}${meta.dirty ? ' (dirty)' : ''}, content.js ${meta.contentJsSha1}`,
  );
  lines.push(`load average ${load0.map((x) => x.toFixed(1)).join(' ')} → ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}; ${out.meta.seconds.toFixed(0)} s`);
  lines.push('');
  lines.push(results.table());
  const noted = results.rows.filter((r) => r.note);
  if (noted.length) {
    lines.push('', 'Details:');
    for (const r of noted) lines.push(`  [${r.section}] ${r.name}: ${r.note}`);
  }
  const cm = results.extra.contentScriptModules as BundleAnalysis | undefined;
  if (cm) {
    lines.push('', `Content script (current sources, sourcemapped build): ${cm.bytes} B, gzip -9 ${cm.gzip} B. Top contributors:`);
    lines.push(formatAnalysis(cm, 16));
    const sc = results.extra.contentScriptScenarios as Array<{ label: string; saved: number; result: number }> | undefined;
    if (sc) {
      lines.push(`  If removed (measured on the bundle; a replacement adds some back; budget ${CONTENT_BUDGET}):`);
      for (const x of sc) lines.push(`    ${x.label.padEnd(58)} −${String(x.saved).padStart(5)} B → ${x.result} B`);
    }
  }
  const prof = results.extra['chromium.profile'] as Record<string, { totalMs: number; modules: Array<{ module: string; ms: number }>; functions: Array<{ function: string; ms: number }>; nativeCalls: Array<{ call: string; ms: number }> } | string> | undefined;
  if (prof) {
    for (const [page, p] of Object.entries(prof)) {
      if (typeof p === 'string') continue;
      lines.push('', `CPU self time of the content script on ${page} (${p.totalMs} ms sampled; ${prof.build}):`);
      lines.push(`  modules:   ${p.modules.slice(0, 8).map((m) => `${m.module} ${m.ms}`).join(', ')}`);
      lines.push(`  functions: ${p.functions.slice(0, 8).map((m) => `${m.function} ${m.ms}`).join(', ')}`);
      lines.push(`  DOM/builtins called: ${p.nativeCalls.slice(0, 6).map((m) => `${m.call} ${m.ms}`).join(', ')}`);
    }
  }
  if (results.notes.length) lines.push('', 'Notes:', ...results.notes.map((n) => `  - ${n}`));
  const verdict = results.verdict(strict);
  lines.push('', ...verdict.lines);
  lines.push(`JSON: ${path.relative(ROOT, file)}`);
  process.stdout.write(lines.join('\n') + '\n');
  process.exitCode = verdict.exitCode;
}

await main();
