/**
 * Real-Chromium measurements (sections a, b, c of `npm run bench`): the built extension
 * (.output/chrome-mv3, loaded through the e2e harness) against the same Chromium without it,
 * both in this process and run.
 *
 * How each number is taken:
 * - Content-script start: the trace event `ScriptInjection::InjectJs` (category "extensions") in
 *   the page's renderer, i.e. the moment Chromium starts evaluating content.js (not the
 *   manifest CSS's injection at document start).
 * - Every citation marked: the bench's init script (lib/page-scripts.ts) watches the overlay's
 *   open shadow root from the main world and records performance.now() each time the number of
 *   `button.marker` changes; "marked" is the last change (robust if marking is chunked). Trace
 *   and page clocks are tied by a `performance.mark('slb:origin')` that appears in both.
 * - Resolved: the last data-state/aria-label change of the markers (the background's answer).
 * - Floor: lib/page-scripts.ts FLOOR (TreeWalker over all text nodes + one bracket scan of
 *   their text) in the same page without the extension, median of 3.
 * - Longest task: top-level tasks (ThreadControllerImpl::RunTask) of the page's renderer main
 *   thread that overlap [injection, resolved]; the same page without the extension gives the
 *   page's own longest task after DOMContentLoaded. A second, attributing pass (category
 *   devtools.timeline: every JS entry with its script URL) gives the longest task that runs
 *   extension JS and the layout time forced inside it; that pass is slower (per-call trace
 *   events), so its durations are upper bounds.
 * - Extra heap: Runtime.getHeapUsage (the renderer's V8 isolate: main world + the content
 *   script's isolated world) after two forced GCs, with minus without the extension.
 * - CPU profile (optional, --profile): a sourcemapped build of the current sources
 *   (bench/wxt.analyze.config.ts) in a third browser; self time per source module.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import { browserPath, launchChromium, type ChromiumSession } from '../tests/e2e/harness/js/browsers.mjs';
import { seedArticlePath } from '../tests/e2e/harness/js/paths.mjs';
import { scriptExposing } from './lib/bundle';
import { citationKeys, syntheticPage, WIKIPEDIA_2 } from './lib/corpus';
import { FLOOR, INIT_SCRIPT, READ_STATE } from './lib/page-scripts';
import { median, MB, type Results } from './lib/report';
import { startBenchServer, type BenchServer } from './lib/server';
import { decodeMappings, positionAt, type RawSourceMap } from './lib/sourcemap';
import {
  attribute,
  FULL_CATEGORIES,
  contentScriptStart,
  LIGHT_CATEGORIES,
  markEvent,
  Recorder,
  tasksOf,
  type TraceEvent,
} from './lib/trace';
import { moduleGroup, ROOT } from './size';

export interface ChromiumOptions {
  extDir: string;
  /** A sourcemapped build (bench/size.ts buildForAnalysis) for the CPU profile, or null. */
  profileExtDir?: string | null;
  syntheticBytes?: number;
  idleMs?: number;
  /** Subsections to run (default all): first-pass, idle, mutating, startup, profile. */
  only?: string[] | null;
  /** Also run the slow attributing trace pass (every JS entry traced). */
  attributing?: boolean;
  log?: (s: string) => void;
}

interface PageState {
  now: number;
  origin: number;
  dcl: number;
  load: number;
  count: number;
  hostAt: number;
  firstMark: number;
  lastMark: number;
  markSteps: number;
  firstAttr: number;
  lastAttr: number;
  attrChanges: number;
  highlights: number;
  longtasks: Array<[number, number]>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
  '--lang=en-US',
];

/** The same Chromium and flags as the harness, without any extension. */
async function launchPlain(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sourcelens-bench-plain-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: browserPath('chromium'),
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'en-US',
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await Promise.race([context.close(), sleep(15_000)]);
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

interface Loaded {
  page: Page;
  cdp: CDPSession;
  state: PageState;
  events: TraceEvent[];
  pid: number;
  tid: number;
  /** trace ms = page ms + offset */
  offset: number;
  timedOut: boolean;
  heapUsed: number;
  heapBeforeGc: number;
  profile: CpuProfile | null;
}

interface CpuProfile {
  startTime: number;
  endTime: number;
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
}

async function heapUsed(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const h = await cdp.send('Runtime.getHeapUsage');
  return h.usedSize;
}

/**
 * Open `url` in a new tab while tracing; with the extension, wait until its markers and their
 * resolution have been quiet for `quietMs`.
 */
async function load(
  context: BrowserContext,
  url: string,
  options: { ext: boolean; categories: string[]; profile?: boolean; profileIntervalUs?: number; quietMs?: number; timeoutMs?: number },
): Promise<Loaded> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const recorder = new Recorder(cdp);
  await recorder.start(options.categories);
  if (options.profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: options.profileIntervalUs ?? 200 });
    await cdp.send('Profiler.start');
  }
  await page.goto(url, { waitUntil: 'load', timeout: options.timeoutMs ?? 120_000 });
  const quiet = options.quietMs ?? 1500;
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  let state = (await page.evaluate(READ_STATE)) as PageState;
  let timedOut = false;
  if (options.ext) {
    for (;;) {
      state = (await page.evaluate(READ_STATE)) as PageState;
      const last = Math.max(state.lastMark, state.lastAttr);
      if (state.count > 0 && state.attrChanges > 0 && state.now - last >= quiet) break;
      if (Date.now() > deadline) {
        timedOut = true;
        break;
      }
      await sleep(200);
    }
  } else {
    await sleep(quiet);
    state = (await page.evaluate(READ_STATE)) as PageState;
  }
  const heapBeforeGc = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  const profile = options.profile ? ((await cdp.send('Profiler.stop')).profile as unknown as CpuProfile) : null;
  const events = await recorder.stop();
  const origin = markEvent(events, 'slb:origin');
  if (!origin) throw new Error(`no slb:origin mark in the trace of ${url}`);
  const heap = await heapUsed(cdp);
  return {
    page,
    cdp,
    state,
    events,
    pid: origin.pid,
    tid: origin.tid,
    offset: origin.ts / 1000 - state.origin,
    timedOut,
    heapUsed: heap,
    heapBeforeGc,
    profile,
  };
}

/** Longest top-level task (ms) of the page's main thread overlapping [fromMs, toMs] (page time). */
function longestTask(l: Loaded, fromMs: number, toMs: number): number {
  const from = (fromMs + l.offset) * 1000;
  const to = (toMs + l.offset) * 1000;
  let max = 0;
  for (const t of tasksOf(l.events, l.pid, l.tid)) if (t.ts + t.dur >= from && t.ts <= to) max = Math.max(max, t.dur / 1000);
  return max;
}

/**
 * Tasks that ran extension code, from the CPU profile taken during the load: a top-level task
 * of the page's main thread counts as the extension's when samples with content.js on the stack
 * make up ≥ 10 % of it (the profiler and the trace share Chromium's monotonic clock).
 */
function extensionTasks(l: Loaded): {
  longestMs: number;
  longestExtMs: number;
  count: number;
  extMs: number;
  sampledInTasks: number;
  longestAt: [number, number] | null;
  /** Start (µs, trace clock) of each task counted as the extension's. */
  starts: Set<number>;
} {
  const p = l.profile;
  const starts = new Set<number>();
  if (!p) return { longestMs: 0, longestExtMs: 0, count: 0, extMs: 0, sampledInTasks: 0, longestAt: null, starts };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const extNode = new Map<number, boolean>();
  const isExt = (id: number): boolean => {
    let v = extNode.get(id);
    if (v === undefined) {
      const url = byId.get(id)!.callFrame.url;
      const par = parent.get(id);
      v = url.startsWith('chrome-extension://') || (par !== undefined && isExt(par));
      extNode.set(id, v);
    }
    return v;
  };
  // Sample i covers [t_i, t_{i+1}).
  const samples: Array<[number, number]> = [];
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i];
    const next = i + 1 < p.timeDeltas.length ? p.timeDeltas[i + 1] : 0;
    if (isExt(p.samples[i])) samples.push([t, next]);
  }
  const tasks = tasksOf(l.events, l.pid, l.tid);
  let si = 0;
  let longest = 0;
  let longestExt = 0;
  let longestAt: [number, number] | null = null;
  let count = 0;
  let extUs = 0;
  let inTasks = 0;
  for (const task of tasks) {
    while (si < samples.length && samples[si][0] < task.ts) si++;
    let us = 0;
    for (let k = si; k < samples.length && samples[k][0] <= task.ts + task.dur; k++) us += samples[k][1];
    inTasks += us;
    if (us > 0 && us >= 0.1 * task.dur) {
      count++;
      starts.add(task.ts);
      extUs += us;
      if (task.dur / 1000 > longest) {
        longest = task.dur / 1000;
        longestExt = us / 1000;
        longestAt = [task.ts, task.ts + task.dur];
      }
    }
  }
  const total = samples.reduce((s, x) => s + x[1], 0);
  return { longestMs: longest, longestExtMs: longestExt, count, extMs: extUs / 1000, sampledInTasks: total ? inTasks / total : 0, longestAt, starts };
}

/** The content script's start (page ms; see trace.ts contentScriptStart), or null. */
function scriptStart(l: Loaded): { ms: number; pageTasksMs: number; compileAfterMs: number | null } | null {
  const s = contentScriptStart(l.events, l.pid, l.tid);
  if (!s) return null;
  return {
    ms: s.startUs / 1000 - l.offset,
    pageTasksMs: s.pageTasksUs / 1000,
    compileAfterMs: s.compileUs === null ? null : (s.compileUs - s.injectUs) / 1000,
  };
}

/**
 * The tasks in [fromMs, toMs] (page time) that ran no extension JS: on these static pages, the
 * rendering updates (style, layout, paint) that our changes to the page cause.
 */
function renderingTasks(l: Loaded, extStarts: Set<number>, fromMs: number, toMs: number): { longestMs: number; over16: number; over50: number } {
  const from = (fromMs + l.offset) * 1000;
  const to = (toMs + l.offset) * 1000;
  let longest = 0;
  let over16 = 0;
  let over50 = 0;
  for (const t of tasksOf(l.events, l.pid, l.tid)) {
    if (t.ts < from || t.ts > to || extStarts.has(t.ts)) continue;
    longest = Math.max(longest, t.dur / 1000);
    if (t.dur > 16_000) over16++;
    if (t.dur > 50_000) over50++;
  }
  return { longestMs: longest, over16, over50 };
}

/**
 * The page's own cost of a visible change, for comparison: in the settled page without the
 * extension, one text node near the top (in the viewport) gets a character more, three times;
 * the longest task after each change (its rendering update), median.
 */
async function pageChangeCost(l: Loaded): Promise<number> {
  const costs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const recorder = new Recorder(l.cdp);
    await recorder.start(LIGHT_CATEGORIES);
    await l.page.evaluate(`(() => {
      const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let n = w.nextNode();
      while (n && n.data.trim().length < 20) n = w.nextNode();
      performance.mark('slb:change');
      if (n) n.data += ' ';
    })()`);
    await sleep(300);
    const events = await recorder.stop();
    const mark = markEvent(events, 'slb:change');
    if (!mark) continue;
    const after = tasksOf(events, mark.pid, mark.tid).filter((t) => t.ts + t.dur > mark.ts);
    costs.push(Math.max(0, ...after.map((t) => t.dur / 1000)));
  }
  return median(costs);
}

/**
 * A minimal extension whose content script is the floor's walk and nothing else, injected as
 * ours is (document_idle, isolated world, a file content-scripts/content.js): the least any
 * content script can take from its start to done. On a URL ending in MARK_HASH it marks too, as
 * little as marking can be: the same walk makes a Range of every bracket pair the floor counts,
 * and one CSS highlight gets them all (no detection, no markers). It records its end in an
 * attribute of <html> (performance.now(), the page's clock).
 */
function floorExtension(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sourcelens-bench-floor-ext-'));
  const manifest = {
    manifest_version: 3,
    name: 'SourceLens bench floor',
    version: '1.0',
    background: { service_worker: 'background.js' },
    content_scripts: [{ matches: ['<all_urls>'], js: ['content-scripts/content.js'], run_at: 'document_idle' }],
  };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  fs.writeFileSync(path.join(dir, 'background.js'), '');
  fs.mkdirSync(path.join(dir, 'content-scripts'));
  fs.writeFileSync(
    path.join(dir, 'content-scripts/content.js'),
    `if (location.hash === '${MARK_HASH}') {${FLOOR_MARK}} else ${FLOOR};\n` +
      `document.documentElement.setAttribute('data-slb-floor-done', String(performance.now()));\n`,
  );
  return dir;
}

const MARK_HASH = '#slb-floor-mark';
/** The floor's walk and scan, keeping a Range per pair; then one highlight of them all. */
const FLOOR_MARK = String.raw`
  const ranges = [];
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    const s = n.data;
    let open = -1;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 91) open = i;
      else if (c === 93 && open >= 0) {
        if (i - open <= 121) {
          const r = document.createRange();
          r.setStart(n, open);
          r.setEnd(n, i + 1);
          ranges.push(r);
        }
        open = -1;
      }
    }
  }
  const h = new Highlight();
  for (const r of ranges) h.add(r);
  CSS.highlights.set('slb-floor', h);
  document.documentElement.setAttribute('data-slb-floor-marks', String(h.size));
`;

async function floor(page: Page): Promise<{ ms: number; first: number; nodes: number; chars: number; pairs: number }> {
  const runs: Array<{ ms: number; nodes: number; chars: number; pairs: number }> = [];
  for (let i = 0; i < 3; i++) runs.push((await page.evaluate(FLOOR)) as { ms: number; nodes: number; chars: number; pairs: number });
  return { ms: median(runs.map((r) => r.ms)), first: runs[0].ms, nodes: runs[0].nodes, chars: runs[0].chars, pairs: runs[0].pairs };
}

interface WindowCost {
  /** Renderer main-thread task time (ms per second), Performance.getMetrics TaskDuration. */
  taskMsPerS: number;
  scriptMsPerS: number;
  layoutsPerS: number;
  ext: ReturnType<typeof attribute>;
  seconds: number;
}

async function windowCost(page: Page, cdp: CDPSession, ms: number): Promise<WindowCost> {
  await cdp.send('Performance.enable');
  const metrics = async () => {
    const m = await cdp.send('Performance.getMetrics');
    return Object.fromEntries(m.metrics.map((x) => [x.name, x.value])) as Record<string, number>;
  };
  const recorder = new Recorder(cdp);
  await recorder.start(FULL_CATEGORIES);
  await page.evaluate(`performance.mark('slb:window')`);
  const m0 = await metrics();
  const t0 = Date.now();
  await sleep(ms);
  const m1 = await metrics();
  const seconds = (Date.now() - t0) / 1000;
  const events = await recorder.stop();
  const mark = markEvent(events, 'slb:window');
  const ext = mark
    ? attribute(events, mark.pid, mark.tid)
    : { calls: 0, ms: 0, byKind: {}, longestTaskMs: 0, layoutMs: 0 };
  return {
    taskMsPerS: ((m1.TaskDuration - m0.TaskDuration) * 1000) / seconds,
    scriptMsPerS: ((m1.ScriptDuration - m0.ScriptDuration) * 1000) / seconds,
    layoutsPerS: (m1.LayoutCount - m0.LayoutCount) / seconds,
    ext,
    seconds,
  };
}

/** Self time per source module of the content script, from a CPU profile and its sourcemap. */
function profileByModule(
  profile: CpuProfile,
  extDir: string,
  /** Only samples in [from, to] µs (trace clock), e.g. one task. */
  window: [number, number] | null = null,
): { modules: Array<[string, number]>; functions: Array<[string, number]>; natives: Array<[string, number]>; totalMs: number } {
  const file = path.join(extDir, 'content-scripts/content.js');
  const map = JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')) as RawSourceMap;
  const lines = decodeMappings(map);
  const self = new Map<number, number>();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i];
    if (window && (at < window[0] || at > window[1])) continue;
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
  }
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const isOurs = (id: number) => byId.get(id)!.callFrame.url.includes('/content-scripts/content.js');
  const moduleOf = (id: number) => {
    const cf = byId.get(id)!.callFrame;
    const s = positionAt(lines, cf.lineNumber, cf.columnNumber).source;
    return s < 0 ? '(bundle glue)' : moduleGroup(map.sources[s]);
  };
  /** "lib/paragraphs.ts:174": where the function starts in the original source. */
  const functionOf = (id: number) => {
    const cf = byId.get(id)!.callFrame;
    const pos = positionAt(lines, cf.lineNumber, cf.columnNumber);
    return pos.source < 0 ? '(bundle glue)' : `${moduleGroup(map.sources[pos.source])}:${pos.line + 1}`;
  };
  const modules = new Map<string, number>();
  const functions = new Map<string, number>();
  const natives = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of self) {
    if (isOurs(id)) {
      const m = moduleOf(id);
      modules.set(m, (modules.get(m) ?? 0) + ms);
      const f = functionOf(id);
      functions.set(f, (functions.get(f) ?? 0) + ms);
      total += ms;
      continue;
    }
    let p = parent.get(id);
    while (p !== undefined && !isOurs(p)) p = parent.get(p);
    if (p === undefined) continue;
    const name = byId.get(id)!.callFrame.functionName || '(native)';
    const key = `${name} ← ${functionOf(p)}`;
    natives.set(key, (natives.get(key) ?? 0) + ms);
    total += ms;
  }
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return { modules: sorted(modules), functions: sorted(functions), natives: sorted(natives), totalMs: total };
}

function sameCode(a: string, b: string): boolean {
  try {
    const strip = (f: string) => fs.readFileSync(f, 'utf8').replace(/\n?\/\/# sourceMappingURL=.*\s*$/, '').trimEnd();
    return strip(a) === strip(b);
  } catch {
    return false;
  }
}

interface PageSpec {
  key: string;
  label: string;
  path: string;
}

export async function runChromium(results: Results, options: ChromiumOptions): Promise<void> {
  const log = options.log ?? (() => {});
  const idleMs = options.idleMs ?? 5000;
  const want = (k: string) => !options.only || options.only.includes(k);
  // The sourcemap of the analysis build maps the loaded build's profile when both are the same code.
  const same =
    !!options.profileExtDir &&
    sameCode(path.join(options.extDir, 'content-scripts/content.js'), path.join(options.profileExtDir, 'content-scripts/content.js'));
  const modulesFrom = (l: Loaded, dir: string) => {
    const p = profileByModule(l.profile!, dir);
    return {
      totalMs: Math.round(p.totalMs),
      modules: p.modules.slice(0, 15).map(([m, ms]) => ({ module: m, ms: Math.round(ms * 10) / 10 })),
      functions: p.functions.slice(0, 15).map(([f, ms]) => ({ function: f, ms: Math.round(ms * 10) / 10 })),
      nativeCalls: p.natives.slice(0, 12).map(([m, ms]) => ({ call: m, ms: Math.round(ms * 10) / 10 })),
    };
  };
  const profiles: Record<string, unknown> = {};

  // ---- inputs
  const registry = JSON.parse(fs.readFileSync(path.join(ROOT, 'lib/registry/generated/registry.json'), 'utf8')) as {
    sources: Array<{ name: string; domains: string[] }>;
  };
  const synth = syntheticPage(options.syntheticBytes ?? 5 * MB, citationKeys(registry.sources));
  const synthFile = path.join(ROOT, 'artifacts/bench/synthetic-5mb.html');
  fs.mkdirSync(path.dirname(synthFile), { recursive: true });
  fs.writeFileSync(synthFile, synth.html);
  results.extra.syntheticPage = {
    file: path.relative(ROOT, synthFile),
    bytes: Buffer.byteLength(synth.html),
    paragraphs: synth.paragraphs,
    citationsInserted: synth.citations,
    numericRefs: synth.numericRefs,
  };
  const server: BenchServer = await startBenchServer({
    '/wikipedia-2.html': { file: WIKIPEDIA_2 },
    '/synthetic-5mb.html': { file: synthFile },
    '/seed.html': { file: seedArticlePath() },
  });
  results.note(
    `pages: wikipedia-2 = corpus readability/wikipedia-2 (${(fs.statSync(WIKIPEDIA_2).size / MB).toFixed(1)} MB, 433 references); synthetic-5mb = ${path.relative(ROOT, synthFile)} (${(Buffer.byteLength(synth.html) / MB).toFixed(1)} MB, ${synth.paragraphs} paragraphs, ${synth.citations} citations inserted, generated each run from corpus sentences); "start" = Chromium's ScriptInjection::InjectJs of content.js, minus any page task Chromium ran before compiling it (the page's own first layout on the 5 MB page).`,
  );
  const pages: PageSpec[] = [
    { key: 'wikipedia-2', label: 'wikipedia-2 (1 MB, 433 refs)', path: '/wikipedia-2.html' },
    { key: 'synthetic-5mb', label: `synthetic ${(Buffer.byteLength(synth.html) / MB).toFixed(1)} MB`, path: '/synthetic-5mb.html' },
  ];

  const plain = await launchPlain();
  let ext: ChromiumSession | null = null;
  let floorExt: ChromiumSession | null = null;
  const floorDir = want('first-pass') ? floorExtension() : null;
  try {
    ext = await launchChromium(options.extDir);
    if (floorDir) {
      floorExt = await launchChromium(floorDir, { snapshot: false });
      await floorExt.context.addInitScript(INIT_SCRIPT);
    }
    await plain.context.addInitScript(INIT_SCRIPT);
    await ext.context.addInitScript(INIT_SCRIPT);
    // Warm both browsers' renderers and HTTP stacks once (not measured).
    for (const ctx of [plain.context, ext.context]) {
      const p = await ctx.newPage();
      await p.goto(server.url('/seed.html'), { waitUntil: 'load' });
      await sleep(1000);
      await p.close();
    }

    // ---------------------------------------------------------------- (a) first pass, (b) idle
    for (const spec of want('first-pass') ? pages : want('idle') ? pages.slice(0, 1) : []) {
      const url = server.url(spec.path);
      log(`chromium: ${spec.key} without the extension`);
      const base = await load(plain.context, url, { ext: false, categories: LIGHT_CATEGORIES });
      const fl = await floor(base.page);
      const changeCost = await pageChangeCost(base);
      const baseLongest = longestTask(base, base.state.dcl, base.state.now);
      const baseLongtasks = base.state.longtasks.filter(([s]) => s >= base.state.dcl);

      log(`chromium: ${spec.key} with the extension`);
      const withExt = await load(ext.context, url, { ext: true, categories: process.env.SLB_TIMELINE ? FULL_CATEGORIES : LIGHT_CATEGORIES, profile: !process.env.SLB_TIMELINE, profileIntervalUs: 500 });
      const tasks = extensionTasks(withExt);
      if (same && withExt.profile) profiles[spec.key] = modulesFrom(withExt, options.profileExtDir!);
      if (same && withExt.profile && tasks.longestAt) {
        const inLongest = profileByModule(withExt.profile!, options.profileExtDir!, tasks.longestAt);
        const top = inLongest.functions.slice(0, 8).map(([f, ms]) => `${f} ${ms.toFixed(1)}`);
        const natives = inLongest.natives.slice(0, 4).map(([f, ms]) => `${f} ${ms.toFixed(1)}`);
        results.note(`${spec.key}: in the longest extension task (${tasks.longestMs.toFixed(1)} ms): ${[...top, ...natives].join(', ')}`);
      }
      const s = withExt.state;
      const started = scriptStart(withExt);
      const inject = started?.ms ?? null;
      const marked = inject === null || s.lastMark < 0 ? null : s.lastMark - inject;
      const resolved = inject === null || s.lastAttr < 0 ? null : s.lastAttr - inject;
      const windowEnd = Math.max(s.lastMark, s.lastAttr) + 50;
      const extLongest = inject === null ? null : longestTask(withExt, inject, windowEnd);
      const rendering = inject === null || !withExt.profile ? null : renderingTasks(withExt, tasks.starts, inject, windowEnd);
      const extLongtasks = s.longtasks.filter(([st]) => inject !== null && st >= inject - 1);
      const extraHeap = (withExt.heapUsed - base.heapUsed) / MB;
      if (process.env.SLB_TIMELINE && inject !== null) {
        // Debugging aid: every top-level task from injection to the last marker (page ms).
        for (const t of tasksOf(withExt.events, withExt.pid, withExt.tid)) {
          const at = t.ts / 1000 - withExt.offset - inject;
          if (at + t.dur / 1000 < 0 || at > Math.max(marked ?? 0, resolved ?? 0) + 5) continue;
          if (t.dur < Number(process.env.SLB_TIMELINE) * 1000) continue;
          const inside = new Map<string, number>();
          for (const e of withExt.events) {
            if (e.pid !== withExt.pid || e.tid !== withExt.tid || e.ph !== 'X' || !e.dur || e.ts < t.ts || e.ts + e.dur > t.ts + t.dur) continue;
            if (e.dur < 300 || e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') continue;
            const url = String(e.args?.data?.url ?? '').replace(/^.*\//, '');
            const k = url ? `${e.name}(${url})` : e.name;
            inside.set(k, (inside.get(k) ?? 0) + e.dur / 1000);
          }
          const top = [...inside].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
          log(`  task +${at.toFixed(1)} ms  ${(t.dur / 1000).toFixed(1)} ms  ${top}`);
        }
      }

      results.extra[`chromium.${spec.key}`] = {
        url: spec.path,
        timedOut: withExt.timedOut,
        markers: s.count,
        highlightRanges: s.highlights,
        markSteps: s.markSteps,
        injectAtMs: inject,
        pageTasksBetweenInjectionAndCompileMs: started?.pageTasksMs ?? null,
        compileAfterInjectionMs: started?.compileAfterMs ?? null,
        renderingTasksAfterStart: rendering,
        pageOwnChangeCostMs: changeCost,
        dclMs: s.dcl,
        loadMs: s.load,
        firstMarkerAfterInjectMs: inject === null || s.firstMark < 0 ? null : s.firstMark - inject,
        allMarkedAfterInjectMs: marked,
        resolvedAfterInjectMs: resolved,
        floor: fl,
        extensionTasks: tasks,
        longestTaskInExtensionWindowMs: extLongest,
        pageOwnLongestTaskAfterDclMs: baseLongest,
        longtasksWithExt: extLongtasks,
        longtasksWithoutExt: baseLongtasks,
        heapUsedWithExtMB: withExt.heapUsed / MB,
        heapUsedWithoutExtMB: base.heapUsed / MB,
        heapBeforeGcWithExtMB: withExt.heapBeforeGc / MB,
        heapBeforeGcWithoutExtMB: base.heapBeforeGc / MB,
      };
      if (withExt.timedOut) results.note(`${spec.key}: the extension's markers never settled (timed out); numbers are partial.`);
      results.add({
        section: 'a',
        name: `${spec.key}: start → all ${s.count} marked`,
        value: marked,
        unit: 'ms',
        baseline: fl.first,
        baselineName: `floor, ${fl.nodes} text nodes`,
        target: 'ratio ≤ 2',
        pass: marked === null ? false : marked / fl.first <= 2,
        note: `floor = first (cold) run in the page without the extension; warm median ${fl.ms.toFixed(1)} ms`,
      });
      if (floorExt) {
        // The least a content script can take here: the floor's walk alone, injected as ours.
        log(`chromium: ${spec.key} with a content script that is only the floor`);
        await floorExt.context.newPage().then((p) => p.goto(server.url('/seed.html'), { waitUntil: 'load' }).then(() => p.close()));
        const fx = await load(floorExt.context, url, { ext: false, categories: LIGHT_CATEGORIES });
        const fStart = scriptStart(fx);
        const done = Number(await fx.page.evaluate(`document.documentElement.getAttribute('data-slb-floor-done')`));
        const floorScript = fStart && done > 0 ? done - fStart.ms : null;
        results.extra[`chromium.${spec.key}`] = { ...(results.extra[`chromium.${spec.key}`] as object), floorAsContentScriptMs: floorScript };
        results.add({
          section: 'a',
          name: `${spec.key}: the floor as a content script`,
          value: floorScript,
          unit: 'ms',
          baseline: fl.first,
          baselineName: 'floor',
          note: 'a content script that is only the floor walk (its own tiny extension, injected like ours): start → done, the least any content script can take',
        });
        await fx.page.close();
        // The least a content script that marks can take: the same walk, a highlight range per pair.
        const mx = await load(floorExt.context, url + MARK_HASH, { ext: false, categories: LIGHT_CATEGORIES });
        const mStart = scriptStart(mx);
        const [mDone, mMarks] = (await mx.page.evaluate(
          `['data-slb-floor-done', 'data-slb-floor-marks'].map((a) => Number(document.documentElement.getAttribute(a)))`,
        )) as number[];
        const floorMarks = mStart && mDone > 0 ? mDone - mStart.ms : null;
        results.extra[`chromium.${spec.key}`] = { ...(results.extra[`chromium.${spec.key}`] as object), floorMarksAsContentScriptMs: floorMarks, floorMarks: mMarks };
        results.add({
          section: 'a',
          name: `${spec.key}: the floor + ${mMarks} highlights, as a content script`,
          value: floorMarks,
          unit: 'ms',
          baseline: fl.first,
          baselineName: 'floor',
          note: 'the same tiny content script, which also makes a Range of every bracket pair it counts and puts them all in one CSS highlight: start → done, the least any content script that marks can take (no detection, no markers for the keyboard)',
        });
        await mx.page.close();
      }
      results.add({
        section: 'a',
        name: `${spec.key}: start → resolved`,
        value: resolved,
        unit: 'ms',
        baseline: fl.first,
        baselineName: 'floor',
      });
      results.add({
        section: 'a',
        name: `${spec.key}: longest task running ext`,
        // Extension tasks are found with the CPU profile; SLB_TIMELINE runs without one.
        value: withExt.profile ? tasks.longestMs : null,
        unit: 'ms',
        baseline: baseLongest,
        baselineName: 'page alone, after DCL',
        ratio: null,
        target: '≤ 50 ms',
        pass: withExt.profile ? tasks.longestMs <= 50 : null,
        note: !withExt.profile ? 'not measured: no CPU profile in this run (SLB_TIMELINE)' : `${tasks.count} extension tasks, ${tasks.extMs.toFixed(0)} ms sampled in them; longest task in window ${extLongest?.toFixed(0)} ms; longtask entries ${extLongtasks.length} with, ${baseLongtasks.length} without`,
      });
      if (rendering) {
        results.add({
          section: 'a',
          name: `${spec.key}: longest rendering update we cause`,
          value: rendering.longestMs,
          unit: 'ms',
          baseline: changeCost,
          baselineName: 'page alone, 1 text node changed',
          note: `tasks after start with no extension JS in them (style, layout, paint after our changes): ${rendering.over16} over 16 ms, ${rendering.over50} over 50 ms; the baseline is the page's own update after one visible change, the least any marking can cost`,
        });
      }
      results.add({
        section: 'a',
        name: `${spec.key}: extra JS heap (after GC)`,
        value: extraHeap,
        unit: 'MB',
        baseline: base.heapUsed / MB,
        baselineName: 'page heap w/o ext',
        ratio: null,
        target: '≤ 5 MB',
        pass: extraHeap <= 5,
        note: `before GC: +${((withExt.heapBeforeGc - base.heapBeforeGc) / MB).toFixed(1)} MB`,
      });

      if (options.attributing) {
        // Attributing pass: which tasks run extension JS, and how much layout they force.
        log(`chromium: ${spec.key} attributing pass`);
        const attr = await load(ext.context, url, { ext: true, categories: FULL_CATEGORIES });
        const a = attribute(attr.events, attr.pid, attr.tid);
        results.extra[`chromium.${spec.key}.attribution`] = a;
        results.add({
          section: 'a',
          name: `${spec.key}: longest task w/ ext JS (attributing trace)`,
          value: a.longestTaskMs,
          unit: 'ms',
          target: '≤ 50 ms',
          pass: a.longestTaskMs <= 50,
          note: `ext JS ${a.ms.toFixed(0)} ms in ${a.calls} entries; layout forced inside ${a.layoutMs.toFixed(0)} ms (trace overhead inflates)`,
        });
        await attr.page.close();
      }

      // (b) idle: the same settled page, 5 s, with vs without.
      if (spec.key === 'wikipedia-2' && want('idle')) {
        log('chromium: idle 5 s, with and without');
        const idleBase = await windowCost(base.page, base.cdp, idleMs);
        const idleExt = await windowCost(withExt.page, withExt.cdp, idleMs);
        results.extra['chromium.idle'] = { withExt: idleExt, withoutExt: idleBase };
        results.add({
          section: 'b',
          name: 'idle 5 s (static page): ext JS entries',
          value: idleExt.ext.calls,
          unit: 'calls',
          target: '0 (no polling)',
          pass: idleExt.ext.calls === 0,
          note: `${idleExt.ext.ms.toFixed(1)} ms ext JS; kinds ${JSON.stringify(idleExt.ext.byKind)}`,
        });
        results.add({
          section: 'b',
          name: 'idle 5 s (static page): task time',
          value: idleExt.taskMsPerS,
          unit: 'ms/s',
          baseline: idleBase.taskMsPerS,
          baselineName: 'without ext',
        });
      }
      await base.page.close();
      await withExt.page.close();
    }

    // ---------------------------------------------------------------- (b) mutating page
    if (want('mutating')) {
      const url = server.url('/wikipedia-2.html');
      log('chromium: mutating page (1,000 mutations/s), with and without');
      const runMutating = async (context: BrowserContext, withExt: boolean) => {
        const l = await load(context, url, { ext: withExt, categories: LIGHT_CATEGORIES });
        await l.page.evaluate('window.__slbMutate(1000)');
        await sleep(1000);
        const before = (await l.page.evaluate(READ_STATE)) as PageState;
        const cost = await windowCost(l.page, l.cdp, idleMs);
        const after = (await l.page.evaluate(READ_STATE)) as PageState;
        await l.page.evaluate('window.__slbStopMutate && window.__slbStopMutate()');
        await l.page.close();
        return { cost, markers: [before.count, after.count] };
      };
      const mb = await runMutating(plain.context, false);
      const me = await runMutating(ext.context, true);
      const timer = me.cost.ext.byKind['timer'] ?? { calls: 0, ms: 0 };
      const raf = me.cost.ext.byKind['animation frame'] ?? { calls: 0, ms: 0 };
      const obsOwn = me.cost.ext.byKind['event/observer/promise'] ?? { calls: 0, ms: 0 };
      const obsIn = me.cost.ext.byKind['observer in a page task'] ?? { calls: 0, ms: 0 };
      const obs = { calls: obsOwn.calls + obsIn.calls, ms: obsOwn.ms + obsIn.ms };
      results.extra['chromium.mutating'] = { withExt: me, withoutExt: mb };
      results.add({
        section: 'b',
        name: '1,000 mutations/s: ext main-thread time',
        value: me.cost.ext.ms / me.cost.seconds,
        unit: 'ms/s',
        target: '≤ 100 ms/s (bench target)',
        pass: me.cost.ext.ms / me.cost.seconds <= 100,
        note: `observer ${(obs.calls / me.cost.seconds).toFixed(0)}/s ${(obs.ms / me.cost.seconds).toFixed(1)} ms/s; rAF layout ${(raf.calls / me.cost.seconds).toFixed(0)}/s ${(raf.ms / me.cost.seconds).toFixed(1)} ms/s; longest ${me.cost.ext.longestTaskMs.toFixed(0)} ms`,
      });
      results.add({
        section: 'b',
        name: '1,000 mutations/s: incremental scans',
        value: timer.calls / me.cost.seconds,
        unit: 'scans/s',
        target: '≤ 5/s (200 ms batches)',
        pass: timer.calls / me.cost.seconds <= 5,
        note: `${(timer.ms / Math.max(1, timer.calls)).toFixed(1)} ms per scan; markers ${me.markers[0]}→${me.markers[1]}`,
      });
      results.add({
        section: 'b',
        name: '1,000 mutations/s: task time',
        value: me.cost.taskMsPerS,
        unit: 'ms/s',
        baseline: mb.cost.taskMsPerS,
        baselineName: 'without ext',
      });
    }

    // ---------------------------------------------------------------- (c) start-up
    if (want('startup')) await startup(results, ext, server, log);

    // ---------------------------------------------------------------- CPU profile by module
    if (options.profileExtDir && want('profile') && !same) {
      log('chromium: CPU profile (sourcemapped build of the current sources)');
      const prof = await launchChromium(options.profileExtDir);
      try {
        await prof.context.addInitScript(INIT_SCRIPT);
        for (const spec of pages) {
          const l = await load(prof.context, server.url(spec.path), { ext: true, categories: LIGHT_CATEGORIES, profile: true });
          profiles[spec.key] = modulesFrom(l, prof.extensionPath);
          await l.page.close();
        }
      } finally {
        await prof.close();
      }
    }
    if (Object.keys(profiles).length) {
      results.extra['chromium.profile'] = {
        build: same ? 'the loaded .output build (identical to the sourcemapped build)' : 'sourcemapped build of the current sources',
        ...profiles,
      };
    }
  } finally {
    await ext?.close();
    await floorExt?.close();
    if (floorDir) fs.rmSync(floorDir, { recursive: true, force: true });
    await plain.close();
    await server.close();
  }
}

/** (c) First resolution with a sleeping service worker vs a running one, and the registry in the worker. */
async function startup(results: Results, ext: ChromiumSession, server: BenchServer, log: (s: string) => void): Promise<void> {
  log('chromium: start-up (service worker running vs stopped)');
  const page = await ext.context.newPage();
  const cdp = await ext.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  let status = '';
  const transitions: Array<[string, number]> = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
    for (const v of e.versions) {
      if (!v.scriptURL.startsWith(ext.extensionBase)) continue;
      if (v.runningStatus !== status) {
        status = v.runningStatus;
        transitions.push([status, Date.now()]);
      }
    }
  });
  const url = server.url('/seed.html');
  const once = async () => {
    await page.goto(url, { waitUntil: 'load' });
    const deadline = Date.now() + 30_000;
    let s = (await page.evaluate(READ_STATE)) as PageState;
    while (s.firstAttr < 0 && Date.now() < deadline) {
      await sleep(25);
      s = (await page.evaluate(READ_STATE)) as PageState;
    }
    return { resolved: s.firstAttr, marked: s.firstMark, load: s.load };
  };
  const warm: number[] = [];
  const cold: number[] = [];
  const warmFromLoad: number[] = [];
  const coldFromLoad: number[] = [];
  const swStart: number[] = [];
  await once();
  for (let i = 0; i < 3; i++) {
    const r = await once();
    warm.push(r.resolved);
    warmFromLoad.push(r.resolved - r.load);
  }
  for (let i = 0; i < 3; i++) {
    await cdp.send('ServiceWorker.stopAllWorkers');
    const deadline = Date.now() + 10_000;
    while (status !== 'stopped' && Date.now() < deadline) await sleep(50);
    transitions.length = 0;
    const r = await once();
    cold.push(r.resolved);
    coldFromLoad.push(r.resolved - r.load);
    const starting = transitions.find(([s]) => s === 'starting')?.[1];
    const running = transitions.find(([s]) => s === 'running')?.[1];
    if (starting && running) swStart.push(running - starting);
  }
  const w = median(warm);
  const c = median(cold);
  results.extra['chromium.startup'] = { warmResolvedMs: warm, coldResolvedMs: cold, warmFromLoadMs: warmFromLoad, coldFromLoadMs: coldFromLoad, swStartingToRunningMs: swStart };
  results.add({
    section: 'c',
    name: 'seed page: nav → resolved, worker asleep',
    value: c,
    unit: 'ms',
    baseline: w,
    baselineName: 'worker running',
    note: `from the load event: ${median(coldFromLoad).toFixed(0)} ms asleep vs ${median(warmFromLoad).toFixed(0)} ms running (median of 3); worker starting→running ${swStart.length ? median(swStart).toFixed(0) : '?'} ms (protocol events)`,
  });
  await page.close();

  // The registry in the worker: fetch + parse the packaged data files, build the index (code
  // of lib/registry/index.ts injected through the protocol, which CSP does not apply to).
  let sw: Worker | null = null;
  try {
    // Wake the worker and find it (playwright keeps the first Worker object only).
    const wake = await ext.context.newPage();
    await wake.goto(url, { waitUntil: 'load' });
    await sleep(500);
    await wake.close();
    sw = ext.context.serviceWorkers().find((x) => x.url().startsWith(ext.extensionBase)) ?? null;
    if (sw) await sw.evaluate('1');
  } catch {
    sw = null;
  }
  if (!sw) {
    results.note('c: could not evaluate in the service worker (playwright lost it after the restarts); registry-in-worker timing skipped.');
    return;
  }
  const script = await scriptExposing('./lib/registry/index', 'RegistryIndex', '__slbRegistryIndex');

  try {
    await sw.evaluate(script);
    const runs: Array<{ fetch: number; parse: number; index: number }> = [];
    for (let i = 0; i < 3; i++) {
      runs.push(
        (await sw.evaluate(`(async () => {
          const t0 = performance.now();
          const [reg, rat] = await Promise.all(['data/registry.json', 'data/ratings.json'].map((f) => fetch(chrome.runtime.getURL(f)).then((r) => r.text())));
          const t1 = performance.now();
          const registry = JSON.parse(reg), ratings = JSON.parse(rat);
          const t2 = performance.now();
          new globalThis.__slbRegistryIndex(registry, { ratings });
          const t3 = performance.now();
          return { fetch: t1 - t0, parse: t2 - t1, index: t3 - t2 };
        })()`)) as { fetch: number; parse: number; index: number },
      );
    }
    results.extra['chromium.swRegistry'] = runs;
    const first = runs[0];
    results.extra['chromium.swRegistryFirst'] = first;
    results.add({
      section: 'c',
      name: 'worker: fetch+parse data + RegistryIndex',
      value: first.fetch + first.parse + first.index,
      unit: 'ms',
      note: `fetch ${first.fetch.toFixed(0)} + parse ${first.parse.toFixed(0)} + index ${first.index.toFixed(0)} ms; warm median ${median(runs.slice(1).map((r) => r.fetch + r.parse + r.index)).toFixed(0)} ms`,
    });
  } catch (error) {
    results.note(`c: registry timing in the service worker failed: ${String(error).split('\n')[0]}`);
  }
}
