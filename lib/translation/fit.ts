/**
 * Fitting the translation model: L2-regularised logistic regression by Newton's method (IRLS),
 * and the choice of the operating threshold. Used by `npx tsx scripts/eval.ts --fit`, which
 * writes the result to model.ts; nothing here runs in the extension.
 *
 * Deterministic: no random initialisation, no sampling — the same tuning half gives the same
 * weights to the last digit.
 */

export interface FitOptions {
  /** L2 penalty on the weights (not the bias), in units of the log-likelihood. Default 1. */
  l2?: number;
  /** Newton iterations at most (default 50). */
  maxIter?: number;
}

export interface FitResult {
  bias: number;
  weights: number[];
  iterations: number;
  /** Mean log-loss on the training rows. */
  logLoss: number;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Solve A x = b (A symmetric positive definite, small) by Gaussian elimination with pivoting. */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    const d = M[c][c];
    if (Math.abs(d) < 1e-12) throw new Error('singular system while fitting');
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r][c] / d;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  return M.map((row, i) => row[n] / row[i]);
}

/** Logistic regression of `y` on the rows of `X` (one column per feature). */
export function fitLogistic(X: readonly number[][], y: readonly boolean[], opts: FitOptions = {}): FitResult {
  const l2 = opts.l2 ?? 1;
  const maxIter = opts.maxIter ?? 50;
  const n = X.length;
  const d = n > 0 ? X[0].length : 0;
  // Parameters: [bias, w_1..w_d].
  let theta = new Array<number>(d + 1).fill(0);
  let iterations = 0;
  for (; iterations < maxIter; iterations++) {
    const grad = new Array<number>(d + 1).fill(0);
    const H = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const x = [1, ...X[i]];
      let z = 0;
      for (let k = 0; k <= d; k++) z += theta[k] * x[k];
      const p = sigmoid(z);
      const r = p - (y[i] ? 1 : 0);
      const w = Math.max(p * (1 - p), 1e-9);
      for (let k = 0; k <= d; k++) {
        grad[k] += r * x[k];
        for (let l = 0; l <= d; l++) H[k][l] += w * x[k] * x[l];
      }
    }
    for (let k = 1; k <= d; k++) {
      grad[k] += l2 * theta[k];
      H[k][k] += l2;
    }
    H[0][0] += 1e-6;
    const step = solve(H, grad);
    let maxStep = 0;
    theta = theta.map((t, k) => {
      maxStep = Math.max(maxStep, Math.abs(step[k]));
      return t - step[k];
    });
    if (maxStep < 1e-9) {
      iterations++;
      break;
    }
  }
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let z = theta[0];
    for (let k = 0; k < d; k++) z += theta[k + 1] * X[i][k];
    const p = Math.min(1 - 1e-12, Math.max(1e-12, sigmoid(z)));
    loss -= y[i] ? Math.log(p) : Math.log(1 - p);
  }
  return { bias: theta[0], weights: theta.slice(1), iterations, logLoss: n > 0 ? loss / n : 0 };
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface Metrics extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

/** Precision, recall and F1 of `scores ≥ threshold` against the labels (precision 1 with no predictions). */
export function metricsAt(scores: readonly number[], labels: readonly boolean[], threshold: number): Metrics {
  const c: Counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  scores.forEach((s, i) => {
    const yes = s >= threshold;
    if (yes && labels[i]) c.tp++;
    else if (yes) c.fp++;
    else if (labels[i]) c.fn++;
    else c.tn++;
  });
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

/** Candidate operating thresholds: 0.05 … 0.95 in steps of 0.05. */
export const THRESHOLD_GRID: readonly number[] = Array.from({ length: 19 }, (_, i) => Math.round((i + 1) * 5) / 100);

/**
 * The operating threshold: on the grid, the one with the best F1 among those whose precision is
 * at least `minPrecision` (ties: the higher threshold, the safer one). When none reaches it, the
 * one with the highest precision.
 */
export function chooseThreshold(scores: readonly number[], labels: readonly boolean[], minPrecision = 0.95): number {
  let best: { t: number; f1: number } | null = null;
  let safest = { t: THRESHOLD_GRID[THRESHOLD_GRID.length - 1], p: -1 };
  for (const t of THRESHOLD_GRID) {
    const m = metricsAt(scores, labels, t);
    if (m.precision >= safest.p) safest = { t, p: m.precision };
    if (m.precision >= minPrecision && (best === null || m.f1 >= best.f1)) best = { t, f1: m.f1 };
  }
  return best ? best.t : safest.t;
}
