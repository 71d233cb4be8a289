import type { Reading } from './types.ts';

/**
 * Krippendorff's thresholds (2004, Content Analysis, 2nd ed., p. 241; 2019, 4th ed., p. 356):
 * "rely only on variables with reliabilities above α = .800. Consider variables with
 * reliabilities between α = .667 and α = .800 only for drawing tentative conclusions."
 */
export const RELIABLE = 0.8;
export const TENTATIVE = 0.667;

export const READING_TEXT: Record<Reading, string> = {
  reliable: 'Reliable (α ≥ 0.800)',
  tentative: 'Tentative conclusions only (0.667 ≤ α < 0.800)',
  unreliable: 'Not reliable (α < 0.667)',
  undefined: 'Not defined: nothing here could disagree (no units, or no variation)',
};

/** The same, short, for table cells (the thresholds are stated above the table). */
export const READING_SHORT: Record<Reading, string> = {
  reliable: 'Reliable',
  tentative: 'Tentative only',
  unreliable: 'Not reliable',
  undefined: 'Undefined',
};

/** The thresholds' sentence, for printing beside the figures. */
export const THRESHOLDS_TEXT =
  'Krippendorff (2004, p. 241): rely on α ≥ 0.800; 0.667 ≤ α < 0.800 supports tentative conclusions only; below 0.667 the coding is not reliable.';

export function interpret(alpha: number | null): Reading {
  if (alpha === null || Number.isNaN(alpha)) return 'undefined';
  if (alpha >= RELIABLE) return 'reliable';
  if (alpha >= TENTATIVE) return 'tentative';
  return 'unreliable';
}
