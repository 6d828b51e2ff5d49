/**
 * A minimal source-map v3 reader (no dependency): which original source produced each byte of
 * a generated file, and which source a (line, column) position belongs to.
 */
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_VALUE[B64.charCodeAt(i)] = i;

export interface RawSourceMap {
  version: number;
  sources: string[];
  mappings: string;
  sourceRoot?: string;
}

/** One generated line: segment start columns and the source index of each (-1: unmapped). */
export interface LineSegments {
  columns: number[];
  sources: number[];
  /** 0-based original line of each segment (-1: unmapped). */
  lines: number[];
}

export function decodeMappings(map: RawSourceMap): LineSegments[] {
  const lines: LineSegments[] = [];
  let source = 0;
  let origLine = 0;
  let origCol = 0;
  let name = 0;
  for (const lineText of map.mappings.split(';')) {
    const line: LineSegments = { columns: [], sources: [], lines: [] };
    let col = 0;
    if (lineText) {
      for (const seg of lineText.split(',')) {
        if (!seg) continue;
        const values: number[] = [];
        let value = 0;
        let shift = 0;
        for (let i = 0; i < seg.length; i++) {
          const digit = B64_VALUE[seg.charCodeAt(i)];
          if (digit < 0) throw new Error(`bad VLQ digit in ${seg}`);
          value += (digit & 31) << shift;
          if (digit & 32) {
            shift += 5;
          } else {
            values.push(value & 1 ? -(value >>> 1) : value >>> 1);
            value = 0;
            shift = 0;
          }
        }
        col += values[0];
        if (values.length >= 4) {
          source += values[1];
          origLine += values[2];
          origCol += values[3];
          if (values.length >= 5) name += values[4];
          line.columns.push(col);
          line.sources.push(source);
          line.lines.push(origLine);
        } else {
          line.columns.push(col);
          line.sources.push(-1);
          line.lines.push(-1);
        }
      }
    }
    lines.push(line);
  }
  return lines;
}

/** The source index at a generated position (0-based line and column), or -1. */
export function sourceAt(lines: LineSegments[], line: number, column: number): number {
  return positionAt(lines, line, column).source;
}

/** The original source index and 0-based line at a generated position (-1 when unmapped). */
export function positionAt(lines: LineSegments[], line: number, column: number): { source: number; line: number } {
  const l = lines[line];
  if (!l || l.columns.length === 0 || column < l.columns[0]) return { source: -1, line: -1 };
  let lo = 0;
  let hi = l.columns.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (l.columns[mid] <= column) lo = mid;
    else hi = mid - 1;
  }
  return { source: l.sources[lo], line: l.lines[lo] };
}

/**
 * The generated text split by original source: for each source index (and -1 for unmapped
 * bytes), the concatenated generated slices it produced.
 */
export function slicesBySource(code: string, lines: LineSegments[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const add = (s: number, text: string) => {
    if (!text) return;
    let list = out.get(s);
    if (!list) out.set(s, (list = []));
    list.push(text);
  };
  const codeLines = code.split('\n');
  codeLines.forEach((text, i) => {
    const l = lines[i];
    if (!l || l.columns.length === 0) {
      add(-1, text + '\n');
      return;
    }
    add(-1, text.slice(0, l.columns[0]));
    for (let k = 0; k < l.columns.length; k++) {
      const end = k + 1 < l.columns.length ? l.columns[k + 1] : text.length;
      add(l.sources[k], text.slice(l.columns[k], end) + (k + 1 === l.columns.length ? '\n' : ''));
    }
  });
  return out;
}
