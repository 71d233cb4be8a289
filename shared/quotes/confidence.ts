import type { Attribution } from './attribution.ts';
import type { QuoteKind } from './types.ts';

/**
 * How sure the finder is of a speaker, from how it was found. An attribution right beside the
 * quotation that names someone (`"…," Reid said`) is near certain; one read through a pronoun
 * with a rival antecedent, a role, the sentence's subject or a guess from who spoke last is not.
 * The figures are ranks, tuned so that "unsure" falls on the readings that go wrong most often
 * on real news (see `npm run quote-eval`), not probabilities.
 */
const BY_SHAPE: Record<Attribution['shape'], number> = {
  'after-quote': 0.95,
  'according-to': 0.9,
  'before-quote': 0.88,
  continuation: 0.8,
  'previous-sentence': 0.78,
  'sentence-subject': 0.66,
};
const BY_VIA: Record<Attribution['via'], number> = {
  person: 1,
  organisation: 0.95,
  pronoun: 0.88,
  role: 0.82,
  // A capitalised word that is neither a known person nor an institution may be a place.
  word: 0.8,
};

/** Below this, a card says "speaker unsure" and offers its two best candidates. */
export const UNSURE_BELOW = 0.7;
/** What a guess from context (no attribution in reach) is worth: always unsure. */
export const GUESS_CONFIDENCE = 0.35;

export function confidenceOf(attribution: Attribution, kind: QuoteKind): number {
  if (!attribution.speaker) return 0;
  let c = BY_SHAPE[attribution.shape] * BY_VIA[attribution.via];
  // A pronoun with a close rival is a coin toss between them.
  if (attribution.doubt) c *= 1 - 0.45 * attribution.doubt;
  if (kind === 'partial') c *= 0.96;
  return Math.round(c * 100) / 100;
}
