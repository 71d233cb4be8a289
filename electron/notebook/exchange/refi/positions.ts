/**
 * Where REFI-QDA tools disagree: what a position counts. The specification (§10.2) counts Unicode
 * code points from 0, end exclusive, over the source file as it is; NVivo for Windows counts UTF-16
 * code units with a CR LF as two; ATLAS.ti counts a CR LF as one character. Each convention is a
 * way from a position to an index (UTF-16) in the raw text; the reader tries the producer's first
 * and keeps another only when it fits the text better.
 */
export type PositionConvention =
  | 'code-points'
  | 'utf16'
  | 'code-points-crlf-one'
  | 'utf16-crlf-one';

export const CONVENTION_LABELS: Record<PositionConvention, string> = {
  'code-points': 'Unicode code points (the specification)',
  utf16: 'UTF-16 units, a line end CR LF as two (NVivo for Windows)',
  'code-points-crlf-one': 'code points, a line end CR LF as one (ATLAS.ti)',
  'utf16-crlf-one': 'UTF-16 units, a line end CR LF as one',
};

/** The order to try conventions in for a producer (`origin`), its own first. */
export function conventionsFor(origin: string | null): PositionConvention[] {
  const o = (origin ?? '').toLowerCase();
  // Marginalia writes the specification's positions: a passage it wrote mid-word was chosen so.
  if (/^marginalia\b/.test(o)) return ['code-points'];
  if (o.includes('nvivo'))
    return ['utf16', 'code-points', 'utf16-crlf-one', 'code-points-crlf-one'];
  if (o.includes('atlas'))
    return ['code-points-crlf-one', 'code-points', 'utf16-crlf-one', 'utf16'];
  return ['code-points', 'utf16', 'code-points-crlf-one', 'utf16-crlf-one'];
}

/**
 * For one raw text, a function from a position in a convention to a UTF-16 index of the raw
 * text (null past its end). Built with one pass; positions are answered from a table.
 */
export function positionReader(
  raw: string,
  convention: PositionConvention,
): (position: number) => number | null {
  const codePoints = convention.startsWith('code-points');
  const crlfOne = convention.endsWith('crlf-one');
  if (!crlfOne && (!codePoints || !/[\uD800-\uDBFF]/.test(raw))) {
    return (p) => (p >= 0 && p <= raw.length ? p : null);
  }
  // index[k] = UTF-16 index where unit k (in this convention) starts.
  const index: number[] = [];
  for (let i = 0; i < raw.length; ) {
    index.push(i);
    const code = raw.charCodeAt(i);
    if (crlfOne && code === 0x0d && raw.charCodeAt(i + 1) === 0x0a) i += 2;
    else if (codePoints && code >= 0xd800 && code <= 0xdbff && i + 1 < raw.length) {
      const next = raw.charCodeAt(i + 1);
      i += next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
    } else i += 1;
  }
  index.push(raw.length);
  return (p) => (p >= 0 && p < index.length ? index[p]! : null);
}

const WORD = /[\p{L}\p{N}]/u;

/** A boundary inside a word (a letter or digit on both sides): a sign of the wrong convention. */
export function midWord(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return false;
  return WORD.test(text[at - 1]!) && WORD.test(text[at]!);
}

export interface RawSelection {
  start: number;
  end: number;
}

export interface ConventionFit {
  convention: PositionConvention;
  /** Selections whose ends both land in the text, as raw UTF-16 ranges (null: outside the text). */
  ranges: ({ start: number; end: number } | null)[];
  /** How many boundaries fell inside a word. */
  midWord: number;
  outside: number;
}

/**
 * The convention that fits a text's selections best: fewest selections outside the text, then
 * fewest ends inside a word; on a tie the producer's own (the first in `order`).
 */
export function bestFit(
  raw: string,
  selections: readonly RawSelection[],
  order: readonly PositionConvention[],
): ConventionFit {
  let best: ConventionFit | null = null;
  for (const convention of order) {
    const read = positionReader(raw, convention);
    let mid = 0;
    let outside = 0;
    const ranges = selections.map((s) => {
      const start = read(s.start);
      const end = read(s.end);
      if (start === null || end === null || end <= start) {
        outside++;
        return null;
      }
      if (midWord(raw, start)) mid++;
      if (midWord(raw, end)) mid++;
      return { start, end };
    });
    const fit = { convention, ranges, midWord: mid, outside };
    if (!best || outside < best.outside || (outside === best.outside && mid < best.midWord))
      best = fit;
    // Nothing to improve on: keep the producer's convention without trying the others.
    if (best.outside === 0 && best.midWord === 0) break;
  }
  return best!;
}
