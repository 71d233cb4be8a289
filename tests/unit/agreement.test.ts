import { describe, expect, it } from 'vitest';
import { bootstrap, quantile } from '../../shared/agreement/bootstrap.ts';
import { cellStats, pairDistance, sectionDistance } from '../../shared/agreement/cell-stats.ts';
import { pairAgreement } from '../../shared/agreement/character-agreement.ts';
import { characterAgreement, unitizedAlpha } from '../../shared/agreement/coefficients.ts';
import { disagreementsIn } from '../../shared/agreement/disagreements.ts';
import { interpret } from '../../shared/agreement/interpret.ts';
import { agreementTable } from '../../shared/agreement/table.ts';
import type { AgreementInput, CodedSegment } from '../../shared/agreement/types.ts';
import { unitizedDisagreements, unitsInGapsMatrix } from '../../shared/agreement/unitized-alpha.ts';
import { cellKey, mergeOverlapping, prepareUnits } from '../../shared/agreement/units.ts';
import { example1995, example2004 } from './agreement-fixtures.ts';

/** |actual − expected| ≤ tolerance, with the numbers in the message. */
function near(actual: number | null, expected: number, tolerance: number) {
  expect(actual).not.toBeNull();
  expect(
    Math.abs(actual! - expected),
    `${actual} vs ${expected} ± ${tolerance}`,
  ).toBeLessThanOrEqual(tolerance);
}

const seg = (
  coder: string,
  code: string,
  start: number,
  end: number,
  document = 'doc',
): CodedSegment => ({
  coder,
  document,
  code,
  start,
  end,
});

describe('Krippendorff (1995), p. 57: published values', () => {
  // The published α are for the continuum: each of the 24 positions is stretched to 10,000
  // characters (the figures no longer move at this resolution: A 0.5529, B −0.9284,
  // C 0.6931, D 0.0659). Published values are rounded to three decimals; B and C differ by
  // more, as in DKPro (which tests all four with ± 0.02 and notes "a small error in the
  // computation of D_E in the original reference"): the tolerances are the differences found.
  const published = {
    A: [0.553, 0.0005],
    B: [-0.926, 0.003],
    C: [0.679, 0.015],
    D: [0.066, 0.001],
  } as const;
  for (const [pair, [value, tolerance]] of Object.entries(published)) {
    it(`pair ${pair}: uα ${value} (± ${tolerance})`, () => {
      const input = example1995(pair as 'A', 10_000);
      near(unitizedAlpha(input, pair).uAlpha, value, tolerance);
    });
  }

  it('observed disagreements do not depend on the resolution (DKPro: A .03125, B 2.26736, C .02777, D .38715)', () => {
    const expected = { A: 0.03125, B: 2.26736, C: 0.02777, D: 0.38715 };
    for (const [pair, value] of Object.entries(expected)) {
      for (const stretch of [1, 100]) {
        near(unitizedAlpha(example1995(pair as 'A', stretch), pair).uObserved, value, 0.00001);
      }
    }
  });

  it('expected disagreements on the continuum (DKPro: A .06990, B 1.17731, C .08642, D .41445, ± .005)', () => {
    const expected = { A: 0.0699, B: 1.17731, C: 0.08642, D: 0.41445 };
    for (const [pair, value] of Object.entries(expected))
      near(unitizedAlpha(example1995(pair as 'A', 50_000), pair).uExpected, value, 0.005);
  });

  it('digitised pairs: Cohen’s κ and Scott’s π per character (A κ .385 π .314; B κ .385 π .314; C .314 .314)', () => {
    const published = { A: [0.385, 0.314], B: [0.385, 0.314], C: [0.314, 0.314] } as const;
    for (const [pair, [kappa, pi]] of Object.entries(published)) {
      const [p] = characterAgreement(example1995(pair as 'A'), pair).pairs;
      near(p!.kappa, kappa, 0.0005);
      near(p!.pi, pi, 0.0005);
    }
  });

  it('digitised pair D: both coders code every position, so κ and π are undefined', () => {
    const [p] = characterAgreement(example1995('D'), 'D').pairs;
    expect(p!.percentAgreement).toBe(100);
    expect(p!.kappa).toBeNull();
    expect(p!.pi).toBeNull();
  });
});

describe('Krippendorff (2004), p. 254 (values as DKPro tests them)', () => {
  it('distances between sections', () => {
    // Unit 1 inside a gap and vice versa: 2² + 6² = 40.
    expect(
      sectionDistance(2, 5, false, 2, 4, true) + sectionDistance(5, 11, true, 4, 11, false),
    ).toBe(40);
    expect(sectionDistance(5, 11, true, 4, 6, true)).toBe(26);
    expect(sectionDistance(5, 11, true, 5, 7, true)).toBe(16);
    expect(sectionDistance(5, 11, true, 6, 8, true)).toBe(10);
    expect(sectionDistance(5, 11, true, 7, 9, true)).toBe(8);
    expect(sectionDistance(5, 11, true, 6, 10, true)).toBe(2);
    expect(sectionDistance(5, 11, true, 5, 11, true)).toBe(0);
    expect(sectionDistance(225, 295, true, 220, 300, true)).toBe(50);
    expect(sectionDistance(370, 400, true, 355, 375, true)).toBe(850);
    expect(sectionDistance(400, 450, false, 400, 420, true)).toBe(400);
    // Two gaps, and a unit only partly in a gap, cost nothing.
    expect(sectionDistance(0, 3, false, 1, 2, false)).toBe(0);
    expect(sectionDistance(1, 9, true, 0, 2, false)).toBe(0);
  });

  it('value c: Do .0144, De .0532, uα .7286; value k: Do 0, uα 1', () => {
    const c = unitizedAlpha(example2004(), 'c');
    near(c.uObserved, 0.0144, 0.0001);
    near(c.uExpected, 0.0532, 0.0001);
    near(c.uAlpha, 0.7286, 0.0001);
    const k = unitizedAlpha(example2004(), 'k');
    expect(k.uObserved).toBe(0);
    near(k.uExpected, 0.049, 0.0001);
    expect(k.uAlpha).toBe(1);
  });

  it('both values: uα .8591 (± .0005; reproduced .8587)', () => {
    const table = agreementTable(example2004(), { bootstrapSamples: 0 });
    near(table.overall.uAlpha, 0.8591, 0.0005);
    expect(table.overall.alpha).toBe(table.overall.uAlpha);
  });
});

describe('NVivo coding comparison', () => {
  it('the documented example: 1,000 characters, 50 by both, 150 by one, 800 by neither → 85 %', () => {
    const p = pairAgreement(['a', 'b'], 50, 150, 0, 800);
    expect(p.percentAgreement).toBe(85);
    // κ from the same counts (the 150 by coder a): po .85, pe .77.
    near(p.kappa, (0.85 - 0.77) / 0.23, 1e-12);
    // Which coder coded the 150 changes κ but not the agreement.
    const q = pairAgreement(['a', 'b'], 50, 75, 75, 800);
    expect(q.percentAgreement).toBe(85);
  });

  it('through the input: pooled over documents, characters add up', () => {
    const input: AgreementInput = {
      documents: [
        { id: 'd1', length: 600 },
        { id: 'd2', length: 400 },
      ],
      coders: ['a', 'b'],
      segments: [
        seg('a', 'x', 0, 100, 'd1'),
        seg('b', 'x', 50, 100, 'd1'),
        seg('a', 'x', 0, 100, 'd2'),
      ],
    };
    const [p] = characterAgreement(input, 'x').pairs;
    expect(p).toMatchObject({
      both: 50,
      onlyFirst: 150,
      onlySecond: 0,
      neither: 800,
      percentAgreement: 85,
    });
  });
});

describe('DKPro’s own unitizing tests (not published; a second opinion)', () => {
  it('one coder -11111111-, the other --1-1-1---: Do .9100, De .5351, uα −.7003', () => {
    const input: AgreementInput = {
      documents: [{ id: 'doc', length: 10 }],
      coders: ['r0', 'r1'],
      segments: [
        seg('r0', 'A', 1, 9),
        seg('r1', 'A', 2, 3),
        seg('r1', 'A', 4, 5),
        seg('r1', 'A', 6, 7),
      ],
    };
    const a = unitizedAlpha(input, 'A');
    near(a.uObserved, 0.91, 0.0001);
    near(a.uExpected, 0.5351, 0.0001);
    near(a.uAlpha, -0.7003, 0.0001);
  });

  it('three coders, a single one-character unit: uα 0', () => {
    const input: AgreementInput = {
      documents: [{ id: 'doc', length: 20 }],
      coders: ['r0', 'r1', 'r2'],
      segments: [seg('r0', 'X', 0, 1)],
    };
    near(unitizedAlpha(input, 'X').uAlpha, 0, 1e-12);
  });
});

describe('edge cases', () => {
  const doc = { id: 'doc', length: 100 };
  it('no units at all: α undefined, read as such', () => {
    const table = agreementTable(
      { documents: [doc], coders: ['a', 'b'], segments: [] },
      { codes: ['x'] },
    );
    expect(table.perCode[0]!.alpha).toBeNull();
    expect(table.perCode[0]!.kAlpha).toBeNull();
    expect(table.perCode[0]!.reading).toBe('undefined');
    expect(table.perCode[0]!.percentAgreement).toBe(100);
    expect(table.perCode[0]!.kappa).toBeNull();
    expect(table.disagreements).toEqual([]);
  });

  it('no documents: nothing defined, nothing thrown', () => {
    const table = agreementTable(
      { documents: [], coders: ['a', 'b'], segments: [] },
      { codes: ['x'] },
    );
    expect(table.overall.alpha).toBeNull();
    expect(table.overall.percentAgreement).toBeNull();
  });

  it('one coder silent (a code only one coder used): α at or below 0, κ 0, the passages listed', () => {
    const input: AgreementInput = {
      documents: [doc],
      coders: ['a', 'b'],
      segments: [seg('a', 'x', 10, 20), seg('a', 'x', 50, 70)],
    };
    const table = agreementTable(input);
    const x = table.perCode[0]!;
    expect(x.uAlpha!).toBeLessThanOrEqual(0);
    expect(x.kAlpha!).toBeLessThanOrEqual(0);
    expect(x.kappa).toBe(0);
    expect(x.reading).toBe('unreliable');
    expect(table.disagreements.map((d) => [d.start, d.end, d.kind])).toEqual([
      [10, 20, 'missing'],
      [50, 70, 'missing'],
    ]);
    expect(table.disagreements[0]!.coders).toEqual([
      { coder: 'a', ranges: [[10, 20]] },
      { coder: 'b', ranges: [] },
    ]);
    // The Team view's figures: the same, without the list.
    const figures = agreementTable(input, { listDisagreements: false });
    expect(figures.disagreements).toEqual([]);
    expect({ ...figures, disagreements: table.disagreements }).toEqual(table);
  });

  it('identical coding: every coefficient 1, no disagreement', () => {
    const segments = ['a', 'b', 'c'].flatMap((c) => [seg(c, 'x', 10, 20), seg(c, 'x', 30, 45)]);
    for (const coders of [
      ['a', 'b'],
      ['a', 'b', 'c'],
    ]) {
      const table = agreementTable({ documents: [doc], coders, segments });
      expect(table.overall.uAlpha).toBe(1);
      expect(table.overall.kAlpha).toBe(1);
      expect(table.overall.alpha).toBe(1);
      expect(table.overall.kappa).toBe(1);
      expect(table.overall.reading).toBe('reliable');
      expect(table.disagreements).toEqual([]);
    }
  });

  it('the headline is uα for two coders and (k)uα for three', () => {
    const segments = [seg('a', 'x', 10, 20), seg('b', 'x', 12, 20), seg('c', 'x', 10, 25)];
    const two = agreementTable({ documents: [doc], coders: ['a', 'b'], segments });
    expect(two.method).toBe('u-alpha');
    expect(two.overall.alpha).toBe(two.overall.uAlpha);
    const three = agreementTable({ documents: [doc], coders: ['a', 'b', 'c'], segments });
    expect(three.method).toBe('k-u-alpha');
    expect(three.overall.alpha).toBe(three.overall.kAlpha);
    expect(three.overall.pairs.map((p) => p.coders)).toEqual([
      ['a', 'b'],
      ['a', 'c'],
      ['b', 'c'],
    ]);
  });

  it('a coder’s overlapping segments of a code merge; touching ones stay two units', () => {
    expect(mergeOverlapping([5, 10, 0, 6, 10, 12, 20, 30, 22, 25])).toEqual([
      0, 10, 10, 12, 20, 30,
    ]);
    const input: AgreementInput = {
      documents: [doc],
      coders: ['a', 'b'],
      segments: [seg('a', 'x', 0, 6), seg('a', 'x', 5, 10), seg('b', 'x', 0, 10)],
    };
    expect(unitizedAlpha(input, 'x').uObserved).toBe(0);
  });

  it('segments are clamped to the document; other coders, documents and codes are left out', () => {
    const input: AgreementInput = {
      documents: [doc],
      coders: ['a', 'b'],
      segments: [
        seg('a', 'x', -5, 10),
        seg('b', 'x', 0, 10),
        seg('a', 'x', 95, 130),
        seg('b', 'x', 95, 100),
        seg('z', 'x', 40, 50),
        seg('a', 'x', 1, 2, 'elsewhere'),
      ],
    };
    expect(unitizedAlpha(input, 'x').uObserved).toBe(0);
    expect(agreementTable(input, { codes: ['y'] }).perCode.map((c) => c.code)).toEqual(['y']);
  });

  it('needs two coders, and a coder named once', () => {
    expect(() => agreementTable({ documents: [doc], coders: ['a'], segments: [] })).toThrow();
    expect(() => agreementTable({ documents: [doc], coders: ['a', 'a'], segments: [] })).toThrow();
  });
});

describe('pooling documents', () => {
  it('equals one concatenated continuum when no gap runs across the boundary', () => {
    // Every coder's units end at the first document's end and start the second document.
    const split: AgreementInput = {
      documents: [
        { id: 'd1', length: 50 },
        { id: 'd2', length: 60 },
      ],
      coders: ['a', 'b'],
      segments: [
        seg('a', 'x', 5, 20, 'd1'),
        seg('a', 'x', 40, 50, 'd1'),
        seg('b', 'x', 8, 20, 'd1'),
        seg('b', 'x', 45, 50, 'd1'),
        seg('a', 'x', 0, 10, 'd2'),
        seg('b', 'x', 0, 12, 'd2'),
        seg('b', 'x', 30, 41, 'd2'),
      ],
    };
    const joined: AgreementInput = {
      documents: [{ id: 'all', length: 110 }],
      coders: ['a', 'b'],
      segments: split.segments.map((s) => ({
        ...s,
        document: 'all',
        start: s.start + (s.document === 'd2' ? 50 : 0),
        end: s.end + (s.document === 'd2' ? 50 : 0),
      })),
    };
    const a = unitizedAlpha(split, 'x');
    const b = unitizedAlpha(joined, 'x');
    near(a.uAlpha, b.uAlpha!, 1e-12);
    near(a.kAlpha, b.kAlpha!, 1e-12);
  });

  it('(k)uα pools as concatenation even when gaps meet at the boundary; uα keeps them apart', () => {
    const split: AgreementInput = {
      documents: [
        { id: 'd1', length: 50 },
        { id: 'd2', length: 50 },
      ],
      coders: ['a', 'b'],
      segments: [
        seg('a', 'x', 5, 20, 'd1'),
        seg('b', 'x', 8, 20, 'd1'),
        seg('a', 'x', 30, 40, 'd2'),
        seg('b', 'x', 30, 44, 'd2'),
      ],
    };
    const joined: AgreementInput = {
      documents: [{ id: 'all', length: 100 }],
      coders: ['a', 'b'],
      segments: split.segments.map((s) => ({
        ...s,
        document: 'all',
        start: s.start + (s.document === 'd2' ? 50 : 0),
        end: s.end + (s.document === 'd2' ? 50 : 0),
      })),
    };
    near(unitizedAlpha(split, 'x').kAlpha, unitizedAlpha(joined, 'x').kAlpha!, 1e-12);
    expect(unitizedAlpha(split, 'x').uObserved).toBeCloseTo(
      unitizedAlpha(joined, 'x').uObserved,
      12,
    );
    expect(unitizedAlpha(split, 'x').uExpected).not.toBeCloseTo(
      unitizedAlpha(joined, 'x').uExpected,
      6,
    );
  });

  it('subsets: a document subset gives that document’s figures', () => {
    const input: AgreementInput = {
      documents: [
        { id: 'd1', length: 50 },
        { id: 'd2', length: 50 },
      ],
      coders: ['a', 'b'],
      segments: [
        seg('a', 'x', 5, 20, 'd1'),
        seg('b', 'x', 8, 20, 'd1'),
        seg('a', 'x', 30, 40, 'd2'),
      ],
    };
    const table = agreementTable(input, { bootstrapSamples: 0 });
    const alone = agreementTable(input, { documents: ['d1'], bootstrapSamples: 0 });
    expect(alone.overall.uAlpha).toBe(table.perDocument[0]!.uAlpha);
    expect(table.perCell.map((c) => [c.document, c.code])).toEqual([
      ['d1', 'x'],
      ['d2', 'x'],
    ]);
  });
});

describe('bootstrap', () => {
  const documents = Array.from({ length: 8 }, (_, i) => ({ id: `d${i}`, length: 200 }));
  const segments = documents.flatMap((d, i) => [
    seg('a', 'x', 10, 60, d.id),
    seg('b', 'x', 10 + i * 3, 60 - i, d.id),
    seg('a', 'y', 100, 120 + i, d.id),
    seg('b', 'y', 100, 120, d.id),
  ]);
  const input: AgreementInput = { documents, coders: ['a', 'b'], segments };

  it('is reproducible with a seed and brackets the estimate', () => {
    const one = agreementTable(input, { bootstrapSamples: 300, seed: 7 });
    const two = agreementTable(input, { bootstrapSamples: 300, seed: 7 });
    const other = agreementTable(input, { bootstrapSamples: 300, seed: 8 });
    expect(one.overall.ci).toEqual(two.overall.ci);
    expect(one.overall.ci).not.toEqual(other.overall.ci);
    for (const f of [one.overall, ...one.perCode]) {
      expect(f.ci!.low).toBeLessThanOrEqual(f.alpha!);
      expect(f.ci!.high).toBeGreaterThanOrEqual(f.alpha!);
      expect(f.ci!.validSamples).toBe(300);
    }
    expect(one.perDocument[0]!.ci).toBeNull();
  });

  it('the weighted uα (the resample’s path) equals uα over the documents repeated', () => {
    // Weights 2, 0, 1, … must give what the documents copied that many times give.
    const weights = [2, 0, 1, 0, 0, 3, 0, 2];
    const repeated: AgreementInput = {
      documents: documents.flatMap((d, i) =>
        Array.from({ length: weights[i]! }, (_, r) => ({ id: `${d.id}-${r}`, length: d.length })),
      ),
      coders: ['a', 'b'],
      segments: segments.flatMap((s) => {
        const i = Number(s.document.slice(1));
        return Array.from({ length: weights[i]! }, (_, r) => ({
          ...s,
          document: `${s.document}-${r}`,
        }));
      }),
    };
    const table = agreementTable(repeated, { bootstrapSamples: 0 });
    const prepared = prepareUnits(input, { codes: ['x', 'y'] });
    let observed = 0;
    let expected = 0;
    for (let k = 0; k < 2; k++) {
      const cells = prepared.documents.map((doc, d) =>
        cellStats(prepared.cells.get(cellKey(k, d, 8)), 2, doc.length),
      );
      const parts = unitizedDisagreements(cells, 2, weights, unitsInGapsMatrix(cells));
      observed += parts.observed;
      expected += parts.expected;
    }
    near(1 - observed / expected, table.overall.uAlpha!, 1e-12);
  });

  it('no interval with fewer than two documents or no samples', () => {
    expect(bootstrap(1, { samples: 100, seed: 1, level: 0.95 }, () => [1])).toBeNull();
    expect(bootstrap(5, { samples: 0, seed: 1, level: 0.95 }, () => [1])).toBeNull();
  });

  it('percentile interpolation', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4, 5], 0.025)).toBeCloseTo(1.1, 12);
  });
});

describe('interpret', () => {
  it('reads α as the literature does', () => {
    expect(interpret(0.8)).toBe('reliable');
    expect(interpret(0.95)).toBe('reliable');
    expect(interpret(0.7999)).toBe('tentative');
    expect(interpret(0.667)).toBe('tentative');
    expect(interpret(0.6669)).toBe('unreliable');
    expect(interpret(-0.5)).toBe('unreliable');
    expect(interpret(null)).toBe('undefined');
    expect(interpret(Number.NaN)).toBe('undefined');
  });
});

describe('disagreements', () => {
  it('clusters overlapping units; touching units are separate passages', () => {
    const found = disagreementsIn(
      'doc',
      'x',
      ['a', 'b', 'c'],
      [
        [0, 10, 20, 30, 50, 60],
        [0, 10, 22, 30, 60, 70],
        [0, 10, 20, 25, 26, 30],
      ],
    );
    expect(found.map((d) => [d.start, d.end, d.kind])).toEqual([
      [20, 30, 'boundaries'],
      [50, 60, 'missing'],
      [60, 70, 'missing'],
    ]);
    expect(found[0]!.coders[2]).toEqual({
      coder: 'c',
      ranges: [
        [20, 25],
        [26, 30],
      ],
    });
  });

  it('pairDistance walks both partitions (every intersecting pair once)', () => {
    // a: [1,9); b: [2,3) [4,5) [6,7) over 10 → DKPro's 9.1 × 10² / 100 = 91 (Do .91 × L²).
    expect(pairDistance([1, 9], [2, 3, 4, 5, 6, 7], 10)).toBe(91);
    expect(pairDistance([], [], 10)).toBe(0);
  });
});
