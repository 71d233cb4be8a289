import type { AlphaMethod, ConfidenceInterval } from './types.ts';

/** How the writers print figures: fixed decimals, a real minus sign in HTML, '' for undefined. */
export function fixed(value: number | null, digits: number): string {
  return value === null || !Number.isFinite(value) ? '' : value.toFixed(digits);
}

/** For people: "0.553", "−0.926", "—" when undefined. */
export function shown(value: number | null, digits = 3): string {
  const text = fixed(value, digits);
  return text === '' ? '—' : text.replace(/^-/, '−');
}

export function shownInterval(ci: ConfidenceInterval | null): string {
  return ci ? `${shown(ci.low)} to ${shown(ci.high)}` : '—';
}

export const METHOD_NAME: Record<AlphaMethod, string> = {
  'u-alpha': 'Krippendorff’s uα',
  'k-u-alpha': 'Krippendorff’s (k)uα',
};
