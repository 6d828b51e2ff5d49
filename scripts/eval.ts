/**
 * `npm run eval` (= `tsx scripts/eval.ts`): runs SourceLens' evaluations and prints them, then a
 * summary table. Exit status 1 when an evaluation fails its bar or cannot run.
 *
 * Evaluations
 * -----------
 * - translation: the labelled pairs in tests/fixtures/translation/pairs.jsonl (built from
 *   pairs.src.txt), split by page into a tuning half and a held-out half (set.ts). Pairs are
 *   scored as the report stage scores them (language by function words, then franc). Prints
 *   precision, recall, F1 and counts at the operating threshold, a threshold table, results per
 *   language pair and per kind of negative, the calibration of `confidence`, and the held-out
 *   errors. Fails when held-out precision < 0.9.
 * - citation detection: `scripts/eval-detect.ts` (another engineer's), loaded with a dynamic
 *   import when the file exists; its `report(result)` prints the details when it has one.
 *
 * `--fit` refits the translation model on the tuning half and writes lib/translation/model.ts:
 * per-language length factors (least squares on the tuning positives), then L2-regularised
 * logistic regression (the penalty chosen by leave-one-page-out cross-validation within the
 * tuning half; weights whose direction is fixed by their meaning kept to that sign), and the
 * operating threshold: the best out-of-fold F1 among thresholds with out-of-fold precision
 * ≥ 0.95. The held-out half is never used for fitting or choosing.
 *
 * `--ablation` also refits, in memory and by the same procedure, without the content lexicon
 * (function words only) and prints the held-out result: the bundled lexicon was written with the
 * corpus pages in view, so this bounds how much it flatters the held-out numbers.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { detectLanguage } from '../lib/lang';
import { confidenceFromFeatures, FEATURES, MODEL, pairFeatureValues, TRANSLATION_MIN_CONFIDENCE, type FeatureName, type TranslationModel } from '../lib/translation';
import { chooseThreshold, fitLogistic, metricsAt, type Metrics } from '../lib/translation/fit';
import { useLexiconData } from '../lib/translation/lexicon';
import { LEXICON_DATA } from '../lib/translation/lexicon-data';
import { groupOf, kindOf, loadPairs, PAIRS_PATH, splitPairs, type Half, type LabelledPair } from '../tests/fixtures/translation/set';

/** One row of the final summary. */
interface Summary {
  name: string;
  precision: number | null;
  recall: number | null;
  tp: number | null;
  fp: number | null;
  fn: number | null;
  status: 'pass' | 'FAIL' | 'n/a' | 'ERROR' | 'info';
  note?: string;
}

interface Evaluation {
  name: string;
  run(): Promise<Summary[]>;
}

const HELD_OUT_MIN_PRECISION = 0.9;
const FIT = process.argv.includes('--fit');
const ABLATION = process.argv.includes('--ablation');

/** Features whose meaning fixes the direction of their weight (+1: more means more likely a translation). */
const SIGNS: Partial<Record<FeatureName, 1 | -1>> = {
  coverage: 1,
  wordCoverage: 1,
  lexicon: 1,
  function: 1,
  cognates: 1,
  entities: 1,
  numbers: 1,
  missingNumbers: -1,
  drift: -1,
  driftJa: -1,
  lengthDev: -1,
  sentenceDiff: -1,
};
const L2_GRID = [0.03, 0.1, 0.3, 1, 3, 10];
/** The operating threshold: best out-of-fold F1 on the tuning half among thresholds with at least this precision. */
const MIN_TUNING_PRECISION = 0.95;

const pct = (x: number | null) => (x === null ? '   –  ' : (100 * x).toFixed(1).padStart(5) + '%');
const num = (x: number | null, w = 4) => (x === null ? '–' : String(x)).padStart(w);

function table(head: string[], rows: Array<Array<string | number>>): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map((r) => line(r.map(String)))].join('\n');
}

// ─── Translation ────────────────────────────────────────────────────────────────────────────

interface Scored {
  pair: LabelledPair;
  half: Half;
  values: Record<FeatureName, number> | null;
  ineligible: string | null;
  langs: [string | null, string | null];
  letters: [number, number];
}

function scoreAll(pairs: Record<Half, LabelledPair[]>, lengthFactors?: Record<string, number>): Scored[] {
  const out: Scored[] = [];
  for (const half of ['tuning', 'held-out'] as Half[]) {
    for (const pair of pairs[half]) {
      const r = pairFeatureValues(pair.a.text, pair.b.text, { detect: detectLanguage, lengthFactors });
      out.push({ pair, half, values: r.values, ineligible: r.ineligible, langs: r.langs, letters: r.letters });
    }
  }
  return out;
}

/**
 * Letters per unit of meaning relative to English, per language: least squares on the log
 * length ratios of the eligible tuning positives (ln La − ln Lb = g_a − g_b, g_en = 0).
 */
function fitLengthFactors(rows: Scored[]): Record<string, number> {
  const langs = ['de', 'fr', 'es', 'it', 'ja'];
  const k = langs.length;
  const A = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const b = new Array<number>(k).fill(0);
  for (const r of rows) {
    if (r.half !== 'tuning' || !r.pair.label || r.values === null) continue;
    const [la, lb] = r.langs;
    const x = new Array<number>(k).fill(0);
    const ia = langs.indexOf(la as string);
    const ib = langs.indexOf(lb as string);
    if (ia >= 0) x[ia] += 1;
    if (ib >= 0) x[ib] -= 1;
    const y = Math.log(Math.max(1, r.letters[0])) - Math.log(Math.max(1, r.letters[1]));
    for (let i = 0; i < k; i++) {
      b[i] += x[i] * y;
      for (let j = 0; j < k; j++) A[i][j] += x[i] * x[j];
    }
  }
  for (let i = 0; i < k; i++) A[i][i] += 1e-6;
  // Gaussian elimination (small, well-conditioned).
  for (let c = 0; c < k; c++) {
    for (let r = c + 1; r < k; r++) {
      const f = A[r][c] / A[c][c];
      for (let j = c; j < k; j++) A[r][j] -= f * A[c][j];
      b[r] -= f * b[c];
    }
  }
  const g = new Array<number>(k).fill(0);
  for (let i = k - 1; i >= 0; i--) {
    let v = b[i];
    for (let j = i + 1; j < k; j++) v -= A[i][j] * g[j];
    g[i] = v / A[i][i];
  }
  const out: Record<string, number> = { en: 1 };
  langs.forEach((l, i) => (out[l] = round(Math.exp(g[i]), 3)));
  return out;
}

/** Fit with sign constraints: refit without any constrained feature that comes out the wrong way. */
function fitConstrained(rows: Scored[], l2: number): { model: TranslationModel; dropped: FeatureName[] } {
  const eligible = rows.filter((r) => r.values !== null);
  const active = new Set<FeatureName>(FEATURES);
  const dropped: FeatureName[] = [];
  for (;;) {
    const feats = FEATURES.filter((f) => active.has(f));
    const fit = fitLogistic(
      eligible.map((r) => feats.map((f) => (r.values as Record<FeatureName, number>)[f])),
      eligible.map((r) => r.pair.label),
      { l2 },
    );
    const weights = Object.fromEntries(FEATURES.map((f) => [f, 0])) as Record<FeatureName, number>;
    feats.forEach((f, i) => (weights[f] = fit.weights[i]));
    const wrong = feats.filter((f) => SIGNS[f] !== undefined && Math.sign(weights[f]) === -(SIGNS[f] as number));
    if (wrong.length === 0) return { model: { bias: fit.bias, weights, lengthFactors: MODEL.lengthFactors, threshold: 0.5, l2, fittedOn: '' }, dropped };
    // Drop the most wrong one and refit.
    const worst = wrong.sort((x, y) => Math.abs(weights[y]) - Math.abs(weights[x]))[0];
    active.delete(worst);
    dropped.push(worst);
  }
}

function confidenceOf(r: Scored, model: TranslationModel): number {
  return r.values === null ? 0 : confidenceFromFeatures(r.values, model);
}

/**
 * Leave-one-page-out cross-validation within the tuning rows: every row's confidence from a model
 * fitted without its page, and the mean log-loss of those out-of-fold confidences.
 */
function crossValidate(rows: Scored[], l2: number): { loss: number; oof: Map<Scored, number> } {
  const groups = [...new Set(rows.map((r) => groupOf(r.pair)))];
  const oof = new Map<Scored, number>();
  let loss = 0;
  let n = 0;
  for (const g of groups) {
    const { model } = fitConstrained(
      rows.filter((r) => groupOf(r.pair) !== g),
      l2,
    );
    for (const r of rows) {
      if (groupOf(r.pair) !== g) continue;
      const c = confidenceOf(r, model);
      oof.set(r, c);
      if (r.values === null) continue;
      const p = Math.min(1 - 1e-9, Math.max(1e-9, c));
      loss -= r.pair.label ? Math.log(p) : Math.log(1 - p);
      n++;
    }
  }
  return { loss: loss / Math.max(1, n), oof };
}

function round(x: number, d = 4): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

function fitAndWrite(rows: Scored[], all: LabelledPair[], lengthFactors: Record<string, number>): TranslationModel {
  const model = fitModel(rows, all, lengthFactors, true);
  writeModel(model);
  return model;
}

/** The whole fitting procedure on the tuning rows (see the module comment), in memory. */
function fitModel(rows: Scored[], all: LabelledPair[], lengthFactors: Record<string, number>, verbose: boolean): TranslationModel {
  const log = verbose ? console.log : () => {};
  const tuning = rows.filter((r) => r.half === 'tuning');
  log(`\nLength factors (letters per unit of meaning, en = 1) from the tuning positives: ${JSON.stringify(lengthFactors)}`);
  log('\nFitting on the tuning half (leave-one-page-out CV over the L2 penalty):');
  let best = { l2: L2_GRID[0], loss: Infinity, oof: new Map<Scored, number>() };
  for (const l2 of L2_GRID) {
    const cv = crossValidate(tuning, l2);
    const m = metricsAt(
      tuning.map((r) => cv.oof.get(r) as number),
      tuning.map((r) => r.pair.label),
      0.5,
    );
    log(`  l2 = ${String(l2).padEnd(4)}  CV log-loss ${cv.loss.toFixed(4)}  (out-of-fold at 0.5: P ${pct(m.precision).trim()}, R ${pct(m.recall).trim()})`);
    if (cv.loss < best.loss - 1e-9) best = { l2, loss: cv.loss, oof: cv.oof };
  }
  const { model, dropped } = fitConstrained(tuning, best.l2);
  model.lengthFactors = lengthFactors;
  // The threshold from the out-of-fold confidences: in-sample ones are too sure of themselves.
  model.threshold = chooseThreshold(
    tuning.map((r) => best.oof.get(r) as number),
    tuning.map((r) => r.pair.label),
    MIN_TUNING_PRECISION,
  );
  model.bias = round(model.bias);
  for (const f of FEATURES) model.weights[f] = round(model.weights[f]);
  const pos = tuning.filter((r) => r.pair.label).length;
  const groups = [...new Set(tuning.map((r) => groupOf(r.pair)))].sort();
  model.fittedOn =
    `tuning half of tests/fixtures/translation/pairs.jsonl (${tuning.length} of ${all.length} pairs, ${pos} positive; ` +
    `pages ${groups.join(', ')}); l2 ${best.l2} by leave-one-page-out CV; threshold from out-of-fold confidences` +
    (dropped.length ? `; dropped for a wrong sign: ${dropped.join(', ')}` : '');
  log(`  chosen l2 ${best.l2}; threshold ${model.threshold}`);
  if (dropped.length) log(`  dropped for a wrong sign: ${dropped.join(', ')}`);
  return model;
}

function writeModel(model: TranslationModel): void {
  const weights = FEATURES.map((f) => `    ${f}: ${model.weights[f]},`).join('\n');
  const src = `/**
 * The calibrated model: logistic regression over the pair features (evidence.ts), the length
 * factors and the operating threshold. GENERATED by \`npx tsx scripts/eval.ts --fit\` from the
 * tuning half of tests/fixtures/translation/pairs.jsonl — do not edit the numbers by hand.
 */
import type { FeatureName } from './evidence';

export interface TranslationModel {
  bias: number;
  weights: Record<FeatureName, number>;
  /** Letters per unit of meaning relative to English, per language (fitted on the tuning positives). */
  lengthFactors: Record<string, number>;
  /** Operating threshold on confidence, chosen on the tuning half. */
  threshold: number;
  /** L2 penalty the weights were fitted with. */
  l2: number;
  /** Where the weights come from. */
  fittedOn: string;
}

export const MODEL: TranslationModel = {
  bias: ${model.bias},
  weights: {
${weights}
  },
  lengthFactors: ${JSON.stringify(model.lengthFactors).replace(/"/g, '').replace(/,/g, ', ').replace(/:/g, ': ').replace('{', '{ ').replace('}', ' }')},
  threshold: ${model.threshold},
  l2: ${model.l2},
  fittedOn:
    ${JSON.stringify(model.fittedOn)},
};
`;
  writeFileSync(fileURLToPath(new URL('../lib/translation/model.ts', import.meta.url)), src);
  console.log('  written to lib/translation/model.ts');
}

/** Refit and evaluate without the content lexicon (function words only). */
function ablation(halves: Record<Half, LabelledPair[]>, all: LabelledPair[], full: Metrics): Summary {
  const functionWordsOnly = LEXICON_DATA.split('\n')
    .filter((l) => l.startsWith('F|'))
    .join('\n');
  useLexiconData(functionWordsOnly);
  try {
    let rows = scoreAll(halves);
    const lengthFactors = fitLengthFactors(rows);
    rows = scoreAll(halves, lengthFactors);
    const model = fitModel(rows, all, lengthFactors, false);
    const held = rows.filter((r) => r.half === 'held-out');
    const m = metricsAt(
      held.map((r) => confidenceOf(r, model)),
      held.map((r) => r.pair.label),
      model.threshold,
    );
    console.log(
      `\nAblation — refitted without the content lexicon (function words only), threshold ${model.threshold}:\n` +
        `  held-out precision ${pct(m.precision).trim()}, recall ${pct(m.recall).trim()} (TP ${m.tp}, FP ${m.fp}, FN ${m.fn})` +
        ` vs ${pct(full.precision).trim()} / ${pct(full.recall).trim()} with it`,
    );
    return { name: 'translation (held-out, no lexicon)', precision: m.precision, recall: m.recall, tp: m.tp, fp: m.fp, fn: m.fn, status: 'info', note: 'ablation' };
  } finally {
    useLexiconData(null);
  }
}

function langPair(p: LabelledPair): string {
  return [p.a.lang, p.b.lang].sort().join('-');
}

async function evalTranslation(): Promise<Summary[]> {
  if (!existsSync(PAIRS_PATH)) throw new Error(`${PAIRS_PATH} is missing: run npx tsx tests/fixtures/translation/build.ts`);
  const all = loadPairs();
  const halves = splitPairs(all);
  let rows = scoreAll(halves);
  let model = MODEL;
  if (FIT) {
    // Length factors first (they shape the lengthDev feature), then the weights.
    const lengthFactors = fitLengthFactors(rows);
    rows = scoreAll(halves, lengthFactors);
    model = fitAndWrite(rows, all, lengthFactors);
  }
  const threshold = FIT ? model.threshold : TRANSLATION_MIN_CONFIDENCE;
  const conf = new Map<Scored, number>(rows.map((r) => [r, confidenceOf(r, model)]));
  const sel = (half: Half | 'all') => rows.filter((r) => half === 'all' || r.half === half);
  const metrics = (rs: Scored[], t = threshold): Metrics =>
    metricsAt(
      rs.map((r) => conf.get(r) as number),
      rs.map((r) => r.pair.label),
      t,
    );

  // The set.
  const pos = all.filter((p) => p.label).length;
  const kinds = new Map<string, number>();
  for (const p of all) kinds.set(kindOf(p), (kinds.get(kindOf(p)) ?? 0) + 1);
  console.log(`Labelled set: ${all.length} pairs (${pos} positive, ${all.length - pos} negative), ${new Set(all.map(groupOf)).size} pages`);
  console.log(`  kinds: ${[...kinds].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const h of ['tuning', 'held-out'] as Half[]) {
    const ps = halves[h];
    console.log(`  ${h.padEnd(8)}: ${ps.length} pairs, ${ps.filter((p) => p.label).length} positive — ${[...new Set(ps.map(groupOf))].join(', ')}`);
  }
  console.log(`Model: ${FIT ? 'just fitted' : 'lib/translation/model.ts'} (${model.fittedOn}); threshold ${threshold}`);

  // Language identification against the labels.
  let langOk = 0;
  let langN = 0;
  const langErr = new Map<string, number>();
  for (const r of rows) {
    for (const [side, detected] of [
      [r.pair.a, r.langs[0]],
      [r.pair.b, r.langs[1]],
    ] as const) {
      langN++;
      if (detected === side.lang) langOk++;
      else langErr.set(`${side.lang}→${detected}`, (langErr.get(`${side.lang}→${detected}`) ?? 0) + 1);
    }
  }
  console.log(
    `Language of each side: ${langOk}/${langN} as labelled` + (langErr.size ? ` (wrong: ${[...langErr].map(([k, v]) => `${k} ×${v}`).join(', ')})` : ''),
  );

  // At the operating threshold.
  console.log(`\nAt the operating threshold ${threshold}:`);
  console.log(
    table(
      ['half', 'precision', 'recall', 'F1', 'TP', 'FP', 'FN', 'TN'],
      (['tuning', 'held-out', 'all'] as const).map((h) => {
        const m = metrics(sel(h));
        return [h, pct(m.precision), pct(m.recall), pct(m.f1), m.tp, m.fp, m.fn, m.tn];
      }),
    ),
  );

  // Threshold table.
  const ts = [...new Set([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, threshold])].sort((a, b) => a - b);
  console.log('\nThresholds (precision / recall):');
  console.log(
    table(
      ['threshold', 'tuning P', 'tuning R', 'held-out P', 'held-out R'],
      ts.map((t) => {
        const a = metrics(sel('tuning'), t);
        const b = metrics(sel('held-out'), t);
        return [t === threshold ? `${t} ◀` : String(t), pct(a.precision), pct(a.recall), pct(b.precision), pct(b.recall)];
      }),
    ),
  );

  // Per language pair.
  const lps = [...new Set(rows.map((r) => langPair(r.pair)))].sort();
  console.log('\nPer language pair (held-out | tuning), at the operating threshold:');
  console.log(
    table(
      ['pair', 'pos', 'neg', 'P', 'R', 'FP', 'FN', '│', 'pos', 'neg', 'P', 'R', 'FP', 'FN'],
      lps.map((lp) => {
        const cells: Array<string | number> = [lp];
        for (const h of ['held-out', 'tuning'] as Half[]) {
          const rs = sel(h).filter((r) => langPair(r.pair) === lp);
          const m = metrics(rs);
          const p = rs.filter((r) => r.pair.label).length;
          if (h === 'tuning') cells.push('│');
          cells.push(p, rs.length - p, m.tp + m.fp ? pct(m.precision) : '   –  ', p ? pct(m.recall) : '   –  ', m.fp, m.fn);
        }
        return cells;
      }),
    ),
  );

  // Negatives by kind.
  console.log('\nNegatives by kind (false positives / pairs):');
  console.log(
    table(
      ['kind', 'tuning', 'held-out'],
      ['neighbour', 'hard', 'paraphrase'].map((k) => [
        k,
        ...(['tuning', 'held-out'] as Half[]).map((h) => {
          const rs = sel(h).filter((r) => kindOf(r.pair) === k);
          return `${rs.filter((r) => (conf.get(r) as number) >= threshold).length}/${rs.length}`;
        }),
      ]),
    ),
  );

  // Calibration on the held-out half.
  const bins = [0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.000001];
  console.log('\nCalibration on the held-out half (eligible pairs):');
  console.log(
    table(
      ['confidence', 'pairs', 'mean conf', 'share translations'],
      bins.slice(0, -1).map((lo, i) => {
        const hi = bins[i + 1];
        const rs = sel('held-out').filter((r) => r.values !== null && (conf.get(r) as number) >= lo && (conf.get(r) as number) < hi);
        const mean = rs.reduce((s, r) => s + (conf.get(r) as number), 0) / Math.max(1, rs.length);
        const share = rs.filter((r) => r.pair.label).length / Math.max(1, rs.length);
        return [`${lo.toFixed(1)}–${Math.min(1, hi).toFixed(1)}`, rs.length, rs.length ? mean.toFixed(3) : '–', rs.length ? share.toFixed(3) : '–'];
      }),
    ),
  );

  // Held-out errors.
  const errors = sel('held-out').filter((r) => ((conf.get(r) as number) >= threshold) !== r.pair.label);
  console.log(`\nHeld-out errors (${errors.length}):`);
  for (const r of errors.sort((x, y) => (conf.get(y) as number) - (conf.get(x) as number))) {
    const why = r.ineligible ? ` [${r.ineligible}: ${r.langs.join('/')}]` : '';
    console.log(`  ${r.pair.label ? 'FN' : 'FP'} ${(conf.get(r) as number).toFixed(3)}  ${r.pair.id}${why}`);
  }

  const tuning = metrics(sel('tuning'));
  const held = metrics(sel('held-out'));
  const pass = held.precision >= HELD_OUT_MIN_PRECISION;
  console.log(`\nHeld-out precision ${pct(held.precision).trim()} ${pass ? '≥' : '<'} ${100 * HELD_OUT_MIN_PRECISION}%: ${pass ? 'pass' : 'FAIL'}`);
  const extra = ABLATION ? [ablation(halves, all, held)] : [];
  return [
    { name: 'translation (held-out)', precision: held.precision, recall: held.recall, tp: held.tp, fp: held.fp, fn: held.fn, status: pass ? 'pass' : 'FAIL', note: `P ≥ ${HELD_OUT_MIN_PRECISION}` },
    { name: 'translation (tuning)', precision: tuning.precision, recall: tuning.recall, tp: tuning.tp, fp: tuning.fp, fn: tuning.fn, status: 'info', note: 'fitted here' },
    ...extra,
  ];
}

// ─── Citation detection (scripts/eval-detect.ts, when present) ───────────────────────────────

interface DetectResult {
  name: string;
  precision: number;
  recall: number;
  tp: number;
  fp: number;
  fn: number;
  details?: unknown;
}

interface DetectModule {
  evalDetect(): Promise<DetectResult>;
  report?(result: DetectResult): void;
}

async function evalDetection(): Promise<Summary[]> {
  const url = new URL('./eval-detect.ts', import.meta.url);
  const missing: Summary = { name: 'citation detection', precision: null, recall: null, tp: null, fp: null, fn: null, status: 'n/a', note: 'not available' };
  if (!existsSync(fileURLToPath(url))) {
    console.log('citation detection: not available');
    return [missing];
  }
  let mod: DetectModule;
  try {
    mod = (await import(url.href)) as DetectModule;
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && !existsSync(fileURLToPath(url))) {
      console.log('citation detection: not available');
      return [missing];
    }
    throw err;
  }
  if (typeof mod.evalDetect !== 'function') throw new Error('scripts/eval-detect.ts does not export evalDetect()');
  const r = await mod.evalDetect();
  if (typeof mod.report === 'function') mod.report(r);
  else console.log(`${r.name}: precision ${pct(r.precision).trim()}, recall ${pct(r.recall).trim()} (TP ${r.tp}, FP ${r.fp}, FN ${r.fn})`);
  return [{ name: `citation detection${r.name && r.name !== 'citation detection' ? ` (${r.name})` : ''}`, precision: r.precision, recall: r.recall, tp: r.tp, fp: r.fp, fn: r.fn, status: 'info' }];
}

// ─── Main ──────────────────────────────────────────────────────────────────────────────────

const EVALUATIONS: Evaluation[] = [
  { name: 'translation duplicates', run: evalTranslation },
  { name: 'citation detection', run: evalDetection },
];

async function main(): Promise<number> {
  const summary: Summary[] = [];
  for (const ev of EVALUATIONS) {
    console.log(`\n══ ${ev.name} ${'═'.repeat(Math.max(0, 76 - ev.name.length))}`);
    try {
      summary.push(...(await ev.run()));
    } catch (err) {
      console.log(`${ev.name}: ERROR — ${(err as Error).stack ?? err}`);
      summary.push({ name: ev.name, precision: null, recall: null, tp: null, fp: null, fn: null, status: 'ERROR', note: (err as Error).message.slice(0, 60) });
    }
  }
  console.log(`\n══ summary ${'═'.repeat(69)}`);
  console.log(
    table(
      ['evaluation', 'precision', 'recall', 'TP', 'FP', 'FN', 'status', ''],
      summary.map((s) => [s.name, pct(s.precision), pct(s.recall), num(s.tp), num(s.fp), num(s.fn), s.status, s.note ?? '']),
    ),
  );
  return summary.some((s) => s.status === 'FAIL' || s.status === 'ERROR') ? 1 : 0;
}

process.exitCode = await main();
