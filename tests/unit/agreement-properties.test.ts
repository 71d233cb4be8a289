import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agreementTable } from '../../shared/agreement/table.ts';
import type {
  AgreementFigures,
  AgreementInput,
  CodedSegment,
} from '../../shared/agreement/types.ts';

const CODERS = ['ann', 'ben', 'cy', 'dee'];
const CODES = ['p', 'q', 'r'];

/** Two to four coders over one to three short documents, with random segments. */
const inputs = fc
  .record({
    coders: fc.integer({ min: 2, max: 4 }),
    lengths: fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 3 }),
    raw: fc.array(
      fc.record({
        coder: fc.nat(3),
        document: fc.nat(2),
        code: fc.nat(2),
        start: fc.nat(60),
        length: fc.integer({ min: 1, max: 25 }),
      }),
      { maxLength: 30 },
    ),
  })
  .map(({ coders, lengths, raw }): AgreementInput => {
    const documents = lengths.map((length, i) => ({ id: `d${i}`, length }));
    const segments: CodedSegment[] = raw.map((r) => ({
      coder: CODERS[r.coder % coders]!,
      document: `d${r.document % lengths.length}`,
      code: CODES[r.code]!,
      start: r.start,
      end: r.start + r.length,
    }));
    return { documents, coders: CODERS.slice(0, coders), segments };
  });

const OPTIONS = { codes: CODES, bootstrapSamples: 0 };

function close(a: number | null, b: number | null) {
  if (a === null || b === null) expect(a).toBe(b);
  else expect(Math.abs(a - b)).toBeLessThan(1e-9);
}

function sameFigures(a: AgreementFigures, b: AgreementFigures) {
  close(a.uAlpha, b.uAlpha);
  close(a.kAlpha, b.kAlpha);
  close(a.alpha, b.alpha);
  close(a.percentAgreement, b.percentAgreement);
  close(a.kappa, b.kappa);
}

describe('agreement properties', () => {
  it('α is 1 (or undefined) when every coder codes alike', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const first = input.segments.filter((s) => s.coder === input.coders[0]);
        const copied = input.coders.flatMap((coder) => first.map((s) => ({ ...s, coder })));
        const table = agreementTable({ ...input, segments: copied }, OPTIONS);
        for (const f of [table.overall, ...table.perCode, ...table.perDocument, ...table.perCell]) {
          for (const v of [f.alpha, f.uAlpha, f.kAlpha])
            if (v !== null) expect(v).toBeCloseTo(1, 12);
          if (f.percentAgreement !== null) expect(f.percentAgreement).toBe(100);
        }
        expect(table.disagreements).toEqual([]);
      }),
    );
  });

  it('is symmetric in the coders', () => {
    fc.assert(
      fc.property(inputs, fc.nat(), (input, shift) => {
        const turned = input.coders.map((_, i) => input.coders[(i + shift) % input.coders.length]!);
        const a = agreementTable(input, OPTIONS);
        const b = agreementTable({ ...input, coders: turned }, OPTIONS);
        sameFigures(a.overall, b.overall);
        for (const [i, f] of a.perCode.entries()) sameFigures(f, b.perCode[i]!);
        for (const [i, f] of a.perCell.entries()) sameFigures(f, b.perCell[i]!);
      }),
    );
  });

  it('does not change when codes are renamed', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const rename: Record<string, string> = { p: 'zeta', q: 'alpha', r: 'mu' };
        const renamed = input.segments.map((s) => ({ ...s, code: rename[s.code]! }));
        const a = agreementTable(input, OPTIONS);
        const b = agreementTable(
          { ...input, segments: renamed },
          { ...OPTIONS, codes: CODES.map((c) => rename[c]!) },
        );
        sameFigures(a.overall, b.overall);
        for (const [i, f] of a.perCode.entries()) sameFigures(f, b.perCode[i]!);
        expect(b.disagreements.length).toBe(a.disagreements.length);
      }),
    );
  });

  it('keeps κ and percent agreement in range, and counts every character once per pair', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const table = agreementTable(input, OPTIONS);
        for (const f of table.perCell) {
          for (const p of f.pairs) {
            expect(p.both + p.onlyFirst + p.onlySecond + p.neither).toBe(f.characters);
            if (p.percentAgreement !== null) {
              expect(p.percentAgreement).toBeGreaterThanOrEqual(0);
              expect(p.percentAgreement).toBeLessThanOrEqual(100);
            }
            if (p.kappa !== null) expect(p.kappa).toBeLessThanOrEqual(1 + 1e-12);
          }
        }
      }),
    );
  });
});
