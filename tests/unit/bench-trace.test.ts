/**
 * The bench's reading of Chromium traces (bench/lib/trace.ts): where the content script starts.
 * Chromium may take up a document_idle script, let the page's own first layout run, and only then
 * compile the script; that page task is not the content script's time.
 */
import { describe, expect, it } from 'vitest';
import { contentScriptStart, tasksOf, type TraceEvent } from '../../bench/lib/trace';

const PID = 7;
const TID = 1;
const URL = 'chrome-extension://abc/content-scripts/content.js';
const task = (ts: number, dur: number): TraceEvent => ({ name: 'ThreadControllerImpl::RunTask', cat: 'toplevel', ph: 'X', pid: PID, tid: TID, ts, dur });
const inject = (ts: number, dur: number): TraceEvent => ({ name: 'ScriptInjection::InjectJs', cat: 'extensions', ph: 'X', pid: PID, tid: TID, ts, dur });
const compile = (ts: number, url = URL): TraceEvent => ({ name: 'v8.compile', cat: 'v8,devtools.timeline', ph: 'X', pid: PID, tid: TID, ts, dur: 3000, args: { data: { url } } });

describe('bench trace: content-script start', () => {
  it('is the injection when the script is compiled right after it', () => {
    const events = [task(1000, 10_000), inject(1000, 2000), compile(3500)];
    expect(contentScriptStart(events, PID, TID)).toEqual({ injectUs: 1000, compileUs: 3500, pageTasksUs: 0, startUs: 1000 });
  });

  it('leaves out the page tasks that ran between injection and compilation', () => {
    // Injection inside the parse task, then the page's 260 ms layout, then our script.
    const events = [task(0, 5000), inject(1000, 2000), task(6000, 260_000), task(270_000, 9000), compile(270_100)];
    expect(tasksOf(events, PID, TID)).toHaveLength(3);
    const s = contentScriptStart(events, PID, TID)!;
    expect(s.pageTasksUs).toBe(260_000);
    expect(s.startUs).toBe(261_000);
  });

  it('ignores other scripts, and falls back to the injection without a compile event', () => {
    const events = [inject(1000, 2000), task(5000, 50_000), compile(60_000, 'https://page.example/app.js')];
    expect(contentScriptStart(events, PID, TID)).toEqual({ injectUs: 1000, compileUs: null, pageTasksUs: 0, startUs: 1000 });
    expect(contentScriptStart([task(0, 10)], PID, TID)).toBeNull();
  });
});
