/**
 * Chrome trace helpers over a playwright CDP session: record, find the page's renderer main
 * thread (by a user-timing mark the bench's init script makes), list its top-level tasks, and
 * attribute work to the extension's content script.
 */
import type { CDPSession } from 'playwright-core';

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  id2?: { local?: string; global?: string };
  args?: Record<string, any>;
}

/**
 * Light: tasks, extension injection events, user timing, V8's compile/run spans (no per-call JS
 * events; `v8` gives the content script's own compile and top-level run, with its URL).
 */
export const LIGHT_CATEGORIES = ['toplevel', 'extensions', 'blink.user_timing', 'v8'];
/** Attribution: adds every JS entry (FunctionCall with its script URL), timers, layout. */
export const FULL_CATEGORIES = ['toplevel', 'extensions', 'blink.user_timing', 'devtools.timeline'];

export class Recorder {
  private events: TraceEvent[] = [];
  private done: Promise<void> | null = null;
  constructor(private readonly cdp: CDPSession) {}

  async start(categories: string[]): Promise<void> {
    this.events = [];
    const onData = (e: { value: object[] }) => {
      for (const v of e.value as unknown as TraceEvent[]) this.events.push(v);
    };
    this.cdp.on('Tracing.dataCollected', onData);
    this.done = new Promise((resolve) =>
      this.cdp.once('Tracing.tracingComplete', () => {
        this.cdp.off('Tracing.dataCollected', onData);
        resolve();
      }),
    );
    await this.cdp.send('Tracing.start', {
      traceConfig: { includedCategories: categories },
      transferMode: 'ReportEvents',
    });
  }

  async stop(): Promise<TraceEvent[]> {
    await this.cdp.send('Tracing.end');
    await this.done;
    return this.events;
  }
}

/** The page's renderer main thread: where the user-timing mark `name` was recorded. */
export function markEvent(events: TraceEvent[], name: string): TraceEvent | null {
  return events.find((e) => e.name === name && e.cat.includes('blink.user_timing')) ?? null;
}

export interface Task {
  ts: number;
  dur: number;
}

/** Top-level tasks of one thread (µs), outermost only. */
export function tasksOf(events: TraceEvent[], pid: number, tid: number): Task[] {
  const list = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.cat.split(',').includes('toplevel') && e.dur !== undefined)
    .map((e) => ({ ts: e.ts, dur: e.dur! }))
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const out: Task[] = [];
  let end = -Infinity;
  for (const t of list) {
    if (t.ts >= end) {
      out.push(t);
      end = t.ts + t.dur;
    }
  }
  return out;
}

export interface ScriptStart {
  /** `ScriptInjection::InjectJs` (µs): Chromium takes up the content script. */
  injectUs: number;
  /** V8 starts compiling content.js (µs), or null when the trace has no such event. */
  compileUs: number | null;
  /**
   * Page tasks that ran between the two (µs, summed): Chromium may let the page's own first
   * layout and paint run after taking up a document_idle script and before evaluating it (on
   * the 5 MB page, a 260 ms layout). Not the content script's time.
   */
  pageTasksUs: number;
  /** The content script's start (µs): injection, with the page's tasks in between left out. */
  startUs: number;
}

/**
 * When the content script `file` (a URL suffix) starts in the renderer `pid`/`tid`, or null:
 * `ScriptInjection::InjectJs` where the trace has it (a plain `ScriptInjection` span also marks
 * the manifest CSS, injected at document start, long before the script runs), shifted by the
 * page's own tasks that Chromium ran before the script was compiled.
 */
export function contentScriptStart(events: TraceEvent[], pid: number, tid: number, file = '/content-scripts/content.js'): ScriptStart | null {
  const js = events.filter((e) => e.pid === pid && e.name === 'ScriptInjection::InjectJs');
  const spans = js.length ? js : events.filter((e) => e.pid === pid && e.name === 'ScriptInjection' && e.ph === 'b');
  if (!spans.length) return null;
  const inject = spans.reduce((a, b) => (b.ts < a.ts ? b : a));
  const injectEnd = inject.ts + (inject.dur ?? 0);
  const compile = events
    .filter((e) => e.pid === pid && e.tid === tid && e.name === 'v8.compile' && e.ts >= inject.ts && String(e.args?.data?.url ?? '').endsWith(file))
    .reduce<TraceEvent | null>((a, b) => (!a || b.ts < a.ts ? b : a), null);
  let pageTasksUs = 0;
  if (compile) for (const t of tasksOf(events, pid, tid)) if (t.ts >= injectEnd && t.ts + t.dur <= compile.ts) pageTasksUs += t.dur;
  return { injectUs: inject.ts, compileUs: compile?.ts ?? null, pageTasksUs, startUs: inject.ts + pageTasksUs };
}

export function isExtensionUrl(url: unknown): boolean {
  return typeof url === 'string' && url.startsWith('chrome-extension://');
}

export interface Attribution {
  /** Number of top-level extension JS entries (FunctionCall/EvaluateScript with our URL). */
  calls: number;
  /** Their total duration (ms), outermost only. */
  ms: number;
  /** By the kind of task they ran in: timer, animation frame, script evaluation, other. */
  byKind: Record<string, { calls: number; ms: number }>;
  /** Longest top-level task (ms) that contains extension JS. */
  longestTaskMs: number;
  /** Layout + style recalc (ms) inside extension JS entries. */
  layoutMs: number;
}

/**
 * Extension work on one thread within [from, to] µs: outermost FunctionCall/EvaluateScript events
 * whose script is the extension's, grouped by the enclosing TimerFire/FireAnimationFrame.
 */
export function attribute(events: TraceEvent[], pid: number, tid: number, from = -Infinity, to = Infinity): Attribution {
  const own = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined && e.ts >= from && e.ts <= to)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const calls = own.filter(
    (e) => (e.name === 'FunctionCall' || e.name === 'EvaluateScript' || e.name === 'v8.run') && isExtensionUrl(e.args?.data?.url ?? e.args?.fileName),
  );
  const outer: TraceEvent[] = [];
  let end = -Infinity;
  for (const c of calls) {
    if (c.ts >= end) {
      outer.push(c);
      end = c.ts + c.dur!;
    }
  }
  const containers = own.filter(
    (e) =>
      e.name === 'TimerFire' ||
      e.name === 'FireAnimationFrame' ||
      e.name === 'FireIdleCallback' ||
      ((e.name === 'FunctionCall' || e.name === 'EvaluateScript') && !isExtensionUrl(e.args?.data?.url)),
  );
  const tasks = tasksOf(events, pid, tid);
  const layouts = own.filter((e) => e.name === 'Layout' || e.name === 'UpdateLayoutTree');
  const byKind: Record<string, { calls: number; ms: number }> = {};
  let longest = 0;
  let layoutUs = 0;
  let ti = 0;
  for (const c of outer) {
    // The innermost enclosing timer/frame/idle callback or page script decides the kind.
    let enclosing: TraceEvent | null = null;
    for (const k of containers) {
      if (k.ts > c.ts) break;
      if (k.ts + k.dur! >= c.ts + c.dur! && (!enclosing || k.ts >= enclosing.ts)) enclosing = k;
    }
    const kind =
      c.name !== 'FunctionCall'
        ? 'script'
        : enclosing === null
          ? 'event/observer/promise'
          : enclosing.name === 'TimerFire'
            ? // A page timer whose own script ran first: we are its microtasks (our MutationObserver).
              containers.some((k) => k.name !== 'TimerFire' && k.ts >= enclosing!.ts && k.ts < c.ts && k.ts + k.dur! <= c.ts)
              ? 'observer in a page task'
              : 'timer'
            : enclosing.name === 'FireAnimationFrame'
              ? 'animation frame'
              : enclosing.name === 'FireIdleCallback'
                ? 'idle callback'
                : 'observer in a page task';
    const k = (byKind[kind] ??= { calls: 0, ms: 0 });
    k.calls++;
    k.ms += c.dur! / 1000;
    while (ti < tasks.length && tasks[ti].ts + tasks[ti].dur < c.ts) ti++;
    const task = tasks[ti];
    if (task && task.ts <= c.ts) longest = Math.max(longest, task.dur / 1000);
    for (const l of layouts) if (l.ts >= c.ts && l.ts + l.dur! <= c.ts + c.dur!) layoutUs += l.dur!;
  }
  return {
    calls: outer.length,
    ms: outer.reduce((s, c) => s + c.dur! / 1000, 0),
    byKind,
    longestTaskMs: longest,
    layoutMs: layoutUs / 1000,
  };
}
