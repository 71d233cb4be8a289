import type { Disagreement } from './types.ts';

/**
 * Where the coders differ on one code in one document: the units of all coders grouped into
 * clusters of overlapping units (units that only touch are separate clusters); a cluster is a
 * disagreement unless every coder coded exactly the same ranges in it. `missing` when some coder
 * coded nothing in the cluster, `boundaries` when everyone coded something but not the same.
 */
export function disagreementsIn(
  document: string,
  code: string,
  coders: readonly string[],
  units: readonly (readonly number[])[],
): Disagreement[] {
  const all: [start: number, end: number, coder: number][] = [];
  for (const [c, list] of units.entries())
    for (let i = 0; i < list.length; i += 2) all.push([list[i]!, list[i + 1]!, c]);
  all.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  const out: Disagreement[] = [];
  let i = 0;
  while (i < all.length) {
    const start = all[i]![0];
    let end = all[i]![1];
    let j = i + 1;
    while (j < all.length && all[j]![0] < end) {
      end = Math.max(end, all[j]![1]);
      j++;
    }
    const ranges: [number, number][][] = coders.map(() => []);
    for (let k = i; k < j; k++) ranges[all[k]![2]]!.push([all[k]![0], all[k]![1]]);
    const key = (r: [number, number][]) => r.map(([s, e]) => `${s}-${e}`).join(',');
    const first = key(ranges[0]!);
    const missing = ranges.some((r) => r.length === 0);
    if (missing || ranges.some((r) => key(r) !== first)) {
      out.push({
        document,
        code,
        start,
        end,
        kind: missing ? 'missing' : 'boundaries',
        coders: coders.map((coder, c) => ({ coder, ranges: ranges[c]! })),
      });
    }
    i = j;
  }
  return out;
}
