import { cellStats } from './cell-stats.ts';
import { charactersOver } from './character-agreement.ts';
import { intersectionDisagreements } from './intersection-alpha.ts';
import { headlineMethod } from './table.ts';
import type { AgreementInput, AlphaMethod, PairAgreement } from './types.ts';
import { alphaOf, unitizedDisagreements } from './unitized-alpha.ts';
import { cellKey, prepareUnits } from './units.ts';

/** One code's cells, one per selected document. */
function codeCells(input: AgreementInput, code: string, documents?: readonly string[]) {
  const prepared = prepareUnits(input, { codes: [code], documents });
  const m = prepared.coders.length;
  const D = prepared.documents.length;
  const cells = prepared.documents.map((doc, d) =>
    cellStats(prepared.cells.get(cellKey(0, d, D)), m, doc.length),
  );
  return { cells, coders: prepared.coders };
}

export interface UnitizedAlpha {
  /** The headline: uα for two coders, (k)uα for three or more. */
  alpha: number | null;
  method: AlphaMethod;
  uAlpha: number | null;
  uObserved: number;
  uExpected: number;
  kAlpha: number | null;
}

/** Krippendorff's unitized α of one code over the documents (all by default), pooled. */
export function unitizedAlpha(
  input: AgreementInput,
  code: string,
  options: { documents?: readonly string[] } = {},
): UnitizedAlpha {
  if (input.coders.length < 2) throw new Error('agreement: compare at least two coders');
  const { cells, coders } = codeCells(input, code, options.documents);
  const u = unitizedDisagreements(cells, coders.length);
  const uAlpha = alphaOf(u);
  const kAlpha = alphaOf(intersectionDisagreements(cells, coders.length));
  const method = headlineMethod(coders.length);
  return {
    alpha: method === 'u-alpha' ? uAlpha : kAlpha,
    method,
    uAlpha,
    uObserved: u.observed,
    uExpected: u.expected,
    kAlpha,
  };
}

/** NVivo's percent agreement and Cohen's κ over characters for one code: every pair, and their mean. */
export function characterAgreement(
  input: AgreementInput,
  code: string,
  options: { documents?: readonly string[] } = {},
): { pairs: PairAgreement[]; percentAgreement: number | null; kappa: number | null } {
  if (input.coders.length < 2) throw new Error('agreement: compare at least two coders');
  const { cells, coders } = codeCells(input, code, options.documents);
  return charactersOver(cells, coders);
}
