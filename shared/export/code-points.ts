/**
 * Offsets in the stored model are UTF-16 code units (what DOM ranges and `String.slice` use);
 * the W3C Web Annotation model's TextPositionSelector counts Unicode code points (what
 * `[...text]` yields). The two differ by one for every character outside the Basic Multilingual
 * Plane (emoji, flags, some CJK) before the offset.
 *
 * Both converters scan the text once and then answer each offset with a binary search, so
 * exporting many quotes of one document costs one pass over its text. A text without surrogates
 * (the usual case) gets the identity and no scan beyond the check.
 *
 * A lone surrogate (a broken pair) counts as one code point, as it does for `[...text]`.
 */

/** Where each well-formed surrogate pair of `text` starts, in UTF-16 code units, ascending. */
function surrogatePairStarts(text: string): number[] {
  const starts: number[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xd800 || code > 0xdbff) continue;
    const next = text.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) {
      starts.push(i);
      i++;
    }
  }
  return starts;
}

/** How many of the ascending `values` are less than `limit`. */
function countBelow(values: readonly number[], limit: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const identity = (offset: number): number => offset;

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * A converter from UTF-16 offsets into `text` to code-point offsets: the number of whole code
 * points before the offset. An offset that splits a surrogate pair (which stored ranges never
 * do: they are snapped to code points) maps to the start of that pair's code point.
 */
export function codePointOffsets(text: string): (utf16Offset: number) => number {
  if (!SURROGATE.test(text)) return identity;
  const pairs = surrogatePairStarts(text);
  if (pairs.length === 0) return identity;
  // Every pair starting before the offset contributes two code units but one code point (a
  // pair the offset splits contributes one unit and no whole code point): subtract one each.
  return (offset) => offset - countBelow(pairs, offset);
}

/**
 * The inverse: a converter from code-point offsets into `text` to UTF-16 offsets (for reading a
 * W3C TextPositionSelector back into the stored model).
 */
export function utf16Offsets(text: string): (codePointOffset: number) => number {
  if (!SURROGATE.test(text)) return identity;
  const pairs = surrogatePairStarts(text);
  if (pairs.length === 0) return identity;
  // The i-th pair starts at code point pairs[i] - i; each pair before the offset adds a unit.
  const pairCodePoints = pairs.map((start, i) => start - i);
  return (offset) => offset + countBelow(pairCodePoints, offset);
}
