/**
 * What every coefficient needs from one code in one document, counted once: sums that pool over
 * documents by addition, plus the sorted unit and gap lengths uα's expected disagreement pairs
 * across documents.
 */
export interface CellStats {
  /** The document's length L (characters). */
  length: number;
  /** Per coder: characters coded (the coder's units do not overlap). */
  coverage: number[];
  /** Per coder pair i < j, in `pairIndex` order: characters both coded. */
  overlap: number[];
  /** uα: Σ over coder pairs i < j of Σ δ² over their intersecting sections. */
  distance: number;
  /** Units of all coders: count, Σ (2l³ − 3l² + l)/3, Σ l(l − 1), Σ l². */
  units: number;
  cubic: number;
  lengthsFalling: number;
  lengthsSquared: number;
  /** All coders' unit lengths and gap lengths, ascending. */
  unitLengths: Float64Array;
  gapLengths: Float64Array;
}

/** Coder pairs i < j in order: (0,1), (0,2), …, (1,2), … */
export function coderPairs(coders: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < coders; i++) for (let j = i + 1; j < coders; j++) pairs.push([i, j]);
  return pairs;
}

/**
 * Krippendorff's δ² between two sections that intersect (1995, p. 54; 2004, p. 252): two units
 * cost the squared differences of their beginnings and of their ends; a unit inside the other
 * coder's gap costs its squared length; anything else (two gaps, a unit straddling a gap's end)
 * costs nothing, since a unit straddling a gap also overlaps a unit and is charged there.
 */
export function sectionDistance(
  start1: number,
  end1: number,
  unit1: boolean,
  start2: number,
  end2: number,
  unit2: boolean,
): number {
  if (unit1 && unit2) {
    if (!(start1 < end2 && start2 < end1)) return 0;
    return (start1 - start2) ** 2 + (end1 - end2) ** 2;
  }
  if (unit1 && !unit2) return start2 <= start1 && end1 <= end2 ? (end1 - start1) ** 2 : 0;
  if (!unit1 && unit2) return start1 <= start2 && end2 <= end1 ? (end2 - start2) ** 2 : 0;
  return 0;
}

/** Σ δ² over every pair of intersecting sections of two coders' partitions of [0, L). */
export function pairDistance(a: readonly number[], b: readonly number[], length: number): number {
  // Walk both partitions (gap, unit, gap, …) at once; each step is one intersecting pair.
  let total = 0;
  let ia = 0; // index of a's next unit
  let ib = 0;
  let pos = 0;
  let aStart = 0;
  let aEnd = 0;
  let aUnit = false;
  let bStart = 0;
  let bEnd = 0;
  let bUnit = false;
  while (pos < length) {
    if (pos >= aEnd) {
      aStart = pos;
      if (ia < a.length && a[ia] === pos) {
        aEnd = a[ia + 1]!;
        aUnit = true;
        ia += 2;
      } else {
        aEnd = ia < a.length ? a[ia]! : length;
        aUnit = false;
      }
    }
    if (pos >= bEnd) {
      bStart = pos;
      if (ib < b.length && b[ib] === pos) {
        bEnd = b[ib + 1]!;
        bUnit = true;
        ib += 2;
      } else {
        bEnd = ib < b.length ? b[ib]! : length;
        bUnit = false;
      }
    }
    total += sectionDistance(aStart, aEnd, aUnit, bStart, bEnd, bUnit);
    pos = Math.min(aEnd, bEnd);
  }
  return total;
}

/** Characters in both of two sorted lists of disjoint ranges. */
export function intersectionLength(a: readonly number[], b: readonly number[]): number {
  let total = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i]!, b[j]!);
    const end = Math.min(a[i + 1]!, b[j + 1]!);
    if (end > start) total += end - start;
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return total;
}

const EMPTY = new Float64Array(0);

/** The statistics of one code in one document; `units` is per coder (see units.ts). */
export function cellStats(
  units: readonly (readonly number[])[] | undefined,
  coders: number,
  length: number,
): CellStats {
  const coverage = new Array<number>(coders).fill(0);
  const pairs = coderPairs(coders);
  const overlap = new Array<number>(pairs.length).fill(0);
  if (!units) {
    // Nobody used the code here: every coder has one gap, the whole document.
    const gaps = length > 0 ? new Float64Array(coders).fill(length) : EMPTY;
    return {
      length,
      coverage,
      overlap,
      distance: 0,
      units: 0,
      cubic: 0,
      lengthsFalling: 0,
      lengthsSquared: 0,
      unitLengths: EMPTY,
      gapLengths: gaps,
    };
  }
  let count = 0;
  let cubic = 0;
  let falling = 0;
  let squared = 0;
  const unitLengths: number[] = [];
  const gapLengths: number[] = [];
  for (let c = 0; c < coders; c++) {
    const list = units[c]!;
    let pos = 0;
    for (let i = 0; i < list.length; i += 2) {
      const start = list[i]!;
      const end = list[i + 1]!;
      if (start > pos) gapLengths.push(start - pos);
      const l = end - start;
      coverage[c]! += l;
      count++;
      cubic += (2 * l * l * l - 3 * l * l + l) / 3;
      falling += l * (l - 1);
      squared += l * l;
      unitLengths.push(l);
      pos = end;
    }
    if (length > pos) gapLengths.push(length - pos);
  }
  let distance = 0;
  for (const [p, [i, j]] of pairs.entries()) {
    distance += pairDistance(units[i]!, units[j]!, length);
    overlap[p] = intersectionLength(units[i]!, units[j]!);
  }
  return {
    length,
    coverage,
    overlap,
    distance,
    units: count,
    cubic,
    lengthsFalling: falling,
    lengthsSquared: squared,
    unitLengths: Float64Array.from(unitLengths).sort(),
    gapLengths: Float64Array.from(gapLengths).sort(),
  };
}
