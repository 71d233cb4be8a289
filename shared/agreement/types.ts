/**
 * Input and output shapes of the agreement statistics (issue 20, "Team coding"). Offsets are
 * UTF-16 code units, `[start, end)`, as everywhere else in the notebook.
 */

/** One document: its own continuum of `length` characters. */
export interface AgreementDocument {
  id: string;
  length: number;
}

/** A passage one coder coded with one code. A highlight with three codes is three segments. */
export interface CodedSegment {
  coder: string;
  document: string;
  code: string;
  start: number;
  end: number;
}

export interface AgreementInput {
  documents: readonly AgreementDocument[];
  /** The coders compared, in the order the report lists them. At least two. */
  coders: readonly string[];
  /**
   * Segments of other coders or documents are ignored; ends are clamped to the document. A
   * coder's overlapping segments of one code merge into one unit (the coefficients assume a
   * coder's units of one value do not overlap); touching segments stay two units.
   */
  segments: readonly CodedSegment[];
}

export interface AgreementOptions {
  /** The codes to report (default: every code a segment uses, sorted). */
  codes?: readonly string[];
  /** The documents to pool (default: all, in input order). */
  documents?: readonly string[];
  /** Bootstrap resamples for the confidence interval; 0 for none. Default 1000. */
  bootstrapSamples?: number;
  /** Seed of the bootstrap's generator: the same seed gives the same interval. Default 1. */
  seed?: number;
  /** Confidence level of the interval. Default 0.95. */
  level?: number;
  /**
   * List every disagreement (the report, the CSV and the command line show them). Default true.
   * The Team view's figures leave the list out: it can run to hundreds of thousands of passages
   * in a big round, costs more than the figures themselves, and the view compares documents
   * itself (shared/rounds/compare.ts).
   */
  listDisagreements?: boolean;
}

/** Which coefficient a headline α is. */
export type AlphaMethod =
  /** Krippendorff's uα (1995; 2004, ch. 12): boundaries compared by squared differences. */
  | 'u-alpha'
  /** The 2016 family's per-code (k)uα: lengths of intersections as coincidences. */
  | 'k-u-alpha';

/** How the literature reads an α (Krippendorff 2004, p. 241). */
export type Reading = 'reliable' | 'tentative' | 'unreliable' | 'undefined';

export interface ConfidenceInterval {
  low: number;
  high: number;
  level: number;
  /** Resamples drawn, and those where α was defined (the interval uses these). */
  samples: number;
  validSamples: number;
  /** Share of resamples with α below 0.667 and below 0.800 (Hayes & Krippendorff's q). */
  belowTentative: number;
  belowReliable: number;
}

/** NVivo's coding comparison for one pair of coders, over characters. */
export interface PairAgreement {
  coders: [string, string];
  /** Characters coded by both, by the first only, by the second only, by neither. */
  both: number;
  onlyFirst: number;
  onlySecond: number;
  neither: number;
  /** (both + neither) / characters × 100, as NVivo shows it. Null with no characters. */
  percentAgreement: number | null;
  /** Cohen's κ; null when chance agreement is 1 (both coded everything, or nothing). */
  kappa: number | null;
  /** Scott's π, for comparison with Krippendorff (1995). */
  pi: number | null;
}

/** The figures for one scope: everything, a code, a document, or a document's code. */
export interface AgreementFigures {
  /** The headline: uα with two coders, (k)uα with three or more. Null when undefined. */
  alpha: number | null;
  method: AlphaMethod;
  reading: Reading;
  /** Krippendorff's uα (1995/2004), for any number of coders (pairs averaged, as DKPro). */
  uAlpha: number | null;
  /** uα's observed and expected disagreement (summed over the scope's codes). */
  uObserved: number;
  uExpected: number;
  /** The 2016 family's (k)uα (intersections as coincidences); over codes, their pooled sum. */
  kAlpha: number | null;
  /** Bootstrap interval of the headline α (overall and per code only; see bootstrap.ts). */
  ci: ConfidenceInterval | null;
  /** Mean over the coder pairs of NVivo's percent agreement and κ (the pair's for two). */
  percentAgreement: number | null;
  kappa: number | null;
  pairs: PairAgreement[];
  /** Units compared (after merging a coder's overlapping segments) and characters pooled. */
  units: number;
  characters: number;
}

export interface CodeFigures extends AgreementFigures {
  code: string;
}

export interface DocumentFigures extends AgreementFigures {
  document: string;
}

export interface CellFigures extends AgreementFigures {
  document: string;
  code: string;
}

/** A passage where the coders differ on one code: one cluster of overlapping units. */
export interface Disagreement {
  document: string;
  code: string;
  /** The cluster: from the first unit's start to the last unit's end. */
  start: number;
  end: number;
  /** `missing`: some coder coded nothing here; `boundaries`: all did, with different ends. */
  kind: 'missing' | 'boundaries';
  /** Every coder, in input order, with the ranges they coded in the cluster (maybe none). */
  coders: { coder: string; ranges: [number, number][] }[];
}

export interface AgreementTable {
  coders: string[];
  codes: string[];
  documents: string[];
  method: AlphaMethod;
  overall: AgreementFigures;
  perCode: CodeFigures[];
  perDocument: DocumentFigures[];
  perCell: CellFigures[];
  /** Every disagreement, by document then position; empty when `listDisagreements` was false. */
  disagreements: Disagreement[];
  bootstrap: { samples: number; seed: number; level: number; resampled: 'documents' };
}
