import type { CellStats } from './cell-stats.ts';
import type { PairAgreement } from './types.ts';

/**
 * NVivo's coding comparison (NVivo help, "Run a coding comparison query"): for one code and one
 * pair of coders, every character is coded by both, by one, or by neither; percent agreement is
 * the share coded alike, and Cohen's κ corrects it for chance from each coder's own share.
 * NVivo's example: 1,000 characters, 50 coded by both, 150 by one, 800 by neither → 85 %.
 * Scott's π (one pooled share for both coders) is given beside it, as Krippendorff (1995)
 * compares both on his digitised example.
 */
export function pairAgreement(
  coders: [string, string],
  both: number,
  onlyFirst: number,
  onlySecond: number,
  neither: number,
): PairAgreement {
  const n = both + onlyFirst + onlySecond + neither;
  if (n === 0) {
    return {
      coders,
      both,
      onlyFirst,
      onlySecond,
      neither,
      percentAgreement: null,
      kappa: null,
      pi: null,
    };
  }
  const observed = (both + neither) / n;
  const first = (both + onlyFirst) / n;
  const second = (both + onlySecond) / n;
  const chance = first * second + (1 - first) * (1 - second);
  const pooled = (first + second) / 2;
  const chancePi = pooled * pooled + (1 - pooled) * (1 - pooled);
  return {
    coders,
    both,
    onlyFirst,
    onlySecond,
    neither,
    percentAgreement: observed * 100,
    kappa: chance < 1 ? (observed - chance) / (1 - chance) : null,
    pi: chancePi < 1 ? (observed - chancePi) / (1 - chancePi) : null,
  };
}

/**
 * Every coder pair's counts over a set of cells (one code or several; documents pooled by
 * adding characters: a character of a document counts once per code).
 */
export function charactersOver(
  cells: readonly CellStats[],
  coders: readonly string[],
): { pairs: PairAgreement[]; percentAgreement: number | null; kappa: number | null } {
  const m = coders.length;
  const pairs: PairAgreement[] = [];
  let p = 0;
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++, p++) {
      let both = 0;
      let first = 0;
      let second = 0;
      let total = 0;
      for (const c of cells) {
        both += c.overlap[p]!;
        first += c.coverage[i]!;
        second += c.coverage[j]!;
        total += c.length;
      }
      pairs.push(
        pairAgreement(
          [coders[i]!, coders[j]!],
          both,
          first - both,
          second - both,
          total - first - second + both,
        ),
      );
    }
  }
  return {
    pairs,
    percentAgreement: meanOf(pairs.map((x) => x.percentAgreement)),
    kappa: meanOf(pairs.map((x) => x.kappa)),
  };
}

/** Mean of the defined values; null when none is. */
export function meanOf(values: readonly (number | null)[]): number | null {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (v === null) continue;
    sum += v;
    n++;
  }
  return n > 0 ? sum / n : null;
}
