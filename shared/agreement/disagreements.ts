import type { Disagreement } from './types.ts';

/**
 * Where the coders differ on one code in one document: the units of all coders grouped into
 * clusters of overlapping units (units that only touch are separate clusters); a cluster is a
 * disagreement unless every coder coded exactly the same ranges in it. `missing` when some coder
 * coded nothing in the cluster, `boundaries` when everyone coded something but not the same.
 *
 * Each coder's units are sorted and disjoint (units.ts), so a cluster holds a contiguous run of
 * each coder's list: the walk merges the lists without sorting them together.
 */
export function disagreementsIn(
  document: string,
  code: string,
  coders: readonly string[],
  units: readonly (readonly number[])[],
): Disagreement[] {
  const m = units.length;
  const next = new Array<number>(m).fill(0);
  const from = new Array<number>(m).fill(0);
  const out: Disagreement[] = [];
  for (;;) {
    // The cluster starts at the earliest unit not yet taken.
    let first = -1;
    for (let c = 0; c < m; c++) {
      if (
        next[c]! < units[c]!.length &&
        (first < 0 || units[c]![next[c]!]! < units[first]![next[first]!]!)
      )
        first = c;
    }
    if (first < 0) return out;
    const start = units[first]![next[first]!]!;
    let end = start;
    for (let c = 0; c < m; c++) from[c] = next[c]!;
    // Take every unit that begins before the cluster's end (the first one always does).
    let grew = true;
    end = units[first]![next[first]! + 1]!;
    next[first]! += 2;
    while (grew) {
      grew = false;
      for (let c = 0; c < m; c++) {
        const list = units[c]!;
        while (next[c]! < list.length && list[next[c]!]! < end) {
          end = Math.max(end, list[next[c]! + 1]!);
          next[c]! += 2;
          grew = true;
        }
      }
    }
    let missing = false;
    let differ = false;
    for (let c = 0; c < m; c++) {
      if (next[c] === from[c]) missing = true;
      else if (!differ && !sameRun(units[0]!, from[0]!, next[0]!, units[c]!, from[c]!, next[c]!))
        differ = true;
    }
    if (missing || differ) {
      out.push({
        document,
        code,
        start,
        end,
        kind: missing ? 'missing' : 'boundaries',
        coders: coders.map((coder, c) => {
          const ranges: [number, number][] = [];
          for (let i = from[c]!; i < next[c]!; i += 2)
            ranges.push([units[c]![i]!, units[c]![i + 1]!]);
          return { coder, ranges };
        }),
      });
    }
  }
}

function sameRun(
  a: readonly number[],
  aFrom: number,
  aTo: number,
  b: readonly number[],
  bFrom: number,
  bTo: number,
): boolean {
  if (aTo - aFrom !== bTo - bFrom) return false;
  for (let i = 0; i < aTo - aFrom; i++) if (a[aFrom + i] !== b[bFrom + i]) return false;
  return true;
}
