import { RELIABLE, TENTATIVE } from './interpret.ts';
import { mulberry32 } from './random.ts';
import type { ConfidenceInterval } from './types.ts';

/**
 * A percentile bootstrap over documents (a cluster bootstrap: Davison & Hinkley 1997, §3.8;
 * Field & Welsh 2007, JRSS B 69:369–390). Each resample draws as many documents as there are,
 * with replacement, and recomputes the statistics on the documents drawn (a document drawn twice
 * counts twice). Krippendorff's own bootstrap for α (Hayes & Krippendorff 2007) resamples the
 * pairable values of units coded independently; a text's characters are not independent —
 * neighbours belong to the same units — so here the document is the unit of resampling. That
 * keeps every unit whole and the dependence within a document intact, but it needs several
 * documents: with fewer than two there is no interval, and with only a handful the interval is
 * too narrow (it cannot show variation the few documents do not have).
 *
 * `statistic` gets the weight of each document and returns one value per figure (null when
 * undefined in that resample); the result is one interval per figure (null with no valid
 * resample). Same `seed`, same intervals.
 */
export function bootstrap(
  documentCount: number,
  options: { samples: number; seed: number; level: number },
  statistic: (weights: Float64Array) => readonly (number | null)[],
): (ConfidenceInterval | null)[] | null {
  if (documentCount < 2 || options.samples <= 0) return null;
  const random = mulberry32(options.seed);
  const weights = new Float64Array(documentCount);
  let values: number[][] = [];
  for (let s = 0; s < options.samples; s++) {
    weights.fill(0);
    for (let i = 0; i < documentCount; i++) weights[Math.floor(random() * documentCount)]! += 1;
    const result = statistic(weights);
    if (s === 0) values = result.map(() => []);
    for (const [f, v] of result.entries()) if (v !== null && Number.isFinite(v)) values[f]!.push(v);
  }
  return values.map((list) => interval(list, options.samples, options.level));
}

function interval(values: number[], samples: number, level: number): ConfidenceInterval | null {
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  let belowTentative = 0;
  let belowReliable = 0;
  for (const v of values) {
    if (v < TENTATIVE) belowTentative++;
    if (v < RELIABLE) belowReliable++;
  }
  return {
    low: quantile(values, tail),
    high: quantile(values, 1 - tail),
    level,
    samples,
    validSamples: values.length,
    belowTentative: belowTentative / values.length,
    belowReliable: belowReliable / values.length,
  };
}

/** The p-quantile of sorted values, interpolating between order statistics (R's type 7). */
export function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
