import { bootstrap } from './bootstrap.ts';
import { type CellStats, cellStats } from './cell-stats.ts';
import { charactersOver } from './character-agreement.ts';
import { disagreementsIn } from './disagreements.ts';
import { interpret } from './interpret.ts';
import { intersectionDisagreements } from './intersection-alpha.ts';
import type {
  AgreementFigures,
  AgreementInput,
  AgreementOptions,
  AgreementTable,
  AlphaMethod,
  ConfidenceInterval,
  Disagreement,
} from './types.ts';
import {
  alphaOf,
  type Disagreements,
  unitizedDisagreements,
  unitsInGapsMatrix,
} from './unitized-alpha.ts';
import { cellKey, prepareUnits } from './units.ts';

export const DEFAULT_BOOTSTRAP_SAMPLES = 1000;
export const DEFAULT_SEED = 1;
export const DEFAULT_LEVEL = 0.95;

/** The headline coefficient: uα for two coders, the 2016 family's (k)uα for three or more. */
export function headlineMethod(coders: number): AlphaMethod {
  return coders === 2 ? 'u-alpha' : 'k-u-alpha';
}

/**
 * Agreement for any subset of codes and documents: overall, per code, per document and per
 * document × code, plus every disagreement for the report. Documents pool as one continuum
 * (unitized-alpha.ts); over several codes, observed and expected disagreements add up
 * (α = 1 − ΣDo / ΣDe, as DKPro and Krippendorff 2004 do over categories). The confidence
 * interval (overall and per code) resamples documents (bootstrap.ts).
 */
export function agreementTable(
  input: AgreementInput,
  options: AgreementOptions = {},
): AgreementTable {
  if (input.coders.length < 2) throw new Error('agreement: compare at least two coders');
  const prepared = prepareUnits(input, options);
  const { coders, codes, documents } = prepared;
  const m = coders.length;
  const D = documents.length;
  const method = headlineMethod(m);
  const samples = options.bootstrapSamples ?? DEFAULT_BOOTSTRAP_SAMPLES;
  const seed = options.seed ?? DEFAULT_SEED;
  const level = options.level ?? DEFAULT_LEVEL;

  // stats[k][d]: one code in one document. Documents where nobody used a code share one.
  const empty = documents.map((doc) => cellStats(undefined, m, doc.length));
  const stats: CellStats[][] = codes.map((_, k) =>
    documents.map((doc, d) => {
      const units = prepared.cells.get(cellKey(k, d, D));
      return units ? cellStats(units, m, doc.length) : empty[d]!;
    }),
  );

  const perCodeParts = stats.map((cells) => ({
    u: unitizedDisagreements(cells, m),
    k: intersectionDisagreements(cells, m),
  }));
  const figures = (
    parts: { u: Disagreements; k: Disagreements }[],
    cells: CellStats[],
    ci: ConfidenceInterval | null,
  ): AgreementFigures => {
    const u = sum(parts.map((p) => p.u));
    const kk = sum(parts.map((p) => p.k));
    const uAlpha = alphaOf(u);
    const kAlpha = alphaOf(kk);
    const alpha = method === 'u-alpha' ? uAlpha : kAlpha;
    const chars = charactersOver(cells, coders);
    return {
      alpha,
      method,
      reading: interpret(alpha),
      uAlpha,
      uObserved: u.observed,
      uExpected: u.expected,
      kAlpha,
      ci,
      percentAgreement: chars.percentAgreement,
      kappa: chars.kappa,
      pairs: chars.pairs,
      units: cells.reduce((n, c) => n + c.units, 0),
      characters: cells.reduce((n, c) => n + c.length, 0),
    };
  };

  // The interval of the headline α, overall and per code, from one set of resamples.
  const matrices =
    method === 'u-alpha' && samples > 0 && D >= 2
      ? stats.map((cells) => unitsInGapsMatrix(cells))
      : null;
  const intervals = bootstrap(D, { samples, seed, level }, (weights) => {
    const parts = stats.map((cells, k) =>
      method === 'u-alpha'
        ? unitizedDisagreements(cells, m, weights, matrices![k])
        : intersectionDisagreements(cells, m, weights),
    );
    return [alphaOf(sum(parts)), ...parts.map(alphaOf)];
  });

  const overall = figures(perCodeParts, stats.flat(), intervals?.[0] ?? null);
  const perCode = codes.map((code, k) => ({
    code,
    ...figures([perCodeParts[k]!], stats[k]!, intervals?.[k + 1] ?? null),
  }));
  const perCell = documents.flatMap((doc, d) =>
    codes.map((code, k) => {
      const cell = stats[k]![d]!;
      const parts = {
        u: unitizedDisagreements([cell], m),
        k: intersectionDisagreements([cell], m),
      };
      return { document: doc.id, code, ...figures([parts], [cell], null), parts };
    }),
  );
  const perDocument = documents.map((doc, d) => {
    const cells = perCell.slice(d * codes.length, (d + 1) * codes.length);
    return {
      document: doc.id,
      ...figures(
        cells.map((c) => c.parts),
        cells.map((_, k) => stats[k]![d]!),
        null,
      ),
    };
  });

  const disagreements: Disagreement[] = [];
  for (const [d, doc] of options.listDisagreements === false ? [] : documents.entries()) {
    const found: Disagreement[] = [];
    for (const [k, code] of codes.entries()) {
      const units = prepared.cells.get(cellKey(k, d, D));
      if (units) found.push(...disagreementsIn(doc.id, code, coders, units));
    }
    found.sort((a, b) => a.start - b.start || a.end - b.end);
    disagreements.push(...found);
  }

  return {
    coders,
    codes,
    documents: documents.map((d) => d.id),
    method,
    overall,
    perCode,
    perDocument,
    perCell: perCell.map(({ parts: _, ...rest }) => rest),
    disagreements,
    bootstrap: { samples, seed, level, resampled: 'documents' },
  };
}

function sum(parts: readonly Disagreements[]): Disagreements {
  let observed = 0;
  let expected = 0;
  for (const p of parts) {
    observed += p.observed;
    expected += p.expected;
  }
  return { observed, expected };
}
