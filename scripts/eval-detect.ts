/**
 * Citation detection, scored on a labelled set: real corpus paragraphs (de, fr, en, ja, es) with
 * markers of every form inserted, and decoys that must not be detected
 * (tests/fixtures/detect-eval/, made by its generate.ts).
 *
 * A detection is a true positive when an expected marker has the same text at the same offset
 * of the same block's visible text and the same kind; anything else detected is a false
 * positive; expected markers not found (or found with the wrong kind) are false negatives.
 *
 * Used by `npm run eval` (scripts/eval.ts imports evalDetect) and tests/unit/detect-eval.test.ts.
 * Prints nothing unless run directly (`npx tsx scripts/eval-detect.ts`) or through report().
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseHtml } from '../cli/parse';
import { detectCitations, type Detection } from '../lib/detect/index';
import { isExcluded } from '../lib/detect/walk';

const SET_DIR = join(dirname(fileURLToPath(import.meta.url)), '../tests/fixtures/detect-eval');
const LIST = 20;

interface ExpectedMarker {
  b: number;
  at: number;
  text: string;
  kind: string;
  form: string;
  lang: string;
}

interface Decoy {
  b: number;
  text: string;
  form: string;
}

interface EvalSetFile {
  docs: Array<{ file: string; page: string; lang: string; markers: ExpectedMarker[]; decoys: Decoy[] }>;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

export interface Miss {
  doc: string;
  block: number;
  marker: string;
  /** Expected kind (FN) or detected kind (FP); "expected → detected" when the kind is wrong. */
  kind: string;
  /** Positive form (FN) or decoy form (FP; "unlabelled" when no decoy was placed there). */
  form: string;
  context: string;
}

export interface EvalDetails {
  set: { documents: number; pages: number; languages: Record<string, number>; positives: number; decoys: number };
  byLanguage: Record<string, Counts>;
  /** Positive forms: how many were found. */
  byForm: Record<string, Counts>;
  /** Decoy forms: how many there are and how many were (wrongly) detected. */
  byDecoy: Record<string, { decoys: number; fp: number }>;
  /** Numeric TPs whose reference text was found in the page's reference list. */
  numericLinked: { linked: number; total: number };
  falsePositives: Miss[];
  falseNegatives: Miss[];
}

export interface EvalResult {
  name: string;
  precision: number;
  recall: number;
  tp: number;
  fp: number;
  fn: number;
  details: EvalDetails;
}

/**
 * A block's text as the detector reads it: its text nodes in order, without the subtrees the
 * detector skips (ruby readings, scripts, hidden elements…).
 */
export function blockVisibleText(block: Element): string {
  let out = '';
  const walk = (node: Node): void => {
    if (node.nodeType === 3) out += (node as Text).data;
    else if (node.nodeType === 1 && !isExcluded(node as Element)) node.childNodes.forEach(walk);
  };
  block.childNodes.forEach(walk);
  return out;
}

/** Offset of (node, offset) in blockVisibleText(block), or -1. */
function offsetIn(block: Element, target: Text, offset: number): number {
  let pos = 0;
  let found = -1;
  const walk = (node: Node): boolean => {
    if (node === target) {
      found = pos + offset;
      return true;
    }
    if (node.nodeType === 3) pos += (node as Text).data.length;
    else if (node.nodeType === 1 && !isExcluded(node as Element)) {
      for (let c = node.firstChild; c; c = c.nextSibling) if (walk(c)) return true;
    }
    return false;
  };
  for (let c = block.firstChild; c; c = c.nextSibling) if (walk(c)) break;
  return found;
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);

function counts(tp: number, fp: number, fn: number): Counts {
  return { tp, fp, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) };
}

function snippet(text: string, at: number, len: number): string {
  const from = Math.max(0, at - 50);
  return ((from > 0 ? '…' : '') + text.slice(from, at) + '⟦' + text.slice(at, at + len) + '⟧' + text.slice(at + len, at + len + 30)).replace(/\s+/g, ' ');
}

export async function evalDetect(options: { dir?: string } = {}): Promise<EvalResult> {
  const dir = options.dir ?? SET_DIR;
  const set = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as EvalSetFile;
  const lang: Record<string, { tp: number; fp: number; fn: number }> = {};
  const form: Record<string, { tp: number; fn: number }> = {};
  const decoyForms: Record<string, { decoys: number; fp: number }> = {};
  const fps: Miss[] = [];
  const fns: Miss[] = [];
  const numericLinked = { linked: 0, total: 0 };
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let positives = 0;
  let decoys = 0;
  const languages: Record<string, number> = {};
  const pages = new Set<string>();

  for (const doc of set.docs) {
    pages.add(doc.page);
    languages[doc.lang] = (languages[doc.lang] ?? 0) + 1;
    const L = (lang[doc.lang] ??= { tp: 0, fp: 0, fn: 0 });
    for (const d of doc.decoys) {
      (decoyForms[d.form] ??= { decoys: 0, fp: 0 }).decoys++;
      decoys++;
    }
    positives += doc.markers.length;
    const html = readFileSync(join(dir, 'docs', doc.file), 'utf8');
    const { document, close } = parseHtml(html, `https://eval.invalid/${doc.file}`);
    try {
      let detections: Detection[] = [];
      detections = detectCitations(document);
      const expected = new Map<string, ExpectedMarker>();
      for (const m of doc.markers) expected.set(`${m.b}:${m.at}:${m.text}`, m);
      const matched = new Set<ExpectedMarker>();
      const texts = new Map<Element, string>();
      const textOf = (el: Element): string => {
        let t = texts.get(el);
        if (t === undefined) texts.set(el, (t = blockVisibleText(el)));
        return t;
      };
      for (const d of detections) {
        const el = d.anchor.startNode.parentElement?.closest('[data-b]') ?? null;
        const b = el ? Number(el.getAttribute('data-b')) : -1;
        const at = el ? offsetIn(el, d.anchor.startNode, d.anchor.startOffset) : -1;
        const m = expected.get(`${b}:${at}:${d.citation.marker}`);
        if (m && !matched.has(m) && m.kind === d.citation.kind) {
          matched.add(m);
          tp++;
          L.tp++;
          (form[m.form] ??= { tp: 0, fn: 0 }).tp++;
          if (m.kind === 'numeric') {
            numericLinked.total++;
            if (d.citation.parts.every((p) => p.refText)) numericLinked.linked++;
          }
          continue;
        }
        fp++;
        L.fp++;
        const decoy = doc.decoys.find((x) => x.b === b && (x.text.includes(d.citation.marker) || d.citation.marker.includes(x.text)));
        const f = m ? 'wrong kind' : decoy ? decoy.form : 'unlabelled';
        if (decoy && !m) decoyForms[decoy.form].fp++;
        if (fps.length < LIST) {
          fps.push({
            doc: doc.file,
            block: b,
            marker: d.citation.marker,
            kind: m ? `${m.kind} → ${d.citation.kind}` : d.citation.kind,
            form: f,
            context: el && at >= 0 ? snippet(textOf(el), at, d.citation.marker.length) : d.citation.context.slice(0, 120),
          });
        }
      }
      for (const m of doc.markers) {
        if (matched.has(m)) continue;
        fn++;
        L.fn++;
        (form[m.form] ??= { tp: 0, fn: 0 }).fn++;
        if (fns.length < LIST) {
          const el = document.querySelector(`[data-b="${m.b}"]`);
          fns.push({ doc: doc.file, block: m.b, marker: m.text, kind: m.kind, form: m.form, context: el ? snippet(textOf(el), m.at, m.text.length) : '' });
        }
      }
    } finally {
      await close();
    }
  }

  const byLanguage: Record<string, Counts> = {};
  for (const [k, v] of Object.entries(lang).sort()) byLanguage[k] = counts(v.tp, v.fp, v.fn);
  const byForm: Record<string, Counts> = {};
  for (const [k, v] of Object.entries(form).sort()) byForm[k] = counts(v.tp, 0, v.fn);
  const byDecoy: Record<string, { decoys: number; fp: number }> = {};
  for (const k of Object.keys(decoyForms).sort()) byDecoy[k] = decoyForms[k];
  const all = counts(tp, fp, fn);
  return {
    name: 'citation detection',
    precision: all.precision,
    recall: all.recall,
    tp,
    fp,
    fn,
    details: {
      set: { documents: set.docs.length, pages: pages.size, languages, positives, decoys },
      byLanguage,
      byForm,
      byDecoy,
      numericLinked,
      falsePositives: fps,
      falseNegatives: fns,
    },
  };
}

const pct = (x: number): string => (100 * x).toFixed(1).padStart(5) + '%';

/** A readable table of an evalDetect() result. */
export function formatReport(r: EvalResult): string {
  const d = r.details;
  const lines: string[] = [];
  lines.push(`${r.name}: precision ${pct(r.precision)}  recall ${pct(r.recall)}  (tp ${r.tp}, fp ${r.fp}, fn ${r.fn})`);
  const langs = Object.entries(d.set.languages).map(([k, v]) => `${k} ${v}`).join(', ');
  lines.push(`  set: ${d.set.documents} documents from ${d.set.pages} corpus pages (${langs}); ${d.set.positives} markers, ${d.set.decoys} decoys`);
  lines.push('  by language         precision  recall     tp   fp   fn');
  for (const [k, c] of Object.entries(d.byLanguage)) {
    lines.push(`    ${k.padEnd(16)}  ${pct(c.precision)}    ${pct(c.recall)}  ${String(c.tp).padStart(5)}${String(c.fp).padStart(5)}${String(c.fn).padStart(5)}`);
  }
  lines.push('  by form (positives)  recall       tp   fn');
  for (const [k, c] of Object.entries(d.byForm)) lines.push(`    ${k.padEnd(16)}  ${pct(c.recall)}  ${String(c.tp).padStart(5)}${String(c.fn).padStart(5)}`);
  lines.push('  by decoy            decoys  detected');
  for (const [k, c] of Object.entries(d.byDecoy)) lines.push(`    ${k.padEnd(16)}  ${String(c.decoys).padStart(6)}  ${String(c.fp).padStart(8)}`);
  lines.push(`  numeric markers with their reference text: ${d.numericLinked.linked}/${d.numericLinked.total}`);
  if (d.falsePositives.length) {
    lines.push(`  false positives (first ${LIST}):`);
    for (const m of d.falsePositives) lines.push(`    ${m.doc} #${m.block} ${m.marker} [${m.kind}; ${m.form}]  ${m.context}`);
  }
  if (d.falseNegatives.length) {
    lines.push(`  false negatives (first ${LIST}):`);
    for (const m of d.falseNegatives) lines.push(`    ${m.doc} #${m.block} ${m.marker} [${m.kind}; ${m.form}]  ${m.context}`);
  }
  return lines.join('\n');
}

/** Print formatReport(r). */
export function report(r: EvalResult): void {
  console.log(formatReport(r));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  evalDetect().then(report, (e) => {
    console.error(e);
    process.exit(1);
  });
}
