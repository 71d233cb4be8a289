import type { AgreementInput, CodedSegment } from '../../shared/agreement/types.ts';

/**
 * Krippendorff (1995, p. 57): four pairs of coders over a continuum of 24 units, as DKPro
 * Statistics encodes it (Krippendorff1995Test.createExample): [begin, length] per unit.
 *   A Bertha  0 0|1 1 1 1 1 1 1 1|0 0 0 0|1 1 1 1 1 1|0 0 0 0
 *     Bill    0 0 0 0|1 1 1 1|0 0 0 0 0 0 0|1 1|0 0 0 0 0 0 0
 *   B John    1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1|0 0 0 0 0 0
 *     Jill    1 1|1|1|1|1|1 1 1|1|0 0 0 0 0 0 0 0 0 0 0 0 0 0
 *   C Gerret  0 0|1 1 1 1 1 1|0 0|1 1|0 0|1 1 1 1|0 0|1 1|0 0
 *     Gill    1 1|0 0|1 1 1 1|0 0|1 1 1 1|0 0|1 1|0 0|1 1|0 0
 *   D Heather 1 1|1 1 1 1 1 1 1 1|1 1 1 1|1 1 1 1 1 1|1 1 1 1
 *     Hill    1 1 1 1|1 1 1 1|1 1 1 1 1 1 1|1 1|1 1 1 1 1 1 1
 */
export const KRIPPENDORFF_1995: Record<
  'A' | 'B' | 'C' | 'D',
  [[number, number][], [number, number][]]
> = {
  A: [
    [
      [2, 8],
      [14, 6],
    ],
    [
      [4, 4],
      [15, 2],
    ],
  ],
  B: [
    [[0, 18]],
    [
      [0, 2],
      [2, 1],
      [3, 1],
      [4, 1],
      [5, 1],
      [6, 3],
      [9, 1],
    ],
  ],
  C: [
    [
      [2, 6],
      [10, 2],
      [14, 4],
      [20, 2],
    ],
    [
      [0, 2],
      [4, 4],
      [10, 4],
      [16, 2],
      [20, 2],
    ],
  ],
  D: [
    [
      [0, 2],
      [2, 8],
      [10, 4],
      [14, 6],
      [20, 4],
    ],
    [
      [0, 4],
      [4, 4],
      [8, 7],
      [15, 2],
      [17, 7],
    ],
  ],
};

/**
 * One pair of the 1995 example as notebook input: one document of 24 × `stretch` characters,
 * each of the 24 positions `stretch` characters long (a large stretch approximates the
 * continuum the published α values are for; 1 is the digitised version).
 */
export function example1995(pair: keyof typeof KRIPPENDORFF_1995, stretch = 1): AgreementInput {
  const segments: CodedSegment[] = KRIPPENDORFF_1995[pair].flatMap((units, c) =>
    units.map(([begin, length]) => ({
      coder: c === 0 ? 'first' : 'second',
      document: 'continuum',
      code: pair,
      start: begin * stretch,
      end: (begin + length) * stretch,
    })),
  );
  return {
    documents: [{ id: 'continuum', length: 24 * stretch }],
    coders: ['first', 'second'],
    segments,
  };
}

/**
 * Krippendorff (2004, p. 254), as DKPro encodes it (Krippendorff2004Test): a continuum from
 * 150 to 450, two observers, values c and k. Shifted here to start at 0.
 */
export function example2004(): AgreementInput {
  const units: [number, number, number, string][] = [
    [225, 70, 0, 'c'],
    [370, 30, 0, 'c'],
    [220, 80, 1, 'c'],
    [355, 20, 1, 'c'],
    [400, 20, 1, 'c'],
    [180, 60, 0, 'k'],
    [300, 50, 0, 'k'],
    [180, 60, 1, 'k'],
    [300, 50, 1, 'k'],
  ];
  return {
    documents: [{ id: 'continuum', length: 300 }],
    coders: ['i', 'j'],
    segments: units.map(([begin, length, c, code]) => ({
      coder: c === 0 ? 'i' : 'j',
      document: 'continuum',
      code,
      start: begin - 150,
      end: begin - 150 + length,
    })),
  };
}
