import type { CellStats } from './cell-stats.ts';
import type { Disagreements } from './unitized-alpha.ts';

/**
 * The 2016 family's per-code coefficient (k)uα (Krippendorff, Mathet, Bouvry & Widlöcher 2016,
 * Quality & Quantity 50:2347–2364), computed from coincidences of lengths: each coder's
 * continuum is cut into units of code k and gaps, and every character two coders both cover is a
 * pairing of the values they gave it (k or ∅). With m coders and n = mL:
 *
 *   o_kk = 1/(m − 1) Σ_{i≠j} |K_i ∩ K_j|,   o_k∅ = o_∅k = l_k − o_kk
 *   e_k∅ = n l_k l_∅ / (n² − Σ_units l² − Σ_gaps l)
 *   (k)uα = 1 − (o_k∅ + o_∅k) / (e_k∅ + e_∅k)
 *
 * where K_i is what coder i coded, l_k = Σ_i |K_i| and l_∅ = n − l_k. The expected term leaves
 * out pairings inside one unit (l² per unit: a unit is one indivisible value) and a character
 * with itself (l per gap: a gap is no unit and may be cut anywhere). With every unit one
 * character long this is Krippendorff's nominal α over characters. It is symmetric in the
 * coders and defined for any number of them; partial overlaps cost the characters by which the
 * ends differ (linearly), where uα costs the squared differences.
 *
 * Everything is a sum over documents, so pooling documents is the same as concatenating them.
 */
export function intersectionDisagreements(
  cells: readonly CellStats[],
  coders: number,
  weights?: ArrayLike<number>,
): Disagreements {
  let n = 0;
  let lk = 0;
  let both = 0;
  let squared = 0;
  for (let d = 0; d < cells.length; d++) {
    const w = weights ? weights[d]! : 1;
    if (w === 0) continue;
    const c = cells[d]!;
    n += w * coders * c.length;
    for (const v of c.coverage) lk += w * v;
    for (const v of c.overlap) both += w * v;
    squared += w * c.lengthsSquared;
  }
  if (n === 0) return { observed: 0, expected: 0 };
  const okk = (2 * both) / (coders - 1);
  const empty = n - lk;
  const denominator = n * n - squared - empty;
  const observed = (2 * (lk - okk)) / n;
  const expected = denominator > 0 ? (2 * lk * empty) / denominator : 0;
  return { observed, expected };
}
