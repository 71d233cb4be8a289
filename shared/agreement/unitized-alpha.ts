import type { CellStats } from './cell-stats.ts';

/**
 * Krippendorff's uα for unitized data (1995, Sociological Methodology 25:47–76; 2004, Content
 * Analysis, 2nd ed., ch. 12), for one code, as DKPro Statistics computes it for m coders:
 *
 *   uDo = 2 Σ_{i<j} Σ_{g,h} δ²(g, h) / (m (m − 1) L²)
 *   uDe = (2 / L) Σ_units [ (N − 1)(2l³ − 3l² + l)/3 + l² Σ_{gaps G ≥ l} (G − l + 1) ]
 *         / (mL (mL − 1) − Σ_units l (l − 1))
 *   uα  = 1 − uDo / uDe
 *
 * over each coder's partition of the continuum into units of the code and gaps (δ² in
 * cell-stats.ts; N the units of all coders, L the continuum's length). Several documents pool
 * as one continuum made of them: L adds up, the distances add up, and a unit may fall by chance
 * into any document's gap — but gaps never run on across a document's end (see docs/agreement.md).
 */

export interface Disagreements {
  /** Observed and expected disagreement; α = 1 − observed / expected. */
  observed: number;
  expected: number;
}

/**
 * Σ_units l² Σ_{gaps G ≥ l} (G − l + 1): the chance that a unit of length l fits into a gap,
 * weighted as uDe weighs it. Both lists ascending.
 */
export function unitsInGaps(units: Float64Array, gaps: Float64Array): number {
  const suffix = new Float64Array(gaps.length + 1);
  for (let i = gaps.length - 1; i >= 0; i--) suffix[i] = suffix[i + 1]! + gaps[i]!;
  let total = 0;
  let k = 0;
  for (const l of units) {
    while (k < gaps.length && gaps[k]! < l) k++;
    const count = gaps.length - k;
    if (count === 0) break;
    total += l * l * (suffix[k]! - count * (l - 1));
  }
  return total;
}

/** `unitsInGaps` for every pair of documents (units of d, gaps of e), row-major D × D. */
export function unitsInGapsMatrix(cells: readonly CellStats[]): Float64Array {
  const D = cells.length;
  const matrix = new Float64Array(D * D);
  for (let d = 0; d < D; d++) {
    const units = cells[d]!.unitLengths;
    if (units.length === 0) continue;
    for (let e = 0; e < D; e++) matrix[d * D + e] = unitsInGaps(units, cells[e]!.gapLengths);
  }
  return matrix;
}

function concatSorted(arrays: Float64Array[]): Float64Array {
  if (arrays.length === 1) return arrays[0]!;
  let n = 0;
  for (const a of arrays) n += a.length;
  const out = new Float64Array(n);
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out.sort();
}

/**
 * uDo and uDe of one code pooled over documents (`cells`, one per document). `weights` counts
 * each document (the bootstrap's resample; default once each) and then `inGaps` must be the
 * documents' `unitsInGapsMatrix`.
 */
export function unitizedDisagreements(
  cells: readonly CellStats[],
  coders: number,
  weights?: ArrayLike<number>,
  inGaps?: Float64Array,
): Disagreements {
  let L = 0;
  let N = 0;
  let cubic = 0;
  let falling = 0;
  let distance = 0;
  for (let d = 0; d < cells.length; d++) {
    const w = weights ? weights[d]! : 1;
    if (w === 0) continue;
    const c = cells[d]!;
    L += w * c.length;
    N += w * c.units;
    cubic += w * c.cubic;
    falling += w * c.lengthsFalling;
    distance += w * c.distance;
  }
  if (L === 0 || N === 0) return { observed: 0, expected: 0 };
  let cross = 0;
  if (weights) {
    if (!inGaps) throw new Error('unitizedDisagreements: weights need the units-in-gaps matrix');
    const D = cells.length;
    for (let d = 0; d < D; d++) {
      const wd = weights[d]!;
      if (wd === 0 || cells[d]!.units === 0) continue;
      let row = 0;
      for (let e = 0; e < D; e++) row += weights[e]! * inGaps[d * D + e]!;
      cross += wd * row;
    }
  } else {
    cross = unitsInGaps(
      concatSorted(cells.map((c) => c.unitLengths)),
      concatSorted(cells.map((c) => c.gapLengths)),
    );
  }
  const m = coders;
  const observed = (2 * distance) / (m * (m - 1) * L * L);
  const denominator = m * L * (m * L - 1) - falling;
  const expected = denominator > 0 ? ((2 / L) * ((N - 1) * cubic + cross)) / denominator : 0;
  return { observed, expected };
}

/** 1 − observed / expected; null when nothing could disagree by chance (expected 0). */
export function alphaOf(parts: Disagreements): number | null {
  return parts.expected > 0 ? 1 - parts.observed / parts.expected : null;
}
