import type { TextPositionSelector, TextQuoteSelector } from '../model.ts';

/** Characters of context kept on each side of a quote (as in the Hypothesis client). */
export const CONTEXT_LENGTH = 32;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * Widen a range so it never splits a surrogate pair (an emoji, say): a quote must be valid text
 * on its own, and the two halves of a pair mean nothing apart.
 */
export function snapToCodePoints(text: string, start: number, end: number): [number, number] {
  let s = Math.max(0, Math.min(start, text.length));
  let e = Math.max(s, Math.min(end, text.length));
  if (s > 0 && isLowSurrogate(text.charCodeAt(s)) && isHighSurrogate(text.charCodeAt(s - 1))) s--;
  if (
    e < text.length &&
    isLowSurrogate(text.charCodeAt(e)) &&
    isHighSurrogate(text.charCodeAt(e - 1))
  )
    e++;
  return [s, e];
}

/** Both selectors for a range of a document's text. */
export function describeRange(
  text: string,
  start: number,
  end: number,
): { position: TextPositionSelector; quote: TextQuoteSelector } {
  const [s, e] = snapToCodePoints(text, start, end);
  const [prefixStart] = snapToCodePoints(text, s - CONTEXT_LENGTH, s);
  const [, suffixEnd] = snapToCodePoints(text, e, e + CONTEXT_LENGTH);
  return {
    position: { type: 'TextPositionSelector', start: s, end: e },
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(s, e),
      prefix: text.slice(prefixStart, s),
      suffix: text.slice(e, suffixEnd),
    },
  };
}
