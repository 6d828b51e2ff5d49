/**
 * The bench's summary (bench/lib/report.ts): what a reader of `npm run bench` sees last. A
 * section that threw measured nothing, so the run must not end in "All targets PASS".
 */
import { describe, expect, it } from 'vitest';
import { Results } from '../../bench/lib/report';

const passing = (r: Results) => r.add({ section: 'd', name: 'lookups', value: 2, unit: 'ms', target: '≪ 10 ms', pass: true });

describe('bench summary', () => {
  it('passes when every measured target passes and every section ran', () => {
    const r = new Results();
    passing(r);
    expect(r.verdict(false)).toEqual({ lines: ['All targets PASS'], exitCode: 0 });
  });

  it('names a section that threw, fails the run, and keeps the error among the notes', () => {
    const r = new Results();
    passing(r);
    r.sectionFailed('chromium', new TypeError("Cannot read properties of null (reading 'startTime')"));
    const v = r.verdict(false);
    expect(v.exitCode).toBe(1);
    expect(v.lines.join('\n')).toContain('1 section(s) FAILED TO RUN (exit 1): chromium');
    expect(v.lines.join('\n')).not.toContain('All targets PASS');
    expect(r.notes.some((n) => n.startsWith('chromium: failed: TypeError'))).toBe(true);
  });

  it('fails on a missed target only with --strict', () => {
    const r = new Results();
    r.add({ section: 'a', name: 'ratio', value: 14, unit: '×', target: 'ratio ≤ 2', pass: false });
    expect(r.verdict(false)).toEqual({ lines: ['1 target(s) FAIL (exit 0; use --strict to fail)'], exitCode: 0 });
    expect(r.verdict(true)).toEqual({ lines: ['1 target(s) FAIL (--strict: exit 1)'], exitCode: 1 });
  });
});
